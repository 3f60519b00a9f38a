"""录入错误作废 of a 党内职务: a post entered by mistake is voided with a reason, kept (audit,
outbox), and counts nowhere — not as the branch's 书记, not on the committee, not for the
56-hour target of 班子成员 — so a member whose only record was that post can then be voided."""

from __future__ import annotations

import json

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error


def _setup(session):
    branch = session.store.get_meta("test_branch_id")
    mid, _ = session.members.add(
        {"name": "李误", "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    post_id, _ = session.orgs.assign_post(branch, mid, "secretary", "2026-01-01")
    return branch, mid, post_id


def _counts(session):
    return (
        session.store.scalar("SELECT count(*) FROM outbox"),
        session.store.scalar("SELECT count(*) FROM audit"),
        session.store.scalar("SELECT group_concat(voided || version) FROM org_posts"),
    )


def test_a_reason_is_required_and_nothing_is_written_without_one(unit):
    _app, session, _code = unit
    _branch, _mid, post_id = _setup(session)
    before = _counts(session)
    for reason in ("", "  "):
        with pytest.raises(DomainError) as info:
            session.orgs.void_post(post_id, reason)
        assert render_error(info.value) == "请填写“原因”"
    assert _counts(session) == before


def test_a_voided_post_counts_nowhere_and_frees_the_member(unit):
    _app, session, _code = unit
    branch, mid, post_id = _setup(session)
    day = "2026-06-01"
    assert session.orgs.secretary(branch, day)["member_id"] == mid
    assert session.orgs.is_committee_member(mid, day)
    assert session.orgs.committee_size(branch, day) == 1
    ops = session.store.scalar("SELECT count(*) FROM outbox")

    session.orgs.void_post(post_id, " 录错人 ")

    row = session.store.read_one("SELECT * FROM org_posts WHERE id = ?", (post_id,))
    assert (row["voided"], row["void_reason"], row["version"]) == (1, "录错人", 2)
    assert session.orgs.secretary(branch, day) is None
    assert not session.orgs.is_committee_member(mid, day)
    assert session.orgs.committee_size(branch, day) == 0
    assert session.orgs.posts(branch, day) == []
    assert session.orgs.post_history(branch) == []
    assert session.orgs.member_posts_in_year(2026) == {}
    assert session.members.get(mid)["posts"] == []
    # the 56-hour target of 班子成员 no longer applies: 32, as any member
    target = {r["member_id"]: r["target"] for r in session.study.summary(2026)}
    assert target[mid] == 32
    # one op for the centre and the unit's other devices; one audit entry
    assert session.store.scalar("SELECT count(*) FROM outbox") == ops + 1
    op = session.store.read_one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
    assert (op["entity"], op["record_id"], op["op"], op["base_version"]) == (
        "org_post", post_id, "void", 1,
    )  # fmt: skip
    assert json.loads(op["fields"]) == {"reason": "录错人"}
    audit = session.store.read_one("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")
    assert (audit["action"], audit["object"]) == ("org_post.void", f"org_post:{post_id}")
    # voided once; not ended nor voided again; a new 书记 may start the same day
    with pytest.raises(DomainError) as info:
        session.orgs.void_post(post_id, "再来")
    assert info.value.code == "E_VOIDED"
    with pytest.raises(DomainError) as info:
        session.orgs.end_post(post_id, "2026-03-01")
    assert info.value.code == "E_VOIDED"
    right, _ = session.members.add(
        {"name": "王真", "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    session.orgs.assign_post(branch, right, "secretary", "2026-01-01")
    assert session.orgs.secretary(branch, day)["member_id"] == right
    # the member whose only record was the post can now be voided
    session.members.void(mid, "测试录入")
    assert session.members.get(mid)["status"] == "voided"
