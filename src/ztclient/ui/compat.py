"""Work-arounds for bugs in the Qt binding, in one place.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a new reference, so
every emit from Python takes one reference off ``True``. On Python 3.11 (where True is not
immortal) a few hundred emits later the interpreter aborts with "bool_dealloc: deallocating
True or False". ``emit(signal, *args)`` gives the reference back, only when the running
binding is found to have the bug (checked once), so a fixed PySide6 costs nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_state: dict[str, bool] = {}


class _Probe(QObject):
    ping = Signal(int)


def emit_leaks() -> bool:
    """True when this binding's emit() returns a borrowed reference to a bool."""
    if "leaks" not in _state:
        probe = _Probe()
        before = sys.getrefcount(True) + sys.getrefcount(False)
        result = probe.ping.emit(1)
        kept = result
        del result
        after = sys.getrefcount(True) + sys.getrefcount(False)
        # With a correct binding ``kept`` holds the one new reference: after == before + 1.
        leaks = after == before
        if leaks and isinstance(kept, bool):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(kept))  # repay the probe's own emit
        del kept
        _state["leaks"] = leaks
    return _state["leaks"]


def emit(signal: Any, *args: Any) -> Any:
    """``signal.emit(*args)`` without the PySide6 6.12.0 reference leak on the result."""
    result = signal.emit(*args)
    if isinstance(result, bool) and emit_leaks():
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return result


class GuiThreadGc(QObject):
    """Run Python's cycle collector on the GUI thread, from a timer, and never elsewhere.

    Left to itself the collector runs in whichever thread happens to allocate — often the
    operations worker, busy building rows — and may then destroy a Qt object that lives on the
    GUI thread (a closed dialog caught in a reference cycle with its lambdas), or destroy one
    in the middle of another object's event handler. Both crash PySide6 at random. So automatic
    collection is switched off and this timer collects at a quiet point of the event loop,
    generation by generation, as often as Python's own thresholds would have.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        import gc

        from PySide6.QtCore import QTimer

        super().__init__(parent)
        self._gc = gc
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = self._gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                self._gc.collect(generation)
                break

    def stop(self) -> None:
        self.timer.stop()
        self._gc.enable()
