"""报表: the four exports read back with openpyxl, the audited full-ID roster, printing a
meeting's minutes and sign-in sheet to PDF from the meeting list."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox


def _reports_page(shell, settle):
    main = shell.main
    main.show_page(next(i for i, (k, _t, _p) in enumerate(main.pages) if k == "reports"))
    settle(shell.ops)
    return main.page("reports")


@pytest.fixture
def save_to(monkeypatch):
    """QFileDialog.getSaveFileName answers with the next path given."""
    target: list[Path] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(target[-1]), "") if target else ("", ""),
    )
    return target


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True
    )
    return urls


def _cells(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(
        str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
    )


def test_every_export_reads_back(qtbot, unlocked, settle, save_to, opened, tmp_path):
    page = _reports_page(unlocked, settle)
    assert "数据来源" in page.provenance.text() and "草稿" in page.provenance.text()
    for key in ("roster", "meetings", "study", "composition"):
        out = tmp_path / f"{key}.xlsx"
        save_to.append(tmp_path / key)  # no suffix: the view adds .xlsx
        page.buttons[key].click()
        settle(unlocked.ops)
        assert out.exists(), key
        assert str(out) in page.result.text()
        assert page.open_button.isVisible()
        text = _cells(out)
        assert text, key
    roster = _cells(tmp_path / "roster.xlsx")
    assert "*" in roster  # ID numbers masked by default
    page.open_button.click()
    assert opened == [str(tmp_path / "composition.xlsx")]
    store = unlocked.session.store
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'export.roster.full_ids'") == 0


def test_full_id_roster_asks_and_is_audited(
    qtbot, unlocked, settle, save_to, monkeypatch, tmp_path
):
    page = _reports_page(unlocked, settle)
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers[-1])
    page.full_ids.setChecked(True)
    assert not page.full_ids.isChecked()  # declined
    answers.append(QMessageBox.StandardButton.Yes)
    page.full_ids.setChecked(True)
    assert page.full_ids.isChecked()
    save_to.append(tmp_path / "full.xlsx")
    page.buttons["roster"].click()
    settle(unlocked.ops)
    store = unlocked.session.store
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'export.roster.full_ids'") == 1
    ids = [m["id_number"] for m in unlocked.session.members.list(limit=5000) if m.get("id_number")]
    text = _cells(tmp_path / "full.xlsx")
    assert ids and any(i in text for i in ids)


def test_cancelled_save_dialog_does_nothing(qtbot, unlocked, settle, save_to, monkeypatch):
    """No path chosen: no export runs, nothing is audited, nothing is said."""
    page = _reports_page(unlocked, settle)
    store = unlocked.session.store
    exported = []
    monkeypatch.setattr(
        unlocked.session.reports, "export_study", lambda *a, **k: exported.append(a)
    )
    audited = store.scalar("SELECT count(*) FROM audit")
    page.buttons["study"].click()
    settle(unlocked.ops)
    assert exported == [] and store.scalar("SELECT count(*) FROM audit") == audited
    assert page.result.text() == ""


def test_print_minutes_and_signin_from_the_meeting_list(
    qtbot, unlocked, settle, save_to, opened, monkeypatch, tmp_path
):
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("meetings"))
    settle(unlocked.ops)
    meetings = main.page("meetings")
    meetings.period.setCurrentIndex(meetings.period.findData("all"))
    settle(unlocked.ops)
    assert meetings.model.rowCount() > 0
    asked: list[str] = []

    def answer(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.Open

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QMessageBox, "warning", answer)
    meetings.table.selectRow(0)
    save_to.append(tmp_path / "minutes")
    meetings.minutes_button.click()
    settle(unlocked.ops)
    pdf = tmp_path / "minutes.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert opened == [str(pdf)] and str(pdf) in asked[-1]
    save_to.append(tmp_path / "signin.pdf")
    meetings.signin_button.click()
    settle(unlocked.ops)
    assert (tmp_path / "signin.pdf").exists()
    if shutil.which("qpdf"):
        for f in (pdf, tmp_path / "signin.pdf"):
            subprocess.run(["qpdf", "--check", str(f)], check=True, capture_output=True)


def test_missing_glyphs_are_named(qtbot, unlocked, settle, save_to, monkeypatch, tmp_path):
    from ztclient.services.report_models import MissingGlyph, RenderReport
    from ztclient.ui.reports_view import print_pdf

    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, _t, text, *a, **k: (
            said.append(("warning", text)) or QMessageBox.StandardButton.Close
        ),
    )
    save_to.append(tmp_path / "x.pdf")
    report = RenderReport(
        str(tmp_path / "x.pdf"),
        1,
        (MissingGlyph("𠀾", "CJK UNIFIED IDEOGRAPH-2003E", "缺席人员: 张𠀾"),),
    )
    print_pdf(
        unlocked.ctx if hasattr(unlocked, "ctx") else unlocked.main.ctx,
        unlocked.main,
        lambda out: report,
        "x.pdf",
    )
    settle(unlocked.ops)
    assert said and "𠀾" in said[-1][1] and "缺席人员: 张𠀾" in said[-1][1]


def test_no_meeting_selected_says_so(qtbot, unlocked, settle, messages):
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("meetings"))
    settle(unlocked.ops)
    meetings = main.page("meetings")
    meetings.table.clearSelection()
    meetings.minutes_button.click()
    assert messages and "选定" in messages[-1][1]


def test_print_member_card_picked_from_the_roster(
    qtbot, unlocked, settle, save_to, opened, monkeypatch, tmp_path
):
    page = _reports_page(unlocked, settle)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.card_full_ids.setChecked(True)
    page.buttons["card"].click()
    settle(unlocked.ops)
    picker = page.picker
    assert picker.results.count() > 0
    save_to.append(tmp_path / "card.pdf")
    picker.pick()
    settle(unlocked.ops)
    assert (tmp_path / "card.pdf").read_bytes().startswith(b"%PDF")
    assert opened == [str(tmp_path / "card.pdf")]
    store = unlocked.session.store
    assert store.scalar("SELECT count(*) FROM audit WHERE action = 'member.card.full_id'") == 1


def test_the_composition_is_never_as_of_a_day_not_yet_come(qtbot, unlocked, settle):
    """The 构成统计's choices were 31 December of this year even in early December: a count as
    of a day not yet come, printed as the 年报. Now today comes first while that day is ahead
    (marked 今天), then the 年报 and 半年报 days that have come."""
    from datetime import date

    page = _reports_page(unlocked, settle)
    today = unlocked.session.clock.today()
    days = [page.as_of.itemData(i) for i in range(page.as_of.count())]
    assert days and all(d <= today for d in days) and len(set(days)) == len(days)
    ends = [date(y, m, d) for y in (today.year, today.year - 1) for m, d in ((12, 31), (6, 30))]
    assert [d for d in days if d != today] == [d for d in ends if d < today]
    if date(today.year, 12, 31) > today:
        assert days[0] == today and page.as_of.itemText(0).endswith("（今天）")


@pytest.mark.parametrize(
    ("today", "want"),
    [
        ("2026-12-03", ["2026-12-03", "2026-06-30", "2025-12-31", "2025-06-30"]),
        ("2026-06-30", ["2026-06-30", "2025-12-31", "2025-06-30"]),  # today is the 半年报 day
        ("2026-12-31", ["2026-12-31", "2026-06-30", "2025-12-31", "2025-06-30"]),
        ("2026-01-01", ["2026-01-01", "2025-12-31", "2025-06-30"]),
    ],
)
def test_composition_days_by_hand(today, want):
    from datetime import date
    from types import SimpleNamespace

    from ztclient.ui.reports_view import ReportsView

    clock = SimpleNamespace(today=lambda: date.fromisoformat(today))
    ctx = SimpleNamespace(session=SimpleNamespace(clock=clock))
    assert [d.isoformat() for d in ReportsView._as_of_choices(ctx)] == want
