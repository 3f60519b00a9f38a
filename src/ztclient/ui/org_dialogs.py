"""The 组织 page's dialogs: an organisation's fields, 换届选举, a dated post, ending a post, and the
restructuring steps (move, merge, dissolve). Each saves through one service call on the worker;
a refusal is shown in the dialog in the clerk's words and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, code_label, domain_lang, error_text, translate

CHILD_KINDS = {
    None: ("committee", "general_branch", "branch"),
    "committee": ("committee", "general_branch", "branch"),
    "general_branch": ("branch",),
    "branch": ("group",),
    "group": (),
}


def iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


def with_changes(recorded: Any) -> tuple[Any, Any]:
    """(a result carrying warnings, its Changes): the operations helper re-emits the Changes."""
    return recorded, recorded.changes


class OrgLifeDialog(QDialog):
    """A form with an error line and OK/Cancel; ``submit`` runs the job, closes on success."""

    def __init__(self, ctx: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.box = QVBoxLayout(self)
        self.form = QFormLayout()
        self.box.addLayout(self.form)
        self.error = widgets.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("OrgDialogs", "保存")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("OrgDialogs", "取消")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.box.addWidget(self.error)
        self.box.addWidget(self.buttons)

    def job(self) -> Callable[[], Any]:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def save(self) -> None:
        widgets.set_error(self.error, None)
        try:
            job = self.job()
        except ValueError as exc:  # a field the dialog itself found empty
            widgets.set_error(self.error, str(exc))
            return
        self.buttons.setEnabled(False)
        self.ctx.ops.run(job, self._saved, self._failed)

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        first = result[0] if isinstance(result, tuple) and result else result
        warnings = getattr(first, "warnings", ())
        if warnings:
            from ztclient.domain.messages import render_error

            QMessageBox.information(
                self,
                translate("OrgDialogs", "已保存，请注意"),
                "\n".join(render_error(w, domain_lang()) for w in warnings),
            )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        widgets.set_error(self.error, error_text(exc))


class OrgDialog(OrgLifeDialog):
    """New organisation under ``parent`` (None: the unit's top level), or edit ``org``."""

    def __init__(
        self,
        ctx: UiContext,
        parent_org: dict | None,
        org: dict | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            translate("OrgDialogs", "修改组织") if org else translate("OrgDialogs", "新增下级组织"),
            parent,
        )
        self.org, self.parent_org = org, parent_org
        self.name = QLineEdit((org or {}).get("name") or "")
        self.kind = QComboBox()
        kinds = (org["kind"],) if org else CHILD_KINDS[(parent_org or {}).get("kind")]
        for code in kinds:
            self.kind.addItem(code_label("org_kind", code), code)
        self.kind.setEnabled(org is None)
        self.code = QLineEdit((org or {}).get("code") or "")
        self.unit_type = QComboBox()
        self.unit_type.addItem(translate("OrgDialogs", "（未填）"), None)
        for code, text in code_choices("unit_type"):
            self.unit_type.addItem(text, code)
        if org and org.get("unit_type"):
            self.unit_type.setCurrentIndex(max(self.unit_type.findData(org["unit_type"]), 0))
        self.superior = QLineEdit((org or {}).get("superior") or "")
        self.superior.setPlaceholderText(translate("OrgDialogs", "如：中共某某县委组织部"))
        # 成立日期: optional; a new branch owes no meeting of the periods before it
        known = (org or {}).get("founded_on")
        self.has_founded = QCheckBox(translate("OrgDialogs", "已知成立日期："))
        self.has_founded.setChecked(bool(known))
        self.founded = widgets.date_edit(ctx, date.fromisoformat(known) if known else None)
        self.founded.setMaximumDate(QDate(ctx.session.clock.today()))
        self.founded.setEnabled(bool(known))
        self.has_founded.toggled.connect(self.founded.setEnabled)
        founded_row = QHBoxLayout()
        founded_row.addWidget(self.has_founded)
        founded_row.addWidget(self.founded)
        founded_row.addStretch(1)
        if parent_org is not None:
            self.form.addRow(translate("OrgDialogs", "上级组织"), QLabel(parent_org["name"]))
        self.form.addRow(translate("OrgDialogs", "名称"), self.name)
        self.form.addRow(translate("OrgDialogs", "类型"), self.kind)
        self.form.addRow(translate("OrgDialogs", "组织代码"), self.code)
        self.form.addRow(translate("OrgDialogs", "单位类型"), self.unit_type)
        self.form.addRow(translate("OrgDialogs", "成立日期"), founded_row)
        if org is not None and not org.get("parent_id"):
            self.form.addRow(translate("OrgDialogs", "上级党组织（隶属）"), self.superior)
        self.name.setMinimumWidth(320)
        self.finish_layout()

    def job(self):
        orgs = self.ctx.session.orgs
        fields = {
            "name": self.name.text(),
            "code": self.code.text().strip() or None,
            "unit_type": self.unit_type.currentData(),
            "founded_on": iso(self.founded) if self.has_founded.isChecked() else None,
        }
        if self.org is None:
            fields.update(kind=self.kind.currentData(), parent_id=(self.parent_org or {}).get("id"))
            return lambda: orgs.add({k: v for k, v in fields.items() if v is not None})
        if not self.org.get("parent_id"):
            fields["superior"] = self.superior.text()
        org_id, version = self.org["id"], self.org["version"]
        return lambda: orgs.update(org_id, fields, version)


class CommitteeTable(QTableWidget):
    """Rows of (post, member, votes); a member is picked from the organisation's roll."""

    def __init__(self, ctx: UiContext, org_id: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.ctx, self.org_id = ctx, org_id
        self.members: list[dict | None] = []
        self.votes_on = False  # the votes column is used only when the figures are recorded
        self.setHorizontalHeaderLabels(
            [
                translate("OrgDialogs", "职务"),
                translate("OrgDialogs", "当选人"),
                translate("OrgDialogs", "得票数"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 150)
        self.setColumnWidth(1, 200)

    def add_row(self, post: str = "member", member: dict | None = None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        combo = QComboBox()
        for code, text in code_choices("party_post"):
            if code != "group_leader":
                combo.addItem(text, code)
        combo.setCurrentIndex(max(combo.findData(post), 0))
        self.setCellWidget(row, 0, combo)
        button = QPushButton(member["name"] if member else translate("OrgDialogs", "选择党员…"))
        button.clicked.connect(lambda _=False, b=button: self.pick(self._row_of(b)))
        self.setCellWidget(row, 1, button)
        votes = QSpinBox()
        votes.setRange(-1, 100000)
        votes.setSpecialValueText(translate("OrgDialogs", "（未记录）"))
        votes.setValue(-1)
        votes.setEnabled(self.votes_on)
        self.setCellWidget(row, 2, votes)
        self.members.append(member)

    def _row_of(self, button: QPushButton) -> int:
        return next((r for r in range(self.rowCount()) if self.cellWidget(r, 1) is button), -1)

    def pick(self, row: int) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self, org_id=self.org_id)
        if picker.exec() and picker.chosen and 0 <= row < self.rowCount():
            self.members[row] = picker.chosen
            self.cellWidget(row, 1).setText(picker.chosen["name"])

    def set_member(self, row: int, member: dict) -> None:
        self.members[row] = member
        self.cellWidget(row, 1).setText(member["name"])

    def enable_votes(self, on: bool) -> None:
        self.votes_on = on
        for row in range(self.rowCount()):
            self.cellWidget(row, 2).setEnabled(on)

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            del self.members[row]

    def committee(self) -> list[dict]:
        out = []
        for row in range(self.rowCount()):
            member = self.members[row]
            if member is None:
                raise ValueError(
                    translate("OrgDialogs", "第 {n} 行还没有选择当选人").format(n=row + 1)
                )
            votes = self.cellWidget(row, 2).value()
            out.append(
                {
                    "member_id": member["id"],
                    "post": self.cellWidget(row, 0).currentData(),
                    "votes_for": None if votes < 0 else votes,
                }
            )
        return out


class ElectionDialog(OrgLifeDialog):
    """换届选举: date, term, the meeting's figures, the committee elected."""

    def __init__(self, ctx: UiContext, org: dict, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, translate("OrgDialogs", "换届选举 — {org}").format(org=org["name"]), parent
        )
        self.org = org
        self.day = widgets.date_edit(ctx)
        self.term = QComboBox()
        for years in (3, 5):
            self.term.addItem(translate("OrgDialogs", "{n} 年").format(n=years), years)
        five = org["kind"] == "committee" or org.get("unit_type") in ("village", "community")
        self.term.setCurrentIndex(1 if five else 0)
        self.with_votes = QCheckBox(translate("OrgDialogs", "记录选举人数和得票"))
        self.voters_due, self.voters_present = QSpinBox(), QSpinBox()
        for spin in (self.voters_due, self.voters_present):
            spin.setRange(0, 100000)
            spin.setEnabled(False)
        self.with_votes.toggled.connect(self.voters_due.setEnabled)
        self.with_votes.toggled.connect(self.voters_present.setEnabled)
        votes = QHBoxLayout()
        votes.addWidget(self.with_votes)
        votes.addWidget(QLabel(translate("OrgDialogs", "应到会有选举权")))
        votes.addWidget(self.voters_due)
        votes.addWidget(QLabel(translate("OrgDialogs", "实到")))
        votes.addWidget(self.voters_present)
        votes.addStretch(1)
        self.form.addRow(translate("OrgDialogs", "选举日期"), self.day)
        self.form.addRow(translate("OrgDialogs", "任期"), self.term)
        self.form.addRow(votes)
        self.table = CommitteeTable(ctx, org["id"], self)
        self.with_votes.toggled.connect(self.table.enable_votes)
        for post in ("secretary", "organisation", "publicity"):
            self.table.add_row(post)
        rows = QHBoxLayout()
        add, remove = (
            QPushButton(translate("OrgDialogs", "增加一行")),
            QPushButton(translate("OrgDialogs", "删除选定行")),
        )
        add.clicked.connect(lambda: self.table.add_row())
        remove.clicked.connect(self.table.remove_current)
        rows.addWidget(add)
        rows.addWidget(remove)
        rows.addStretch(1)
        self.box.addWidget(
            QLabel(translate("OrgDialogs", "当选的委员会（新一届任职自选举日起，上一届同时结束）"))
        )
        self.box.addWidget(self.table, 1)
        self.box.addLayout(rows)
        self.box.addWidget(
            widgets.hint(
                translate(
                    "OrgDialogs",
                    "选举有效须实到会有选举权人数不少于应到的五分之四；当选人得票须超过应到会有选举权人数的一半。"
                    "旧的选举可不记录票数。",
                )
            )
        )
        self.finish_layout()
        self.resize(620, 500)

    def job(self):
        data: dict[str, Any] = {
            "date": iso(self.day),
            "term_years": self.term.currentData(),
            "committee": self.table.committee(),
        }
        if self.with_votes.isChecked():
            data.update(
                voters_due=self.voters_due.value(), voters_present=self.voters_present.value()
            )
        else:
            for row in data["committee"]:
                row["votes_for"] = None
        elections, org_id = self.ctx.session.elections, self.org["id"]
        return lambda: with_changes(elections.elect(org_id, data))


class PostDialog(OrgLifeDialog):
    """任命 / 补选: one member, one post, from a date (to a date)."""

    def __init__(self, ctx: UiContext, org: dict, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, translate("OrgDialogs", "任职变动 — {org}").format(org=org["name"]), parent
        )
        self.org, self.member = org, None
        self.who = QPushButton(translate("OrgDialogs", "选择党员…"))
        self.who.clicked.connect(self.pick)
        self.post = QComboBox()
        for code, text in code_choices("party_post"):
            if (code == "group_leader") == (org["kind"] == "group"):
                self.post.addItem(text, code)
        self.start = widgets.date_edit(ctx)
        self.has_end = QCheckBox(translate("OrgDialogs", "已离任，离任日期："))
        self.end = widgets.date_edit(ctx)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end)
        self.form.addRow(translate("OrgDialogs", "党员"), self.who)
        self.form.addRow(translate("OrgDialogs", "职务"), self.post)
        self.form.addRow(translate("OrgDialogs", "任职日期"), self.start)
        self.form.addRow(end_row)
        self.box.addWidget(
            widgets.hint(
                translate(
                    "OrgDialogs",
                    "更换书记：先在委员会中“结束任职”，再任命新书记；同一天只能有一名书记。",
                )
            )
        )
        self.finish_layout()

    def pick(self) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self, org_id=self.org["id"])
        if picker.exec() and picker.chosen:
            self.set_member(picker.chosen)

    def set_member(self, member: dict) -> None:
        self.member = member
        self.who.setText(member["name"])

    def job(self):
        if self.member is None:
            raise ValueError(translate("OrgDialogs", "请选择党员"))
        orgs, org_id, mid = self.ctx.session.orgs, self.org["id"], self.member["id"]
        post, start = self.post.currentData(), iso(self.start)
        end = iso(self.end) if self.has_end.isChecked() else None
        return lambda: orgs.assign_post(org_id, mid, post, start, end)
