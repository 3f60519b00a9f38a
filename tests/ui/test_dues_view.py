"""The 党费 page on the demo unit (offscreen): the grid, a base with the amount as you type,
the monthly collection (undo voids it), one payment and its refusal, the receipt PDF, the
ledger export, and the due list's arrears."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from ztclient.domain.dues_money import fmt


def add_member_behind(app, passphrase) -> str:
    """欠费甲, here since 2001, with a base last year and this year and nothing paid: behind on
    any day of the year (the demo keeps this year's dues only, so in January no month of the
    demo is gone by unpaid, and to March no one is three months behind)."""
    session = app.unlock(passphrase)
    year = session.clock.today().year
    branch = session.orgs.branches()[0]["id"]
    member, _ = session.members.add({"org_id": branch, "name": "欠费甲", "gender": "1",
                                     "category": "full", "join_date": "2001-07-01",
                                     "full_member_date": "2002-07-01"})  # fmt: skip
    for y in (year - 1, year):
        session.dues.set_base(member, y, "employed", income="3000")
    session.close()
    return member


def show_a_year_gone_by(view, unlocked, settle) -> int:
    """The month of the year on the page up to which months are gone by: this year's last
    finished month, or last year's December in January (nothing of this year is gone by)."""
    today = unlocked.session.clock.today()
    if today.month == 1:
        view.year.setValue(today.year - 1)
        settle(unlocked.ops)
        return 12
    return today.month - 1


def open_page(unlocked, settle):
    main = unlocked.main
    main.show_page(next(i for i, (k, _t, _p) in enumerate(main.pages) if k == "dues"))
    settle(unlocked.ops)
    return main.page("dues")


def test_grid_shows_the_ledger(qtbot, demo_app, open_main, passphrase, settle):
    behind = add_member_behind(demo_app, passphrase)
    unlocked = open_main(demo_app)
    view = open_page(unlocked, settle)
    ledger = unlocked.session.dues.ledger(view.year.value())
    assert view.model.rowCount() == len(ledger.lines) > 30
    t = ledger.totals()
    assert f"已交 {t['paid']} 元" in view.totals.text()
    assert f"欠交 {t['arrears']} 元" in view.totals.text()
    # the as-of date stops at today: a ledger as of a day not yet come would guess its payments
    assert view.as_of.maximumDate().toPython() == unlocked.session.clock.today()
    now = ledger.as_of.month  # the as-of month: unpaid there is 待交 (payable now), not late
    # the demo pays through the last finished month; as of today, today's month is in progress
    # (on its last day too: the day is not over)
    pending = [ln for ln in ledger.lines if ln.dues.months[now].status == "pending"]
    assert pending
    # the month in progress is in neither 欠交 figure, and the totals say what is still to pay
    assert f"本月待交 {t['pending']} 元（{len(pending)} 人）" in view.totals.text()
    assert all(ln.dues.arrears_months == sum(c.status == "unpaid"
               for c in ln.dues.months.values()) for ln in pending)  # fmt: skip

    gone = show_a_year_gone_by(view, unlocked, settle)
    shown = unlocked.session.dues.ledger(view.year.value())
    row = next(i for i, ln in enumerate(view.model.lines) if ln.member_id == behind)
    line = view.model.lines[row]
    last_col = view.model.columnCount() - 1
    owed = view.model.index(row, last_col)
    assert view.model.data(owed) == fmt(line.dues.arrears_fen)
    assert view.model.data(owed, Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert [m for m, c in line.dues.months.items() if c.status == "unpaid"] == list(
        range(1, gone + 1)
    )
    cell = view.model.index(row, 2 + gone)
    assert view.model.data(cell) == "欠"
    assert "欠交" in view.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    if view.year.value() == ledger.year:
        this = view.model.index(row, 2 + now)
        assert view.model.data(this) == "待交"
        assert "本月应交" in view.model.data(this, Qt.ItemDataRole.ToolTipRole)
    view.owing.setChecked(True)
    assert behind in {ln.member_id for ln in view.model.lines}
    assert all(ln.dues.arrears_months for ln in view.model.lines)
    if view.year.value() == ledger.year:  # (last year, kept elsewhere, has no base but his)
        assert view.model.rowCount() < len(shown.lines)


def test_base_amount_as_you_type_and_saved(qtbot, unlocked, settle):
    from ztclient.ui.dues_dialogs import BaseDialog

    view = open_page(unlocked, settle)
    view.table.selectRow(0)
    member = view._member()
    dialog = BaseDialog(unlocked.main.ctx, member, view.year.value(), view)
    qtbot.addWidget(dialog)
    settle(unlocked.ops)
    dialog.kind.setCurrentIndex(dialog.kind.findData("employed"))
    dialog.income.setText("4500")
    assert dialog.result.text().startswith(
        "45.00 元（按 1% 交纳，3000.00 元以上至 5000.00 元（含）"
    )
    dialog.income.setText("3000.01")
    assert dialog.result.text().startswith("30.00 元")
    dialog.income.setText("45OO")
    assert "格式不对" in dialog.result.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("farmer"))
    assert not dialog.income.isVisible() or dialog.monthly.isVisibleTo(dialog)
    dialog.monthly.setText("2")
    assert "不在规定范围内" in dialog.result.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("employed"))
    dialog.income.setText("8000")
    dialog.submit()
    settle(unlocked.ops)
    base = unlocked.session.dues.bases(view.year.value())[member["id"]]
    assert (base["income_fen"], base["monthly_fen"]) == (800000, 12000)


