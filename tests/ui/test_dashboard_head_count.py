"""工作台's head line: 党员 are counted apart from the people in development. It said
“在册党员及发展对象 51 人” for 46 党员 and 5 applicants, 积极分子 and 发展对象, which read as
46 + 1 to anyone who knew the unit (seen on the demo unit)."""

from __future__ import annotations

PW = "我们支部每月5日学习2026"


def test_the_head_line_counts_party_members_apart(tmp_path, open_main):
    from ztclient.bootstrap import App

    app = App(tmp_path / "unit")
    session, _ = app.create_unit("中共小河社区委员会", "3301060009", PW, "committee")
    branch, _ = session.orgs.add(
        {"name": "第一党支部", "kind": "branch", "parent_id": session.root_org_id}
    )
    person = {"org_id": branch, "gender": "1", "birth_date": "1980-03-07"}
    session.members.add({**person, "name": "王正式", "join_date": "2010-07-01",
                         "full_member_date": "2011-07-01"})  # fmt: skip
    session.members.add({**person, "name": "李预备", "category": "probationary",
                         "join_date": "2026-07-01"})  # fmt: skip
    session.members.add({**person, "name": "张积极", "category": "activist",
                         "activist_date": "2026-03-01"})  # fmt: skip
    session.close()
    shell = open_main(app, PW)
    text = shell.main.page("dashboard").summary.text()
    assert text.startswith("在册党员 2 人（另有入党申请人、积极分子、发展对象 1 人）"), text
