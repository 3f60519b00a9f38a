"""Dialogs of the 组织 page's life tabs: a talk, a branch's appraisal grades, a follow-up, a
整改 item and its completion."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, code_label, translate
from ztclient.ui.org_dialogs import OrgLifeDialog, iso, with_changes


class TalkDialog(OrgLifeDialog):
    """登记谈心谈话: who with whom, when, the topic, the follow-up."""

    def __init__(self, ctx: UiContext, org: dict | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, translate("OrgLife", "登记谈心谈话"), parent)
        self.org = org
        self.people: dict[str, dict | None] = {"talker": None, "talkee": None}
        self.pickers: dict[str, QPushButton] = {}
        for key, label in (
            ("talker", translate("OrgLife", "谈话人")),
            ("talkee", translate("OrgLife", "谈话对象")),
        ):
            button = QPushButton(translate("OrgLife", "选择党员…"))
            button.clicked.connect(lambda _=False, k=key: self.pick(k))
            self.pickers[key] = button
            self.form.addRow(label, button)
        self.day = widgets.date_edit(ctx)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(
            translate("OrgLife", "如：思想状况、工作生活困难、对支部工作的意见")
        )
        self.follow_up = QPlainTextEdit()
        self.follow_up.setPlaceholderText(translate("OrgLife", "后续跟进（可不填）"))
        self.follow_up.setMaximumHeight(90)
        self.form.addRow(translate("OrgLife", "日期"), self.day)
        self.form.addRow(translate("OrgLife", "主题"), self.topic)
        self.form.addRow(translate("OrgLife", "后续跟进"), self.follow_up)
        self.topic.setMinimumWidth(360)
        self.finish_layout()

    def pick(self, key: str) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self, org_id=(self.org or {}).get("id"))
        if picker.exec() and picker.chosen:
            self.set_person(key, picker.chosen)

    def set_person(self, key: str, member: dict) -> None:
        self.people[key] = member
        self.pickers[key].setText(member["name"])

    def job(self):
        if not self.people["talker"] or not self.people["talkee"]:
            raise ValueError(translate("OrgLife", "请选择谈话人和谈话对象"))
        data = {
            "date": iso(self.day),
            "talker_id": self.people["talker"]["id"],
            "talkee_id": self.people["talkee"]["id"],
            "topic": self.topic.text(),
            "follow_up": self.follow_up.toPlainText(),
        }
        if self.org and self.org["kind"] != "group":
            data["org_id"] = self.org["id"]
        talks = self.ctx.session.talks
        return lambda: talks.add(data)


class AppraisalDialog(OrgLifeDialog):
    """录入评议结果 for one branch and year: a grade (and for 基本合格/不合格 a measure and a
    deadline) per member on the roll; members left 未评 are not written."""

    def __init__(
        self,
        ctx: UiContext,
        year: int,
        org: dict,
        members: list[dict],
        meetings: list[dict],
        graded: dict[str, dict],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            translate("OrgLife", "{year}年民主评议 — {org}").format(year=year, org=org["name"]),
            parent,
        )
        self.year, self.members = year, members
        self.meeting = QComboBox()
        self.meeting.addItem(translate("OrgLife", "（不指定会议）"), None)
        for m in meetings:
            self.meeting.addItem(f"{m['starts_at'][:10]} {m['title']}", m["id"])
        self.form.addRow(translate("OrgLife", "评定会议"), self.meeting)
        self.table = QTableWidget(len(members), 4)
        self.table.setHorizontalHeaderLabels(
            [
                translate("OrgLife", "党员"),
                translate("OrgLife", "等次"),
                translate("OrgLife", "处置措施"),
                translate("OrgLife", "限期"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, m in enumerate(members):
            old = graded.get(m["id"], {})
            self.table.setItem(row, 0, QTableWidgetItem(m["name"]))
            grade = QComboBox()
            grade.addItem(translate("OrgLife", "（未评）"), None)
            for code, text in code_choices("appraisal_grade"):
                grade.addItem(text, code)
            grade.setCurrentIndex(max(grade.findData(old.get("grade")), 0))
            measure = QComboBox()
            measure.addItem("", None)
            for code, text in code_choices("appraisal_measure"):
                measure.addItem(text, code)
            measure.setCurrentIndex(max(measure.findData(old.get("measure")), 0))
            deadline = QLineEdit(old.get("deadline") or "")
            deadline.setPlaceholderText("YYYY-MM-DD")
            self.table.setCellWidget(row, 1, grade)
            self.table.setCellWidget(row, 2, measure)
            self.table.setCellWidget(row, 3, deadline)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 170)
        self.box.addWidget(self.table, 1)
        self.finish_layout()
        self.resize(600, 560)

    def set_grade(
        self, row: int, grade: str, measure: str | None = None, deadline: str = ""
    ) -> None:
        combo = self.table.cellWidget(row, 1)
        combo.setCurrentIndex(combo.findData(grade))
        mcombo = self.table.cellWidget(row, 2)
        mcombo.setCurrentIndex(max(mcombo.findData(measure), 0))
        self.table.cellWidget(row, 3).setText(deadline)

    def job(self):
        rows: list[dict[str, Any]] = []
        for row, m in enumerate(self.members):
            grade = self.table.cellWidget(row, 1).currentData()
            if not grade:
                continue
            item: dict[str, Any] = {
                "member_id": m["id"],
                "grade": grade,
                "meeting_id": self.meeting.currentData(),
            }
            measure = self.table.cellWidget(row, 2).currentData()
            deadline = self.table.cellWidget(row, 3).text().strip()
            if measure:
                item["measure"] = measure
            if deadline:
                item["deadline"] = deadline
            rows.append(item)
        if not rows:
            raise ValueError(translate("OrgLife", "还没有评定任何人的等次"))
        appraisals, year = self.ctx.session.appraisals, self.year
        return lambda: with_changes(appraisals.record(year, rows))


class FollowUpDialog(OrgLifeDialog):
    """The follow-up of a 基本合格 / 不合格 grade: measure, deadline, done with the outcome."""

    def __init__(self, ctx: UiContext, row: dict, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            translate("OrgLife", "评议处置 — {name}（{grade}）").format(
                name=row["member_name"], grade=code_label("appraisal_grade", row["grade"])
            ),
            parent,
        )
        self.row = row
        self.measure = QComboBox()
        self.measure.addItem("", None)
        for code, text in code_choices("appraisal_measure"):
            self.measure.addItem(text, code)
        self.measure.setCurrentIndex(max(self.measure.findData(row.get("measure")), 0))
        self.deadline = QLineEdit(row.get("deadline") or "")
        self.deadline.setPlaceholderText("YYYY-MM-DD")
        self.done = QCheckBox(translate("OrgLife", "已完成，完成日期："))
        self.done_on = widgets.date_edit(ctx)
        self.done_on.setEnabled(False)
        self.done.toggled.connect(self.done_on.setEnabled)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done)
        done_row.addWidget(self.done_on)
        self.outcome = QLineEdit(row.get("outcome") or "")
        self.form.addRow(translate("OrgLife", "处置措施"), self.measure)
        self.form.addRow(translate("OrgLife", "限期"), self.deadline)
        self.form.addRow(done_row)
        self.form.addRow(translate("OrgLife", "处置结果"), self.outcome)
        self.finish_layout()

    def job(self):
        fields: dict[str, Any] = {
            "measure": self.measure.currentData(),
            "deadline": self.deadline.text().strip() or None,
            "outcome": self.outcome.text(),
        }
        if self.done.isChecked():
            fields["done_on"] = iso(self.done_on)
        appraisals, row = self.ctx.session.appraisals, self.row
        return lambda: appraisals.follow_up(row["id"], fields, row["version"])


class RectificationDialog(OrgLifeDialog):
    """登记问题 (a new item of the 问题清单) or 完成整改 (``item`` given: mark it done)."""

    def __init__(
        self,
        ctx: UiContext,
        org: dict | None,
        year: int,
        item: dict | None = None,
        orgs: list[dict] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            translate("OrgLife", "完成整改") if item else translate("OrgLife", "登记问题和整改措施")
        )
        super().__init__(ctx, title, parent)
        self.item, self.year = item, year
        self.org = QComboBox()
        for o in orgs or ([org] if org else []):
            self.org.addItem(o["name"], o["id"])
        if org:
            self.org.setCurrentIndex(max(self.org.findData(org["id"]), 0))
        self.problem = QPlainTextEdit((item or {}).get("problem") or "")
        self.problem.setMaximumHeight(80)
        self.measure = QPlainTextEdit((item or {}).get("measure") or "")
        self.measure.setMaximumHeight(80)
        self.owner = QLineEdit((item or {}).get("owner_label") or "")
        self.owner.setPlaceholderText(translate("OrgLife", "责任人或责任部门，如：支部委员会"))
        self.deadline = QLineEdit((item or {}).get("deadline") or "")
        self.deadline.setPlaceholderText("YYYY-MM-DD")
        self.done_on = widgets.date_edit(ctx)
        self.result = QLineEdit()
        if item is None:
            self.form.addRow(translate("OrgLife", "组织"), self.org)
            self.form.addRow(translate("OrgLife", "问题"), self.problem)
            self.form.addRow(translate("OrgLife", "整改措施"), self.measure)
            self.form.addRow(translate("OrgLife", "责任人"), self.owner)
            self.form.addRow(translate("OrgLife", "完成期限"), self.deadline)
        else:
            self.problem.setReadOnly(True)
            self.form.addRow(translate("OrgLife", "问题"), self.problem)
            self.form.addRow(translate("OrgLife", "完成日期"), self.done_on)
            self.form.addRow(translate("OrgLife", "整改结果"), self.result)
        self.problem.setMinimumWidth(360)
        self.finish_layout()

    def job(self):
        svc = self.ctx.session.rectifications
        if self.item is not None:
            item, fields = self.item, {"done_on": iso(self.done_on), "result": self.result.text()}
            return lambda: svc.update(item["id"], fields, item["version"])
        data = {
            "org_id": self.org.currentData(),
            "year": self.year,
            "problem": self.problem.toPlainText(),
            "measure": self.measure.toPlainText(),
            "owner": self.owner.text(),
            "deadline": self.deadline.text().strip() or None,
        }
        return lambda: svc.add(data)
