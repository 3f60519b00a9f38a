"""到会情况: the meeting editor's live panel of figures, verdict and explanation.

A piece of its own so that the figures' one definition (domain.quorum, issue 10) changes only
here. It also says which vote counts are impossible (more votes than voters present plus
written opinions, more written opinions than absent voters): the editor refuses to save those
and shows the reason on the row (issue 9).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ztclient.domain.messages import render_error
from ztclient.ui import widgets
from ztclient.ui.i18n import domain_lang, translate

# Counts that cannot be true, as opposed to a vote that did not pass or a quorum not met.
IMPOSSIBLE = ("E_VOTES_EXCEED", "E_WRITTEN_EXCEED")


def impossible_votes(q) -> dict[int, str]:
    """Row index (0-based) of each resolution whose counts cannot be true -> the reason."""
    out: dict[int, str] = {}
    for r in getattr(q, "resolutions", ()) or ():
        reasons = [render_error(e, domain_lang()) for e in r.errors if e.code in IMPOSSIBLE]
        if reasons:
            out[r.index - 1] = "；".join(reasons)
    return out


class QuorumPanel(QWidget):
    """``show(q)`` with a domain QuorumResult; ``lines`` holds the last explanation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = None
        self.lines: list[str] = []
        card = widgets.card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        box = QVBoxLayout(card)
        box.addWidget(QLabel("<b>" + translate("MeetingEditor", "到会情况") + "</b>"))
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.numbers)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        box.addWidget(self.verdict)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setObjectName("Hint")
        box.addWidget(self.explain)
        box.addStretch(1)
        self.setFixedWidth(280)

    def show_error(self, text: str) -> None:
        self.explain.setText(text)

    def show_result(self, q) -> None:
        self.result = q
        self.numbers.setText(
            translate(
                "MeetingEditor",
                "应到 <b>{due}</b> 人　实到 <b>{present}</b> 人<br>"
                "有表决权：应到 <b>{voters_due}</b>　实到 <b>{voters_present}</b>",
            ).format(
                due=q.due_total,
                present=q.present_total,
                voters_due=q.voters_due,
                voters_present=q.voters_present,
            )
        )
        bad_votes = impossible_votes(q)
        if bad_votes:
            name, text = "Bad", translate("MeetingEditor", "✘ 表决票数不可能，请核对")
        elif q.quorum_required:
            good = q.quorum_met
            name = "Good" if good else "Bad"
            text = (
                translate("MeetingEditor", "✔ 到会人数符合要求")
                if good
                else translate("MeetingEditor", "✘ 到会有表决权的党员未超过半数，不能表决")
            )
        else:
            name, text = "Hint", translate("MeetingEditor", "此类会议不要求法定人数")
        self.verdict.setObjectName(name)
        self.verdict.setText(text)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.lines = list(q.explain(domain_lang()))
        self.explain.setText("\n".join(self.lines))