def test_monthly_collection_and_undo(qtbot, unlocked, settle):
    from ztclient.ui.dues_collect import AMOUNT, NAME, CollectDialog

    view = open_page(unlocked, settle)
    store = unlocked.session.store
    today = unlocked.session.clock.today()
    before = store.scalar("SELECT count(*) FROM dues_payments WHERE voided = 0")
    dialog = CollectDialog(unlocked.main.ctx, today.replace(day=1), view)
    qtbot.addWidget(dialog)
    settle(unlocked.ops)
    n = dialog.table.rowCount()
    assert n > 20 and f"共 {n} 人应交" in dialog.total.text()
    dialog.table.item(0, NAME).setCheckState(Qt.CheckState.Unchecked)
    # a short amount is refused and the member is named; nothing is written
    short_name = dialog.table.item(1, NAME).text()
    good = dialog.table.item(1, AMOUNT).text()
    dialog.table.item(1, AMOUNT).setText("0.01")
    dialog.submit()
    settle(unlocked.ops)
    assert dialog.error.text().startswith(f"{short_name}：应交{good}元，实交0.01元")
    assert store.scalar("SELECT count(*) FROM dues_payments WHERE voided = 0") == before
    dialog.table.item(1, AMOUNT).setText(good)
    dialog.submit()
    settle(unlocked.ops)
    assert dialog.recorded == n - 1
    assert store.scalar("SELECT count(*) FROM dues_payments WHERE voided = 0") == before + n - 1
    assert "按月收缴" in unlocked.undo.label
    unlocked.main.undo()
    settle(unlocked.ops)
    assert store.scalar("SELECT count(*) FROM dues_payments WHERE voided = 0") == before


def test_one_payment_receipt_and_export(
    qtbot, demo_app, open_main, passphrase, settle, monkeypatch, tmp_path
):
    from ztclient.ui import reports_view
    from ztclient.ui.dues_dialogs import PayDialog

    behind = add_member_behind(demo_app, passphrase)
    unlocked = open_main(demo_app)
    view = open_page(unlocked, settle)
    show_a_year_gone_by(view, unlocked, settle)
    row = next(i for i, ln in enumerate(view.model.lines) if ln.member_id == behind)
    view.table.selectRow(row)
    line = view.selected()
    dialog = PayDialog(unlocked.main.ctx, view._member(), view._first_owed(), view._cost(), view)
    qtbot.addWidget(dialog)
    first = next(c for _m, c in sorted(line.dues.months.items()) if c.status == "unpaid")
    assert dialog.amount.text() == fmt(first.amount_fen)
    dialog.submit()
    settle(unlocked.ops)
    assert dialog.result() == dialog.DialogCode.Accepted
    again = PayDialog(unlocked.main.ctx, view._member(), view._first_owed(), {}, view)
    qtbot.addWidget(again)
    again.month.setDate(dialog.month.date())
    again.amount.setText(fmt(first.amount_fen))
    again.submit()
    settle(unlocked.ops)
    assert "已经交过" in again.error.text()

    view.table.selectRow(row)
    settle(unlocked.ops)
    assert view.pay_model.rowCount() >= 1
    view.payments.selectRow(0)
    pdf = tmp_path / "receipt.pdf"
    monkeypatch.setattr(reports_view, "ask_save_path", lambda *a, **k: pdf)
    view.print_receipt()
    settle(unlocked.ops)
    assert pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"
    xlsx = tmp_path / "dues.xlsx"
    monkeypatch.setattr(reports_view, "ask_save_path", lambda *a, **k: Path(xlsx))
    view.export()
    settle(unlocked.ops)
    assert xlsx.exists() and xlsx.stat().st_size > 5000


