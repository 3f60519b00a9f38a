"""``--org`` of a 党委 takes in every level under it. The roster, the 学习 summary and the
发展党员 list read the organisation and its direct children only, so a 党委 did not see the
members of a branch under its 党总支 (the 党费 ledger had the same fault, fixed on its own)."""

from __future__ import annotations

from datetime import date


def _tree(session):
    root = session.root_org_id
    general, _ = session.orgs.add(
        {"parent_id": root, "kind": "general_branch", "name": "机关党总支"}
    )
    deep, _ = session.orgs.add({"parent_id": general, "kind": "branch", "name": "第二支部"})
    return root, general, deep


def _add(session, org, name, **extra):
    fields = {"name": name, "org_id": org, "category": "full", "gender": "1",
              "join_date": "2010-07-01", "full_member_date": "2011-07-01", **extra}  # fmt: skip
    mid, _ = session.members.add(fields)
    return mid


def test_roster_and_study_of_a_committee_take_in_a_branch_under_its_general_branch(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    root, general, deep = _tree(session)
    _add(session, branch, "李近")
    far = _add(session, deep, "张远")
    assert session.members.count(org_id=root) == 2
    assert session.members.count(org_id=general) == 1
    assert [r["name"] for r in session.members.list(org_id=root)] == ["李近", "张远"]
    session.study.add(
        [
            {
                "member_id": far,
                "date": "2026-03-02",
                "hours": 4,
                "form": "collective",
                "topic": "党章",
            }
        ]
    )
    year = {r["name"]: r["hours"] for r in session.study.summary(2026, org_id=root)}
    assert year == {"李近": 0, "张远": 4}
    assert [r["name"] for r in session.study.summary(2026, org_id=general)] == ["张远"]


def test_development_list_of_a_committee_takes_in_a_branch_under_its_general_branch(unit):
    _app, session, _code = unit
    root, _general, deep = _tree(session)
    _add(session, deep, "王申请", category="applicant", join_date=None, full_member_date=None,
         application_date="2026-01-05", birth_date="1995-01-01")  # fmt: skip
    people = session.development.pipeline(today=date(2026, 6, 1), org_id=root)
    assert [p["name"] for p in people] == ["王申请"]
