"""The data folder's file names, and its state read from the files alone.

Kept free of heavy imports: the program asks "first run or unlock?" before it loads any crypto.
"""

from __future__ import annotations

from pathlib import Path

DB_FILE = "ztclient.db"
KEY_FILE = "keyfile.json"
SETTINGS_FILE = "settings.json"
REKEY_DIR = ".rekey"  # a rekey being prepared (infra/rekey.py)
REKEY_READY = "READY"  # ... and committed: the open path completes it first


def folder_state(data_dir: Path) -> str:
    """ "empty" (first run), "ready" (key file and database present) or "incomplete"."""
    if (Path(data_dir) / REKEY_DIR / REKEY_READY).exists():
        return "ready"  # a committed rekey: unlocking completes it
    has_key = (Path(data_dir) / KEY_FILE).exists()
    has_db = (Path(data_dir) / DB_FILE).exists()
    if not has_key and not has_db:
        return "empty"
    return "ready" if has_key and has_db else "incomplete"