def test_dashboard_lists_members_behind(qtbot, demo_app, open_main, passphrase, settle):
    # one member kept here last year too, with nothing paid: behind on any day of the year
    # (the demo keeps this year's dues only, so from January to March no one was three
    # months behind and this test failed then)
    member = add_member_behind(demo_app, passphrase)
    unlocked = open_main(demo_app)
    view = unlocked.main.page("dashboard")
    settle(unlocked.ops)
    behind = [r for r in view.due.rows if r["kind"] == "dues_behind"]
    expected = unlocked.session.dues.behind()
    assert len(behind) == len(expected) > 0
    assert member in {b.member_id for b in expected}
    assert behind[0]["what"].startswith("连续") and "欠交" in behind[0]["detail"]


def test_the_payment_dialog_says_when_back_pay_exceeds_six_months(qtbot, unlocked, settle):
    """补交 of more than six months is said in the dialog before 登记 (a norm: not refused)."""
    from datetime import date

    from PySide6.QtCore import QDate

    from ztclient.ui.dues_dialogs import PayDialog

    dialog = PayDialog(unlocked.main.ctx, None, date(2026, 1, 1), None)
    qtbot.addWidget(dialog)
    dialog.paid_on.setDate(QDate(2026, 10, 20))
    dialog.month.setDate(QDate(2026, 1, 1))
    dialog.months.setValue(6)  # January–June, paid in October: six back, the limit
    assert dialog.back_pay.isHidden()
    dialog.months.setValue(8)  # January–August: eight back
    assert not dialog.back_pay.isHidden()
    assert "补交8个月（自2026-01起）" in dialog.back_pay.text()
    dialog.paid_on.setDate(QDate(2026, 3, 1))  # paid in March: two back, six ahead
    assert dialog.back_pay.isHidden()


def test_the_collection_names_who_pays_more_than_six_months_back(qtbot, unlocked, settle):
    """按月收缴 says W_DUES_BACK_PAY before 全部登记, naming the ticked members (ten, then how
    many in all), and records the payments all the same (a norm, not a rule). By hand: twelve
    members with a 2025 base of 3,000.00 (15.00 a month; the demo keeps no 2025 bases, so only
    they are listed); January–June paid on 1 July is six back (silent), January–July paid on
    20 August is seven back (said)."""
    from datetime import date

    from PySide6.QtCore import QDate

    from ztclient.ui.dues_collect import AMOUNT, NAME, CollectDialog

    s = unlocked.session
    branch = s.store.scalar("SELECT id FROM orgs WHERE kind = 'branch' ORDER BY name LIMIT 1")
    names = [f"测补{c}" for c in "一二三四五六七八九十百千"]
    for n in names:
        member_id, _ = s.members.add({"org_id": branch, "name": n, "gender": "1",
                                      "category": "full", "join_date": "2001-07-01",
                                      "full_member_date": "2002-07-01"})  # fmt: skip
        s.dues.set_base(member_id, 2025, "在职", income="3000")
    dialog = CollectDialog(unlocked.main.ctx, date(2025, 1, 1))
    qtbot.addWidget(dialog)
    dialog.paid_on.setDate(QDate(2025, 7, 1))
    dialog.months.setValue(6)
    settle(unlocked.ops)
    assert sorted(dialog.table.item(i, NAME).text() for i in range(12)) == sorted(names)
    assert dialog.table.rowCount() == 12 and dialog.table.item(0, AMOUNT).text() == "90.00"
    assert dialog.back_pay.isHidden()  # six back: the limit
    dialog.months.setValue(7)
    settle(unlocked.ops)
    assert dialog.back_pay.isHidden()  # January–July paid on 1 July: six back, one this month
    dialog.paid_on.setDate(QDate(2025, 8, 20))
    assert not dialog.back_pay.isHidden()
    text = dialog.back_pay.text()
    assert text.startswith(
        "补交7个月（自2025-01起），超过一般不超过6个月的规定；请确认已经支部同意："
    )
    listed = [dialog.table.item(i, NAME).text() for i in range(12)]
    assert text.endswith("、".join(listed[:10]) + "等12人")
    assert dialog.back_pay.toolTip() == "、".join(listed)
    dialog.table.item(0, NAME).setCheckState(Qt.CheckState.Unchecked)
    dialog.table.item(1, NAME).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.back_pay.text().endswith("：" + "、".join(listed[2:]))  # ten: all named
    assert listed[0] not in dialog.back_pay.text()
    dialog.submit()
    settle(unlocked.ops)
    assert dialog.recorded == 10  # said, not refused
    paid = s.store.scalar(
        "SELECT count(*) FROM dues_payments p JOIN members m ON m.id = p.member_id "
        "WHERE m.name LIKE '测补%' AND p.voided = 0 AND p.first_month = '2025-01' "
        "AND p.months = 7 AND p.amount_fen = 10500"
    )
    assert paid == 10


