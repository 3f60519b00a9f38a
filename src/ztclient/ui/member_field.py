"""A one-line member field with search as you type (name, pinyin initials, ID or phone digits).

Used where a record names one person: 主持人, 记录人, 授课人 and each resolution's subject member
in the meeting editor. A 44-name drop-down list was the issue (issue 9): this field asks the
roster's own search (``members.ids``), so "wjg" finds 王建国 among 3,000 members as quickly as
the roster page does. ``allow_text`` keeps a typed name that is nobody on the roster (an outside
lecturer); otherwise such a name is an error the editor shows.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ztclient.ui.context import UiContext
from ztclient.ui.i18n import translate

LIMIT = 30
SEARCH_DELAY_MS = 120


class MemberField(QLineEdit):
    """``member_id()`` is the chosen member's id while the text is that member's name."""

    chosen_changed = Signal()

    def __init__(
        self, ctx: UiContext, allow_text: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.allow_text = allow_text
        self._chosen: tuple[str, str] | None = None  # (id, name)
        self._found: dict[str, dict] = {}  # popup line -> member row
        self.setPlaceholderText(
            translate("MemberField", "输入姓名或拼音首字母")
            if not allow_text
            else translate("MemberField", "输入姓名或拼音首字母；外单位人员直接填写姓名")
        )
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._picked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.find)
        self.textEdited.connect(self._typed)

    # -- value ---------------------------------------------------------------------------------
    def set_member(self, member_id: str | None, name: str | None) -> None:
        self._chosen = (member_id, name or "") if member_id else None
        self.setText(name or "")
        self.chosen_changed.emit()

    def member_id(self) -> str | None:
        if self._chosen and self.text().strip() == self._chosen[1]:
            return self._chosen[0]
        return None

    def free_text(self) -> str | None:
        """The typed name when it is not a roster member (``allow_text`` fields only)."""
        text = self.text().strip()
        return text if text and self.member_id() is None else None

    def problem(self) -> str | None:
        """Why the field cannot be saved as it is, in words (None: fine)."""
        if self.allow_text or not self.text().strip() or self.member_id():
            return None
        return translate("MemberField", "“{name}”不在党员名册中，请从下拉名单中选择").format(
            name=self.text().strip()
        )

    # -- search --------------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self.chosen_changed.emit()
        self.timer.start()

    def find(self) -> None:
        text, members = self.text().strip(), self.ctx.session.members
        if not text:
            self._show([])
            return

        def job():
            return members.found(text, LIMIT)

        self.ctx.ops.run(job, lambda rows, t=text: t == self.text().strip() and self._show(rows))

    def _show(self, rows: list[dict]) -> None:
        self._found = {f"{r['name']}　{r.get('org_name') or ''}".strip(): r for r in rows}
        self._model.setStringList(list(self._found))
        if rows and self.hasFocus():
            self.completer_.complete()

    def _picked(self, line: str) -> None:
        row = self._found.get(line)
        if row is None:
            return
        # QCompleter writes the whole popup line into the field; the field shows the name only.
        QTimer.singleShot(0, lambda: self.set_member(row["id"], row["name"]))
