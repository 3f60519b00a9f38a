"""组织关系转接: letters from other units waiting for this clerk (接收 / 拒收), and this unit's
transfers out (打印介绍信, 回执 due and received, answers from the receiving unit)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import error_text, translate
from ztclient.ui.table_model import DictTableModel

RECEIPT_MONTHS = 1


def state_text(state: str) -> str:
    return {
        "pending": translate("Transfers", "待处理"),
        "accepted": translate("Transfers", "已接收"),
        "refused": translate("Transfers", "已拒收"),
        "waiting": translate("Transfers", "待回执"),
        "received": translate("Transfers", "回执已收到"),
    }.get(state, state)


class AcceptDialog(QDialog):
    """Which branch (and group) the person joins; the letter is shown once more."""

    def __init__(self, ctx: UiContext, transfer: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.transfer = ctx, transfer
        letter = transfer["letter"]
        self.setWindowTitle(
            translate("Transfers", "接收组织关系 — {name}").format(name=letter.get("name", ""))
        )
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                translate("Transfers", "{name}，来自{org}（{unit}），介绍信第{no}号").format(
                    name=letter.get("name", ""),
                    org=letter.get("from_org") or "",
                    unit=transfer["from_unit"],
                    no=letter.get("letter_no") or "—",
                )
            )
        )
        self.branch = QComboBox()
        self.group = QComboBox()
        self.branch.currentIndexChanged.connect(lambda _i: self._groups())
        form.addRow(translate("Transfers", "编入党支部"), self.branch)
        form.addRow(translate("Transfers", "党小组"), self.group)
        self.error = widgets.error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Transfers", "接收"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("Transfers", "取消")
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        orgs = ctx.session.orgs
        ctx.ops.run(orgs.list, self._orgs)

    def _orgs(self, rows: list[dict]) -> None:
        self.all_orgs = rows
        for r in rows:
            if r["kind"] != "group":
                self.branch.addItem(r["name"], r["id"])

    def _groups(self) -> None:
        self.group.clear()
        self.group.addItem(translate("Transfers", "（不编入党小组）"), None)
        for r in getattr(self, "all_orgs", []):
            if r["kind"] == "group" and r["parent_id"] == self.branch.currentData():
                self.group.addItem(r["name"], r["id"])

    def submit(self) -> None:
        transfers, tid = self.ctx.session.transfers, self.transfer["id"]
        org, group = self.branch.currentData(), self.group.currentData()
        widgets.set_error(self.error, None)
        self.ctx.ops.run(
            lambda: transfers.accept(tid, org, group_id=group),
            lambda _r: self.accept(),
            lambda exc: widgets.set_error(self.error, error_text(exc)),
            parent=self,
        )


class TransfersView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        box = QVBoxLayout(self)
        box.addWidget(widgets.title(translate("Transfers", "组织关系转接")))
        box.addWidget(
            widgets.hint(
                translate(
                    "Transfers",
                    "其他单位转来的组织关系须经本单位接收后才进入党员名册；接收或拒收的答复在下次同步时送达对方。",
                )
            )
        )
        box.addWidget(QLabel("<b>" + translate("Transfers", "转入（待本单位处理）") + "</b>"))
        self.incoming = DictTableModel(
            [
                ("name", translate("Transfers", "姓名"), lambda r: r["letter"].get("name", "")),
                (
                    "from",
                    translate("Transfers", "转出单位"),
                    lambda r: r["letter"].get("from_org") or r["from_unit"],
                ),
                (
                    "letter_no",
                    translate("Transfers", "介绍信编号"),
                    lambda r: r["letter"].get("letter_no", ""),
                ),
                (
                    "dues",
                    translate("Transfers", "党费交至"),
                    lambda r: r["letter"].get("dues_paid_to", ""),
                ),
                ("date", translate("Transfers", "开具日期"), lambda r: r["letter"].get("date", "")),
                ("state", translate("Transfers", "状态"), lambda r: state_text(r["state"])),
            ],
            self,
        )
        self.incoming.highlight = lambda r: r["state"] == "pending"
        self.in_table = widgets.table_view(self.incoming)
        box.addWidget(self.in_table, 1)
        bar = QHBoxLayout()
        self.accept_button = QPushButton(translate("Transfers", "接收…"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.refuse_button = QPushButton(translate("Transfers", "拒收…"))
        self.refuse_button.clicked.connect(self.refuse_selected)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.refuse_button)
        bar.addStretch(1)
        box.addLayout(bar)

        box.addWidget(QLabel("<b>" + translate("Transfers", "转出（本单位开具的介绍信）") + "</b>"))
        self.outgoing = DictTableModel(
            [
                ("name", translate("Transfers", "姓名"), None),
                ("date", translate("Transfers", "转出日期"), None),
                ("to_org", translate("Transfers", "转往组织"), None),
                ("letter_no", translate("Transfers", "介绍信编号"), None),
                ("deadline", translate("Transfers", "回执期限"), None),
                ("state", translate("Transfers", "状态"), lambda r: r["state_text"]),
            ],
            self,
        )
        self.outgoing.highlight = lambda r: r["overdue"]
        self.out_table = widgets.table_view(self.outgoing)
        box.addWidget(self.out_table, 1)
        bar = QHBoxLayout()
        self.letter_button = QPushButton(translate("Transfers", "打印介绍信…"))
        self.letter_button.clicked.connect(self.print_letter)
        self.receipt_button = QPushButton(translate("Transfers", "登记回执…"))
        self.receipt_button.clicked.connect(self.record_receipt)
        bar.addWidget(self.letter_button)
        bar.addWidget(self.receipt_button)
        bar.addStretch(1)
        box.addLayout(bar)

    # -- loading ------------------------------------------------------------------------------------
    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.reload()

    def reload(self) -> None:
        s = self.ctx.session
        self.ctx.ops.run(lambda: (s.transfers.list("in"), self._outgoing(s)), self._listed)

    @staticmethod
    def _outgoing(s) -> list[dict]:
        """Every transfer_out with its 回执 state (runs on the worker)."""
        from ztclient.domain.dates import add_months, parse_date

        today = s.clock.today().isoformat()
        answers = {t["id"]: t for t in s.transfers.list("out")}
        out = []
        for r in s.store.read(
            "SELECT e.id, e.date, e.details, m.id AS member_id, m.name FROM member_events e "
            "JOIN members m ON m.id = e.member_id WHERE e.kind = 'transfer_out' AND e.voided = 0 "
            "ORDER BY e.date DESC"
        ):
            d = json.loads(r["details"] or "{}")
            deadline = add_months(parse_date(r["date"], "date"), RECEIPT_MONTHS).isoformat()
            received = s.store.scalar(
                "SELECT date FROM member_events WHERE member_id = ? AND kind = 'transfer_receipt' "
                "AND voided = 0 AND date >= ?",
                (r["member_id"], r["date"]),
            )
            answer = answers.get(r["id"])
            state = "received" if received else (answer["state"] if answer else "waiting")
            out.append(
                {
                    **r,
                    "to_org": d.get("to_org", ""),
                    "letter_no": d.get("letter_no", ""),
                    "deadline": deadline,
                    "state": state,
                    "state_text": state_text(state),
                    "overdue": state == "refused" or (state == "waiting" and deadline < today),
                }
            )
        return out

    def _listed(self, result) -> None:
        incoming, outgoing = result
        self.incoming.set_rows(incoming)
        self.outgoing.set_rows(outgoing)
        self.in_table.resizeColumnsToContents()
        self.out_table.resizeColumnsToContents()

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (changes.members or changes.sync or changes.development):
            self.reload()

    def clear(self) -> None:
        self.incoming.clear()
        self.outgoing.clear()
        self.loaded = False

    # -- actions -------------------------------------------------------------------------------------
    def _selected(self, table: QTableView, model: DictTableModel) -> dict | None:
        rows = table.selectionModel().selectedRows()
        row = model.row(rows[0].row()) if rows else None
        if row is None:
            QMessageBox.information(
                self,
                translate("Transfers", "组织关系转接"),
                translate("Transfers", "请先在列表中选定一项。"),
            )
        return row

    def accept_selected(self) -> None:
        row = self._selected(self.in_table, self.incoming)
        if row is not None and row["state"] == "pending":
            self.dialog = AcceptDialog(self.ctx, row, self)
            self.dialog.open()

    def refuse_selected(self) -> None:
        row = self._selected(self.in_table, self.incoming)
        if row is None or row["state"] != "pending":
            return
        reason, ok = QInputDialog.getText(
            self,
            translate("Transfers", "拒收"),
            translate("Transfers", "拒收的理由（将告知转出单位）："),
        )
        if ok and reason.strip():
            transfers, tid = self.ctx.session.transfers, row["id"]
            self.ctx.ops.run(lambda: transfers.refuse(tid, reason), None)

    def print_letter(self) -> None:
        from ztclient.ui.reports_view import _safe, print_pdf

        row = self._selected(self.out_table, self.outgoing)
        if row is None:
            return
        docs, event_id = self.ctx.session.development_docs, row["id"]
        name = translate("Transfers", "{name} 组织关系介绍信.pdf").format(name=_safe(row["name"]))
        print_pdf(self.ctx, self, lambda out: docs.print_transfer_letter(event_id, out), name)

    def record_receipt(self) -> None:
        from ztclient.ui.member_events import EventDialog

        row = self._selected(self.out_table, self.outgoing)
        if row is None or row["state"] == "received":
            return
        member = self.ctx.session.members.get(row["member_id"])
        self.dialog = EventDialog(self.ctx, member, "transfer_receipt", self)
        self.dialog.open()
