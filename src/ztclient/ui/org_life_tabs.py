"""The 组织 page's life tabs: 谈心谈话 (the register and who is still to be talked with),
民主评议 (a year's grades, the 优秀 share, follow-ups) and 整改事项 (with last year's open items)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_label, domain_lang, translate
from ztclient.ui.org_tree_tab import selected_row
from ztclient.ui.table_model import DictTableModel
from ztclient.ui.theme import icon
from ztclient.ui.widgets import table_view


class LifeTab(QWidget):
    """Year and organisation filters, a notes line, a table and action buttons."""

    ORG_KINDS: tuple[str, ...] = ("committee", "general_branch", "branch")
    #: notes shown at most; the rest in the tooltip (a committee's hundred branches would make
    #: the page — and the window — a hundred lines tall)
    NOTE_LINES = 4

    def __init__(self, ctx: UiContext, all_orgs: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.orgs: list[dict] = []
        self.box = QVBoxLayout(self)
        self.bar = QHBoxLayout()
        self.year = QComboBox()
        this_year = ctx.session.clock.today().year
        for y in range(this_year, this_year - 5, -1):
            self.year.addItem(translate("OrgLife", "{year}年").format(year=y), y)
        self.org = QComboBox()
        if all_orgs:
            self.org.addItem(translate("OrgLife", "全部组织"), None)
        self.org.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.org.currentIndexChanged.connect(lambda _i: self.reload())
        self.bar.addWidget(self.year)
        self.bar.addWidget(self.org)
        self.bar.addStretch(1)
        self.box.addLayout(self.bar)
        self.notes = widgets.hint("")
        self.box.addWidget(self.notes)

    def set_notes(self, lines: list[str], colour: str = "#c62828") -> None:
        """The notes under the filters: the first NOTE_LINES lines, then how many more (every
        line in the tooltip; choosing an organisation narrows them)."""
        shown = lines[: self.NOTE_LINES]
        if len(lines) > len(shown):
            shown.append(
                translate("OrgLife", "……另有 {n} 条（鼠标停留可查看全部，或选择组织查看）").format(
                    n=len(lines) - len(shown)
                )
            )
        self.notes.setText("\n".join(shown))
        self.notes.setToolTip("\n".join(lines) if len(lines) > self.NOTE_LINES else "")
        self.notes.setStyleSheet(f"color: {colour};")

    def button(self, text: str, slot, primary: bool = False) -> QPushButton:
        b = QPushButton(icon("add"), text) if primary else QPushButton(text)
        b.clicked.connect(slot)
        self.bar.addWidget(b)
        return b

    def _org_choices(self, orgs: list[dict]) -> None:
        self.orgs = [o for o in orgs if o["kind"] in self.ORG_KINDS]
        current = self.org.currentData()
        self.org.blockSignals(True)
        keep = 1 if self.org.count() and self.org.itemData(0) is None else 0
        while self.org.count() > keep:
            self.org.removeItem(keep)
        for o in self.orgs:
            self.org.addItem(o["name"], o["id"])
        self.org.setCurrentIndex(max(self.org.findData(current), 0))
        self.org.blockSignals(False)

    def selected_org(self) -> dict | None:
        return next((o for o in self.orgs if o["id"] == self.org.currentData()), None)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()


class TalksTab(LifeTab):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.button(translate("OrgLife", "登记谈话…"), self.add_talk, primary=True)
        self.model = DictTableModel(
            [
                ("date", translate("OrgLife", "日期"), None),
                ("talker_name", translate("OrgLife", "谈话人"), None),
                ("talkee_name", translate("OrgLife", "谈话对象"), None),
                ("topic", translate("OrgLife", "主题"), None),
                ("follow_up", translate("OrgLife", "后续跟进"), None),
                ("org_name", translate("OrgLife", "组织"), None),
            ],
            self,
        )
        self.table = table_view(self.model)
        for col, width in enumerate((96, 80, 80, 260, 180)):
            self.table.setColumnWidth(col, width)
        self.box.addWidget(self.table, 1)

    def reload(self) -> None:
        s, year, org_id = self.ctx.session, self.year.currentData(), self.org.currentData()

        def job():
            name = s.orgs.member_name
            gaps = []
            for oid, org_name, g in s.talks.gaps_all(year):
                if (org_id and oid != org_id) or g.complete:
                    continue
                gaps.append(
                    (
                        org_name,
                        name(g.secretary_id) if g.secretary_id else "",
                        [name(m) for m in g.members_missing],
                        [(name(a), name(b)) for a, b in g.pairs_missing],
                    )
                )
            return s.orgs.list(), s.talks.list(year, org_id), gaps

        self.ctx.ops.run(job, self._loaded)

    def _loaded(self, result) -> None:
        orgs, rows, gaps = result
        self._org_choices(orgs)
        self.model.set_rows(rows)
        lines = []
        for org_name, secretary, missing, pairs in gaps:
            parts = []
            if missing:
                shown = "、".join(missing[:8]) + ("等" if len(missing) > 8 else "")
                parts.append(
                    translate("OrgLife", "书记{sec}尚未与 {n} 人谈话（{names}）").format(
                        sec=secretary, n=len(missing), names=shown
                    )
                )
            if pairs:
                shown = "、".join(f"{a}—{b}" for a, b in pairs[:4])
                parts.append(
                    translate("OrgLife", "委员之间尚缺 {n} 对（{pairs}）").format(
                        n=len(pairs), pairs=shown
                    )
                )
            lines.append(f"{org_name}：" + "；".join(parts))
        if lines:
            self.set_notes(lines)
        else:
            self.set_notes([translate("OrgLife", "本年度谈心谈话已全部完成。")], "#2e7d32")

    def add_talk(self) -> None:
        from ztclient.ui.org_life_dialogs import TalkDialog

        self._open(TalkDialog(self.ctx, self.selected_org(), self))

    def clear(self) -> None:
        self.model.clear()
        self.notes.setText("")


class AppraisalTab(LifeTab):
    ORG_KINDS = ("branch",)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.record_button = self.button(
            translate("OrgLife", "录入评议结果…"), self.record, primary=True
        )
        self.button(translate("OrgLife", "处置…"), self.follow_up)
        self.counts = QLabel()
        self.box.insertWidget(1, self.counts)
        self.model = DictTableModel(
            [
                ("member_name", translate("OrgLife", "党员"), None),
                ("org_name", translate("OrgLife", "党支部"), None),
                (
                    "grade",
                    translate("OrgLife", "等次"),
                    lambda r: code_label("appraisal_grade", r["grade"]),
                ),
                (
                    "measure",
                    translate("OrgLife", "处置措施"),
                    lambda r: code_label("appraisal_measure", r["measure"]),
                ),
                ("deadline", translate("OrgLife", "限期"), None),
                ("done_on", translate("OrgLife", "完成日期"), None),
                ("meeting_title", translate("OrgLife", "评定会议"), None),
            ],
            self,
        )
        self.model.highlight = lambda r: (
            r["grade"] in ("basically_qualified", "unqualified") and not r["done_on"]
        )
        self.table = table_view(self.model)
        for col, width in enumerate((90, 140, 130, 180, 96, 96)):
            self.table.setColumnWidth(col, width)
        self.box.addWidget(self.table, 1)
        self.year_chosen = False

    def reload(self) -> None:
        s, year, org_id = self.ctx.session, self.year.currentData(), self.org.currentData()
        first = not self.year_chosen
        self.year_chosen = True

        def job():
            latest = s.store.scalar("SELECT max(year) FROM appraisals WHERE voided = 0")
            if first and latest and not s.appraisals.list(year, org_id):
                return None, latest  # open on the latest year graded (the year-end appraisal)
            return s.orgs.list(), s.appraisals.list(year, org_id), s.appraisals.share_warnings(year)

        self.ctx.ops.run(job, self._loaded)

    def _loaded(self, result) -> None:
        from collections import Counter

        from ztclient.domain.messages import render_error

        if result[0] is None:
            self.year.setCurrentIndex(max(self.year.findData(result[1]), 0))  # reloads
            return
        orgs, rows, warnings = result
        self._org_choices(orgs)
        self.model.set_rows(rows)
        counts = Counter(r["grade"] for r in rows)
        self.counts.setText(
            translate("OrgLife", "已评 {n} 人：").format(n=len(rows))
            + "，".join(
                f"{code_label('appraisal_grade', g)} {counts.get(g, 0)}"
                for g in ("excellent", "qualified", "basically_qualified", "unqualified")
            )
        )
        self.set_notes([render_error(w, domain_lang()) for w in warnings])

    def record(self) -> None:
        org = self.selected_org()
        if org is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self, translate("OrgLife", "民主评议"), translate("OrgLife", "请先选择一个党支部。")
            )
            return
        s, year = self.ctx.session, self.year.currentData()

        def job():
            members = s.members.list(org_id=org["id"], category="full") + s.members.list(
                org_id=org["id"], category="probationary"
            )
            meetings = [
                m
                for m in s.meetings.list(
                    org_id=org["id"], start=f"{year}-01-01", end=f"{year + 1}-03-31"
                )
                if m["kind"] in ("appraisal", "org_life", "branch_general", "branch_committee")
            ]
            graded = {r["member_id"]: r for r in s.appraisals.list(year, org["id"])}
            return members, meetings, graded

        self.ctx.ops.run(job, lambda res: self._record_dialog(org, year, *res))

    def _record_dialog(
        self, org: dict, year: int, members: list, meetings: list, graded: dict[str, Any]
    ) -> None:
        from ztclient.ui.org_life_dialogs import AppraisalDialog

        members = sorted(members, key=lambda m: m.get("sort_key") or m["name"])
        self._open(AppraisalDialog(self.ctx, year, org, members, meetings, graded, self))

    def follow_up(self) -> None:
        from ztclient.ui.org_life_dialogs import FollowUpDialog

        row = selected_row(self.table)
        if row and row["grade"] in ("basically_qualified", "unqualified"):
            self._open(FollowUpDialog(self.ctx, row, self))

    def clear(self) -> None:
        self.model.clear()
        self.counts.setText("")
        self.notes.setText("")


class RectificationTab(LifeTab):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.button(translate("OrgLife", "登记问题…"), self.add_item, primary=True)
        self.button(translate("OrgLife", "完成整改…"), self.complete)
        states = {
            "open": translate("OrgLife", "整改中"),
            "due": translate("OrgLife", "临近期限"),
            "overdue": translate("OrgLife", "已超期"),
            "done": translate("OrgLife", "已完成"),
        }
        self.model = DictTableModel(
            [
                (
                    "year",
                    translate("OrgLife", "年度"),
                    lambda r: (
                        str(r["year"])
                        + (translate("OrgLife", "（上年未完成）") if r["carried"] else "")
                    ),
                ),
                ("org_name", translate("OrgLife", "组织"), None),
                ("problem", translate("OrgLife", "问题"), None),
                ("measure", translate("OrgLife", "整改措施"), None),
                ("owner_label", translate("OrgLife", "责任人"), None),
                ("deadline", translate("OrgLife", "期限"), None),
                (
                    "state",
                    translate("OrgLife", "状态"),
                    lambda r: (
                        translate("OrgLife", "待落实")
                        if r["state"] == "due" and not r["deadline"]
                        else states.get(r["state"], r["state"])
                    ),
                ),
            ],
            self,
        )
        self.model.highlight = lambda r: r["state"] in ("due", "overdue")
        self.table = table_view(self.model)
        for col, width in enumerate((160, 120, 290, 290, 100, 96)):
            self.table.setColumnWidth(col, width)
        self.box.addWidget(self.table, 1)
        self.notes.setText(
            translate(
                "OrgLife",
                "组织生活会查摆的问题逐项登记整改措施、责任人和期限；未完成的事项带入下一年度，在下次组织生活会上通报。",
            )
        )

    def reload(self) -> None:
        s, year, org_id = self.ctx.session, self.year.currentData(), self.org.currentData()
        self.ctx.ops.run(lambda: (s.orgs.list(), s.rectifications.list(org_id, year)), self._loaded)

    def _loaded(self, result) -> None:
        orgs, rows = result
        self._org_choices(orgs)
        self.model.set_rows(rows)

    def add_item(self) -> None:
        from ztclient.ui.org_life_dialogs import RectificationDialog

        self._open(
            RectificationDialog(
                self.ctx, self.selected_org(), self.year.currentData(), None, self.orgs, self
            )
        )

    def complete(self) -> None:
        from ztclient.ui.org_life_dialogs import RectificationDialog

        row = selected_row(self.table)
        if row and row["state"] != "done":
            self._open(RectificationDialog(self.ctx, None, row["year"], row, None, self))

    def clear(self) -> None:
        self.model.clear()
