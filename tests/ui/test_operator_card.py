"""设置 → 经办人: the name typed and saved in the window is the one the audit trail names next."""

from __future__ import annotations


def _card(unlocked, settle):
    from ztclient.ui.operator_card import OperatorCard

    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("settings"))
    settle(unlocked.ops)
    return main.page("settings").findChild(OperatorCard)


def test_the_name_saved_in_settings_is_the_trail_s_next_actor(qtbot, unlocked, settle):
    card = _card(unlocked, settle)
    assert card.name.text() == unlocked.session.operator.name()
    card.name.setText(" 李文华 ")
    card.save()
    settle(unlocked.ops)
    assert "李文华" in card.result.text() and not card.error.text()
    assert card.name.text() == "李文华" and unlocked.session.operator.name() == "李文华"
    last = unlocked.session.store.read_one("SELECT actor, action FROM audit ORDER BY seq DESC")
    assert (last["actor"], last["action"]) == ("李文华", "unit.operator_set")


def test_an_empty_name_is_refused_in_words(qtbot, unlocked, settle):
    card = _card(unlocked, settle)
    before = unlocked.session.operator.name()
    card.name.setText("  ")
    card.save()
    settle(unlocked.ops)
    assert "经办人" in card.error.text()
    assert unlocked.session.operator.name() == before
