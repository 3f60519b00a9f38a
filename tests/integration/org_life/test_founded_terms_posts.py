"""The 成立日期 against the term's election day (``elected_on``, the bare field of ``orgs add``
and the organisation dialog) and a post's first day: nothing of an organisation happens before
it was founded, whichever date is entered last. Each refusal names both dates and writes
nothing (a 换届选举 before it is E_ELECTION_BEFORE_FOUNDED, test_elections_posts.py)."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error


def outbox(s) -> int:
    return int(s.store.scalar("SELECT count(*) FROM outbox"))


def _founded(s, branch, day):
    s.orgs.update(branch, {"founded_on": day}, s.orgs.get(branch)["version"])


def test_elected_on_before_the_founding_day_is_refused(life):
    s, branch, _ = life
    _founded(s, branch, "2021-03-01")
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.orgs.update(branch, {"elected_on": "2020-06-01"}, s.orgs.get(branch)["version"])
    assert exc.value.code == "E_ELECTED_ON_BEFORE_FOUNDED"
    assert (exc.value.params["founded"], exc.value.params["date"]) == ("2021-03-01", "2020-06-01")
    text = render_error(exc.value)
    assert "2021-03-01" in text and "2020-06-01" in text and "第一党支部" in text
    assert outbox(s) == before and s.orgs.get(branch)["elected_on"] is None
    s.orgs.update(branch, {"elected_on": "2021-03-01"}, s.orgs.get(branch)["version"])  # the day
    assert s.orgs.get(branch)["elected_on"] == "2021-03-01"


def test_a_new_organisation_elected_before_it_was_founded_is_refused(life):
    s, _, _ = life
    with pytest.raises(DomainError) as exc:
        s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部",
                    "founded_on": "2021-01-01", "elected_on": "2020-06-01"})  # fmt: skip
    assert exc.value.code == "E_ELECTED_ON_BEFORE_FOUNDED"
    assert s.store.scalar("SELECT count(*) FROM orgs WHERE name = '第二党支部'") == 0


def test_founding_day_after_the_terms_election_is_refused(life):
    s, branch, _ = life
    s.orgs.update(branch, {"elected_on": "2020-06-01"}, s.orgs.get(branch)["version"])
    with pytest.raises(DomainError) as exc:
        _founded(s, branch, "2021-03-01")
    assert exc.value.code == "E_ELECTED_ON_BEFORE_FOUNDED"
    assert (exc.value.params["founded"], exc.value.params["date"]) == ("2021-03-01", "2020-06-01")
    assert s.orgs.get(branch)["founded_on"] is None
    # both in one edit, consistent: accepted
    s.orgs.update(branch, {"founded_on": "2019-01-01", "elected_on": "2019-01-01"},
                  s.orgs.get(branch)["version"])  # fmt: skip


def test_a_post_starting_before_the_founding_day_is_refused(life):
    s, branch, people = life
    _founded(s, branch, "2021-03-01")
    before = outbox(s)
    with pytest.raises(DomainError) as exc:
        s.orgs.assign_post(branch, people["赵一"], "secretary", "2019-03-01")
    assert exc.value.code == "E_POST_BEFORE_FOUNDED"
    assert (exc.value.params["founded"], exc.value.params["date"]) == ("2021-03-01", "2019-03-01")
    assert "2019-03-01" in render_error(exc.value)
    assert outbox(s) == before
    assert s.store.scalar("SELECT count(*) FROM org_posts WHERE org_id = ?", (branch,)) == 0
    s.orgs.assign_post(branch, people["赵一"], "secretary", "2021-03-01")  # the day itself


def test_founding_day_after_a_posts_first_day_is_refused(life):
    s, branch, people = life
    s.orgs.assign_post(branch, people["赵一"], "secretary", "2019-03-01")
    with pytest.raises(DomainError) as exc:
        _founded(s, branch, "2020-01-01")
    assert exc.value.code == "E_ORG_FOUNDED_AFTER_POST"
    assert (exc.value.params["date"], exc.value.params["post_date"]) == ("2020-01-01", "2019-03-01")
    text = render_error(exc.value)
    assert "2020-01-01" in text and "2019-03-01" in text
    assert s.orgs.get(branch)["founded_on"] is None
    _founded(s, branch, "2019-03-01")
