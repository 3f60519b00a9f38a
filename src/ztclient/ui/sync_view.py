"""同步: status at a glance, 立即同步, background sync with backoff, enrolment, USB, conflicts.

Every call into ``session.sync`` (a ``SyncService``, docs/sync-client.md) runs on the one
operations worker; this page only shows plain data that comes back. The background timer never
starts a job while another is running, shows nothing but a status-bar hint, and backs off while
the link is down (``next_interval``).
"""

from __future__ import annotations

import contextlib
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render
from ztclient.domain.server_address import is_plain_http_remote
from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import domain_lang, error_text, translate

BASE_INTERVAL_MS = 60_000
MAX_INTERVAL_MS = 15 * 60_000
OFFLINE_CODES = ("E_NETWORK", "E_SERVER")


def next_interval(
    current_ms: int, ok: bool, base_ms: int = BASE_INTERVAL_MS, cap_ms: int = MAX_INTERVAL_MS
) -> int:
    """The background timer's next wait: back to ``base_ms`` after a sync that worked, doubled
    (up to ``cap_ms``) after one that met no link."""
    if ok:
        return base_ms
    return min(max(current_ms, base_ms) * 2, cap_ms)


def failure_text(exc: BaseException) -> str:
    """What the clerk reads when a sync did not go through."""
    code = getattr(exc, "code", None) if isinstance(exc, DomainError) else None
    if code == "E_NETWORK":
        return translate("Sync", "网络不通，修改已保存在本机，联网后会自动发送")
    if code == "E_SERVER":
        return translate("Sync", "上级服务器暂时出错，修改已保存在本机，稍后会自动重试")
    if code == "E_DEVICE_UNKNOWN":
        return translate("Sync", "本机尚未登记或登记已失效，请重新登记本机")
    return error_text(exc)


def problem_text(code: str | None, params: dict | None = None) -> str:
    from ztclient.domain.messages import render
    from ztclient.ui.i18n import domain_lang

    if not code:
        return ""
    try:
        return render(code, domain_lang(), **(params or {}))
    except Exception:  # an unknown code or odd params: the code itself still says something
        return str(code)


def _value(v: Any) -> str:
    if v is None:
        return translate("Sync", "（空）")
    if isinstance(v, (dict, list)):
        import json

        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _when(text: str | None) -> str:
    """'2026-11-23T09:30:00Z' → local '2026-11-23 17:30'."""
    if not text:
        return ""
    from datetime import UTC, datetime

    try:
        dt = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return dt.astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


# -- the worker's jobs (plain data in, plain data out) --------------------------------------------
def _record_names(session: Any, rows: list[dict]) -> None:
    """Give each problem row a readable record name (a member's name), on the worker."""
    for r in rows:
        r["record_name"] = r.get("record_id") or ""
        if r.get("entity") == "member" and r.get("record_id"):
            with contextlib.suppress(Exception):  # deleted since: the id is enough
                r["record_name"] = session.members.get(r["record_id"])["name"]


def read_status(session: Any) -> dict | None:
    svc = getattr(session, "sync", None)
    if svc is None:
        return None
    st = svc.status()
    _record_names(session, st["problems"])
    notices = getattr(session, "notices", None)
    if notices is not None:  # this unit's replies, shown under each notice
        replies = {r["item_id"]: r["feedback"] for r in notices.list()}
        for n in st["notices"]:
            n["feedback"] = replies.get(n["item_id"], "")
    return st


