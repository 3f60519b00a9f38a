"""What every view gets: the App, the open Session, the operations helper, settings, undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from ztclient.services.settings import SettingsStore
from ztclient.ui.compat import emit
from ztclient.ui.editor_guard import WindowRegistry
from ztclient.ui.operations import Operations


class UndoList(QObject):
    """Undo for edits a clerk expects to take back (a member's edit, a study entry).

    Each entry is a label and a job that reverses the edit through a service (a new, audited
    edit: the record of the first one stays in the journal). Only the newest can be undone.
    """

    changed = Signal()

    def __init__(self, ops: Operations) -> None:
        super().__init__()
        self.ops = ops
        self.entries: list[tuple[str, Callable[[], Any]]] = []

    def push(self, label: str, job: Callable[[], Any]) -> None:
        self.entries.append((label, job))
        del self.entries[:-20]
        emit(self.changed)

    @property
    def label(self) -> str | None:
        return self.entries[-1][0] if self.entries else None

    def undo(self, done: Callable[[Any], None] | None = None) -> None:
        if not self.entries:
            return
        _label, job = self.entries.pop()
        emit(self.changed)
        self.ops.run(job, done)

    def clear(self) -> None:
        self.entries.clear()
        emit(self.changed)


@dataclass
class UiContext:
    app: Any  # bootstrap.App
    session: Any  # services.session.Session
    ops: Operations
    settings: SettingsStore
    undo: UndoList
    extras: dict[str, Any] = field(default_factory=dict)
    windows: WindowRegistry = field(default_factory=WindowRegistry)  # one window per record

    @property
    def unit(self) -> dict[str, Any]:
        """Unit name, code and counts read at unlock (so windows need not read the store)."""
        return getattr(self.session, "ui_info", None) or {"unit_name": "", "unit_code": ""}