def test_an_amount_above_the_cost_is_asked_about_before_it_becomes_extra(
    qtbot, unlocked, settle, monkeypatch
):
    """按月收缴 took any typed amount above the cost as 自愿多交 without a word: 450 typed for
    45.00 was recorded as 405.00 extra (QA; the CLI asks for `extra` explicitly). The dialog
    now lists who pays more and asks; 否 records nothing, 是 records the extra."""
    from PySide6.QtWidgets import QMessageBox

    from ztclient.ui import dues_collect
    from ztclient.ui.dues_collect import AMOUNT, NAME, CollectDialog

    view = open_page(unlocked, settle)
    store = unlocked.session.store
    today = unlocked.session.clock.today()
    before = store.scalar("SELECT count(*) FROM dues_payments WHERE voided = 0")
    dialog = CollectDialog(unlocked.main.ctx, today.replace(day=1), view)
    qtbot.addWidget(dialog)
    settle(unlocked.ops)
    for i in range(1, dialog.table.rowCount()):  # only the first member is collected
        dialog.table.item(i, NAME).setCheckState(Qt.CheckState.Unchecked)
    name, due = dialog.table.item(0, NAME).text(), dialog.table.item(0, AMOUNT).text()
    typed = f"{Decimal(due) * 10:.2f}"
    dialog.table.item(0, AMOUNT).setText(typed)
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def question(_parent, _title, text, *args):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(dues_collect.QMessageBox, "question", staticmethod(question))
    dialog.submit()  # 否: back to the amounts, nothing recorded
    settle(unlocked.ops)
    assert f"{name}：应交 {due}，填写 {typed}" in asked[0] and "自愿多交" in asked[0]
    assert store.scalar("SELECT count(*) FROM dues_payments WHERE voided = 0") == before
    dialog.submit()  # 是: recorded, the excess as 自愿多交
    settle(unlocked.ops)
    assert len(asked) == 2 and dialog.recorded == 1
    extra = store.scalar(
        "SELECT extra_fen FROM dues_payments WHERE voided = 0 ORDER BY created_at DESC LIMIT 1"
    )
    assert Decimal(extra) / 100 == Decimal(typed) - Decimal(due)


def test_a_base_from_july_keeps_the_months_before(qtbot, unlocked, settle):
    """The dialog's 适用月份: 8,000 from July (1.5 % → 120.00) leaves January–June at the base
    the member had (the year's January base stays, a July base is added)."""
    from ztclient.ui.dues_dialogs import BaseDialog

    view = open_page(unlocked, settle)
    view.table.selectRow(0)
    member = view._member()
    year = view.year.value()
    before = unlocked.session.dues.bases(year).get(member["id"])
    dialog = BaseDialog(unlocked.main.ctx, member, year, view)
    qtbot.addWidget(dialog)
    settle(unlocked.ops)
    dialog.kind.setCurrentIndex(dialog.kind.findData("employed"))
    dialog.from_month.setValue(7)
    dialog.income.setText("8000")
    dialog.submit()
    settle(unlocked.ops)
    rows = unlocked.session.store.read(
        "SELECT from_month, monthly_fen FROM dues_bases WHERE member_id = ? AND year = ? "
        "ORDER BY from_month",
        (member["id"], year),
    )
    assert before is not None  # the demo sets the year's bases from January
    assert rows == [
        {"from_month": 1, "monthly_fen": before["monthly_fen"]},  # still there, unchanged
        {"from_month": 7, "monthly_fen": 12000},
    ]


