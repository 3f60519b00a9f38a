"""Run the program's writers against a full file system and report what happened (JSON).

Started by test_disk_errors.py inside a private mount namespace (``unshare -m``) with a small
tmpfs mounted at ROOT, so the disk is really full (ENOSPC from the kernel, no mocks) and the
mount disappears with the process. Usage:

    diskfull_driver.py ROOT UNIT_OUTSIDE UNIT_TO_COPY MEETING_ID PASSPHRASE

UNIT_OUTSIDE is a unit on the normal disk (exports, prints and backups write *to* ROOT);
UNIT_TO_COPY is copied into ROOT for the writes whose data folder is on the full disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT, OUTSIDE, TO_COPY, MEETING, PASSPHRASE = sys.argv[1:6]
ROOT_P = Path(ROOT)
FILLER = ROOT_P / "filler"


def fill() -> None:
    """Write until the kernel says ENOSPC: the disk is full to the last page."""
    with open(FILLER, "ab", buffering=0) as f:
        block = b"\0" * 65536
        try:
            while True:
                f.write(block)
        except OSError:
            pass
        for size in (4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue


def free() -> None:
    FILLER.unlink(missing_ok=True)


def cli(data_dir: str | Path, *args: str, **env: str) -> dict:
    r = subprocess.run(
        [sys.executable, "-c", "from ztclient.bootstrap import cli_main; cli_main()",
         "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env={**os.environ, "ZTCLIENT_PASSPHRASE": PASSPHRASE, **env},
        timeout=300,
    )  # fmt: skip
    return {"rc": r.returncode, "stderr": r.stderr[-2000:], "stdout": r.stdout[-500:]}


def listing(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "filler" and "logs" not in p.parts  # the log may grow
    }


def main() -> None:
    out: dict[str, dict] = {}
    inside = ROOT_P / "data"
    shutil.copytree(TO_COPY, inside)
    fill()
    before = listing(ROOT_P)

    out["passwd"] = cli(inside, "passwd", ZTCLIENT_NEW_PASSPHRASE="另一个足够长的口令 123")
    out["export"] = cli(OUTSIDE, "export", "roster", "--out", f"{ROOT}/roster.xlsx")
    out["print"] = cli(OUTSIDE, "print", "minutes", MEETING, "--out", f"{ROOT}/minutes.pdf")
    out["backup"] = cli(OUTSIDE, "backup", "--out", f"{ROOT}/backup.ztbak")
    out["init"] = cli(ROOT_P / "new", "init", "--unit-name", "新单位", "--unit-code", "9")
    out["after_writes"] = {"same": listing(ROOT_P) == before, "files": sorted(listing(ROOT_P))}

    # a change to the database itself while its disk is full (opened with room, then filled)
    free()
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))
    from ztclient.bootstrap import App
    from ztclient.domain.errors import DomainError

    app = App(inside)
    session = app.unlock(PASSPHRASE)
    count = session.counts()["members_all"]
    last_op = session.store.scalar("SELECT coalesce(max(seq), 0) FROM outbox")
    fill()
    try:
        branch = session.store.scalar("SELECT id FROM orgs WHERE kind = 'branch' LIMIT 1")
        for i in range(200):  # enough to outgrow the pages SQLite already holds
            session.members.add(
                {"org_id": branch, "name": f"新人{i}", "gender": "1", "category": "applicant",
                 "note": "备注" * 400}
            )  # fmt: skip
        out["db_write"] = {"code": None}
    except DomainError as err:
        out["db_write"] = {"code": err.code}
    free()
    added = session.counts()["members_all"] - count
    ops = session.store.scalar(
        "SELECT count(*) FROM outbox WHERE seq > ? AND entity = 'member'", (last_op,)
    )
    out["db_after"] = {"problems": session.verify(), "added": added, "ops": ops}
    session.close()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
