"""A None bound by the store is SQL NULL, through the registered adapter (store.py): sqlcipher3
without it binds each None through the adaptation protocol's failed lookups, 1.7 µs a NULL, and
a member row binds ~40 of them (docs/architecture.md, "What an edit writes")."""

from __future__ import annotations

import sqlcipher3

from ztclient.infra.db import store as store_module


def test_none_has_its_adapter():
    assert (
        sqlcipher3.adapters.get((type(None), sqlcipher3.PrepareProtocol)) is store_module._as_null
    )


def test_none_is_stored_as_null(tmp_path):
    from ztclient.bootstrap import App

    session, _ = App(tmp_path / "data").create_unit(
        "中共空值测试支部委员会", "NULL01", "空值-测试-口令-2026"
    )
    try:
        branch, _ = session.orgs.add({"name": "第一党支部", "kind": "branch"})
        member_id, _ = session.members.add(
            {
                "org_id": branch,
                "name": "张三",
                "gender": "1",
                "category": "full",
                "join_date": "2001-07-01",
                "full_member_date": "2002-07-01",
            }
        )
        row = session.store.read_one(
            "SELECT typeof(phone) AS phone, typeof(id_number) AS id_number, typeof(name) AS name "
            "FROM members WHERE id = ?",
            (member_id,),
        )
        assert row == {"phone": "null", "id_number": "null", "name": "text"}
        assert session.store.scalar("SELECT count(*) FROM members WHERE phone IS NULL") == 1
        with session.store.transaction() as tx:
            tx.executemany("UPDATE members SET phone = ? WHERE id = ?", [(None, member_id)])
        assert (
            session.store.scalar("SELECT typeof(phone) FROM members WHERE id = ?", (member_id,))
            == "null"
        )
    finally:
        session.close()
