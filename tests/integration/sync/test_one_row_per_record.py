"""同步 → 待核对 has one row per record: when one op names several records that are flagged —
a batch of study records, or a meeting's attendance, for members another device voided; several
payments of one 党费 collection — each person is a row of their own, named, not only the first
one (the list was one row per op and field until migration 023).

The receipt (DZR2) names the op and its fields only; the values, one ``conflict`` item per
record, come down after it (or, over USB, before it). Both orders give the same rows."""

from __future__ import annotations

import json

import pytest

from ztclient.services.sync.ports import ReceiptInfo, ReceiptPartInfo

BUNDLE, HASH = "b-test", "ab" * 32


def _item(s, item_id: str, type_: str, body: dict) -> None:
    """A downlink item as Downlink.take keeps it (pending), then acted on."""
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES (?, ?, ?, 1, '2026-12-02T12:00:00Z', 'pending')",
            (item_id, type_, json.dumps(body, ensure_ascii=False)),
        )
    s.sync.downlink.process()


def _voided(s, item_id: str, op_id: str, entity: str, record_id: str, member: str) -> None:
    """The centre's ``conflict`` item for a record added for a member voided elsewhere."""
    body = {"conflict_id": f"c-{item_id}", "op_id": op_id, "entity": entity,
            "record_id": record_id, "field": "member_id", "yours": member, "theirs": "voided"}  # fmt: skip
    _item(s, item_id, "conflict", body)


def _sent(s, op_id: str) -> tuple[int, dict]:
    """The op went up in a bundle of its own and awaits its receipt."""
    seq = s.store.scalar("SELECT seq FROM outbox WHERE op_id = ?", (op_id,))
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_bundles (bundle_id, seq_from, seq_to, hash, prev, bytes, state, "
            "created_at) VALUES (?, ?, ?, ?, ?, x'00', 'sent', '2026-12-02T11:00:00Z')",
            (BUNDLE, seq, seq, HASH, "00" * 32),
        )
        tx.execute(
            "UPDATE outbox SET sync_state = 'in_flight', bundle_id = ? WHERE op_id = ?",
            (BUNDLE, op_id),
        )
    return seq, s.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = ?", (BUNDLE,))


def _receipt2(s, op_id: str, code: str, fields: list[str]) -> None:
    """The centre's compact receipt for that bundle, as it came out of verification."""
    seq, bundle = _sent(s, op_id)
    part = ReceiptPartInfo(
        bundle_hash=HASH, status="applied", code=None, watermark=seq, missing=None, part=1,
        parts=1, ok=(), exceptions=((seq, "conflict", code, {"fields": fields}),), raw=b"DZR2 t",
    )  # fmt: skip
    s.sync.compact._apply(bundle, part)