def test_the_base_dialog_shows_a_result_that_wraps(qtbot, unlocked, settle):
    """每月应交 for 8,000 wraps onto a second line ("…10000.00 元（含）"); the dialog grows to
    show it, where the second line was cut off below the window."""
    from ztclient.ui.dues_dialogs import BaseDialog

    view = open_page(unlocked, settle)
    view.table.selectRow(0)
    dialog = BaseDialog(unlocked.main.ctx, view._member(), view.year.value(), view)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(unlocked.ops)
    dialog.kind.setCurrentIndex(dialog.kind.findData("employed"))
    dialog.income.setText("8000")
    qtbot.wait(50)
    label = dialog.result
    assert "（含）" in label.text()
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() < dialog.height()


def test_a_mistaken_base_is_voided_from_the_page(qtbot, unlocked, settle, monkeypatch):
    """作废基数…: the selected member's bases of the year are offered (the latest first chosen),
    a reason asked; the July base entered by mistake is voided, kept with its reason, and the
    January base is in force again. Cancelling writes nothing."""
    from PySide6.QtWidgets import QInputDialog

    view = open_page(unlocked, settle)
    dues, year = unlocked.session.dues, view.year.value()
    view.table.selectRow(next(  # one with a base and nothing paid from July (else refused)
        i for i, ln in enumerate(view.model.lines)
        if ln.member_id in dues.bases(year)
        and all(ln.dues.months[m].status != "paid" for m in range(7, 13))
    ))  # fmt: skip
    member = view._member()
    january = dues.bases(year)[member["id"]]
    july, _rate, _ = dues.set_base(member["id"], year, "employed", income="8000",
                                   from_month=f"{year}-07")  # fmt: skip
    settle(unlocked.ops)
    view.table.selectRow(next(i for i, ln in enumerate(view.model.lines)
                              if ln.member_id == member["id"]))  # fmt: skip
    offered = []

    def get_item(_parent, _title, _label, items, current, _editable):
        offered.extend(items)
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("误录", False)))
    view.void_base()
    settle(unlocked.ops)
    assert offered[-1] == f"自{year}年7月起 每月120.00元"
    assert dues.bases(year)[member["id"]]["id"] == july  # cancelled: nothing written
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("误录", True)))
    view.void_base()
    settle(unlocked.ops)
    row = unlocked.session.store.read_one(
        "SELECT voided, void_reason FROM dues_bases WHERE id = ?", (july,)
    )
    assert row == {"voided": 1, "void_reason": "误录"}
    assert dues.bases(year)[member["id"]]["id"] == january["id"]


def test_the_year_and_the_as_of_date_stay_within_what_has_a_ledger(qtbot, unlocked, settle):
    """The year stops at this year and the as-of date starts on the year's 1 January: the page
    let a clerk pick 2027, or 2026 as of 2025-06-30, and showed a blank ledger as if it were one
    (the service refuses both: E_DUES_AS_OF_BEFORE_YEAR). A new year is one reload."""
    view = open_page(unlocked, settle)
    today = unlocked.session.clock.today()
    assert view.year.maximum() == today.year
    assert view.as_of.minimumDate().toPython() == date(today.year, 1, 1)
    loads = []
    view.model.modelReset.connect(lambda: loads.append(view.year.value()))
    view.year.setValue(today.year - 1)
    settle(unlocked.ops)
    assert view.as_of.minimumDate().toPython() == date(today.year - 1, 1, 1)
    assert view.as_of.date().toPython() == date(today.year - 1, 12, 31)
    assert loads == [today.year - 1]
    assert view.model.year == today.year - 1 and view.model.lines
