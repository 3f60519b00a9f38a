"""ztcentral's numbered migrations on SQLite and PostgreSQL: a fresh database, an upgrade from
a database made by the schema-1 code (tests/fixtures/ztcentral_v1, made on that code), and a
device enrolled before the upgrade that goes on syncing after it; a newer schema refused; a
failing migration leaving nothing half-done; two nodes migrating at once."""

from __future__ import annotations

import base64
import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from tests.integration.central.zc_helpers import Device

from ztcentral import schema
from ztcentral.config import open_central
from ztcentral.db import Database
from ztcentral.errors import CentralError
from ztprotocol.bundle import bundle_hash
from ztprotocol.keys import DeviceKeys
from ztprotocol.trust import parse_trust

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "ztcentral_v1"


def v1_data_dir(tmp_path: Path, db_url: str | None) -> Path:
    """A copy of the schema-1 data folder; on PostgreSQL its rows are loaded into a database
    made with the DDL the schema-1 code executed there."""
    data = tmp_path / "central"
    shutil.copytree(FIXTURE / "data", data)
    if db_url is None:
        return data
    import psycopg

    src = sqlite3.connect(data / "central.db")
    src.row_factory = sqlite3.Row
    with psycopg.connect(db_url, autocommit=False) as conn:
        ddl = (FIXTURE / "schema_v1.postgresql.sql").read_text("utf-8")
        for stmt in ddl.split(";"):  # exactly how the schema-1 code ran it
            if stmt.strip():
                conn.execute(stmt)
        tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in src.execute(f"SELECT * FROM {table}"):
                cols = ", ".join(row.keys())
                marks = ", ".join(["%s"] * len(row.keys()))
                conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row))
    cfg = json.loads((data / "config.json").read_text())
    cfg["db"] = db_url
    (data / "config.json").write_text(json.dumps(cfg))
    return data


def device_from_fixture() -> tuple[Device, dict]:
    state = json.loads((FIXTURE / "device.json").read_text("utf-8"))
    dev = Device(state["unit"], device_id=state["device_id"])
    dev.keys = DeviceKeys.from_bytes(state["keys"].encode())
    dev.trust = parse_trust(state["trust"].encode())[0]
    dev.seq, dev.prev = state["seq"], state["prev"]
    dev.down_seq, dev.down_prev = state["down_seq"], state["down_prev"]
    dev.sent = dict(state["sent"])
    return dev, state


def test_migration_files_follow_the_rules():
    labels = [m.label for m in schema.MIGRATIONS]
    assert labels[0] == "001_initial" and len(labels) == schema.LATEST
    assert [m.version for m in schema.MIGRATIONS] == list(range(1, schema.LATEST + 1))
    for m in schema.MIGRATIONS:
        assert schema.split_sqlite(m.sql["sqlite"]), m.label
        assert "?" not in m.sql["postgresql"] and "%s" not in m.sql["postgresql"]


def test_split_keeps_semicolons_inside_literals_and_triggers():
    script = (
        "-- a comment; with a semicolon\n"
        "CREATE TABLE t (a TEXT DEFAULT 'x;y');\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 'z;'; END;\n"
    )
    parts = schema.split_sqlite(script)
    assert len(parts) == 2 and parts[1].endswith("END;")


def test_fresh_database_is_at_the_latest_schema(central):
    assert schema.current_version(central.db) == schema.LATEST
    rows = schema.history(central.db)
    assert [r["how"] for r in rows] == ["applied"] * schema.LATEST
    assert schema.migrate(central.db) == [] and schema.pending(central.db) == []


def test_upgrade_from_a_schema_1_database_and_sync_on(tmp_path, db_url):
    data = v1_data_dir(tmp_path, db_url)
    before = open_central(data, migrate=False)
    assert schema.current_version(before.db) == 1
    assert schema.pending(before.db) == [m.label for m in schema.MIGRATIONS[1:]]
    central = open_central(data)  # migrates
    rows = schema.history(central.db)
    assert [(r["version"], r["how"]) for r in rows] == [(1, "recognised")] + [
        (m.version, "applied") for m in schema.MIGRATIONS[1:]
    ]
    # everything the schema-1 server held is still there
    dev, state = device_from_fixture()
    hs = central.handshake(dev.device_id)["device"]
    assert (hs["watermark"], hs["held"], hs["down_seq"]) == (4, [[6, 6]], 1)
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM records WHERE unit = 'U001'") == 3
        assert tx.scalar("SELECT count(*) AS n FROM quarantine") == 1
        phone = json.loads(tx.scalar("SELECT data FROM records WHERE id = 'm1'"))["phone"]
        assert phone == "13800000000"
    # the device enrolled before the upgrade sends the missing bundle: it applies, and the
    # bundle held since before the upgrade is released behind it
    missing = base64.b64decode(state["missing_bundle"])
    out = central.process(missing)
    assert out.status == "applied" and len(out.also_applied) == 1
    assert dev.verify(out.receipt, missing, min_watermark=4).watermark == 5
    assert central.handshake(dev.device_id)["device"]["watermark"] == 6
    nxt = dev.seal(dev.next_ops([("member", "m5", "create", {"name": "孙七"})]))
    assert central.process(nxt).status == "applied"
    assert dev.verify(central.process(nxt).receipt, nxt).watermark == 7
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM records WHERE entity = 'member'") == 5
    # and its downlink chain continues from where the schema-1 server left it
    from ztcentral.downlink import fetch_down

    central.add_down_item("U001", "notice", {"title": "升级以后的通知"})
    _, items = dev.open_down(fetch_down(central, dev.device_id, 1))
    assert [i["body"]["title"] for i in items] == ["升级以后的通知"]
    assert bundle_hash(missing) in dev.sent


