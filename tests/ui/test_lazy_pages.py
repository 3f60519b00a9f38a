"""Issue 16 item 8: unlocking makes only the page on screen; an edit refreshes the page on
screen at once and a hidden page when the clerk comes back to it (Changes still decide)."""

from __future__ import annotations


def _keys(main) -> list[str]:
    return [key for key, _text, _make in main.pages]


def test_unlock_makes_only_the_dashboard(unlocked):
    main = unlocked.main
    assert main.built_pages == ["dashboard"]
    assert len(main.pages) >= 9 and main.stack.count() == len(main.pages)
    assert main.page("members") is main.page("members")  # made once, on demand
    assert main.built_pages == ["dashboard", "members"]


def test_an_edit_refreshes_the_page_on_screen_and_a_hidden_page_when_shown(
    qtbot, unlocked, settle, monkeypatch
):
    main = unlocked.main
    keys = _keys(main)
    for key in ("study", "members"):  # both opened once: made and loaded
        main.show_page(keys.index(key))
        settle(unlocked.ops)
    calls: list[str] = []
    for key in ("dashboard", "study", "members"):
        page = main.page(key)
        original = page.reload
        monkeypatch.setattr(page, "reload", lambda _o=original, _k=key: (calls.append(_k), _o())[1])
    session = unlocked.session
    member = session.members.list(limit=1)[0]
    unlocked.ops.run(
        lambda: session.members.update(member["id"], {"phone": "13912345678"}, member["version"])
    )
    settle(unlocked.ops)
    assert calls == ["members"]  # the dashboard and 学习 are hidden: nothing queued for them
    main.show_page(keys.index("study"))
    settle(unlocked.ops)
    assert calls == ["members", "study"]  # the missed change, handed over once
    main.show_page(keys.index("dashboard"))
    settle(unlocked.ops)
    assert calls == ["members", "study", "dashboard"]
    main.show_page(keys.index("members"))
    settle(unlocked.ops)
    assert calls == ["members", "study", "dashboard"]  # nothing missed: no second load
