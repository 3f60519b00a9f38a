"""Informational lines of the CLI (errors come from domain/messages.py by code)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "I_INIT_DONE": ("已在 {path} 建立加密数据。", "Encrypted data created in {path}."),
    "I_RECOVERY_CODE": (
        "恢复码（只显示这一次，请打印或抄写后锁入保密柜；忘记口令时凭它设置新口令）：",
        "Recovery code (shown once: print or copy it and lock it away; it sets a new passphrase if the passphrase is lost):",
    ),
    "I_RECOVERY_NUMBER": (
        "恢复码编号：{number}（登记用；重新生成恢复码后编号随之改变）",
        "Recovery code number: {number} (for the register; a new code has a new number)",
    ),
    "I_DEMO_DONE": (
        "演示数据已生成：{orgs} 个组织，{members} 名党员，{meetings} 次会议，{study_logs} 条学习记录。",
        "Demo data loaded: {orgs} organisations, {members} members, {meetings} meetings, {study_logs} study logs.",
    ),
    "I_PASSWD_DONE": (
        "口令已修改。数据库文件未改动。",
        "Passphrase changed. The database file was not touched.",
    ),
    "I_RECOVER_DONE": (
        "已用恢复码设置新口令。",
        "A new passphrase was set with the recovery code.",
    ),
    "I_BACKUP_DONE": ("加密备份已写入 {path}。", "Encrypted backup written to {path}."),
    "I_OPERATOR": ("经办人：{name}", "Keeping the records: {name}"),
    "I_OPERATOR_NONE": (
        "还没有设置经办人：操作日志记为 clerk，报表的制表人一栏留空。设置：operator --set 姓名",
        "No name set: the audit trail says clerk and reports leave 制表人 blank. Set one: operator --set NAME",
    ),
    "I_RESTORE_DONE": (
        "已从 {path} 恢复。原有数据已移至 {replaced}。",
        "Restored from {path}. Previous data moved to {replaced}.",
    ),
    "I_VERIFY_OK": (
        "数据完整：数据库、审计链和变更日志均正常（{members} 名党员，{meetings} 次会议，{study_logs} 条学习记录，{outbox_pending} 项待同步）。",
        "All intact: database, audit chain and outbox ({members} members, {meetings} meetings, {study_logs} study logs, {outbox_pending} pending sync).",
    ),
    "I_ADDED": ("已添加 {count} 条记录。", "{count} record(s) added."),
    "I_SAVED": ("已保存（第 {version} 版）。", "Saved (version {version})."),
    "I_UNCHANGED": ("没有改动，未保存。", "Nothing changed; nothing saved."),
    "I_VOIDED": ("已作废（记录仍保留）。", "Voided (the record is kept)."),
    "I_POST_GIVEN": (
        "已任命：{member} 任 {org} {post}，{period}",
        "Post given: {member}, {org}, {post}, {period}",
    ),
    "I_POST_VOIDED": (
        "已作废：{member} 任 {org} {post}，{period}；原因：{reason}（记录仍保留）",
        "Voided: {member}, {org}, {post}, {period}; reason: {reason} (the record is kept)",
    ),
    "I_POST_FROM": ("自 {start} 起", "from {start}"),
    "I_POST_FROM_TO": ("{start} 至 {end}", "{start} to {end}"),
    "I_ELECTION_VOIDED": (
        "已作废：{org} {date} 换届选举；原因：{reason}（记录仍保留）。"
        "它选出的 {voided} 项任职一并作废，它结束的 {restored} 项任职已恢复",
        "Voided: the election of {org} on {date}; reason: {reason} (the record is kept). "
        "The {voided} post(s) it gave are voided with it; the {restored} post(s) it ended hold again",
    ),
    "I_ELECTED": (
        "已记录：{org} {date} 换届选举，任期 {years} 年，至 {end}；当选 {size} 人：{names}",
        "Recorded: the election of {org} on {date}, a {years}-year term to {end}; "
        "{size} elected: {names}",
    ),
    "I_ELECTIONS": ("换届选举：", "Elections:"),
    "I_ELECTION_LINE": (
        "  {date}\t任期 {years} 年\t{size} 人",
        "  {date}\t{years}-year term\t{size} elected",
    ),
    "I_DUES_SUPPLEMENTARY": (
        "补充资料：能够按时按标准交纳党费的党员 {on_time} 名，经批准少交党费的党员 {reduced} 名，"
        "免交党费的党员 {exempt} 名，自愿一次性多交纳1000元以上党费的 {one_off_extra} 名。",
        "Supplementary: {on_time} members paid on time and in full, {reduced} paid less with "
        "approval, {exempt} were exempt, {one_off_extra} paid 1,000 yuan or more extra at once.",
    ),
}


def text(code: str, lang: str = "zh", **params: object) -> str:
    zh, en = TEXTS[code]
    template = zh if lang == "zh" else en
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