class EnrolDialog(QDialog):
    """登记本机: online (server address + one-time code) or by the enrolment file."""

    def __init__(self, parent: QWidget | None = None, server_url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Sync", "登记本机"))
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        box.addWidget(
            widgets.hint(
                translate(
                    "Sync",
                    "上级党委给了登记码，就选“联网登记”；给的是登记文件（U盘带来），就选“用登记文件”。",
                )
            )
        )
        self.online = QRadioButton(translate("Sync", "联网登记（服务器地址 + 一次性登记码）"))
        self.by_file = QRadioButton(translate("Sync", "用登记文件（没有网络时）"))
        self.online.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.online)
        group.addButton(self.by_file)
        form = QFormLayout()
        self.url = QLineEdit(server_url)
        self.url.setPlaceholderText("https://")
        self._warned = ""  # the plain-http address already warned about
        self.code = QLineEdit()
        form.addRow(translate("Sync", "服务器地址"), self.url)
        form.addRow(translate("Sync", "登记码"), self.code)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(translate("Sync", "上级给的登记文件"))
        choose = QPushButton(translate("Sync", "选择…"))
        choose.clicked.connect(self._choose)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        box.addWidget(self.online)
        box.addLayout(form)
        box.addWidget(self.by_file)
        box.addLayout(file_row)
        self.error = widgets.error_label()
        box.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("Sync", "选择登记文件"),
            "",
            translate("Sync", "登记文件 (*.json);;所有文件 (*)"),
        )
        if path:
            self.path.setText(path)
            self.by_file.setChecked(True)

    def values(self) -> dict[str, str]:
        if self.by_file.isChecked():
            return {"how": "file", "path": self.path.text().strip()}
        return {"how": "online", "url": self.url.text().strip(), "code": self.code.text().strip()}

    def _accept(self) -> None:
        v = self.values()
        if v["how"] == "online" and not (v["url"] and v["code"]):
            widgets.set_error(self.error, translate("Sync", "请填写服务器地址和登记码"))
            return
        if v["how"] == "file" and not v["path"]:
            widgets.set_error(self.error, translate("Sync", "请选择登记文件"))
            return
        if v["how"] == "online" and is_plain_http_remote(v["url"]) and v["url"] != self._warned:
            # warn once before an unencrypted enrolment; a second OK with the same address goes on
            self._warned = v["url"]
            again = translate("Sync", "再点一次“确定”仍按此地址登记。")
            lang = domain_lang()
            text = render("W_PLAIN_HTTP", lang, url=v["url"])
            widgets.set_error(self.error, text + (" " if lang == "en" else "") + again)
            return
        self.accept()


