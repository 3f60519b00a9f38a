"""会议: the list by kind and period, and the compliance view (required meetings missing)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.services.dashboard import Dashboard
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, code_label, domain_lang, translate
from ztclient.ui.table_model import DictTableModel
from ztclient.ui.theme import icon


def natural_key(text: str) -> list:
    """第2党支部 before 第10党支部."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def period_range(key: str, today: date) -> tuple[str | None, str | None]:
    """(start, end) ISO dates for the period filter."""
    if key == "month":
        start = today.replace(day=1)
    elif key == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    elif key == "year":
        start = today.replace(month=1, day=1)
    elif key == "last_year":
        return f"{today.year - 1}-01-01", f"{today.year - 1}-12-31"
    else:
        return None, None
    return start.isoformat(), today.isoformat()


def describe_missing(item) -> str:
    """ "支部委员会会议（2026年11月）" for a ``compliance.Missing``."""
    kind = getattr(item, "kind", None)
    label = getattr(item, "label", None)
    if kind is not None and callable(label):
        return translate("Meetings", "{kind}（{period}）").format(
            kind=code_label("meeting_kind", str(getattr(kind, "value", kind))),
            period=label(domain_lang()),
        )
    for name in ("explain", "message", "describe"):
        fn = getattr(item, name, None)
        if callable(fn):
            text = fn(domain_lang())
            return "；".join(text) if isinstance(text, list | tuple) else str(text)
    if isinstance(item, dict):
        kind = code_label("meeting_kind", item.get("kind"))
        return f"{kind} {item.get('period', '')}".strip()
    kind = getattr(item, "kind", None)
    if kind is not None:
        period = getattr(item, "period", "") or getattr(item, "label", "")
        return f"{code_label('meeting_kind', str(getattr(kind, 'value', kind)))} {period}".strip()
    return str(item)


