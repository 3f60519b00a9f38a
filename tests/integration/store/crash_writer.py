"""The writer of the crash test: commits edits in a loop and reports each outbox seq after COMMIT.

Run in a forkserver child (modules preloaded, so a round costs milliseconds, not an import) and
killed with SIGKILL by the test at a random moment.
"""

from __future__ import annotations

from pathlib import Path

from ztclient.domain import idnumber
from ztclient.infra.db.store import open_database
from ztclient.services.ports import SystemClock
from ztclient.services.session import Session


def run(data_dir: str, dek_hex: str, conn) -> None:
    session = Session(open_database(Path(data_dir), bytearray.fromhex(dek_hex)), SystemClock())
    branch = session.store.get_meta("test_branch_id")
    n = int(session.store.scalar("SELECT count(*) FROM members"))
    conn.send("ready")
    while True:
        n += 1
        first17 = f"110105198001{(n % 28) + 1:02d}{n % 1000:03d}"
        member_id, _ = session.members.add(
            {
                "org_id": branch,
                "name": f"写入{n}",
                "gender": "1" if int(first17[-1]) % 2 else "2",
                "id_number": first17 + idnumber.check_char(first17) if n < 1000 else None,
                "category": "full",
                "join_date": "2001-07-01",
                "full_member_date": "2002-07-01",
            }
        )
        if n % 3 == 0:
            session.members.update(member_id, {"phone": f"138{n:08d}"}, 1)
        conn.send(int(session.store.scalar("SELECT max(seq) FROM outbox")))
