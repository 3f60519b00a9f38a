"""The main window's pages, each made when first shown and refreshed when shown again.

Unlocking used to build all nine pages (and import their modules, QtCharts, the documents
layer …) before the window appeared, and every edit then queued a refresh job for each page
that had ever been opened, hidden or not. Here a page is a *maker* until it is first shown; a
made page that is hidden collects the :class:`Changes` it misses and is handed them, merged,
when the clerk comes back to it. Changes still drive every refresh: the page decides, as before.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ztclient.services.changes import Changes

#: How a page is made: ``maker(ctx) -> QWidget`` (a made widget is accepted as it is).
PageMaker = Callable[[Any], QWidget] | QWidget


def view(module: str, name: str) -> Callable[[Any], QWidget]:
    """A page class of ``ztclient.ui.<module>``, imported when the page is first shown."""

    def make(ctx: Any) -> QWidget:
        return getattr(importlib.import_module(f"ztclient.ui.{module}"), name)(ctx)

    make.__qualname__ = f"view({module}.{name})"
    return make


class LazyPages(QObject):
    """Slots in a stacked widget; each holds its page once made."""

    built = Signal(object)  # the page just made (the window connects its signals)

    def __init__(self, stack: QStackedWidget, ctx: Any, pages: list[tuple[str, str, Any]]):
        super().__init__(stack)
        self.ctx = ctx
        self.stack = stack
        self.keys = [key for key, _text, _make in pages]
        self.makers = {key: make for key, _text, make in pages}
        self.made: dict[str, QWidget] = {}
        self.pending: dict[str, Changes] = {}
        self.activated: set[str] = set()
        for _key in self.keys:
            stack.addWidget(QWidget())  # a blank stand-in until the page is made

    def page(self, key: str) -> QWidget:
        """The page of ``key``, made now if need be (not activated: that is :meth:`show`)."""
        page = self.made.get(key)
        if page is None:
            make = self.makers[key]
            page = make if isinstance(make, QWidget) else make(self.ctx)
            self.made[key] = page
            index, current = self.keys.index(key), self.stack.currentIndex()
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.stack.setCurrentIndex(current)
            self.built.emit(page)
        return page

    def show(self, index: int) -> None:
        """Bring page ``index`` forward: made if new, activated, handed what it missed."""
        key = self.keys[index]
        page = self.page(key)
        self.stack.setCurrentIndex(index)
        missed = self.pending.pop(key, None)
        first = key not in self.activated
        self.activated.add(key)
        if hasattr(page, "activate"):
            page.activate()  # a page loads itself the first time it is shown
        if (
            missed is not None
            and not first
            and hasattr(page, "on_changed")
            and not getattr(page, "refreshes_when_shown", False)
        ):
            page.on_changed(missed)

    @property
    def made_keys(self) -> list[str]:
        """Keys of the pages made so far, in sidebar order."""
        return [key for key in self.keys if key in self.made]

    def changed(self, changes: Changes) -> None:
        current = self.keys[self.stack.currentIndex()] if self.stack.count() else None
        for key, page in self.made.items():
            if not hasattr(page, "on_changed"):
                continue
            if key == current:
                page.on_changed(changes)
            else:
                before = self.pending.get(key)
                self.pending[key] = changes if before is None else before | changes

    def clear(self) -> None:
        """On lock: every made page drops its rows; nothing is pending any more."""
        self.pending.clear()
        for page in self.made.values():
            if hasattr(page, "clear"):
                page.clear()
