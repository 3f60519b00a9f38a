"""Errors only the central server's operator meets (schema, configuration, data folder).

Codes that travel to a device are protocol codes (SyncRejected, docs/sync-protocol.md §10);
these stay on the server: ``ztcentral`` prints them, Chinese first, with exit code 5 (data) or
4 (input). Nobody parses the texts.
"""

from __future__ import annotations

from typing import Any

#: code -> (中文, English); {placeholders} are filled from the error's params
MESSAGES: dict[str, tuple[str, str]] = {
    "E_SCHEMA_NEWER": (
        "数据库结构版本 {found} 高于本程序所知的 {known}：请升级 ztcentral，不要用旧版本写入",
        "The database schema ({found}) is newer than this program knows ({known}): "
        "upgrade ztcentral; an older version must not write to it",
    ),
    "E_SCHEMA_UNKNOWN": (
        "无法识别的数据库结构（meta.schema = {found}）",
        "Unrecognised database schema (meta.schema = {found})",
    ),
    "E_DATA_DIR": (
        "数据目录不可用：{path}（{why}）",
        "The data folder cannot be used: {path} ({why})",
    ),
    "E_TIMEZONE": (
        "时区名称无法识别：{value}（来自{where}）。请改用 IANA 时区名称，例如 Asia/Shanghai（北京时间）",
        "Unknown time zone name: {value} (from {where_en}). Use an IANA zone name such as "
        "Asia/Shanghai (Beijing time)",
    ),
    "E_QUARANTINE_HANDLED": (
        "该同步包已由他人{what}，本次没有做任何操作：{sha}",
        "Someone else had already {what_en} that bundle; nothing was done: {sha}",
    ),
    "E_QUARANTINE_GONE": (
        "该同步包不在隔离区（已淘汰、已随设备登记放行，或从未隔离）：{sha}",
        "That bundle is not in quarantine (evicted, released when its device enrolled, or never "
        "quarantined): {sha}",
    ),
    "E_REPORT_YEAR": (
        "{year}年尚未开始（今天是{today}），不能生成该年度报表；请选今年或以前的年度",
        "{year} has not begun (today is {today}): there is no report for it; choose this year "
        "or an earlier one",
    ),
    "E_TLS_FILES": (
        "TLS 证书或私钥无法读取：{path}（{why}）",
        "The TLS certificate or key cannot be read: {path} ({why})",
    ),
}


#: refusals of what the operator asked (exit code 4); the others are about the data folder (5)
INPUT_CODES = frozenset({"E_REPORT_YEAR", "E_QUARANTINE_HANDLED", "E_QUARANTINE_GONE"})


class CentralError(Exception):
    """A coded refusal on the server's own side (never sent to a device)."""

    def __init__(self, code: str, **params: Any) -> None:
        assert code in MESSAGES, code
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def exit_code(self) -> int:
        return 4 if self.code in INPUT_CODES else 5

    def text(self) -> str:
        zh, en = MESSAGES[self.code]
        return f"{self.code}: {zh.format(**self.params)} / {en.format(**self.params)}"
