"""组织架构与换届: the unit's tree on the left; the selected organisation's place, term, committee
(or a group's members), and elections on the right, with the buttons that change them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_label, translate
from ztclient.ui.table_model import DictTableModel
from ztclient.ui.theme import icon
from ztclient.ui.widgets import table_view


def selected_row(table: QTableView) -> dict | None:
    rows = table.selectionModel().selectedRows()
    return table.model().row(rows[0].row()) if rows else None


def term_text(d: dict[str, Any]) -> tuple[str, bool]:
    """("2020-06-01 选举，任期 3 年，至 2023-06-01（已超期 1279 天）", urgent)."""
    if not d.get("term_end"):
        return translate("Orgs", "尚未记录换届选举"), False
    text = translate("Orgs", "{elected} 选举，任期 {years} 年，至 {end}").format(
        elected=d["elected_on"], years=d["term_years"], end=d["term_end"]
    )
    state, days = d["term_state"], d["days_left"]
    if state == "ending":
        return text + translate("Orgs", "（还有 {days} 天，应准备换届）").format(days=days), True
    if state in ("overdue", "overdue_long"):
        return text + translate("Orgs", "（已超期 {days} 天，应换届）").format(days=-days), True
    return text, False


class OrgTreeTab(QWidget):
    """The tree on the left, the selected organisation on the right."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.detail: dict[str, Any] | None = None
        self.rows: dict[str, dict] = {}
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [
                translate("Orgs", "名称"),
                translate("Orgs", "类型"),
                translate("Orgs", "代码"),
                translate("Orgs", "党员"),
            ]
        )
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self.select(cur))
        self.show_dissolved = QCheckBox(translate("Orgs", "显示已撤销、已合并的组织"))
        self.show_dissolved.toggled.connect(lambda _on: self.reload())
        self.add_button = QPushButton(icon("add"), translate("Orgs", "新增下级组织…"))
        self.add_button.clicked.connect(self.add_child)
        lbox.addWidget(self.tree, 1)
        lbox.addWidget(self.show_dissolved)
        lbox.addWidget(self.add_button)
        split.addWidget(left)
        split.addWidget(self._right())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 640])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(split)

    def _right(self) -> QWidget:
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(8, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("PageTitle")
        rbox.addWidget(self.heading)
        grid = QGridLayout()
        self.info: dict[str, QLabel] = {}
        fields = [
            ("code", translate("Orgs", "组织代码")),
            ("parent", translate("Orgs", "隶属")),
            ("unit_type", translate("Orgs", "单位类型")),
            ("founded", translate("Orgs", "成立日期")),
            ("members", translate("Orgs", "在册党员")),
            ("term", translate("Orgs", "本届任期")),
            ("status", translate("Orgs", "状态")),
        ]
        for i, (key, label) in enumerate(fields):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.info[key] = value
            grid.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        rbox.addLayout(grid)
        self.committee_label = QLabel()
        rbox.addWidget(self.committee_label)
        self.committee = DictTableModel(
            [
                ("post", translate("Orgs", "职务"), lambda r: code_label("party_post", r["post"])),
                ("member_name", translate("Orgs", "姓名"), None),
                ("start_date", translate("Orgs", "任职日期"), None),
            ],
            self,
        )
        self.committee_table = table_view(self.committee)
        self.committee_table.setColumnWidth(0, 150)
        self.committee_table.setColumnWidth(1, 120)
        rbox.addWidget(self.committee_table, 2)
        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for key, text, row in [
            ("edit", translate("Orgs", "修改…"), row1),
            ("elect", translate("Orgs", "换届选举…"), row1),
            ("post", translate("Orgs", "任职变动…"), row1),
            ("end_post", translate("Orgs", "结束任职…"), row1),
            ("void_post", translate("Orgs", "作废任职…"), row1),
            ("add_member", translate("Orgs", "调入组员…"), row1),
            ("remove_member", translate("Orgs", "移出本组"), row1),
            ("void_election", translate("Orgs", "作废换届选举…"), row2),
            ("move", translate("Orgs", "调整隶属…"), row2),
            ("merge", translate("Orgs", "合并…"), row2),
            ("dissolve", translate("Orgs", "撤销…"), row2),
        ]:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = button
            row.addWidget(button)
        row1.addStretch(1)
        row2.addStretch(1)
        rbox.addLayout(row1)
        rbox.addLayout(row2)
        rbox.addWidget(QLabel(translate("Orgs", "历次换届选举")))
        self.elections = DictTableModel(
            [
                ("date", translate("Orgs", "选举日期"), None),
                ("term_years", translate("Orgs", "任期（年）"), None),
                ("term_end", translate("Orgs", "届满日期"), None),
                (
                    "voters",
                    translate("Orgs", "应到/实到"),
                    lambda r: (
                        f"{r['voters_due']}/{r['voters_present']}"
                        if r["voters_due"] is not None
                        else ""
                    ),
                ),
                (
                    "committee",
                    translate("Orgs", "当选"),
                    lambda r: "、".join(
                        f"{c['member_name']}（{code_label('party_post', c['post'])}）"
                        for c in r["committee"]
                    ),
                ),
            ],
            self,
        )
        elections = table_view(self.elections)
        elections.setColumnWidth(0, 110)
        rbox.addWidget(elections, 1)
        return right

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        orgs, dissolved = self.ctx.session.orgs, self.show_dissolved.isChecked()
        self.ctx.ops.run(lambda: orgs.tree(include_dissolved=dissolved), self._tree)

    def _tree(self, roots: list[dict]) -> None:
        current = self.detail["id"] if self.detail else None
        self.tree.blockSignals(True)
        self.tree.clear()
        self.rows = {}
        first: QTreeWidgetItem | None = None

        def add(node: dict, parent: QTreeWidgetItem | None) -> QTreeWidgetItem:
            count = str(node["members"])
            item = QTreeWidgetItem(
                [node["name"], code_label("org_kind", node["kind"]), node["code"] or "", count]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, node["id"])
            if node["dissolved_on"]:
                item.setForeground(0, Qt.GlobalColor.gray)
                item.setToolTip(
                    0, translate("Orgs", "已于 {date} 撤销").format(date=node["dissolved_on"])
                )
            self.rows[node["id"]] = node
            (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
            for child in node["children"]:
                add(child, item)
            return item

        for root in roots:
            item = add(root, None)
            first = first or item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        target = self._find(current) or first
        if target is not None:
            self.tree.setCurrentItem(target)
            self.select(target)

    def select_first(self, kind: str) -> None:
        """Select the first organisation of a kind (e.g. the first branch)."""
        for item in self.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if self.rows.get(item.data(0, Qt.ItemDataRole.UserRole), {}).get("kind") == kind:
                self.tree.setCurrentItem(item)
                return

    def _find(self, org_id: str | None) -> QTreeWidgetItem | None:
        if not org_id:
            return None
        for item in self.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if item.data(0, Qt.ItemDataRole.UserRole) == org_id:
                return item
        return None

    def select(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        from ztclient.services.org_overview import org_detail

        org_id, session = item.data(0, Qt.ItemDataRole.UserRole), self.ctx.session
        self.ctx.ops.run(lambda: org_detail(session, org_id), self.show_detail)

    def show_detail(self, d: dict[str, Any]) -> None:
        self.detail = d
        self.heading.setText(f"{d['name']}　{code_label('org_kind', d['kind'])}")
        self.info["code"].setText(d["code"] or "—")
        self.info["parent"].setText(d["parent"] or d["superior"] or "—")
        self.info["unit_type"].setText(code_label("unit_type", d["unit_type"]) or "—")
        self.info["founded"].setText(d["founded_on"] or "—")
        self.info["members"].setText(str(d["members"]))
        group = d["kind"] == "group"
        text, urgent = term_text(d) if not group else ("—", False)
        self.info["term"].setText(text)
        self.info["term"].setObjectName("Bad" if urgent else "")
        self.info["term"].setStyleSheet("color: #c62828;" if urgent else "")
        if d["dissolved_on"]:
            status = translate("Orgs", "已于 {date} 撤销").format(date=d["dissolved_on"])
            if d["merged_into_name"]:
                status += translate("Orgs", "（并入{org}）").format(org=d["merged_into_name"])
        else:
            status = translate("Orgs", "正常")
        self.info["status"].setText(status)
        if group:
            self.committee_label.setText(translate("Orgs", "组员（组长在前）"))
            leaders = {p["member_id"] for p in d["committee"]}
            rows = [
                {
                    "post": "group_leader",
                    "member_name": p["member_name"],
                    "start_date": p["start_date"],
                    "member_id": p["member_id"],
                }
                for p in d["committee"]
            ]
            rows += [
                {"post": "", "member_name": m["name"], "start_date": "", "member_id": m["id"]}
                for m in d["group_members"]
                if m["id"] not in leaders
            ]
            self.committee.set_rows(rows)
        else:
            self.committee_label.setText(
                translate("Orgs", "委员会（{day}）").format(day=d["as_of"])
            )
            self.committee.set_rows(d["committee"])
        self.elections.set_rows(d["elections"])
        live = not d["dissolved_on"]
        root = not d["parent_id"]
        visible = {
            "edit": live,
            "elect": live and not group,
            "post": live,
            "end_post": live and bool(d["committee"]),
            "void_post": live and bool(d.get("posts_on_record")),
            "void_election": live and bool(d["elections"]),
            "add_member": live and group,
            "remove_member": live and group,
            "move": live and not root,
            "merge": live and not root,
            "dissolve": live and not root,
        }
        for key, button in self.buttons.items():
            button.setVisible(
                (key in ("add_member", "remove_member") and group)
                or key not in ("add_member", "remove_member")
            )
            button.setEnabled(visible[key])
        self.add_button.setEnabled(live and d["kind"] != "group")

    # -- actions -----------------------------------------------------------------------------
    def add_child(self) -> None:
        from ztclient.ui.org_dialogs import OrgDialog

        if self.detail is None:
            return
        self._open(OrgDialog(self.ctx, self.detail, None, self))

    def act(self, key: str) -> None:
        from ztclient.ui import org_change_dialogs as change
        from ztclient.ui import org_dialogs as dlg

        d = self.detail
        if d is None:
            return
        if key == "edit":
            self._open(dlg.OrgDialog(self.ctx, None, d, self))
        elif key == "elect":
            self._open(dlg.ElectionDialog(self.ctx, d, self))
        elif key == "post":
            self._open(dlg.PostDialog(self.ctx, d, self))
        elif key == "end_post":
            self._open(change.EndPostDialog(self.ctx, d, d["committee"], self))
        elif key == "void_post":
            self._open(change.VoidPostDialog(self.ctx, d, self))
        elif key == "void_election":
            self._open(change.VoidElectionDialog(self.ctx, d, self))
        elif key in ("move", "merge", "dissolve"):
            self._open(change.RestructureDialog(self.ctx, key, d, self.candidates(key, d), self))
        elif key == "add_member":
            self.add_group_member()
        elif key == "remove_member":
            self.remove_group_member()

    def candidates(self, mode: str, d: dict) -> list[dict]:
        """Organisations a move, merge or dissolve may point at."""
        live = [r for r in self.rows.values() if not r["dissolved_on"] and r["id"] != d["id"]]
        if mode == "merge":
            return [r for r in live if r["kind"] == d["kind"]]
        if mode == "move":
            parents = {
                "group": ("branch",),
                "branch": ("committee", "general_branch"),
                "general_branch": ("committee",),
                "committee": ("committee",),
            }
            return [r for r in live if r["kind"] in parents[d["kind"]]]
        if d["kind"] == "group":
            return [r for r in live if r["kind"] == "group" and r["parent_id"] == d["parent_id"]]
        return [r for r in live if r["kind"] == "branch"]

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def add_group_member(self) -> None:
        from ztclient.ui.member_picker import MemberPicker

        d = self.detail
        if d is None or not d.get("parent_id"):
            return
        picker = MemberPicker(self.ctx, self, org_id=d["parent_id"])
        self.dialog = picker
        picker.accepted.connect(
            lambda: picker.chosen and self._set_group(picker.chosen["id"], d["id"])
        )
        picker.open()

    def remove_group_member(self) -> None:
        row = selected_row(self.committee_table)
        if row is not None:
            self._set_group(row["member_id"], None)

    def _set_group(self, member_id: str, group_id: str | None) -> None:
        r, day = self.ctx.session.restructure, self.ctx.session.clock.today().isoformat()
        self.ctx.ops.run(lambda: r.assign_group(member_id, group_id, day))

    def clear(self) -> None:
        self.tree.clear()
        self.committee.clear()
        self.elections.clear()
        self.detail = None
