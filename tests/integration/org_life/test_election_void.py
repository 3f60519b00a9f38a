"""录入错误作废 of a 换届选举: the election, the posts it seated and the ends it put to the
previous committee's posts are undone in one transaction (audit, outbox); the organisation's
term goes back to what it was. Refused when a later election of the organisation exists, or
when giving a post back would clash with a post entered since."""

from __future__ import annotations

import json

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error


def seat(s, branch, people, day, *names_posts):
    committee = [{"member_id": people[n], "post": p} for n, p in names_posts]
    return s.elections.elect(branch, {"date": day, "committee": committee}).id


def state(s):
    return (
        s.store.scalar("SELECT count(*) FROM outbox"),
        s.store.scalar("SELECT count(*) FROM audit"),
        s.store.scalar("SELECT group_concat(id || voided || version || coalesce(end_date, '-')) "
                       "FROM org_posts"),
        s.store.scalar("SELECT group_concat(voided || version) FROM elections"),
        s.store.scalar("SELECT elected_on || term_years || version FROM orgs WHERE id = "
                       "(SELECT org_id FROM elections LIMIT 1)"),
    )  # fmt: skip


def two_elections(life):
    s, branch, people = life
    first = seat(
        s,
        branch,
        people,
        "2020-06-01",
        ("赵一", "secretary"),
        ("钱二", "organisation"),
        ("孙三", "publicity"),
    )
    second = seat(s, branch, people, "2023-06-01",
                  ("李四", "secretary"), ("周五", "organisation"), ("吴六", "publicity"))  # fmt: skip
    return s, branch, people, first, second


def test_voiding_the_latest_election_gives_the_old_committee_back(life):
    s, branch, people, first, second = two_elections(life)
    assert [p["member_name"] for p in s.orgs.committee(branch, "2024-01-01")] == [
        "李四", "周五", "吴六",
    ]  # fmt: skip
    ops = s.store.scalar("SELECT count(*) FROM outbox")
    audit = s.store.scalar("SELECT count(*) FROM audit")

    s.elections.void(second, " 录错了支部 ")

    row = s.store.read_one("SELECT voided, void_reason, version FROM elections WHERE id = ?",
                           (second,))  # fmt: skip
    assert (row["voided"], row["void_reason"], row["version"]) == (1, "录错了支部", 2)
    assert [e["id"] for e in s.elections.list(branch)] == [first]
    # its posts voided with the same reason; the 2020 committee holds again, open-ended
    seated = s.store.read("SELECT voided, void_reason FROM org_posts WHERE election_id = ?",
                          (second,))  # fmt: skip
    assert [(p["voided"], p["void_reason"]) for p in seated] == [(1, "录错了支部")] * 3
    old = s.store.read("SELECT end_date FROM org_posts WHERE election_id = ?", (first,))
    assert [p["end_date"] for p in old] == [None, None, None]
    assert [p["member_name"] for p in s.orgs.committee(branch, "2024-01-01")] == [
        "赵一", "钱二", "孙三",
    ]  # fmt: skip
    assert s.orgs.secretary(branch, "2026-11-20")["member_id"] == people["赵一"]
    org = s.orgs.get(branch)
    assert (org["elected_on"], org["term_years"]) == ("2020-06-01", 3)
    # one op each for the centre: election void, 3 post voids, 3 post ends given back, the term
    new = s.store.read("SELECT entity, op, fields FROM outbox ORDER BY seq")[ops:]
    assert [(o["entity"], o["op"]) for o in new] == [
        ("election", "void"),
        *[("org_post", "void")] * 3,
        *[("org_post", "update")] * 3,
        ("org", "update"),
    ]
    assert json.loads(new[0]["fields"]) == {"reason": "录错了支部"}
    assert [json.loads(o["fields"]) for o in new[4:7]] == [{"end_date": None}] * 3
    assert json.loads(new[7]["fields"]) == {"elected_on": "2020-06-01"}
    assert s.store.scalar("SELECT count(*) FROM audit") == audit + 8
    last = s.store.read_one("SELECT action FROM audit WHERE action LIKE 'election.%' "
                            "ORDER BY seq DESC LIMIT 1")  # fmt: skip
    assert last["action"] == "election.void"
    # the members it named are free: 吴六's only record was that post
    s.members.void(people["吴六"], "测试录入")
    # and the election may be entered again, rightly, on the same day
    seat(s, branch, people, "2023-06-01", ("郑七", "secretary"))
    assert s.orgs.secretary(branch, "2024-01-01")["member_id"] == people["郑七"]
    assert s.orgs.secretary(branch, "2023-05-31")["member_id"] == people["赵一"]


