"""Idle auto-lock: an application-wide event filter restarts a timer on every user input."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.MouseButtonDblClick,
}  # fmt: skip


class IdleWatcher(QObject):
    """Emits ``timed_out`` after ``interval_ms`` without keyboard or mouse input."""

    timed_out = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.timed_out)
        self.set_interval(interval_ms)
        self.active = False

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(max(int(interval_ms), 1))
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        self.active = True
        self.timer.start()

    def stop(self) -> None:
        self.active = False
        self.timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.active and event.type() in _INPUT:
            self.timer.start()  # restart: the clerk is still at the desk
        return False
