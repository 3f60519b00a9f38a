"""Issue 16 item 2: the version check of a versioned record is inside its UPDATE.

Another writer (a second window, a sync from another device) that commits between the
service's read and its write must make the write fail with E_STALE_BASE, with nothing written:
no field changed, no outbox op, no audit entry. The race is staged by letting the other
writer's UPDATE run first inside the service's own transaction, exactly where a writer that
committed a moment earlier would have left the row. A check made only before the transaction
passes here (it read the old version), so these tests fail without the check in the UPDATE.
"""

from __future__ import annotations

import contextlib

import pytest

from ztclient.domain.errors import DomainError


def overtaken(monkeypatch, store, table: str, record_id: str) -> None:
    """The next write transaction finds ``record_id`` already one version further."""
    real = store.transaction

    @contextlib.contextmanager
    def transaction():
        monkeypatch.setattr(store, "transaction", real)  # only the next one
        with real() as tx:
            tx.execute(f"UPDATE {table} SET version = version + 1 WHERE id = ?", (record_id,))
            yield tx

    monkeypatch.setattr(store, "transaction", transaction)


def counts(store) -> tuple[int, int]:
    return store.scalar("SELECT count(*) FROM outbox"), store.scalar("SELECT count(*) FROM audit")


def test_member_update_overtaken_is_refused_whole(unit, monkeypatch):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    member_id, _ = s.members.add(
        {
            "org_id": branch,
            "name": "张三",
            "gender": "1",
            "category": "full",
            "join_date": "2001-07-01",
            "full_member_date": "2002-07-01",
        }
    )
    before = counts(s.store)
    overtaken(monkeypatch, s.store, "members", member_id)
    with pytest.raises(DomainError) as err:
        s.members.update(member_id, {"phone": "13912345678"}, base_version=1)
    assert err.value.code == "E_STALE_BASE" and err.value.params["current"] == 2
    assert s.members.get(member_id)["phone"] in (None, "")
    assert s.members.get(member_id)["version"] == 1  # the staged writer rolled back with it
    assert counts(s.store) == before
    s.members.update(member_id, {"phone": "13912345678"}, base_version=1)  # no race: written
    assert s.members.get(member_id)["version"] == 2


def test_org_update_overtaken_is_refused_whole(unit, monkeypatch):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    before = counts(s.store)
    overtaken(monkeypatch, s.store, "orgs", branch)
    with pytest.raises(DomainError) as err:
        s.orgs.update(branch, {"name": "第二党支部"}, base_version=1)
    assert err.value.code == "E_STALE_BASE"
    assert s.orgs.get(branch)["name"] == "第一党支部" and counts(s.store) == before


def test_meeting_update_and_void_overtaken_are_refused_whole(unit, monkeypatch):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    meeting_id, _ = s.meetings.add(
        {
            "org_id": branch,
            "kind": "branch_committee",
            "title": "支委会",
            "starts_at": "2026-03-02T09:00",
            "attendance": [],
        }
    )
    before = counts(s.store)
    overtaken(monkeypatch, s.store, "meetings", meeting_id)
    with pytest.raises(DomainError) as err:
        s.meetings.update(meeting_id, {"title": "三月支委会"}, base_version=1)
    assert err.value.code == "E_STALE_BASE"
    overtaken(monkeypatch, s.store, "meetings", meeting_id)
    with pytest.raises(DomainError) as err:
        s.meetings.void(meeting_id, "重复录入")
    assert err.value.code == "E_STALE_BASE"
    meeting = s.meetings.get(meeting_id)
    assert meeting["title"] == "支委会" and not meeting["voided"] and counts(s.store) == before