class SyncView(QWidget):
    """The 同步 page."""

    refreshes_when_shown = True  # activate() reads afresh: no missed changes to hand over

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.state: dict | None = None
        self.interval_ms = BASE_INTERVAL_MS
        self.background_running = False
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.background_sync)

        box = QVBoxLayout(self)
        box.addWidget(widgets.title(translate("Sync", "同步")))
        box.addWidget(
            widgets.hint(
                translate("Sync", "有网络时把本单位的变动加密发给上级党委；没有网络时用U盘带过去。")
            )
        )

        panel = widgets.card()
        grid = QGridLayout(panel)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setVerticalSpacing(6)
        self.summary = QLabel()
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.summary.setFont(font)
        self.enrol_line = QLabel()
        self.last_line = QLabel()
        self.counts_line = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("SyncResult")
        self.result.setVisible(False)
        for w in (self.enrol_line, self.last_line, self.counts_line):
            w.setWordWrap(True)
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.summary, 0, 0)
        grid.addWidget(self.enrol_line, 1, 0)
        grid.addWidget(self.last_line, 2, 0)
        grid.addWidget(self.counts_line, 3, 0)
        grid.addWidget(self.result, 4, 0)
        grid.setColumnStretch(0, 1)
        box.addWidget(panel)

        row = QHBoxLayout()
        self.sync_button = QPushButton(translate("Sync", "立即同步"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.export_button = QPushButton(translate("Sync", "导出到U盘…"))
        self.export_button.clicked.connect(self.export_usb)
        self.import_button = QPushButton(translate("Sync", "导入回执/下发文件…"))
        self.import_button.clicked.connect(self.import_usb)
        self.enrol_button = QPushButton(translate("Sync", "登记本机…"))
        self.enrol_button.clicked.connect(self.open_enrol)
        for b in (self.sync_button, self.export_button, self.import_button, self.enrol_button):
            b.setMinimumWidth(130)
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.actions = {
            "sync_now": self.sync_button,
            "export_usb": self.export_button,
            "import_usb": self.import_button,
            "enrol": self.enrol_button,
        }

        self.tabs = QTabWidget()
        # 待核对: conflicts and refused ops
        problems = QWidget()
        pbox = QVBoxLayout(problems)
        self.problems = QTableWidget(0, 6)
        self.problems.setHorizontalHeaderLabels(
            [
                translate("Sync", "记录"),
                translate("Sync", "字段"),
                translate("Sync", "本机值"),
                translate("Sync", "中心值"),
                translate("Sync", "说明"),
                "",
            ]
        )
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        for col in (0, 1, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        pbox.addWidget(
            widgets.hint(
                translate(
                    "Sync",
                    "两边都改过的字段，上级已按规则合并并保留了双方数值。请核对，需要时在党员或会议页面改正，再点“已核对”。",
                )
            )
        )
        pbox.addWidget(self.problems, 1)
        self.tabs.addTab(problems, translate("Sync", "待核对"))
        # 通知与资料
        items = QWidget()
        ibox = QVBoxLayout(items)
        self.items = QListWidget()
        self.items.currentItemChanged.connect(self._show_item)
        self.item_text = QLabel()
        self.item_text.setWordWrap(True)
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.item_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.read_button = QPushButton(translate("Sync", "标为已读"))
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self.mark_read)
        self.reply_button = QPushButton(translate("Sync", "回复…"))
        self.reply_button.setEnabled(False)
        self.reply_button.clicked.connect(self.reply)
        split = QHBoxLayout()
        split.addWidget(self.items, 2)
        right = QVBoxLayout()
        right.addWidget(self.item_text, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reply_button)
        buttons.addWidget(self.read_button)
        right.addLayout(buttons)
        split.addLayout(right, 3)
        ibox.addLayout(split)
        self.tabs.addTab(items, translate("Sync", "通知与资料"))
        box.addWidget(self.tabs, 1)
        self._show(None)
        self.refresh()  # at once, not on first visit: the background timer needs the state

    # -- state -------------------------------------------------------------------------------
    def _run(self, job: Any, done: Any = None, error: Any = None, **kw: Any) -> None:
        """``ops.run`` whose answers are dropped when this page is gone (a language switch
        rebuilds the window while a job of the old one may still be queued)."""

        def alive(fn: Any) -> Any:
            return lambda value: fn(value) if shiboken6.isValid(self) and not self.locked else None

        if error is None:  # the clerk's own action: a box, but never once the page is locked

            def error(exc: BaseException) -> None:
                self.ctx.ops.show_error(exc, self)

        self.ctx.ops.run(job, alive(done) if done else None, alive(error), **kw)

    def _hint(self, text: str) -> None:
        """A background outcome: the status bar for a while, never a dialog."""
        window = self.window()
        if isinstance(window, QMainWindow) and text:
            window.statusBar().showMessage(text, 15_000)

    def _say(self, text: str, error: bool = False) -> None:
        """The outcome of the last action, under the status lines (hidden while empty)."""
        self.result.setText(text)
        self.result.setStyleSheet(
            "#SyncResult { color: %s; }" % ("#b71c1c" if error else "#1b5e20")
        )
        self.result.setVisible(bool(text))

    @property
    def service(self) -> Any:
        return getattr(self.ctx.session, "sync", None)

    def activate(self) -> None:
        self.refresh()

    def on_changed(self, changes: Changes) -> None:
        if changes.any:
            self.refresh()

    def clear(self) -> None:
        """On lock: stop the background timer, forget what was shown, drop later answers."""
        self.locked = True
        self.timer.stop()
        self.state = None
        self.problems.setRowCount(0)
        self.items.clear()
        self.item_text.clear()

    def refresh(self) -> None:
        if self.locked:
            return
        session = self.ctx.session
        self._run(lambda: read_status(session), self._show, self._status_failed)

    def _status_failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), error=True)

    def _show(self, st: dict | None) -> None:
        self.state = st
        enrolled = bool(st and st["enrolled"])
        for b in (self.sync_button, self.export_button, self.import_button):
            b.setEnabled(enrolled)
        self.enrol_button.setEnabled(st is not None)
        self.enrol_button.setText(
            translate("Sync", "重新登记本机…") if enrolled else translate("Sync", "登记本机…")
        )
        if st is None:
            self.summary.setText(translate("Sync", "同步"))
            self.enrol_line.setText(
                translate("Sync", "本版本程序没有同步功能。")
                if self.ctx.session is not None and self.service is None
                else ""
            )
            self.last_line.clear()
            self.counts_line.clear()
            return
        waiting = int(st["pending"]) + int(st["in_flight"])
        problems = st["problems"]
        if not enrolled:
            self.summary.setText(translate("Sync", "本机尚未登记，还不能同步"))
            self.enrol_line.setText(
                translate("Sync", "请点“登记本机…”，使用上级党委给的登记码或登记文件。")
            )
            self.last_line.setText(
                translate("Sync", "{n} 项修改已保存在本机，登记后发送。").format(n=waiting)
            )
            self.counts_line.clear()
        else:
            self.summary.setText(
                translate("Sync", "已确认至 #{mark} · {n} 项待同步 · {p} 项待核对").format(
                    mark=st["watermark"], n=waiting, p=len(problems)
                )
            )
            how = {
                "online": translate("Sync", "联网登记"),
                "file": translate("Sync", "文件登记"),
            }.get(st.get("enrolled_how") or "", st.get("enrolled_how") or "")
            self.enrol_line.setText(
                translate(
                    "Sync", "已登记（{how}）：单位 {unit} · 本机 {device} · 服务器 {server}"
                ).format(
                    how=how,
                    unit=st["unit"],
                    device=str(st["device"])[:8],
                    server=st["server_url"] or "—",
                )
            )
            if st["last_sync_at"]:
                via = {"http": translate("Sync", "网络"), "usb": translate("Sync", "U盘")}.get(
                    st["last_sync_how"] or "", translate("Sync", "网络")
                )
                self.last_line.setText(
                    translate("Sync", "上次同步：{when}（{how}）").format(
                        when=_when(st["last_sync_at"]), how=via
                    )
                )
            else:
                self.last_line.setText(translate("Sync", "还没有同步过。"))
            self.counts_line.setText(
                translate(
                    "Sync",
                    "待发送 {pending} · 发送中 {in_flight} · 已确认 {synced} · 被退回 {rejected} · 信任文件第 {version} 版",
                ).format(
                    pending=st["pending"],
                    in_flight=st["in_flight"],
                    synced=st["synced"],
                    rejected=st["rejected"],
                    version=st["trust_version"],
                )
            )
            if st.get("refused_bundles"):
                held = [b for b in st["refused_bundles"] if b["state"] == "refused"]
                if held:
                    self._say(
                        translate(
                            "Sync", "有 {n} 个数据包被上级拒收（{why}），请联系上级党委。"
                        ).format(n=len(held), why=problem_text(held[0].get("code"))),
                        error=True,
                    )
        for line in (self.enrol_line, self.last_line, self.counts_line):
            line.setVisible(bool(line.text()))
        self._fill_problems(problems)
        self._fill_items(st["notices"] + st["materials"])
        self.tabs.setTabText(
            0,
            translate("Sync", "待核对 ({n})").format(n=len(problems))
            if problems
            else translate("Sync", "待核对"),
        )
        unread = sum(1 for i in st["notices"] + st["materials"] if not i.get("read"))
        self.tabs.setTabText(
            1,
            translate("Sync", "通知与资料 ({n})").format(n=unread)
            if unread
            else translate("Sync", "通知与资料"),
        )
        self._schedule()

    def _fill_problems(self, rows: list[dict]) -> None:
        fields = {
            "name": translate("Sync", "姓名"),
            "phone": translate("Sync", "联系电话"),
            "address": translate("Sync", "住址"),
            "education": translate("Sync", "学历"),
            "work_unit": translate("Sync", "工作单位"),
            "title": translate("Sync", "职务"),
        }
        entities = {
            "member": translate("Sync", "党员"),
            "meeting": translate("Sync", "会议"),
            "org": translate("Sync", "组织"),
            "study": translate("Sync", "学习"),
        }
        self.problems.setRowCount(len(rows))
        for i, r in enumerate(rows):
            record = "{kind} {name}".format(
                kind=entities.get(r.get("entity") or "", r.get("entity") or ""),
                name=r.get("record_name") or r.get("record_id") or "",
            )
            cells = [
                record.strip(),
                fields.get(r.get("field") or "", r.get("field") or ""),
                _value(r.get("yours")) if r.get("kind") == "conflict" else "",
                _value(r.get("theirs")) if r.get("kind") == "conflict" else "",
                problem_text(
                    r.get("code"), r.get("params") if r.get("kind") != "conflict" else None
                ),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, r["id"])
                self.problems.setItem(i, col, item)
            button = QPushButton(translate("Sync", "已核对"))
            button.clicked.connect(lambda _=False, pid=r["id"]: self.mark_reviewed(pid))
            self.problems.setCellWidget(i, 5, button)
        self.problems.resizeRowsToContents()

    def _fill_items(self, rows: list[dict]) -> None:
        current = self.items.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole)["item_id"] if current is not None else None
        self.items.blockSignals(True)
        self.items.clear()
        kinds = {"notice": translate("Sync", "通知"), "material": translate("Sync", "学习资料")}
        for r in sorted(rows, key=lambda r: r.get("received_at") or "", reverse=True):
            body = r.get("body") or {}
            title = body.get("title") if isinstance(body, dict) else None
            item = QListWidgetItem(
                "[{kind}] {title}".format(
                    kind=kinds.get(r["type"], r["type"]), title=title or r["item_id"]
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, r)
            if not r.get("read"):
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            self.items.addItem(item)
            if r["item_id"] == keep:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)
        self._show_item(self.items.currentItem())

    def _show_item(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            self.item_text.setText(
                translate("Sync", "上级下发的通知和学习资料会列在这里。")
                if self.items.count() == 0
                else ""
            )
            self.read_button.setEnabled(False)
            self.reply_button.setEnabled(False)
            return
        r = item.data(Qt.ItemDataRole.UserRole)
        body = r.get("body") or {}
        if isinstance(body, dict):
            parts = [f"<b>{_esc(body.get('title') or '')}</b>"]
            if body.get("issued_at"):
                parts.append(_esc(str(body["issued_at"])))
            parts.append(
                _esc(str(body.get("body") or body.get("text") or "")).replace("\n", "<br>")
            )
            self.item_text.setText("<br>".join(p for p in parts if p))
        else:
            self.item_text.setText(_esc(str(body)))
        if r.get("feedback"):
            self.item_text.setText(
                self.item_text.text()
                + "<br><br><i>"
                + _esc(translate("Sync", "本单位已回复：{text}").format(text=r["feedback"]))
                + "</i>"
            )
        self.read_button.setEnabled(not r.get("read"))
        self.reply_button.setEnabled(r.get("type") == "notice")

    # -- background sync ---------------------------------------------------------------------
    def _schedule(self) -> None:
        """Keep the timer running while enrolled and unlocked; never two timers."""
        enrolled = bool(self.state and self.state["enrolled"])
        if not enrolled or self.ctx.session is None:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start(self.interval_ms)

    def background_sync(self) -> None:
        if self.locked or not (self.state and self.state["enrolled"]) or self.service is None:
            return
        if self.ctx.ops.busy:  # a job of the clerk's is running: try again shortly
            self.timer.start(min(self.interval_ms, 5_000))
            return
        self.background_running = True
        self._run_sync(background=True)

    def _run_sync(self, background: bool) -> None:
        session = self.ctx.session
        svc = self.service

        def job():
            with _few_retries(svc, background):
                report = svc.sync()
            return report, read_status(session), _changes_for(report)

        label = translate("Sync", "正在后台同步…") if background else translate("Sync", "正在同步…")
        self._run(
            job,
            lambda res: self._synced(res, background),
            lambda exc: self._sync_failed(exc, background),
            label=label,
            parent=self,
            modal=not background,
        )

    def _synced(self, res: tuple, background: bool) -> None:
        report, st, _changes = res
        self.background_running = False
        self.interval_ms = next_interval(self.interval_ms, True)
        self.timer.stop()
        sent = sum(b["seq_to"] - b["seq_from"] + 1 for b in report["sent"])
        conflicts = sum(int(r.get("conflicts") or 0) for r in report["receipts"])
        text = translate("Sync", "同步完成：发送 {sent} 项，收到 {down} 项。").format(
            sent=sent, down=report["down_items"]
        )
        if conflicts:
            text += translate("Sync", "有 {n} 处两边都改过，请在“待核对”中查看。").format(
                n=conflicts
            )
        if not background or sent or report["down_items"]:
            self._say(text)
            if background:
                self._hint(text)
        self._show(st)

    def _sync_failed(self, exc: BaseException, background: bool) -> None:
        self.background_running = False
        self.interval_ms = next_interval(self.interval_ms, False)  # offline or refused: wait longer
        self._say(failure_text(exc), error=True)
        if background:
            self._hint(failure_text(exc))
        self.timer.stop()
        self.refresh()  # counts as they are now (nothing lost); reschedules the timer

    # -- the clerk's actions -----------------------------------------------------------------
    def sync_now(self) -> None:
        if self.service is None:
            return
        self._say(translate("Sync", "正在同步…"))
        self._run_sync(background=False)

    def open_enrol(self) -> None:
        if self.service is None:
            return
        dialog = EnrolDialog(self, (self.state or {}).get("server_url") or "")
        self.enrol_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values()
        dialog.deleteLater()
        self.enrol_dialog = None
        if not accepted:
            return
        svc, session = self.service, self.ctx.session
        if values["how"] == "online":

            def job():
                info = svc.enroll_online(values["url"], values["code"])
                return info, read_status(session), Changes(sync=True)
        else:
            out, _ = QFileDialog.getSaveFileName(
                self,
                translate("Sync", "保存登记申请文件（交上级导入）"),
                values["path"] + ".request.json",
                translate("Sync", "登记申请 (*.json)"),
            )
            if not out:
                return

            def job():
                info = svc.enroll_file(values["path"], out)
                return info, read_status(session), Changes(sync=True)

        self._run(
            job,
            self._enrolled,
            self._enrol_failed,
            label=translate("Sync", "正在登记本机…"),
            parent=self,
        )

    def _enrolled(self, res: tuple) -> None:
        info, st, _changes = res
        if info.get("request_file"):
            text = translate(
                "Sync",
                "已用登记文件登记本机。请把登记申请文件 {file} 带到上级党委导入，之后就可以用U盘或网络同步。",
            ).format(file=info["request_file"])
        else:
            text = translate("Sync", "本机已登记（信任文件第 {version} 版），可以同步了。").format(
                version=info["trust_version"]
            )
        self._say(text)
        self.interval_ms = BASE_INTERVAL_MS
        self._show(st)

    def _enrol_failed(self, exc: BaseException) -> None:
        text = failure_text(exc)
        self._say(text, error=True)
        QMessageBox.warning(self, translate("Sync", "没有登记成功"), text)

    def export_usb(self) -> None:
        if self.service is None:
            return
        folder = QFileDialog.getExistingDirectory(self, translate("Sync", "选择U盘或文件夹"))
        if not folder:
            return
        svc, session = self.service, self.ctx.session

        def job():
            files = svc.export(folder)
            return files, read_status(session), Changes(sync=True)

        self._run(job, self._exported, label=translate("Sync", "正在导出…"), parent=self)

    def _exported(self, res: tuple) -> None:
        files, st, _changes = res
        self._show(st)
        if not files:
            text = translate("Sync", "没有需要导出的修改。")
        else:
            from pathlib import Path

            names = "\n".join(Path(f["file"]).name for f in files)
            text = translate(
                "Sync",
                "已写入 {n} 个文件：\n{names}\n\n请把它们交上级党委导入，再把回执文件（.ack.dzb）带回来导入。",
            ).format(n=len(files), names=names)
        self._say(text.split("\n\n")[0].replace("\n", "  "))
        QMessageBox.information(self, translate("Sync", "导出到U盘"), text)

    def import_usb(self) -> None:
        if self.service is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            translate("Sync", "选择回执或下发文件"),
            "",
            translate("Sync", "同步文件 (*.dzb);;所有文件 (*)"),
        )
        if not paths:
            return
        svc, session = self.service, self.ctx.session

        def job():
            # acknowledgements may come in any order: retry the ones whose predecessor was missing
            results, waiting, last = [], sorted(paths), None
            while waiting:
                failed = []
                for p in waiting:
                    try:
                        results.append(svc.import_file(p))
                    except DomainError as exc:
                        failed.append(p)
                        last = (p, exc)
                if len(failed) == len(waiting):
                    results.extend({"file": p, "error": last[1]} for p in failed)
                    break
                waiting = failed
            members = any(r.get("items") for r in results if "error" not in r)
            return results, read_status(session), Changes(sync=True, notices=True, members=members)

        self._run(job, self._imported, label=translate("Sync", "正在导入…"), parent=self)

    def _imported(self, res: tuple) -> None:
        from pathlib import Path

        results, st, _changes = res
        self._show(st)
        lines = []
        for r in results:
            name = Path(r["file"]).name
            if "error" in r:
                lines.append(
                    translate("Sync", "{file}：没有导入（{why}）").format(
                        file=name, why=failure_text(r["error"])
                    )
                )
            elif not r.get("imported"):
                lines.append(
                    translate("Sync", "{file}：以前已经导入过，没有变化").format(file=name)
                )
            else:
                lines.append(
                    translate("Sync", "{file}：收到 {items} 项，确认 {receipts} 个数据包").format(
                        file=name, items=r.get("items", 0), receipts=len(r.get("receipts") or [])
                    )
                )
        text = "\n".join(lines)
        self._say(text.replace("\n", "  "))
        QMessageBox.information(self, translate("Sync", "导入回执/下发文件"), text)

    def mark_reviewed(self, problem_id: int) -> None:
        svc, session = self.service, self.ctx.session

        def job():
            svc.mark_reviewed(problem_id)
            return read_status(session)

        self._run(job, self._show)

    def mark_read(self) -> None:
        item = self.items.currentItem()
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        item_id = row["item_id"]
        svc, session = self.service, self.ctx.session

        def job():
            if row["type"] == "notice":  # a read receipt goes up with the next bundle
                session.notices.read(item_id)
            else:
                svc.mark_read(item_id)
            return read_status(session)

        self._run(job, self._show)

    def reply(self) -> None:
        """回复: a short answer to the selected notice (sent up with the next bundle)."""
        from PySide6.QtWidgets import QInputDialog

        item = self.items.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole)["type"] != "notice":
            return
        text, ok = QInputDialog.getMultiLineText(
            self, translate("Sync", "回复通知"), translate("Sync", "回复内容（500字以内）：")
        )
        if not ok or not text.strip():
            return
        item_id, session = item.data(Qt.ItemDataRole.UserRole)["item_id"], self.ctx.session

        def job():
            session.notices.reply(item_id, text)
            return read_status(session)

        self._run(job, self._show)


def _changes_for(report: dict) -> Changes:
    """What other views should refresh after a sync (a transfer-in adds a member)."""
    down = bool(report.get("down_items"))
    return Changes(sync=True, notices=down, members=down)


@contextlib.contextmanager
def _few_retries(svc: Any, background: bool):
    """A background sync tries the link once or twice, not for the ~20 s of retries a sync the
    clerk asked for waits: it holds the one worker, and the clerk's own jobs queue behind it.
    (The engine's ``retries`` attribute, where it has one; the service has no parameter yet.)"""
    engine = getattr(svc, "crypto", None)
    before = getattr(engine, "retries", None)
    if not background or not isinstance(before, int):
        yield
        return
    engine.retries = min(before, 1)
    try:
        yield
    finally:
        engine.retries = before


def _esc(text: str) -> str:
    import html

    return html.escape(text)
