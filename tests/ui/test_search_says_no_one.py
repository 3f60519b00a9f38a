"""Issue 9 item 6, UI side: a search that finds nobody says so, in words."""

from __future__ import annotations


def test_empty_search_says_no_one_found(qtbot, unlocked, settle):
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("members"))
    settle(unlocked.ops)
    page = main.page("members")
    assert not page.empty.isVisibleTo(page)
    qtbot.keyClicks(page.search, "qqqzzzxxx")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    settle(unlocked.ops)
    assert page.empty.isVisibleTo(page) and "没有找到“qqqzzzxxx”" in page.empty.text()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    settle(unlocked.ops)
    assert not page.empty.isVisibleTo(page)