class MeetingsView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        box = QVBoxLayout(self)
        box.addWidget(widgets.title(translate("Meetings", "会议")))
        self.tabs = QTabWidget()
        box.addWidget(self.tabs, 1)

        page = QWidget()
        pbox = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(translate("Meetings", "全部类型"), None)
        for code, text in code_choices("meeting_kind"):
            self.kind.addItem(text, code)
        self.period = QComboBox()
        for key, text in (
            ("year", translate("Meetings", "今年")),
            ("quarter", translate("Meetings", "本季度")),
            ("month", translate("Meetings", "本月")),
            ("last_year", translate("Meetings", "去年")),
            ("all", translate("Meetings", "全部")),
        ):
            self.period.addItem(text, key)
        self.org = QComboBox()
        self.org.addItem(translate("Meetings", "全部组织"), None)
        for combo in (self.kind, self.period, self.org):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button = QPushButton(icon("add"), translate("Meetings", "记录会议"))
        self.new_button.clicked.connect(lambda: self.open_meeting(None))
        self.open_button = QPushButton(translate("Meetings", "打开"))
        self.open_button.clicked.connect(self.open_selected)
        self.minutes_button = QPushButton(translate("Meetings", "打印会议记录…"))
        self.minutes_button.setToolTip(
            translate("Meetings", "把选定的会议按标准格式生成 PDF，可直接打印")
        )
        self.minutes_button.clicked.connect(lambda: self.print_selected("minutes"))
        self.signin_button = QPushButton(translate("Meetings", "打印签到表…"))
        self.signin_button.setToolTip(translate("Meetings", "按应到人员生成会议签到表 PDF"))
        self.signin_button.clicked.connect(lambda: self.print_selected("signin"))
        self.void_button = QPushButton(translate("Meetings", "作废…"))
        self.void_button.setToolTip(
            translate("Meetings", "误录、重复录入的会议：写明原因后作废，记录仍保留，不再计入统计")
        )
        self.void_button.clicked.connect(self.void_selected)
        widgets.narrow_combo(self.kind)
        widgets.narrow_combo(self.org)
        for w in (self.kind, self.period, self.org):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.minutes_button)
        bar.addWidget(self.signin_button)
        bar.addWidget(self.void_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.new_button)
        pbox.addLayout(bar)
        self.model = DictTableModel(
            [
                (
                    "starts_at",
                    translate("Meetings", "时间"),
                    lambda r: (r["starts_at"] or "").replace("T", " "),
                ),
                (
                    "kind",
                    translate("Meetings", "类型"),
                    lambda r: code_label("meeting_kind", r["kind"]),
                ),
                ("title", translate("Meetings", "会议名称"), None),
                ("org_name", translate("Meetings", "组织"), None),
                ("place", translate("Meetings", "地点"), None),
                (
                    "present",
                    translate("Meetings", "实到/应到"),
                    lambda r: f"{r['present']}/{r['due']}",
                ),
            ],
            self,
        )
        self.table = widgets.table_view(self.model)
        self.table.doubleClicked.connect(lambda i: self.open_meeting(self.model.row(i.row())["id"]))
        self.table.activated.connect(lambda i: self.open_meeting(self.model.row(i.row())["id"]))
        pbox.addWidget(self.table, 1)
        self.tabs.addTab(page, translate("Meetings", "会议记录"))

        comp = QWidget()
        cbox = QVBoxLayout(comp)
        cbox.addWidget(
            widgets.hint(
                translate(
                    "Meetings",
                    "按“三会一课”要求，列出各支部本月、本季度还没有召开的会议；期限已过仍未召开的"
                    "标“已过期”，该支部标红。",
                )
            )
        )
        self.compliance = DictTableModel(
            [
                ("org_name", translate("Meetings", "党支部"), None),
                ("month", translate("Meetings", "本月尚未召开"), None),
                ("quarter", translate("Meetings", "本季度尚未召开"), None),
            ],
            self,
        )
        # red for a period over and a meeting still missing; this month's still to be held
        # are listed, not flagged (on the 3rd every branch was red)
        self.compliance.highlight = lambda r: bool(r.get("overdue"))
        self.compliance_table = widgets.table_view(self.compliance)
        self.compliance_table.horizontalHeader().setStretchLastSection(True)
        # one missing meeting a line, every line shown: a branch's row is as tall as its list
        # (the lists were one line each, cut off after the first meeting)
        self.compliance_table.setWordWrap(True)
        self.compliance_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        cbox.addWidget(self.compliance_table, 1)
        self.tabs.addTab(comp, translate("Meetings", "落实情况"))
        self.tabs.currentChanged.connect(lambda i: i == 1 and self.load_compliance())

    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            orgs = self.ctx.session.orgs
            self.ctx.ops.run(orgs.branches, self._orgs)
            self.reload()

    def _orgs(self, rows) -> None:
        self.org.blockSignals(True)
        for r in rows:
            self.org.addItem(r["name"], r["id"])
        self.org.blockSignals(False)

    def reload(self) -> None:
        start, end = period_range(self.period.currentData(), self.ctx.session.clock.today())
        kind, org_id, meetings = (
            self.kind.currentData(),
            self.org.currentData(),
            self.ctx.session.meetings,
        )
        self.ctx.ops.run(
            lambda: meetings.list(org_id=org_id, kind=kind, start=start, end=end, limit=5000),
            self._listed,
        )
        if self.tabs.currentIndex() == 1:
            self.load_compliance()

    def _listed(self, rows) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def load_compliance(self) -> None:
        board = Dashboard(self.ctx.session)
        today = self.ctx.session.clock.today()
        over = translate("Meetings", "{meeting}，已过期")

        def text(m) -> str:
            return (
                over.format(meeting=describe_missing(m))
                if m.overdue(today)
                else describe_missing(m)
            )

        def job():
            return [
                {
                    "org_id": c["org_id"],
                    "org_name": c["org_name"],
                    "month": "\n".join(text(m) for m in c["missing_month"]),
                    "quarter": "\n".join(text(m) for m in c["missing_quarter"]),
                    "overdue": any(m.overdue(today) for m in c["missing_quarter"]),
                }
                for c in sorted(board.compliance(), key=lambda c: natural_key(c["org_name"]))
            ]

        self.ctx.ops.run(
            job,
            self._compliance_loaded,
            label=translate("Meetings", "正在检查各支部会议…"),
            modal=False,
        )

    def _compliance_loaded(self, rows: list[dict]) -> None:
        self.compliance.set_rows(rows)
        table = self.compliance_table
        table.resizeColumnToContents(0)
        table.setColumnWidth(0, min(table.columnWidth(0), 260))
        table.resizeColumnToContents(1)
        table.setColumnWidth(1, min(table.columnWidth(1), 360))

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (changes.meetings or changes.orgs):
            self.reload()

    def clear(self) -> None:
        self.model.clear()
        self.compliance.clear()
        self.loaded = False

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_meeting(self.model.row(rows[0].row())["id"])

    def void_selected(self) -> None:
        """作废… the selected meeting: asked for a reason; the record stays (voided), leaves the
        counts, and what its resolutions did is undone (services.meetings.void)."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        title = translate("Meetings", "作废会议")
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(
                self, title, translate("Meetings", "请先在列表中选定一次会议。")
            )
            return
        row = self.model.row(rows[0].row())
        reason, ok = QInputDialog.getText(
            self,
            title,
            translate(
                "Meetings",
                "作废“{title}”（{day}）：会议记录仍保留，但不再计入应到实到、台账和落实情况，"
                "它的决议登记的事项一并撤回。\n作废的原因：",
            ).format(title=row.get("title") or "", day=(row.get("starts_at") or "")[:10]),
        )
        if not ok:
            return
        if not reason.strip():
            QMessageBox.information(self, title, translate("Meetings", "请写明作废的原因。"))
            return
        meetings, meeting_id = self.ctx.session.meetings, row["id"]
        self.ctx.ops.run(lambda: meetings.void(meeting_id, reason.strip()))

    def print_selected(self, what: str) -> None:
        """打印会议记录 / 打印签到表 for the selected meeting: a PDF, then offer to open it."""
        from ztclient.ui.reports_view import _safe, print_pdf

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self,
                translate("Meetings", "打印"),
                translate("Meetings", "请先在列表中选定一次会议。"),
            )
            return
        row = self.model.row(rows[0].row())
        reports, meeting_id = self.ctx.session.reports, row["id"]
        day = (row.get("starts_at") or "")[:10]
        if what == "minutes":
            name = translate("Meetings", "{day} {title} 会议记录.pdf").format(
                day=day, title=_safe(row.get("title") or "")
            )
            # the minutes builder reports progress often, so 取消 stops a long record midway
            print_pdf(
                self.ctx,
                self,
                lambda out, progress: reports.print_minutes(meeting_id, out, progress),
                name,
            )
        else:
            name = translate("Meetings", "{day} {title} 签到表.pdf").format(
                day=day, title=_safe(row.get("title") or "")
            )
            print_pdf(self.ctx, self, lambda out: reports.print_signin(meeting_id, out), name)

    def open_meeting(self, meeting_id: str | None) -> None:
        from ztclient.ui.meeting_editor import MeetingEditor

        key = ("meeting", meeting_id) if meeting_id else ("meeting-new", object())
        self.editor = self.ctx.windows.open(
            key, lambda: MeetingEditor(self.ctx, meeting_id, self.org.currentData(), self)
        )
