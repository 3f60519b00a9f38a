"""报表 and 同步: where the document and sync work plugs in. Buttons stay disabled until then.

The lead wires export/print/sync into ``ReportsView.actions`` and ``SyncView.actions`` (each a
QPushButton, disabled here) when those services exist; this page says plainly what is coming.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import translate


class _Placeholder(QWidget):
    def __init__(self, ctx: UiContext, heading: str, intro: str, items: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.ctx = ctx
        self.actions: dict[str, QPushButton] = {}
        box = QVBoxLayout(self)
        box.addWidget(widgets.title(heading))
        box.addWidget(widgets.hint(intro))
        panel = widgets.card()
        grid = QGridLayout(panel)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setVerticalSpacing(10)
        for row, (key, label, what) in enumerate(items):
            button = QPushButton(label)
            button.setEnabled(False)
            button.setMinimumWidth(180)
            self.actions[key] = button
            grid.addWidget(button, row, 0)
            text = QLabel(what)
            text.setWordWrap(True)
            grid.addWidget(text, row, 1)
        grid.setColumnStretch(1, 1)
        box.addWidget(panel)
        self.status = widgets.hint(translate("Placeholders", "这些功能正在完成中，按钮暂时不能使用。"))
        box.addWidget(self.status)
        box.addStretch(1)

    def on_changed(self, changes: Changes) -> None:
        pass


class ReportsView(_Placeholder):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, translate("Reports", "报表"), translate("Reports", "打印会议记录、签到表、党员登记表，导出报上级的 Excel 报表。"), [
            ("minutes_pdf", translate("Reports", "打印会议记录…"), translate("Reports", "选定一次会议，按标准格式生成会议记录（PDF），可直接打印。")),
            ("signin_pdf", translate("Reports", "打印签到表…"), translate("Reports", "按应到人员生成会议签到表。")),
            ("card_pdf", translate("Reports", "打印党员登记表…"), translate("Reports", "选定党员，生成党员基本信息登记表。")),
            ("roster_xlsx", translate("Reports", "导出党员花名册…"), translate("Reports", "Excel 文件，身份证号码按文本保存。")),
            ("meetings_xlsx", translate("Reports", "导出三会一课台账…"), translate("Reports", "按年度、按支部列出各类会议。")),
            ("study_xlsx", translate("Reports", "导出学习学时统计…"), translate("Reports", "每名党员全年学时与目标对照。")),
            ("stats_xlsx", translate("Reports", "导出党员队伍构成统计…"), translate("Reports", "按性别、年龄、学历、民族等分类统计。")),
            ("import_xlsx", translate("Reports", "从 Excel 导入花名册…"), translate("Reports", "先试导入、逐行检查，全部无误才写入。")),
        ])


class SyncView(_Placeholder):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, translate("Sync", "同步"), translate("Sync", "有网络时把本单位的变动加密发给上级党委；没有网络时用U盘带过去。"), [
            ("sync_now", translate("Sync", "立即同步"), translate("Sync", "发送未同步的变动，接收上级下发的通知和代码表。")),
            ("export_usb", translate("Sync", "导出到U盘…"), translate("Sync", "把未同步的变动写成加密文件，拿到能上网的电脑或上级处导入。")),
            ("import_usb", translate("Sync", "从U盘导入…"), translate("Sync", "导入上级的回执、通知、组织关系转入等。")),
            ("enrol", translate("Sync", "登记本机…"), translate("Sync", "用上级给的登记码或登记文件，让本机可以同步。")),
            ("conflicts", translate("Sync", "待核对的冲突…"), translate("Sync", "两边都改过的字段会保留双方数值，在这里核对。")),
        ])
        self.pending = QLabel()
        self.layout().insertWidget(2, self.pending)

    def activate(self) -> None:
        self._count()

    def on_changed(self, changes: Changes) -> None:
        if changes.any and self.isVisible():
            self._count()

    def _count(self) -> None:
        session = self.ctx.session
        self.ctx.ops.run(lambda: session.counts()["outbox_pending"], lambda n: self.pending.setText(
            translate("Sync", "尚未同步的变动：{n} 条").format(n=n)))
