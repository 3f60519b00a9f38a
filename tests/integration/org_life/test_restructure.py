"""组织调整 on a real unit: add, rename, move, merge and dissolve — never delete. Members move by
dated events that stay in their history; a dissolved branch keeps its former members and posts."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError


def members_of(s, org_id):
    return sorted(s.store.column("SELECT name FROM members WHERE org_id = ?", (org_id,)))


def test_new_unit_tree_is_built_in_the_program(life):
    s, branch, _people = life
    _second, _ = s.orgs.add(
        {"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部", "code": "B002"}
    )
    g1, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第一党小组"})
    tree = s.orgs.tree()
    (root,) = tree
    assert [c["name"] for c in root["children"]] == ["第二党支部", "第一党支部"]  # by code first
    first = next(c for c in root["children"] if c["id"] == branch)
    assert first["members"] == 10 and [g["name"] for g in first["children"]] == ["第一党小组"]
    with pytest.raises(DomainError) as exc:
        s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "重号", "code": "B002"})
    assert exc.value.code == "E_ORG_CODE_DUPLICATE"
    with pytest.raises(DomainError) as exc:
        s.orgs.add({"parent_id": g1, "kind": "branch", "name": "小组下的支部"})
    assert exc.value.code == "E_ORG_PARENT"
    with pytest.raises(DomainError) as exc:
        s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "  "})
    assert exc.value.code == "E_FIELD_REQUIRED"


def test_rename_and_superior(life):
    s, branch, _ = life
    org = s.orgs.get(branch)
    s.orgs.update(branch, {"name": "机关第一党支部"}, org["version"])
    root = s.orgs.get(s.root_org_id)
    s.orgs.update(root["id"], {"superior": "中共某某区委"}, root["version"])
    assert s.orgs.get(branch)["name"] == "机关第一党支部"
    assert s.orgs.get(s.root_org_id)["superior"] == "中共某某区委"
    with pytest.raises(DomainError) as exc:
        s.orgs.update(branch, {"name": "又改"}, org["version"])  # stale
    assert exc.value.code == "E_STALE_BASE"
    with pytest.raises(DomainError) as exc:
        s.orgs.update(branch, {"parent_id": s.root_org_id}, org["version"] + 1)
    assert exc.value.code == "E_FIELD_UNKNOWN"


def test_dissolve_moves_members_by_dated_events_and_keeps_history(life):
    s, branch, people = life
    s.elections.elect(
        branch,
        {
            "date": "2024-06-01",
            "committee": [
                {"member_id": people["赵一"], "post": "secretary"},
                {"member_id": people["钱二"], "post": "organisation"},
                {"member_id": people["孙三"], "post": "publicity"},
            ],
        },
    )
    group, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第一党小组"})
    m = s.members.get(people["李四"])
    s.members.update(people["李四"], {"group_id": group}, m["version"])
    second, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})

    with pytest.raises(DomainError) as exc:
        s.restructure.dissolve(branch, "2026-10-31")
    assert exc.value.code == "E_ORG_HAS_MEMBERS" and exc.value.params["count"] == 10
    with pytest.raises(DomainError) as exc:
        s.restructure.dissolve(branch, "2026-10-31", group)
    assert exc.value.code == "E_ORG_MOVE_TARGET"
    with pytest.raises(DomainError) as exc:
        s.restructure.dissolve(s.root_org_id, "2026-10-31", second)
    assert exc.value.code == "E_ORG_ROOT"

    s.restructure.dissolve(branch, "2026-10-31", second)
    old = s.orgs.get(branch)
    assert old["dissolved_on"] == "2026-10-31"
    assert s.orgs.get(group)["dissolved_on"] == "2026-10-31"  # its group ends with it
    assert len(members_of(s, second)) == 10 and members_of(s, branch) == []
    assert s.members.get(people["李四"])["group_id"] is None
    history = s.members.history(people["李四"])
    moved = [h for h in history if h["kind"] == "org_changed"]
    assert moved and moved[0]["date"] == "2026-10-31"
    assert moved[0]["details"]["org_id"] == second
    # Posts ended the day before; the dissolved branch is gone from the live tree.
    assert s.orgs.committee_size(branch, "2026-10-30") == 3
    assert s.orgs.committee_size(branch, "2026-10-31") == 0
    assert branch not in [o["id"] for o in s.orgs.list()]
    assert branch in [o["id"] for o in s.orgs.list(include_dissolved=True)]
    with pytest.raises(DomainError) as exc:
        s.orgs.add({"parent_id": branch, "kind": "group", "name": "迟到的小组"})
    assert exc.value.code == "E_ORG_DISSOLVED"


def test_merge_keeps_groups_and_members_together(life):
    s, branch, people = life
    other, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})
    group, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第一党小组"})
    m = s.members.get(people["周五"])
    s.members.update(people["周五"], {"group_id": group}, m["version"])
    with pytest.raises(DomainError) as exc:
        s.restructure.merge(branch, group, "2026-09-01")
    assert exc.value.code == "E_ORG_MERGE_KIND"
    before = int(s.store.scalar("SELECT count(*) FROM outbox"))
    s.restructure.merge(branch, other, "2026-09-01")
    assert s.orgs.get(branch)["merged_into"] == other
    assert s.orgs.get(group)["parent_id"] == other
    zhou = s.members.get(people["周五"])
    assert (zhou["org_id"], zhou["group_id"]) == (other, group)
    # 10 member events, 1 group moved, 1 org dissolved: one op each, one transaction.
    assert int(s.store.scalar("SELECT count(*) FROM outbox")) - before == 12


def test_move_a_group_to_another_branch_takes_its_members(life):
    s, branch, people = life
    other, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})
    group, _ = s.orgs.add({"parent_id": branch, "kind": "group", "name": "第一党小组"})
    m = s.members.get(people["吴六"])
    s.members.update(people["吴六"], {"group_id": group}, m["version"])
    s.restructure.move(group, other, "2026-08-01")
    assert s.orgs.get(group)["parent_id"] == other
    assert s.members.get(people["吴六"])["org_id"] == other
    gb, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "general_branch", "name": "第一党总支"})
    s.restructure.move(branch, gb, "2026-08-01")
    assert s.orgs.get(branch)["parent_id"] == gb
    with pytest.raises(DomainError) as exc:
        s.restructure.move(gb, branch, "2026-08-01")
    assert exc.value.code in ("E_ORG_PARENT", "E_ORG_CYCLE")
    with pytest.raises(DomainError) as exc:
        s.restructure.move(branch, gb, "2030-01-01")
    assert exc.value.code == "E_DATE_FUTURE"


def test_a_general_branch_with_branches_is_not_dissolved(life):
    s, branch, _ = life
    gb, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "general_branch", "name": "第一党总支"})
    s.restructure.move(branch, gb, "2026-08-01")
    with pytest.raises(DomainError) as exc:
        s.restructure.dissolve(gb, "2026-10-01")
    assert exc.value.code == "E_ORG_HAS_CHILDREN"
