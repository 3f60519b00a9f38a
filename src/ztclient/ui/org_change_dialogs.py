"""结束任职, 作废任职, 作废换届选举 and the restructuring steps of the 组织 page (move, merge,
dissolve): the target, the date, and what happens to the members, said in the dialog before
anything is written."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_label, translate
from ztclient.ui.org_dialogs import OrgLifeDialog, iso


class EndPostDialog(OrgLifeDialog):
    """结束任职: the post and its last day."""

    def __init__(
        self, ctx: UiContext, org: dict, posts: list[dict], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx, translate("OrgDialogs", "结束任职 — {org}").format(org=org["name"]), parent
        )
        self.post = QComboBox()
        for p in posts:
            self.post.addItem(f"{code_label('party_post', p['post'])}　{p['member_name']}", p["id"])
        self.end = widgets.date_edit(ctx)
        self.form.addRow(translate("OrgDialogs", "任职"), self.post)
        self.form.addRow(translate("OrgDialogs", "最后任职日"), self.end)
        self.finish_layout()

    def job(self):
        orgs, post_id, end = self.ctx.session.orgs, self.post.currentData(), iso(self.end)
        if not post_id:
            raise ValueError(translate("OrgDialogs", "没有可结束的任职"))
        return lambda: orgs.end_post(post_id, end)


class VoidPostDialog(OrgLifeDialog):
    """作废任职: a post entered by mistake (held or ended) and the reason; it then counts nowhere."""

    def __init__(self, ctx: UiContext, org: dict, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, translate("OrgDialogs", "作废任职 — {org}").format(org=org["name"]), parent
        )
        self.post = QComboBox()
        for p in ctx.session.orgs.post_history(org["id"]):
            until = p["end_date"] or translate("OrgDialogs", "至今")
            text = f"{code_label('party_post', p['post'])}　{p['member_name']}"
            self.post.addItem(f"{text}　{p['start_date']}—{until}", p["id"])
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("OrgDialogs", "如：录错了人、重复录入"))
        note = QLabel(
            translate(
                "OrgDialogs",
                "只用于录入错误的任职：作废后记录仍保留，但不再计入委员会、书记和学时要求。"
                "正常离任请用“结束任职”。",
            )
        )
        note.setWordWrap(True)
        self.form.addRow(translate("OrgDialogs", "任职"), self.post)
        self.form.addRow(translate("OrgDialogs", "作废原因"), self.reason)
        self.form.addRow(note)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(translate("OrgDialogs", "作废"))
        self.finish_layout()

    def job(self):
        orgs, post_id, reason = self.ctx.session.orgs, self.post.currentData(), self.reason.text()
        if not post_id:
            raise ValueError(translate("OrgDialogs", "没有可作废的任职"))
        if not reason.strip():
            raise ValueError(translate("OrgDialogs", "请填写作废原因"))
        return lambda: orgs.void_post(post_id, reason)


class VoidElectionDialog(OrgLifeDialog):
    """作废换届选举: an election entered by mistake and the reason; its posts go with it and the
    committee it replaced holds again. Only the latest can go (the service says why)."""

    def __init__(self, ctx: UiContext, org: dict, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, translate("OrgDialogs", "作废换届选举 — {org}").format(org=org["name"]), parent
        )
        self.election = QComboBox()
        for e in ctx.session.elections.list(org["id"]):  # newest first: the one that can go
            names = "、".join(c["member_name"] for c in e["committee"])
            self.election.addItem(f"{e['date']}　{names}", e["id"])
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("OrgDialogs", "如：日期录错、录错了组织"))
        note = QLabel(
            translate(
                "OrgDialogs",
                "只用于录入错误的换届选举：作废后记录仍保留；它选出的任职一并作废，"
                "被它结束的上届任职恢复，本届任期回到此前。有更晚的换届选举时，须先作废那一次。",
            )
        )
        note.setWordWrap(True)
        self.form.addRow(translate("OrgDialogs", "换届选举"), self.election)
        self.form.addRow(translate("OrgDialogs", "作废原因"), self.reason)
        self.form.addRow(note)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(translate("OrgDialogs", "作废"))
        self.finish_layout()

    def job(self):
        elections = self.ctx.session.elections
        election_id, reason = self.election.currentData(), self.reason.text()
        if not election_id:
            raise ValueError(translate("OrgDialogs", "没有可作废的换届选举"))
        if not reason.strip():
            raise ValueError(translate("OrgDialogs", "请填写作废原因"))
        return lambda: elections.void(election_id, reason)


class RestructureDialog(OrgLifeDialog):
    """移动 / 合并 / 撤销 an organisation: the target, the date, and what happens to members."""

    def __init__(
        self,
        ctx: UiContext,
        mode: str,
        org: dict,
        candidates: list[dict],
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            "move": translate("OrgDialogs", "调整隶属关系 — {org}"),
            "merge": translate("OrgDialogs", "合并 — {org}"),
            "dissolve": translate("OrgDialogs", "撤销 — {org}"),
        }
        super().__init__(ctx, titles[mode].format(org=org["name"]), parent)
        self.mode, self.org = mode, org
        self.target = QComboBox()
        if mode == "dissolve":
            self.target.addItem(
                translate("OrgDialogs", "（不转移：没有在册党员或只是党小组）"), None
            )
        for c in candidates:
            self.target.addItem(c["name"], c["id"])
        self.day = widgets.date_edit(ctx)
        labels = {
            "move": translate("OrgDialogs", "新的上级组织"),
            "merge": translate("OrgDialogs", "并入"),
            "dissolve": translate("OrgDialogs", "党员转入"),
        }
        self.form.addRow(labels[mode], self.target)
        self.form.addRow(translate("OrgDialogs", "日期"), self.day)
        notes = {
            "move": translate(
                "OrgDialogs", "党小组移到其他党支部时，组员随之转入该支部（逐人记入党员事件）。"
            ),
            "merge": translate(
                "OrgDialogs",
                "党员逐人记入“组织调整”事件转入；党小组随之划入；本组织标记为已合并，记录保留。",
            ),
            "dissolve": translate(
                "OrgDialogs",
                "撤销不删除：本组织及其历史记录保留；在册党员逐人记入“组织调整”事件转入所选党支部，委员任职至前一日结束。",
            ),
        }
        self.box.addWidget(widgets.hint(notes[mode]))
        self.finish_layout()
        self.resize(520, 220)

    def job(self):
        r, org_id, target, day = (
            self.ctx.session.restructure,
            self.org["id"],
            self.target.currentData(),
            iso(self.day),
        )
        if self.mode == "move":
            return lambda: r.move(org_id, target, day)
        if self.mode == "merge":
            return lambda: r.merge(org_id, target, day)
        return lambda: r.dissolve(org_id, day, target)
