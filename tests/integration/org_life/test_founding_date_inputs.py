"""成立日期 (founding date) of an organisation: optional; a real date, not after today, not before
its parent's nor after an organisation's under it when both are known; journalled like the
other fields. A refusal writes nothing. Today is 2026-11-20 (conftest)."""

from __future__ import annotations

import json

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error


def outbox(s) -> int:
    return int(s.store.scalar("SELECT count(*) FROM outbox"))


def orgs(s) -> int:
    return int(s.store.scalar("SELECT count(*) FROM orgs"))


def refused(s, code: str, call) -> str:
    before = (outbox(s), orgs(s))
    with pytest.raises(DomainError) as exc:
        call()
    assert exc.value.code == code
    assert (outbox(s), orgs(s)) == before
    return render_error(exc.value)


def test_founding_date_is_stored_and_journalled(life):
    s, branch, _ = life
    new, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "新党支部",
                         "founded_on": " 2026-11-10 "})  # fmt: skip
    assert s.orgs.get(new)["founded_on"] == "2026-11-10"
    op = s.store.read_one(
        "SELECT fields FROM outbox WHERE entity = 'org' AND record_id = ? AND op = 'create'",
        (new,),
    )
    assert json.loads(op["fields"])["founded_on"] == "2026-11-10"
    s.orgs.update(branch, {"founded_on": "2019-03-01"}, s.orgs.get(branch)["version"])
    op = s.store.read_one(
        "SELECT fields FROM outbox WHERE entity = 'org' AND record_id = ? AND op = 'update'",
        (branch,),
    )
    assert json.loads(op["fields"]) == {"founded_on": "2019-03-01"}
    # cleared again: an empty value is "not known"
    s.orgs.update(branch, {"founded_on": ""}, s.orgs.get(branch)["version"])
    assert s.orgs.get(branch)["founded_on"] is None


def test_a_founding_date_that_is_not_a_real_day_or_in_the_future_is_refused(life):
    s, branch, _ = life
    add = {"parent_id": s.root_org_id, "kind": "branch", "name": "新党支部"}
    text = refused(s, "E_DATE_INVALID", lambda: s.orgs.add({**add, "founded_on": "2026-02-30"}))
    assert "成立日期" in text
    refused(s, "E_DATE_FORMAT", lambda: s.orgs.add({**add, "founded_on": "2026年11月"}))
    text = refused(s, "E_DATE_FUTURE", lambda: s.orgs.add({**add, "founded_on": "2026-11-21"}))
    assert "成立日期" in text and "2026-11-21" in text
    version = s.orgs.get(branch)["version"]
    refused(
        s, "E_DATE_FUTURE", lambda: s.orgs.update(branch, {"founded_on": "2027-01-01"}, version)
    )
    assert s.orgs.get(branch)["version"] == version


def test_not_before_the_parent_nor_after_a_child(life):
    s, branch, _ = life
    s.orgs.update(branch, {"founded_on": "2020-05-01"}, s.orgs.get(branch)["version"])
    group = {"parent_id": branch, "kind": "group", "name": "第一党小组"}
    text = refused(
        s, "E_ORG_FOUNDED_BEFORE_PARENT", lambda: s.orgs.add({**group, "founded_on": "2020-04-30"})
    )
    assert text == "“第一党小组”的成立日期 2020-04-30 早于上级组织“第一党支部”的成立日期 2020-05-01"
    g1, _ = s.orgs.add({**group, "founded_on": "2020-05-01"})  # the same day is fine
    v = s.orgs.get(g1)["version"]
    refused(
        s, "E_ORG_FOUNDED_BEFORE_PARENT", lambda: s.orgs.update(g1, {"founded_on": "2019-01-01"}, v)
    )
    v = s.orgs.get(branch)["version"]
    text = refused(
        s,
        "E_ORG_FOUNDED_AFTER_CHILD",
        lambda: s.orgs.update(branch, {"founded_on": "2021-01-01"}, v),
    )
    assert "第一党小组" in text and "2020-05-01" in text
    assert s.orgs.get(branch)["founded_on"] == "2020-05-01"
    # a parent without a founding date does not bound its children
    free, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部",
                          "founded_on": "1999-07-01"})  # fmt: skip
    assert s.orgs.get(free)["founded_on"] == "1999-07-01"


def test_an_organisation_is_not_dissolved_before_it_was_founded(life):
    s, _branch, _ = life
    new, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "新党支部",
                         "founded_on": "2026-11-10"})  # fmt: skip
    text = refused(s, "E_DATE_ORDER", lambda: s.restructure.dissolve(new, "2026-11-09"))
    assert "成立日期" in text
    assert s.orgs.get(new)["dissolved_on"] is None
    s.restructure.dissolve(new, "2026-11-10")
    assert s.orgs.get(new)["dissolved_on"] == "2026-11-10"
