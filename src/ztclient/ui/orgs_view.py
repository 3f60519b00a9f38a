"""组织: the unit's tree with each organisation's term and committee (组织架构与换届), and the tabs
of its life: 谈心谈话, 民主评议, 整改事项. Every change goes through a dialog and one service call."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import translate


class OrgsView(QWidget):
    """The 组织 page."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        from ztclient.ui.org_life_tabs import AppraisalTab, RectificationTab, TalksTab
        from ztclient.ui.org_tree_tab import OrgTreeTab

        self.ctx = ctx
        self.loaded = False
        box = QVBoxLayout(self)
        box.addWidget(widgets.title(translate("Orgs", "组织")))
        self.tabs = QTabWidget()
        self.tree_tab = OrgTreeTab(ctx)
        self.talks_tab = TalksTab(ctx)
        self.appraisal_tab = AppraisalTab(ctx)
        self.rectification_tab = RectificationTab(ctx)
        self.tabs.addTab(self.tree_tab, translate("Orgs", "组织架构与换届"))
        self.tabs.addTab(self.talks_tab, translate("Orgs", "谈心谈话"))
        self.tabs.addTab(self.appraisal_tab, translate("Orgs", "民主评议"))
        self.tabs.addTab(self.rectification_tab, translate("Orgs", "整改事项"))
        self.tabs.currentChanged.connect(lambda _i: self.load_current())
        box.addWidget(self.tabs, 1)

    def load_current(self) -> None:
        tab = self.tabs.currentWidget()
        if self.loaded and hasattr(tab, "reload"):
            tab.reload()

    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.load_current()

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (changes.orgs or changes.org_life or changes.members):
            self.load_current()

    def clear(self) -> None:
        for i in range(self.tabs.count()):
            self.tabs.widget(i).clear()
        self.loaded = False
