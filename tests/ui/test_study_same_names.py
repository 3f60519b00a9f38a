"""学习: two members with the same name (the demo has two 李峰; real units have them too) were
two identical 李峰 rows in the hours table, in 登记学习's list and in 学习记录's. Each is now
named with the last four characters of the ID number (as the roster's masked 身份证 shows them);
a name nobody else has stays as it is."""

from __future__ import annotations


def _page(shell, settle):
    main = shell.main
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(shell.ops)
    return main.page("study")


def _twins(session):
    branch = session.orgs.branches()[0]["id"]
    ids = []
    for number in ("110101199003074514", "110101199003076173"):
        mid, _ = session.members.add(
            {"name": "司马同", "org_id": branch, "category": "full", "gender": "1",
             "id_number": number, "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
        )  # fmt: skip
        ids.append(mid)
    return ids


def test_same_names_are_told_apart_on_the_study_page(unlocked, settle):
    from ztclient.ui.study_logs import StudyLogsDialog
    from ztclient.ui.study_view import StudyLogDialog

    a, b = _twins(unlocked.session)
    page = _page(unlocked, settle)
    page.reload()
    settle(unlocked.ops)
    shown = {r["member_id"]: page.model.data(page.model.index(i, 0))
             for i, r in enumerate(page.model.rows)}  # fmt: skip
    assert (shown[a], shown[b]) == ("司马同（身份证尾号4514）", "司马同（身份证尾号6173）")
    lonely = next(r for r in page.model.rows if r["member_id"] not in (a, b))
    assert shown[lonely["member_id"]] == lonely["name"]

    page.open_log_one()
    dialog = page.dialog
    assert isinstance(dialog, StudyLogDialog)
    dialog.search.setText("司马同")
    dialog.find()
    settle(unlocked.ops)
    texts = sorted(dialog.results.item(i).text() for i in range(dialog.results.count()))
    assert texts[0].startswith("司马同（身份证尾号4514）") and texts[1].startswith(
        "司马同（身份证尾号6173）"
    )
    dialog.reject()

    page.table.selectRow(next(i for i, r in enumerate(page.model.rows) if r["member_id"] == b))
    page.open_logs()
    settle(unlocked.ops)
    logs = page.dialog
    assert isinstance(logs, StudyLogsDialog)
    assert logs.summary.text().startswith("司马同（身份证尾号6173） ")
    logs.search.setText("司马同")
    logs.find()
    settle(unlocked.ops)
    texts = sorted(logs.results.item(i).text() for i in range(logs.results.count()))
    assert [t.split("　")[0] for t in texts] == [
        "司马同（身份证尾号4514）",
        "司马同（身份证尾号6173）",
    ]
    logs.reject()