def test_an_only_election_voided_leaves_no_committee_and_no_term(life):
    s, branch, people = life
    before = s.orgs.get(branch)
    only = seat(s, branch, people, "2024-03-01", ("赵一", "secretary"))
    s.elections.void(only, "误录")
    org = s.orgs.get(branch)
    assert (org["elected_on"], org["term_years"]) == (before["elected_on"], before["term_years"])
    assert s.orgs.committee(branch, "2025-01-01") == []
    assert [d for d in s.orgs.terms_due() if d["id"] == branch] == []


def test_an_election_with_a_later_one_is_refused_and_nothing_is_written(life):
    s, _branch, _people, first, _second = two_elections(life)
    before = state(s)
    with pytest.raises(DomainError) as info:
        s.elections.void(first, "录错")
    assert info.value.code == "E_ELECTION_LATER"
    assert render_error(info.value) == (
        "本组织在 2023-06-01 还有一次换届选举：请先作废那一次，才能作废 2020-06-01 的换届选举"
    )
    assert state(s) == before


def test_a_post_that_would_clash_refuses_the_void(life):
    s, branch, people, _first, second = two_elections(life)
    [sec] = [p for p in s.orgs.posts(branch, "2024-01-01") if p["post"] == "secretary"]
    s.orgs.end_post(sec["id"], "2024-01-01")
    s.orgs.assign_post(branch, people["郑七"], "secretary", "2024-01-02")
    before = state(s)
    with pytest.raises(DomainError) as info:
        s.elections.void(second, "录错")
    assert info.value.code == "E_POST_TAKEN"
    assert "郑七" in render_error(info.value)
    assert state(s) == before


def test_a_reason_is_required_and_a_void_is_once(life):
    s, _branch, _people, _first, second = two_elections(life)
    before = state(s)
    for reason in ("", "   "):
        with pytest.raises(DomainError) as info:
            s.elections.void(second, reason)
        assert render_error(info.value) == "请填写“原因”"
    assert state(s) == before
    s.elections.void(second, "录错")
    with pytest.raises(DomainError) as info:
        s.elections.void(second, "录错")
    assert info.value.code == "E_VOIDED"
    with pytest.raises(DomainError) as info:
        s.elections.void("nope", "录错")
    assert info.value.code == "E_NOT_FOUND"


def test_an_election_recorded_before_effects_were_kept_is_undone_by_inference(life):
    s, branch, people, first, second = two_elections(life)
    with s.store.transaction() as tx:  # as migration 022 found them
        tx.execute("UPDATE elections SET effects = NULL")
    s.elections.void(second, "录错")
    old = s.store.read("SELECT end_date FROM org_posts WHERE election_id = ?", (first,))
    assert [p["end_date"] for p in old] == [None, None, None]
    assert s.orgs.secretary(branch, "2026-11-20")["member_id"] == people["赵一"]
    assert s.orgs.get(branch)["elected_on"] == "2020-06-01"
    s.elections.void(first, "也录错")  # no election before it: the term is left as it is
    assert s.orgs.committee(branch, "2021-01-01") == []
    assert s.orgs.get(branch)["elected_on"] == "2020-06-01"