@pytest.fixture
def people(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    out = {"branch": branch}
    for name, idn in (("王错录", "110105199003030031"), ("李重录", "110105198001010016")):
        out[name], _ = s.members.add(
            {"org_id": branch, "name": name, "gender": "1", "id_number": idn,
             "birth_date": f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}",
             "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
        )  # fmt: skip
    return s, out


def _study_for_both(s, p) -> tuple[str, list[str]]:
    ids, _ = s.study.add(
        [{"member_id": p[n], "date": "2026-01-05", "hours": 2, "form": "self", "topic": "党章"}
         for n in ("王错录", "李重录")]
    )  # fmt: skip
    op = s.store.scalar("SELECT op_id FROM outbox WHERE entity = 'study_log'")
    return op, ids


def _rows(s) -> list[tuple]:
    return sorted(
        (r["code"], r["field"], r["record_name"], r["yours_name"], r["theirs"])
        for r in s.sync.problems()
    )


BOTH_STUDIED = [
    ("E_MEMBER_VOIDED", "member_id", "2026-01-05 党章 · 李重录（第一党支部）",
     "李重录（第一党支部）", "voided"),
    ("E_MEMBER_VOIDED", "member_id", "2026-01-05 党章 · 王错录（第一党支部）",
     "王错录（第一党支部）", "voided"),
]  # fmt: skip


def test_a_study_batch_for_two_voided_members_is_two_rows_receipt_first(people):
    s, p = people
    op, (log_wang, log_li) = _study_for_both(s, p)
    _receipt2(s, op, "E_MEMBER_VOIDED", ["member_id"])
    assert len(s.sync.problems()) == 1  # the receipt alone: the op, values still to come
    # the values: the second person's item first (the op's own record id is the first's)
    _voided(s, "i-2", op, "study_log", log_li, p["李重录"])
    _voided(s, "i-1", op, "study_log", log_wang, p["王错录"])
    assert _rows(s) == BOTH_STUDIED
    # an item that comes down twice (a resend) adds nothing
    with s.store.transaction() as tx:
        tx.execute("UPDATE sync_down_items SET state = 'pending' WHERE item_id = 'i-1'")
    s.sync.downlink.process()
    assert _rows(s) == BOTH_STUDIED


def test_a_study_batch_for_two_voided_members_is_two_rows_values_first(people):
    s, p = people
    op, (log_wang, log_li) = _study_for_both(s, p)
    _voided(s, "i-1", op, "study_log", log_wang, p["王错录"])
    _voided(s, "i-2", op, "study_log", log_li, p["李重录"])
    _receipt2(s, op, "E_MEMBER_VOIDED", ["member_id"])  # no bare row beside the named ones
    assert _rows(s) == BOTH_STUDIED


def test_a_meetings_attendance_of_two_voided_members_is_two_rows(people):
    s, p = people
    mid, _ = s.meetings.add(
        {"org_id": p["branch"], "kind": "branch_general", "title": "支部党员大会",
         "starts_at": "2026-11-20 09:00"}
    )  # fmt: skip
    op = s.store.scalar("SELECT op_id FROM outbox WHERE entity = 'meeting'")
    _receipt2(s, op, "E_MEMBER_VOIDED", ["member_id"])
    _voided(s, "i-1", op, "attendance", f"{mid}/{p['王错录']}", p["王错录"])
    _voided(s, "i-2", op, "attendance", f"{mid}/{p['李重录']}", p["李重录"])
    assert _rows(s) == [
        ("E_MEMBER_VOIDED", "member_id", "支部党员大会（2026-11-20） · 李重录（第一党支部）",
         "李重录（第一党支部）", "voided"),
        ("E_MEMBER_VOIDED", "member_id", "支部党员大会（2026-11-20） · 王错录（第一党支部）",
         "王错录（第一党支部）", "voided"),
    ]  # fmt: skip


def test_a_full_receipt_naming_two_records_is_two_rows(people):
    """The receipt of the first protocol (DZR1) names each record: one row each."""
    s, p = people
    op, (log_wang, log_li) = _study_for_both(s, p)
    _seq, bundle = _sent(s, op)
    conflicts = [
        {"entity": "study_log", "record_id": log_wang, "field": "member_id"},
        {"entity": "study_log", "record_id": log_li, "field": "member_id"},
    ]
    rec = ReceiptInfo(
        bundle_id=BUNDLE, status="applied", code=None, watermark=_seq, missing=None,
        ops=[{"i": 0, "op_id": op, "s": "conflict", "code": "E_MEMBER_VOIDED",
              "params": {"conflicts": conflicts}}],
        counts={}, raw=b"DZR1 t",
    )  # fmt: skip
    s.sync.receipts._apply(bundle, rec)
    names = sorted(r["record_name"] for r in s.sync.problems())
    assert names == [
        "2026-01-05 党章 · 李重录（第一党支部）",
        "2026-01-05 党章 · 王错录（第一党支部）",
    ]


def test_the_committees_review_closes_the_row_of_its_record(people):
    """上级已核对 of one of the two: the item names the record, and that row is closed."""
    s, p = people
    op, (log_wang, log_li) = _study_for_both(s, p)
    _voided(s, "i-1", op, "study_log", log_wang, p["王错录"])
    _voided(s, "i-2", op, "study_log", log_li, p["李重录"])
    _item(s, "i-3", "conflict_reviewed",
          {"conflict_id": "c-i-2", "op_id": op, "entity": "study_log", "record_id": log_li,
           "field": "member_id", "reviewed_by": "张三", "reviewed_at": "2026-12-02T11:40:05Z"})  # fmt: skip
    st = s.sync.status()
    assert [r["record_name"] for r in st["problems"]] == ["2026-01-05 党章 · 王错录（第一党支部）"]
    assert [r["record_name"] for r in st["closed_above"]] == [
        "2026-01-05 党章 · 李重录（第一党支部）"
    ]


def test_the_upgrade_keeps_every_row_and_column(tmp_path, monkeypatch):
    """Schema 022 → 023: the table is made again with the new key; every row keeps its id and
    every column (who closed it, where), and NULL record ids count as one record."""
    import sqlcipher3
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    shipped = migrations.available
    before = next(n for n, name, _ in shipped() if name.endswith("_problem_per_record.sql")) - 1
    monkeypatch.setattr(migrations, "available", lambda: shipped()[:before])
    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试支部委员会", "3301060009", PASSPHRASE, "branch")
    rows = [
        {"id": 4, "op_id": "op-1", "seq": 3, "bundle_id": "b1", "kind": "conflict",
         "code": "E_MERGE_CONFLICT", "entity": "member", "record_id": "m1", "field": "phone",
         "yours": '"333"', "theirs": '"222"', "params": "{}", "created_at": "2026-12-01T08:00:00Z",
         "reviewed": 1, "reviewed_by": "张三", "reviewed_at": "2026-12-02T11:40:05Z",
         "reviewed_noted_at": "2026-12-02T12:00:00Z", "reviewed_where": "above"},
        {"id": 9, "op_id": "op-2", "seq": None, "bundle_id": "b1", "kind": "rejected",
         "code": "E_OP_INVALID", "entity": None, "record_id": None, "field": "",
         "yours": None, "theirs": None, "params": '{"what": "keys"}',
         "created_at": "2026-12-01T08:00:01Z", "reviewed": 0, "reviewed_by": None,
         "reviewed_at": None, "reviewed_noted_at": None, "reviewed_where": None},
    ]  # fmt: skip
    with s.store.transaction() as tx:
        for r in rows:
            tx.insert("sync_problems", r)
    s.close()

    monkeypatch.setattr(migrations, "available", shipped)
    s = app.unlock(PASSPHRASE)
    try:
        assert s.store.schema_version == migrations.latest() > before
        assert s.store.read("SELECT * FROM sync_problems ORDER BY id") == rows
        with s.store.transaction() as tx:  # another record of op-1's field: a row of its own
            tx.insert("sync_problems", {**rows[0], "id": 10, "record_id": "m2"})
        with pytest.raises(sqlcipher3.IntegrityError), s.store.transaction() as tx:
            tx.insert("sync_problems", {**rows[1], "id": 11})  # NULL is one record: refused
        assert s.store.scalar("SELECT count(*) FROM sync_problems") == 3
    finally:
        s.close()
