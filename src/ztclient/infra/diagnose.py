"""``diagnose``: one zip a clerk can send to support, with nothing personal in it.

What goes in: program and library versions, the platform, the data folder's file names, sizes
and modes, the key file's parameters (never its ciphertexts), whether unlocking worked (or its
error code), the schema version, record counts, the audit chain's shape, the ``verify``
result, and the log files. Every text passes :func:`logbook.redact` on the way in, so an ID
number, a phone number or a Chinese name that slipped into a log line or a file name is gone.
The zip is written atomically and is the owner's only (0600).
"""

from __future__ import annotations

import io
import json
import platform
import sys
import zipfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from ztclient.__about__ import VERSION
from ztclient.infra import logbook
from ztclient.infra.layout import KEY_FILE, folder_state
from ztclient.infra.os_errors import os_errors
from ztprotocol.atomic import atomic_write

README = """ztclient 诊断包 / support bundle

本文件供技术支持排查问题使用，只含程序版本、数据文件夹的文件名和大小、密钥文件的参数、
记录条数、数据检查结果和运行日志；不含任何党员信息（姓名、身份证号码、电话、住址等）,
也不含口令和密钥。日志中的中文和长串数字在写入时已被去除。

Versions, file names and sizes, key file parameters, record counts, the verify result and the
program's log. No personal data, no passphrase, no key: Chinese text and long digit runs are
removed from every line.
"""

_LIBRARIES = ("sqlcipher3", "cryptography", "PySide6", "openpyxl", "xlsxwriter", "reportlab")


def _versions() -> dict[str, Any]:
    out: dict[str, Any] = {
        "ztclient": VERSION,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _folder(data_dir: Path) -> dict[str, Any]:
    files = []
    if data_dir.is_dir():
        for p in sorted(data_dir.rglob("*")):
            try:
                st = p.lstat()
            except OSError:
                continue
            files.append(
                {
                    "name": logbook.redact(str(p.relative_to(data_dir))),
                    "kind": "dir" if p.is_dir() else "file",
                    "size": st.st_size if p.is_file() else None,
                    "mode": oct(st.st_mode & 0o777),
                }
            )
    return {"state": folder_state(data_dir), "files": files}


def _keyfile(data_dir: Path) -> dict[str, Any]:
    from ztclient.domain.errors import DomainError
    from ztclient.infra.crypto.keyfile import KeyFile, WrapSlot

    try:
        kf = KeyFile.load(data_dir / KEY_FILE, allow_weak=True)
    except DomainError as err:
        return {"error": err.code}
    slots = {}
    for name, slot in kf.slots.items():
        if isinstance(slot, WrapSlot):
            slots[name] = {"kdf": "argon2id", "m": slot.kdf.m, "t": slot.kdf.t, "p": slot.kdf.p}
        else:
            slots[name] = {"hpke": True}
    return {"slots": slots, "weak": kf.weak_ok}


def _unit(session: Any) -> dict[str, Any]:
    store = session.store
    audit = store.read_one(
        "SELECT count(*) AS entries, coalesce(max(seq), 0) AS last, "
        "coalesce(max(epoch), 0) AS epoch FROM audit"
    )
    anchor = store.read_one("SELECT seq, anchored_at FROM audit_anchor WHERE id = 1")
    from ztclient.infra.db import migrations

    return {
        "schema": store.schema_version,
        "latest_schema": migrations.latest(),
        "counts": session.counts(),
        "audit": {**(audit or {}), "anchor": anchor},
        "cipher_version": store.scalar("PRAGMA cipher_version"),
        "page_mac": store.page_mac,
        "sqlite_version": store.scalar("SELECT sqlite_version()"),
        "verify": [logbook.redact(line) for line in session.verify()],
    }


def write_support_zip(
    out: Path, data_dir: Path, session: Any = None, unlock_error: str | None = None
) -> dict[str, Any]:
    """Write the support zip to ``out``; returns its summary (what ``summary.json`` holds)."""
    out, data_dir = Path(out), Path(data_dir)
    summary: dict[str, Any] = {
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": _versions(),
        "data_folder": _folder(data_dir),
        "keyfile": _keyfile(data_dir),
        "unlock": unlock_error or ("ok" if session is not None else "not tried"),
    }
    if session is not None:
        summary["unit"] = _unit(session)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", README)
        z.writestr("summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
        for path in logbook.log_files(data_dir):
            text = path.read_bytes().decode("utf-8", errors="replace")
            z.writestr(f"logs/{path.name}", logbook.redact(text))
    with os_errors(out):
        atomic_write(out, buf.getvalue(), mode=0o600)
    return summary
