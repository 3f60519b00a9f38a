"""The data folder: config, keys, trust file, admin token, blobs, SQLite database.

```
DATA/config.json   {"db": "sqlite:///DATA/central.db" | "postgresql://…", "server_url": …,
                    "timezone": "Asia/Shanghai" (the committee's zone, ztcentral.localtime)}
DATA/keys/         root.key (move offline after init), online.key (sign + enc)
DATA/admin.token   bearer token for /v1/admin/*
DATA/blobs/        content-addressed bundles (or an S3 bucket: docs/central-deployment.md)
```
``ZTCENTRAL_DB`` overrides the database URL (handy for app nodes sharing one PostgreSQL).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from ztcentral import localtime, private
from ztcentral.blobs import FileBlobStore
from ztcentral.db import Database
from ztcentral.keys import ServerKeys
from ztcentral.limits import Limits
from ztcentral.service import Central
from ztcentral.storage import init_schema, meta_get, meta_set


def default_data_dir() -> Path:
    return Path(os.environ.get("ZTCENTRAL_DATA_DIR", "ztcentral-data"))


def init_data_dir(data_dir: Path, *, db_url: str | None = None, server_url: str = "") -> Central:
    """Create keys, schema and trust file v1; safe to re-run (never replaces existing keys)."""
    data_dir.mkdir(mode=private.DIR_MODE, parents=True, exist_ok=True)
    cfg_path = data_dir / "config.json"
    if not cfg_path.exists():
        cfg = {
            "db": db_url or f"sqlite:///{(data_dir / 'central.db').resolve()}",
            "server_url": server_url,
            "max_bundle": 8 * 1024 * 1024,
        }
        private.write_private(cfg_path, json.dumps(cfg, indent=2).encode())  # may hold a DSN
    keys_dir = data_dir / "keys"
    if not (keys_dir / "online.key").exists():
        ServerKeys.generate().save(keys_dir)
    token = data_dir / "admin.token"
    if not token.exists():
        private.write_private(token, secrets.token_urlsafe(32).encode())
    central = open_central(data_dir, db_url=db_url)
    with central.db.tx() as tx:
        have = meta_get(tx, "trust")
    if have is None:
        trust = central.keys.make_trust(1, server_url=server_url)
        with central.db.tx() as tx:
            meta_set(tx, "trust", trust.decode("utf-8"))
            meta_set(tx, "trust_version", "1")
    return central


def open_central(data_dir: Path, *, db_url: str | None = None, migrate: bool = True) -> Central:
    """The server over this data folder; pending schema migrations are applied first (each in
    its own transaction, see ztcentral.schema) unless ``migrate=False``."""
    cfg = json.loads((data_dir / "config.json").read_text())
    url = db_url or os.environ.get("ZTCENTRAL_DB") or cfg["db"]
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_absolute():
        url = f"sqlite:///{(data_dir / url.removeprefix('sqlite:///')).resolve()}"
    private.narrow(data_dir)
    if url.startswith("sqlite:///"):
        private.touch_private(Path(url.removeprefix("sqlite:///")))
    localtime.configure(cfg.get("timezone"), source=str(data_dir / "config.json"))
    localtime.check()  # a typo stops the server and every command here, named (E_TIMEZONE)
    db = Database(url)
    if migrate:
        init_schema(db)
    return Central(
        db,
        FileBlobStore(data_dir / "blobs"),
        ServerKeys.load(data_dir / "keys"),
        max_bundle=int(cfg.get("max_bundle", 8 * 1024 * 1024)),
        limits=Limits.from_config(cfg.get("limits")),
    )


def admin_token(data_dir: Path) -> str:
    return (data_dir / "admin.token").read_text().strip()
