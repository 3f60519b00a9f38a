"""设置 → 计入学时目标的学习形式: the unit's setting, changed in the window, changes who is short."""

from __future__ import annotations


def test_counting_self_study_changes_the_short_list(qtbot, unlocked, settle):
    # a member short of 32 hours has the rest in 个人自学 (the demo's own self-study leaves
    # someone short only on some days: on 1 January no one has anything yet)
    s = unlocked.session
    today = s.clock.today()
    row = next(r for r in s.study.summary(today.year) if r["target"] == 32 and r["short"] > 0)
    s.study.add([{"member_id": row["member_id"], "date": today.isoformat(),
                  "hours": row["short"], "form": "self", "topic": "自学党章"}])  # fmt: skip
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(unlocked.ops)
    study = main.page("study")
    short_before = sum(1 for r in study.all_rows if r["short"] > 0)
    settings = main.page("settings")
    main.show_page([k for k, _t, _p in main.pages].index("settings"))
    settle(unlocked.ops)
    from ztclient.ui.study_counting import StudyCountingCard

    counting = settings.findChild(StudyCountingCard)
    # the default: collective forms count, 个人自学 does not
    assert counting.boxes["collective"].isChecked() and not counting.boxes["self"].isChecked()
    counting.boxes["self"].setChecked(True)
    counting.save()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert "已保存" in counting.result.text()
    assert "self" in unlocked.session.study.counted_forms()
    # 学习 is hidden while 设置 is on screen: it refreshes when the clerk goes back to it
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(unlocked.ops)
    # counting self-study leaves fewer members short (that one at least)
    assert sum(1 for r in study.all_rows if r["short"] > 0) < short_before
    audit = unlocked.session.store.scalar(
        "SELECT count(*) FROM audit WHERE action = 'settings.study_counted_forms'"
    )
    assert audit == 1


def test_no_form_at_all_is_refused_in_words(qtbot, unlocked, settle):
    from ztclient.ui.study_counting import StudyCountingCard

    settings = unlocked.main.page("settings")
    counting = settings.findChild(StudyCountingCard)
    settle(unlocked.ops)
    for check in counting.boxes.values():
        check.setChecked(False)
    counting.save()
    settle(unlocked.ops)
    assert counting.error.text() and "学习形式" in counting.error.text()
