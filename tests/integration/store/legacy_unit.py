"""A unit as round 1 left it: schema 4, and an audit chain of plain SHA-256 links.

Built the way the round-1 journal wrote it (the formula is repeated here on purpose, so the
test does not depend on the code it checks), to prove the keyed chain carries it over.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.helpers import PASSPHRASE

from ztclient.infra.crypto.keyfile import KeyFile
from ztclient.infra.db import page_mac
from ztclient.infra.db import store as db

ROUND1_SCHEMA = 4


def _canon(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def legacy_link(entry: dict, prev: str) -> str:
    return hashlib.sha256(b"ZTA1" + _canon(entry) + prev.encode()).hexdigest()


def make_legacy_unit(data_dir: Path, monkeypatch, n_ops: int = 3) -> None:
    """Key file + a schema-4 database with ``n_ops`` org ops and a reveal, chained unkeyed."""
    data_dir.mkdir(parents=True)
    keyfile, dek, _code = KeyFile.create(PASSPHRASE)
    keyfile.save(data_dir / "keyfile.json")
    conn = db._connect(db.database_path(data_dir), dek, check=False, mac=page_mac.SHA512)
    store = db.Store(conn, db.database_path(data_dir))
    store.migrate(upto=ROUND1_SCHEMA)
    prev = "0" * 64
    with store.transaction() as tx:
        for k, v in {
            "unit_code": "3301060001",
            "unit_name": "旧单位",
            "device_id": "dev-1",
        }.items():
            tx.set_meta(k, v)
        for i in range(1, n_ops + 2):
            ts = f"2025-01-0{i}T08:00:00.000000Z"
            if i <= n_ops:
                op = {
                    "seq": i,
                    "op_id": f"0190000{i}-0000-7000-8000-000000000000",
                    "entity": "org",
                    "record_id": f"org-{i}",
                    "op": "create",
                    "base_version": None,
                    "fields": _canon({"name": f"支部{i}"}).decode(),
                    "created_at": ts,
                }
                tx.insert("outbox", {**op, "sync_state": "pending", "bundle_id": None})
                action, obj, digest = "org.create", f"org:org-{i}", hashlib.sha256(_canon(op))
            else:
                action, obj, digest = "member.reveal", "member:m-1", hashlib.sha256(_canon({}))
            entry = {
                "seq": i,
                "ts": ts,
                "actor": "clerk",
                "action": action,
                "object": obj,
                "digest": digest.hexdigest(),
            }
            h = legacy_link(entry, prev)
            tx.insert("audit", {**entry, "prev": prev, "hash": h})
            prev = h
    store.checkpoint()
    store.close()
    dek[:] = bytes(len(dek))