def test_a_newer_schema_is_refused(central_dir, central):
    with central.db.tx() as tx:
        tx.run(
            "INSERT INTO schema_migrations (version, name, applied_at, how) "
            "VALUES ($1, 'from_the_future', 'x', 'applied')",
            (schema.LATEST + 1,),
        )
    with pytest.raises(CentralError) as exc:
        open_central(central_dir)
    assert exc.value.code == "E_SCHEMA_NEWER" and exc.value.params["known"] == schema.LATEST
    assert "高于" in exc.value.text()


def test_a_failing_migration_leaves_nothing_half_done(central, monkeypatch):
    bad = schema.Migration(
        schema.LATEST + 1,
        "broken",
        {
            kind: "CREATE TABLE half_done (a TEXT);\nINSERT INTO no_such_table VALUES (1);\n"
            for kind in ("sqlite", "postgresql")
        },
    )
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, bad])
    monkeypatch.setattr(schema, "LATEST", schema.LATEST + 1)
    with pytest.raises(Exception, match="no_such_table"):
        schema.migrate(central.db)
    with central.db.tx() as tx:
        assert not tx.table_exists("half_done")
    monkeypatch.undo()
    assert schema.current_version(central.db) == schema.LATEST


def test_two_nodes_migrating_at_once_apply_each_step_once(tmp_path, db_url):
    url = db_url or f"sqlite:///{tmp_path / 'race.db'}"
    results: list[list[str] | Exception] = []

    def node() -> None:
        try:
            results.append(schema.migrate(Database(url)))
        except Exception as exc:  # pragma: no cover - reported by the assert below
            results.append(exc)

    threads = [threading.Thread(target=node) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not [r for r in results if isinstance(r, Exception)], results
    applied = sorted(label for r in results for label in r)  # type: ignore[union-attr]
    assert applied == [m.label for m in schema.MIGRATIONS]
    assert [r["version"] for r in schema.history(Database(url))] == list(
        range(1, schema.LATEST + 1)
    )


def test_cli_migrate_check_and_apply(tmp_path, db_url, capsys):
    from ztcentral.cli import main

    data = v1_data_dir(tmp_path, db_url)
    todo = [m.label for m in schema.MIGRATIONS[1:]]
    assert main(["--data-dir", str(data), "migrate", "--check"]) == (1 if todo else 0)
    out = capsys.readouterr().out
    assert all(f"pending: {label}" in out for label in todo) and "schema 1 of" in out
    assert main(["--data-dir", str(data), "migrate"]) == 0
    out = capsys.readouterr().out
    assert all(f"applied: {label}" in out for label in todo) and "up to date" in out
    assert main(["--data-dir", str(data), "migrate", "--check"]) == 0
    assert main(["--data-dir", str(data), "status"]) == 0
    assert f"schema {schema.LATEST} of {schema.LATEST}" in capsys.readouterr().out
    with Database(open_central(data, migrate=False).db.url).tx() as tx:
        tx.run("INSERT INTO schema_migrations VALUES (99, 'x', 'x', 'applied')")
    assert main(["--data-dir", str(data), "status"]) == 5
    assert "E_SCHEMA_NEWER" in capsys.readouterr().err


def test_ztcentral_sql_uses_numbered_parameters():
    """`?` and `%s` fail on one database or the other at run time; this says so at once for
    every query in ztcentral, including paths a test may not reach."""
    import ast
    import re

    sql = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.I)
    root = Path(schema.__file__).parent
    bad = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if sql.match(text) and ("?" in text or "%s" in text):
                    bad.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not bad, f"use $1, $2 … (ztcentral/db.py): {bad}"
