"""The 同步 page's status card: where this computer stands (enrolled, last sync, counts), the
outcome of the last action, and while a sync runs, bytes sent of the total with 取消同步."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ztclient.services.sync.resync import RESYNC_CODES
from ztclient.ui.compat import emit
from ztclient.ui.i18n import translate
from ztclient.ui.sync_texts import kb, local_time, problem_text


class StatusCard(QFrame):
    cancel_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Card")
        grid = QGridLayout(self)
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

        # while a sync runs: bytes sent of the total, and a way to stop it
        self.progress_row = QWidget()
        prow = QHBoxLayout(self.progress_row)
        prow.setContentsMargins(0, 4, 0, 0)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress_text = QLabel()
        self.cancel_button = QPushButton(translate("Sync", "取消同步"))
        self.cancel_button.clicked.connect(lambda: emit(self.cancel_clicked))
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.progress_text)
        prow.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)
        grid.addWidget(self.progress_row, 5, 0)

    def say(self, text: str, error: bool = False) -> None:
        """The outcome of the last action, under the status lines (hidden while empty)."""
        self.result.setText(text)
        self.result.setStyleSheet(
            "#SyncResult { color: %s; }" % ("#b71c1c" if error else "#1b5e20")
        )
        self.result.setVisible(bool(text))

    def _lines_visible(self) -> None:
        for line in (self.enrol_line, self.last_line, self.counts_line):
            line.setVisible(bool(line.text()))

    def show_state(self, st: dict[str, Any] | None, no_sync: bool = False) -> None:
        """Fill the lines from the service's status (``None``: nothing to show)."""
        if st is None:
            self.summary.setText(translate("Sync", "同步"))
            self.enrol_line.setText(
                translate("Sync", "本版本程序没有同步功能。") if no_sync else ""
            )
            self.last_line.clear()
            self.counts_line.clear()
            self._lines_visible()
            return
        waiting = int(st["pending"]) + int(st["in_flight"])
        problems = st["problems"]
        enrolled = bool(st["enrolled"])
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
                        when=local_time(st["last_sync_at"]), how=via
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
                    code = held[0].get("code")
                    if code in RESYNC_CODES:  # the next sync clears it by itself (resync.py)
                        what = translate(
                            "Sync",
                            "再点“立即同步”，本机会按上级的记录核对后重新发送，修改不会丢失；"
                            "如仍不行，请联系上级党委。",
                        )
                    else:
                        what = translate("Sync", "请联系上级党委核对本机的登记。")
                    self.say(
                        translate("Sync", "有 {n} 个数据包被上级拒收（{why}）。{what}").format(
                            n=len(held), why=problem_text(code), what=what
                        ),
                        error=True,
                    )
        self._lines_visible()

    # -- a running sync ----------------------------------------------------------------------
    def started(self, visible: bool) -> None:
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.progress_text.setText(translate("Sync", "正在连接…"))
        self.cancel_button.setEnabled(True)
        self.progress_row.setVisible(visible)

    def moved(self, done: int, total: int) -> str:
        """Show bytes sent of the total; returns the text (for the status bar)."""
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            text = translate("Sync", "已发送 {done} / {total} KB").format(
                done=kb(done), total=kb(total)
            )
        else:
            text = translate("Sync", "正在与上级交换…")
        self.progress_text.setText(text)
        return text

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(translate("Sync", "正在取消…"))

    def finished(self) -> None:
        self.progress_row.setVisible(False)
