"""Forgiving editors: what every record editor does so that a clerk's edits are never lost.

- Esc, 取消/关闭 and the window's close button ask about unsaved changes (保存 / 放弃修改 /
  继续编辑) instead of dropping them (issue 9: Esc closed the member form silently).
- 保存 with an error takes the clerk to it: the tab that holds the field comes to the front,
  the field gets the focus, and the message says in words which field and what is wrong.
- One window per record: opening a record that already has a window raises that window.

"Unsaved" is judged from the editor's widgets themselves (a snapshot of every input's value
taken when the record finished loading), so an editor needs no bookkeeping of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.i18n import translate

SAVE, DISCARD, STAY = "save", "discard", "stay"


def widget_state(root: QWidget) -> tuple:
    """Every input value under ``root``, in widget order: equal tuples = nothing changed."""
    values: list[Any] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            values.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            values.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            values.append((w.currentIndex(), w.currentText(), w.count()))
        elif isinstance(w, QAbstractSpinBox):
            values.append(w.text())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            values.append(w.isChecked())
        elif isinstance(w, QTableWidget):
            values.append(
                tuple(
                    w.item(r, c).text() if w.item(r, c) else None
                    for r in range(w.rowCount())
                    for c in range(w.columnCount())
                )
            )
    return tuple(values)


def ask_unsaved(parent: QWidget) -> str:
    """保存 / 放弃修改 / 继续编辑. Tests replace this function (no real modal box in tests)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("EditorGuard", "尚未保存"))
    box.setText(translate("EditorGuard", "所做的修改还没有保存。"))
    save = box.addButton(translate("EditorGuard", "保存"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(
        translate("EditorGuard", "放弃修改"), QMessageBox.ButtonRole.DestructiveRole
    )
    stay = box.addButton(translate("EditorGuard", "继续编辑"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else STAY


class ForgivingDialog(QDialog):
    """Base of the record editors. Subclasses call :meth:`mark_clean` once their record is on
    screen and implement ``save()`` (which ``accept()``s when the service took the record)."""

    _clean: tuple | None = None

    def editor_state(self) -> tuple:
        return widget_state(self)

    def mark_clean(self) -> None:
        self._clean = self.editor_state()

    def is_dirty(self) -> bool:
        return self._clean is not None and self.editor_state() != self._clean

    def save(self) -> None:  # pragma: no cover - every editor has its own
        raise NotImplementedError

    def reject(self) -> None:
        """Esc, 取消 and the close button all come here (QDialog routes them to reject)."""
        if self.is_dirty():
            choice = ask_unsaved(self)
            if choice == SAVE:
                self.save()
                return
            if choice != DISCARD:
                return
        super().reject()

    # -- the first error ---------------------------------------------------------------------
    def go_to_error(self, widget: QWidget | None, label: str, message: str) -> None:
        """Bring ``widget``'s tab to the front, focus it, and say the error in words."""
        if widget is not None:
            parent = widget.parentWidget()
            while parent is not None and parent is not self:
                if isinstance(parent, QTabWidget):
                    for i in range(parent.count()):
                        page = parent.widget(i)
                        if page is widget or page.isAncestorOf(widget):
                            parent.setCurrentIndex(i)
                parent = parent.parentWidget()
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        summary = getattr(self, "summary", None) or getattr(self, "error", None)
        text = translate("EditorGuard", "请先改正“{field}”：{message}").format(
            field=label, message=message
        )
        if summary is not None:
            widgets.set_error(summary, text)


class WindowRegistry:
    """One window per record: ``open(key, make)`` raises the open one, else makes it."""

    def __init__(self) -> None:
        self._open: dict[Any, QWidget] = {}

    def get(self, key: Any) -> QWidget | None:
        window = self._open.get(key)
        if window is None:
            return None
        try:
            alive = window.isVisible()
        except RuntimeError:  # the C++ object is gone
            alive = False
        if not alive:
            self._open.pop(key, None)
            return None
        return window

    def open(self, key: Any, make: Callable[[], QDialog]) -> QDialog:
        window = self.get(key)
        if window is not None:
            window.raise_()
            window.activateWindow()
            return window  # type: ignore[return-value]
        window = make()
        self._open[key] = window
        window.finished.connect(lambda _r, k=key, w=window: self._forget(k, w))
        window.open()
        return window

    def _forget(self, key: Any, window: QWidget) -> None:
        if self._open.get(key) is window:
            del self._open[key]
