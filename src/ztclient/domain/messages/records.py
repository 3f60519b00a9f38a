"""Error texts of one area — records as of their date: meetings, snapshots, minutes, sign-in sheets, statistics, roster import.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "E_OPERATOR_NAME": ("经办人请填写姓名：1到{max}个字，不含换行等控制字符",
                        "The person keeping the records: a name of 1 to {max} characters, without line breaks or other control characters"),
    "E_NUMBER_INVALID": ("“{what}”应为不小于0的整数（现为“{value}”）",
                         "“{what}” must be a whole number of 0 or more (entered “{value}”)"),
    "E_TEXT_TOO_LONG": ("“{what}”太长：最多{max}个字（现为{length}个字）",
                        "“{what}” is too long: at most {max} characters ({length} entered)"),
    "E_ATTENDEE_NOT_ON_ROLL": ("第{row}行：{name}在会议当日（{date}）已是“{status}”，不能记为出席",
                               "Row {row}: {name} was “{status}” on the meeting's day ({date}) and cannot be marked present"),
    "E_ROLE_NOT_ON_ROLL": ("{name}在会议当日（{date}）已是“{status}”，不能担任{what}",
                           "{name} was “{status}” on the meeting's day ({date}) and cannot be the {what}"),
    "E_ROLE_NOT_YET_IN": ("{name}在会议当日（{date}）尚未转入本组织（{transfer_date}转入），不能担任{what}",
                          "{name} was not yet on this organisation's roll on the meeting's day ({date}; transferred in on {transfer_date}) and cannot be the {what}"),
    "E_ROLE_NOT_MEMBER": ("{name}在会议当日（{date}）还是“{category}”，不是党员，不能担任{what}",
                          "{name} was still “{category}” on the meeting's day ({date}), not a party member, and cannot be the {what}"),
    "W_IMPORT_TITLE_ROWS": ("表头上方的第1至{last}行是标题，已跳过",
                            "Rows 1 to {last} above the header are titles; skipped"),
    "W_IMPORT_TOTAL_ROW": ("“{text}”是合计行，不是党员信息，已跳过",
                           "“{text}” is a totals row, not a member; skipped"),
    "W_IMPORT_FOOTER_ROW": ("“{text}”是表格落款或说明（制表人、填表说明等），已跳过",
                            "“{text}” is a signature or note below the table; skipped"),
    "W_IMPORT_MERGED_ROW": ("“{text}”是跨列合并的标题或说明行，不是党员信息，已跳过",
                            "“{text}” is a title or note merged across the table, not a member; skipped"),
    "W_IMPORT_BLANK_ROWS": ("第{rows}行是空行，已跳过", "Rows {rows} are empty; skipped"),
    "W_IMPORT_SUSPECTED_DUPLICATE": ("疑似与已有党员{name}（{org}）重复：{what}相同（{value}），默认不导入；确是另一人时选择“疑似重复的行也导入”",
                                     "Perhaps the same person as {name} ({org}), already on record: the same {what} ({value}); not imported unless you choose to import suspected duplicates too"),
    "W_IMPORT_SUSPECTED_DUPLICATE_ROW": ("疑似与第{first_row}行的{name}重复：{what}相同（{value}），默认不导入；确是另一人时选择“疑似重复的行也导入”",
                                         "Perhaps the same person as {name} on row {first_row}: the same {what} ({value}); not imported unless you choose to import suspected duplicates too"),
    "E_MEMBER_VOID_USE": ("“已作废”不能直接填写：录入错误的人员请在名册中用“录入错误作废”，并写明原因",
                          "“Voided” cannot be entered directly: take back a member entered in error with “Void (entered in error)” in the roster, giving the reason"),
    "E_MEMBER_VOID_HAS_RECORDS": ("{name}已有在案记录（{records}），不能作为录入错误作废；如确属误录，请先作废这些记录",
                                  "{name} already has records ({records}) and cannot be voided as entered in error; if the entry really is a mistake, void those records first"),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "chair_id": ("主持人", "chair"), "recorder_id": ("记录人", "recorder"),
    "starts_at": ("开始时间", "start time"), "ends_at": ("结束时间", "end time"),
    "seq_no": ("第几次", "sequence number"), "kind": ("类型", "kind"),
    "place": ("会议地点", "place"), "lecturer": ("授课人", "lecturer"),
    "agenda": ("会议议题", "agenda"), "minutes": ("会议内容", "minutes"),
    "summary": ("主持人小结", "summary"), "attendance": ("出席情况", "attendance"),
    "guests": ("列席人员", "guests"), "resolutions": ("决议", "resolutions"),
    "votes_for": ("赞成票", "votes for"), "votes_against": ("反对票", "votes against"),
    "votes_abstain": ("弃权票", "abstentions"), "written_opinions": ("书面意见", "written opinions"),
    "owner": ("责任人", "owner"), "deadline": ("完成时限", "deadline"),
    "subject_member_id": ("表决对象", "subject"), "hours": ("学时", "study hours"),
    "form": ("学习形式", "study form"), "topic": ("学习内容", "topic"),
    "meeting_id": ("会议", "meeting"), "member_id": ("党员", "member"),
    "as_of": ("统计截止日", "as-of date"),
    "forms": ("计入学时目标的学习形式（至少一种）", "study forms that count (at least one)"),
}  # fmt: skip
