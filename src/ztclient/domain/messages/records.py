"""Error texts of one area — records as of their date: meetings, snapshots, minutes, sign-in sheets, statistics, roster import.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "E_NUMBER_INVALID": ("“{what}”应为不小于0的整数（现为“{value}”）",
                         "“{what}” must be a whole number of 0 or more (entered “{value}”)"),
    "E_TEXT_TOO_LONG": ("“{what}”太长：最多{max}个字（现为{length}个字）",
                        "“{what}” is too long: at most {max} characters ({length} entered)"),
    "E_ROLE_NOT_ON_ROLL": ("{name}在会议当日（{date}）已是“{status}”，不能担任{what}",
                           "{name} was “{status}” on the meeting's day ({date}) and cannot be the {what}"),
    "E_ROLE_NOT_MEMBER": ("{name}在会议当日（{date}）还是“{category}”，不是党员，不能担任{what}",
                          "{name} was still “{category}” on the meeting's day ({date}), not a party member, and cannot be the {what}"),
    "E_CANCELLED": ("已取消", "Cancelled"),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "chair_id": ("主持人", "chair"), "recorder_id": ("记录人", "recorder"),
    "starts_at": ("开始时间", "start time"), "ends_at": ("结束时间", "end time"),
    "seq_no": ("第几次", "sequence number"), "kind": ("会议类型", "meeting kind"),
    "place": ("会议地点", "place"), "lecturer": ("授课人", "lecturer"),
    "agenda": ("会议议题", "agenda"), "minutes": ("会议内容", "minutes"),
    "summary": ("主持人小结", "summary"), "attendance": ("出席情况", "attendance"),
    "guests": ("列席人员", "guests"), "resolutions": ("决议", "resolutions"),
    "votes_for": ("赞成票", "votes for"), "votes_against": ("反对票", "votes against"),
    "votes_abstain": ("弃权票", "abstentions"), "written_opinions": ("书面意见", "written opinions"),
    "owner": ("责任人", "owner"), "deadline": ("完成时限", "deadline"),
    "subject_member_id": ("表决对象", "subject"), "hours": ("学时", "hours"),
    "form": ("学习形式", "study form"), "topic": ("学习内容", "topic"),
    "meeting_id": ("会议", "meeting"), "member_id": ("党员", "member"),
    "as_of": ("统计截止日", "as-of date"),
}  # fmt: skip
