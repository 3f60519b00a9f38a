"""Small shared widgets: page titles, field error labels, the passphrase strength meter, the
read-only table of a list page."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui.i18n import translate

if TYPE_CHECKING:
    from ztclient.ui.context import UiContext


def table_view(model, stretch: bool = True) -> QTableView:
    """A read-only table of rows, one row selected at a time: every list page's table."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(stretch)
    return table


def narrow_combo(combo: QComboBox, chars: int = 14) -> QComboBox:
    """A filter combo that does not widen its toolbar to its longest item (an English meeting
    kind or a committee's organisation name): ``chars`` wide, the list as wide as it needs,
    the chosen text in its tooltip (it may be cut)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    view = combo.view()
    timer = QTimer(combo, singleShot=True, interval=0)  # items come one by one: measure once

    def widen() -> None:
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)

    timer.timeout.connect(widen)
    combo.model().rowsInserted.connect(lambda *_a: timer.start())
    combo.model().modelReset.connect(timer.start)
    combo.currentTextChanged.connect(combo.setToolTip)
    timer.start()
    return combo


def title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("PageTitle")
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def _line_under_field(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)  # the theme colours it
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def warning_label() -> QLabel:
    """A norm the input goes past (said, not refused: W_ codes), in amber; hidden while empty."""
    return _line_under_field("Warning")


def error_label() -> QLabel:
    """A red line under a field; hidden while empty so the form does not jump about."""
    return _line_under_field("FieldError")


def set_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def card() -> QFrame:
    frame = QFrame()
    frame.setObjectName("Card")
    return frame


def card_of(owner: QWidget, width: int = 640) -> QVBoxLayout:
    """Make ``owner`` one card (at most ``width`` wide, as the 设置 page's are) and return the
    card's layout, for the section to fill."""
    box = QVBoxLayout(owner)
    box.setContentsMargins(0, 0, 0, 0)
    frame = card()
    frame.setMaximumWidth(width)
    box.addWidget(frame)
    return QVBoxLayout(frame)


def passphrase_score(text: str) -> int:
    """0–4 from the domain's rule (0 = refused: too short, too simple or common)."""
    from ztclient.domain import passphrase

    return passphrase.score(text)


class StrengthMeter(QWidget):
    """A bar and a word: 太短 / 弱 / 一般 / 较强 / 强."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.word = QLabel()
        self.word.setMinimumWidth(60)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.word)
        self.update_for("")

    def update_for(self, text: str) -> int:
        score = passphrase_score(text)
        words = [
            translate("Strength", "不能用"),
            translate("Strength", "弱"),
            translate("Strength", "一般"),
            translate("Strength", "较强"),
            translate("Strength", "强"),
        ]
        colors = ["#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32"]
        self.bar.setValue(score)
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colors[score]}; }}")
        self.word.setText(words[score] if text else "")
        self.score = score
        return score


def align_center(widget: QWidget) -> QWidget:
    """Wrap a fixed-width panel so it sits in the middle of a big window."""
    outer = QWidget()
    row = QHBoxLayout(outer)
    row.addStretch(1)
    row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
    row.addStretch(1)
    return outer


def date_edit(ctx: UiContext, day: date | None = None) -> QDateEdit:
    """A date field (YYYY-MM-DD, a calendar to pick from) showing ``day``, or the session's
    today: the one clock every rule judges dates by, never the PC's own."""
    edit = QDateEdit(QDate(day or ctx.session.clock.today()))
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit
