"""Error texts of one area — 发展党员 and membership changes (events, stages, transfers between units).

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS. ``W_`` codes are norms: shown, not refused.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- steps ----------------------------------------------------------------------------
    "E_DEV_STEP_CLOSED": ("该人员党籍状态为“{status}”，不能再登记“{step}”",
                          "Cannot record “{step}” for a person whose status is “{status}”"),
    "E_DEV_STEP_STAGE": ("“{step}”要在成为“{stage_category}”之后才能登记（该人员现为“{category}”）",
                         "“{step}” can be recorded only once the person is “{stage_category}” "
                         "(now “{category}”)"),
    "E_DEV_STEP_BEFORE": ("“{step}”的日期 {date} 早于“{what}” {anchor}",
                          "“{step}” on {date} is earlier than “{what}” ({anchor})"),
    "E_DEV_STEP_TWICE": ("“{step}”已经登记过；如原记录有误，请先作废原记录",
                         "“{step}” is already recorded; void the old record first if it is wrong"),
    "E_DEV_PEOPLE_COUNT": ("“{step}”应填写{min}至{max}人（现为{count}人）",
                           "“{step}” names {min} to {max} people (entered {count})"),
    "E_DEV_PEOPLE_EXACT": ("“{step}”应填写{min}人（现为{count}人）", "“{step}” names {min} people (entered {count})"),
    "E_DEV_PERSON_TWICE": ("“{step}”中同一人填写了两次", "“{step}” names the same person twice"),
    "E_DEV_PERSON_SELF": ("“{step}”不能填写本人（{name}）", "“{step}” cannot name the person themselves ({name})"),
    "E_DEV_PERSON_NOT_FULL": ("“{step}”须为正式党员，{name}在{date}为“{category}”",
                              "“{step}” must be full members; on {date} {name} was “{category}”"),
    "E_DEV_SPONSOR_SUSPENDED": ("{name}在{date}正受留党察看处分、尚未恢复党员权利，不能作入党介绍人",
                                "On {date} {name} was under probation within the party and could not sponsor"),
    "E_DEV_TRAINING_AMOUNT": ("集中培训须填写天数或学时", "Intensive training needs days or study hours"),
    "E_DEV_DETAIL_MISSING": ("登记“{step}”须填写“{detail}”", "“{step}” needs “{detail}”"),
    # --- stage events -----------------------------------------------------------------------
    "E_DEV_STEP_NEEDED": ("“{step}”是已登记的“{kind}”（{date}）的依据，不能单独作废：请先作废“{kind}”",
                          "“{step}” is what the recorded “{kind}” ({date}) rests on; void the “{kind}” first"),
    "E_DEV_STEP_MISSING": ("登记“{kind}”之前须先登记“{step}”", "Record “{step}” before “{kind}”"),
    "E_DEV_REVIEW_FAILED": ("政治审查（{date}）结论为不合格，不能发展入党",
                            "The political review of {date} failed: the person cannot be admitted"),
    "E_DEV_TRAINING_SHORT": ("集中培训不足：已登记{days}天、{hours}学时，须不少于{min_days}天或{min_hours}学时；"
                             "确属特殊情况的，请填写“特殊情况说明”",
                             "Intensive training short: {days} days, {hours} hours recorded; at least "
                             "{min_days} days or {min_hours} hours, or state the special case"),
    "E_DEV_CONVERSION_DATE": ("转正日期应为预备期满之日 {probation_end}（现为 {date}）",
                              "The conversion date is the end of probation, {probation_end} (entered {date})"),
    "E_DEV_EXTENSION_MISMATCH": ("延长月数{months}与支部大会决议的{resolved}个月不一致",
                                 "{months} months differ from the {resolved} months resolved"),
    "E_DEV_MEETING_REQUIRED": ("“{kind}”须经支部党员大会讨论通过，请选择记录该决议的会议",
                               "“{kind}” needs a vote at a branch general meeting: choose the meeting"),
    "E_DEV_MEETING_KIND": ("“{kind}”须由支部党员大会讨论，所选会议是“{meeting_kind}”",
                           "“{kind}” is decided by a branch general meeting, not a “{meeting_kind}”"),
    "E_DEV_MEETING_ORG": ("所选会议不是该人员所在党支部的支部党员大会",
                          "The meeting is not held by the person's own branch"),
    "E_DEV_RESOLUTION_MISSING": ("{meeting_date}的会议没有关于该人员的“{resolution}”决议",
                                 "The meeting of {meeting_date} has no “{resolution}” resolution about this person"),
    "E_DEV_RESOLUTION_NOT_PASSED": ("{meeting_date}的支部党员大会对该人员的表决未通过，不能登记“{kind}”",
                                    "The vote of {meeting_date} about this person did not pass: no “{kind}”"),
    "E_DEV_DATE_MEETING": ("“{kind}”的日期应为支部党员大会通过之日 {meeting_date}（现为 {date}）",
                           "“{kind}” takes the date of the meeting's vote, {meeting_date} (entered {date})"),
    "E_DEV_DECISION_EARLY": ("预备期至 {probation_end} 才满，{meeting_date}的会议不能讨论“{kind}”",
                             "Probation ends on {probation_end}: the meeting of {meeting_date} is too "
                             "early to decide “{kind}”"),
    "E_DEV_VOID_ORDER": ("请先作废该人员此后登记的“{kind}”（{date}）", "Void the later “{kind}” ({date}) first"),
    "E_DEV_USE_EVENT": ("“{what}”的变化请通过“登记事件”办理（如转正、转出、出党），不能直接修改",
                        "“{what}” changes through a recorded event (conversion, transfer, exit), not by editing"),
    # --- transfers between units ----------------------------------------------------------
    "E_TRANSFER_LETTER_NOT_MEMBER": ("{name}是“{category}”，不是党员：组织关系介绍信只开给正式党员和预备党员，"
                                     "其入党培养考察材料随档案转递",
                                     "{name} is “{category}”, not a party member: the 组织关系介绍信 is only for "
                                     "full and probationary members; their development file travels with their records"),
    "E_TRANSFER_ANSWERED": ("这封介绍信已经处理过（{state}）", "This letter has already been answered ({state})"),
    "E_TRANSFER_LINK": ("只能接回本单位已转出、且身份证号码与介绍信一致的党员",
                        "Only a member of this unit who transferred out, with the letter's ID number, can be taken back"),
    # --- roster import: organisations and posts (services/roster_orgs.py) --------------------
    "W_IMPORT_GROUP_UNKNOWN": ("没有名为“{value}”的党小组，已只编入党支部；导入时选择“建立表中的党支部和党小组”可一并建立",
                               "No party group “{value}”: placed in the branch only; create the file's organisations to add it"),
    "W_IMPORT_POST_NOT_FULL": ("党内职务“{value}”须由正式党员担任，未登记", "Post “{value}” is held by full members only: not recorded"),
    "W_IMPORT_POST_UNKNOWN": ("不认识的党内职务“{value}”，未登记", "Unknown party post “{value}”: not recorded"),
    "W_IMPORT_POST_ORG_UNKNOWN": ("党内职务“{post}”所在的组织“{value}”不存在，未登记", "The organisation “{value}” of post “{post}” does not exist: not recorded"),
    "W_IMPORT_POST_TWICE": ("{name}在“{org}”只登记一个职务：已登记“{kept}”，“{value}”未登记",
                            "{name} holds one post in “{org}”: “{kept}” recorded, “{value}” not recorded"),
    "W_IMPORT_POST_TAKEN": ("“{org}”同一时间只能有一名“{value}”，已由{holder}担任：“{value}”未登记",
                            "“{org}” has one “{value}” at a time, held by {holder}: “{value}” not recorded"),
    "W_IMPORT_POST_NO_RIGHTS": ("{name}的党籍状态是“{status}”，不能任职：“{value}”未登记",
                                "{name} is “{status}” and cannot hold a post: “{value}” not recorded"),
    "W_IMPORT_POST_NOT_IN_ORG": ("{name}不在“{org}”，不能在该组织任职：“{value}”未登记",
                                 "{name} is not in “{org}” and cannot hold a post there: “{value}” not recorded"),
    "W_IMPORT_POST_KIND": ("“{value}”不是“{org}”能设的职务（党小组只设党小组组长，党小组组长只在党小组）：未登记",
                           "“{value}” is not a post of “{org}” (a party group has a group leader only, and a group leader is in a group): not recorded"),
    # --- norms (warnings) -------------------------------------------------------------------
    "W_DEV_NOTICE_SHORT": ("公示{days}个工作日，一般不少于{needed}个工作日", "Public notice of {days} working days; usually at least {needed}"),
    "W_DEV_TALK_LATE": ("谈话（{date}）晚于收到申请书（{application_date}）后一个月", "The talk ({date}) is more than a month after the application ({application_date})"),
    "W_DEV_APPROVAL_LATE": ("审批（{date}）距支部大会（{meeting_date}）超过{months}个月", "Approval ({date}) more than {months} months after the meeting ({meeting_date})"),
    "W_DEV_APPROVAL_REDO": ("审批（{date}）距支部大会（{meeting_date}）已超过{months}个月，按规定一般应重新履行手续",
                            "Approval ({date}) more than {months} months after the meeting ({meeting_date}): the procedure is normally redone"),
    "W_DEV_OATH_BEFORE_APPROVAL": ("入党宣誓（{date}）一般在上级党委审批之后", "The oath ({date}) usually follows the higher committee's approval"),
    "W_DEV_STEP_SKIPPED": ("尚未登记“{step}”", "“{step}” is not recorded"),
    "W_DEV_ASSESSMENT_GAP": ("{start}至{end}之间超过{months}个月没有培养考察记录", "No assessment recorded for over {months} months between {start} and {end}"),
    "W_DEV_MEETING_MISSING": ("“{kind}”未关联支部党员大会决议", "“{kind}” is not linked to a meeting's resolution"),
    "W_DEV_DECISION_LATE": ("预备期 {probation_end} 已满，{meeting_date}才讨论，超过三个月", "Probation ended on {probation_end}; discussed only on {meeting_date}, over three months later"),
    "W_DEV_REVIEW_OLD": ("政治审查（{review_date}）距今已超过一年", "The political review ({review_date}) is more than a year old"),
    "W_DEV_TRAINING_EXEMPT": ("集中培训不足（{days}天、{hours}学时），按特殊情况处理：{reason}", "Training short ({days} days, {hours} hours), treated as a special case: {reason}"),
    "W_DEV_MEETING_LATE": ("支部大会（{date}）距上级党委预审（{pre_review_date}）超过一个月", "The meeting ({date}) is more than a month after the pre-review ({pre_review_date})"),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "step": ("步骤", "step"),
    "people": ("人员", "people"),
    "meeting": ("会议", "meeting"),
    "result": ("结论", "conclusion"),
    "days": ("天数", "days"),
    "hours": ("学时", "study hours"),
    "method": ("推荐方式", "how recommended"),
    "training_exempt_reason": ("特殊情况说明", "special case"),
    "document_no": ("文号", "document number"),
    "to_unit": ("接收单位代码", "receiving unit code"),
}  # fmt: skip
