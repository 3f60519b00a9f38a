"""Error texts of one area — the organisation and its life: branches, committees, elections, 谈心谈话, 民主评议.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS. Codes starting ``W_`` are warnings: a norm
not met, shown to the clerk, while the record is written.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the tree -------------------------------------------------------------------------
    "E_ORG_DISSOLVED": ("“{org}”已于 {date} 撤销，不能再修改或使用", "“{org}” was dissolved on {date} and cannot be changed or used"),
    "E_ORG_CODE_DUPLICATE": ("组织代码“{org_code}”已被“{org}”使用", "The organisation code “{org_code}” is already used by “{org}”"),
    "E_ORG_AMBIGUOUS": ("“{org}”对应多个组织，请用组织代码或 ID", "“{org}” matches several organisations; use the code or id"),
    "E_ORG_GROUP_TERM": ("党小组不设委员会，没有任期和换届", "A party group has no committee, term or election"),
    "E_ORG_ROOT": ("“{org}”是本单位的最高一级组织，不能撤销、合并或移动", "“{org}” is the unit's top organisation: it cannot be dissolved, merged or moved"),
    "E_ORG_CYCLE": ("不能把“{org}”移到它自己的下级“{parent}”之下", "“{org}” cannot be moved under “{parent}”, which is inside it"),
    "E_ORG_HAS_CHILDREN": ("“{org}”下还有 {count} 个下级组织（如“{child}”），请先移走或撤销", "“{org}” still has {count} organisations under it (e.g. “{child}”); move or dissolve them first"),
    "E_ORG_HAS_MEMBERS": ("“{org}”还有 {count} 名党员，请选择他们转入的党支部", "“{org}” still has {count} members; choose the branch they move to"),
    "E_ORG_MOVE_TARGET": ("党员不能转入“{org}”：请选择另一个未撤销的党支部（撤销党小组时，选同一支部的另一个党小组或不选）", "Members cannot move to “{org}”: choose another live branch (for a party group, another group of the same branch, or none)"),
    "E_ORG_MERGE_KIND": ("“{org}”只能并入另一个同类组织，不能并入“{into}”", "“{org}” can only be merged into another organisation of the same kind, not “{into}”"),
    "E_ORG_MERGE_GROUP": ("党小组“{org}”只能并入同一党支部的另一个党小组，不能并入“{into}”（要调到别的支部，请先移动该党小组）", "The party group “{org}” can only be merged into another group of the same branch, not “{into}” (to change branch, move the group first)"),
    "E_ORG_FOUNDED_BEFORE_PARENT": ("“{org}”的成立日期 {date} 早于上级组织“{parent}”的成立日期 {parent_date}", "“{org}” cannot be founded on {date}, before “{parent}” (founded {parent_date})"),
    "E_ORG_FOUNDED_AFTER_MEETING": ("“{org}”的成立日期不能改为 {date}：它在 {meeting_date} 已开过会议或进行过换届选举", "“{org}” cannot be founded on {date}: it held a meeting or an election on {meeting_date}"),
    "E_ORG_ENDS_BEFORE_MEETING": ("“{org}”不能在 {date} 撤销或合并：“{held_by}”在 {meeting_date} 还开过会议（请核对日期）", "“{org}” cannot end on {date}: “{held_by}” held a meeting on {meeting_date} (check the dates)"),
    "E_ELECTION_BEFORE_FOUNDED": ("“{org}”成立于 {founded}，不能有 {date} 的换届选举：请核对选举日期或该组织的成立日期", "“{org}” was founded on {founded} and cannot have held an election on {date}: check the election's date or the organisation's founding date"),
    "E_ELECTED_ON_BEFORE_FOUNDED": ("“{org}”成立于 {founded}，本届委员会的选举日期不能是 {date}：请核对选举日期或该组织的成立日期", "“{org}” was founded on {founded}; its committee cannot have been elected on {date}: check the election date or the organisation's founding date"),
    "E_POST_BEFORE_FOUNDED": ("“{org}”成立于 {founded}，职务不能从 {date} 起任：请核对任职日期或该组织的成立日期", "“{org}” was founded on {founded}; a post there cannot start on {date}: check the post's first day or the organisation's founding date"),
    "E_ORG_FOUNDED_AFTER_POST": ("“{org}”的成立日期不能改为 {date}：已有从 {post_date} 起任的职务（请核对任职日期或成立日期）", "“{org}” cannot be founded on {date}: a post there started on {post_date} (check the post's first day or the founding date)"),
    "E_MEETING_BEFORE_FOUNDED": ("“{org}”成立于 {founded}，不能有 {date} 的会议：请核对会议日期或该组织的成立日期", "“{org}” was founded on {founded} and cannot have held a meeting on {date}: check the meeting's date or the organisation's founding date"),
    "E_MEETING_AFTER_DISSOLVED": ("“{org}”已于 {dissolved} 撤销，不能有 {date} 的会议：请核对会议日期，或在现在所属的组织下登记", "“{org}” was dissolved on {dissolved} and cannot hold a meeting on {date}: check the date, or record it under the organisation that exists now"),
    "E_ORG_FOUNDED_AFTER_CHILD": ("“{org}”的成立日期不能改为 {date}：晚于下级组织“{child}”的成立日期 {child_date}", "“{org}” cannot be founded on {date}, after “{child}” under it (founded {child_date})"),
    "E_ORG_FOUNDED_AFTER_DUES": ("“{org}”的成立日期不能改为 {date}：已有{name}{month}的党费交纳记录（收据号 {receipt}），成立以前的月份无人应交党费：请核对成立日期，或核对该笔党费的月份后作废重录", "“{org}” cannot be founded on {date}: {name} has paid 党费 for {month} (receipt {receipt}), and no one owes dues for a month before the founding: check the founding date, or check that payment's month, void it and enter it again"),
    # --- posts and committees ---------------------------------------------------------------
    "E_POST_NOT_FULL_MEMBER": ("{member}在 {date} 不是在册的正式党员，不能从这一天起担任委员或党小组组长", "{member} was not a full member on the roll on {date} and cannot hold a committee post or lead a group from that day"),
    "E_POST_RIGHTS_SUSPENDED": ("{member}处于停止党籍或留党察看期间，没有选举权和被选举权，不能任职", "{member}'s membership or rights are suspended (停止党籍 or 留党察看): no election or post"),
    "E_MEMBER_NOT_IN_ORG": ("{member}不在“{org}”，不能在该组织任职", "{member} is not in “{org}” and cannot hold a post there"),
    "E_POST_KIND": ("“{post}”不能设在{kind}（党小组只设党小组组长，委员会不设党小组组长）", "“{post}” does not belong in a {kind} (a party group has only a leader; a committee has no group leader)"),
    "E_POST_NOT_COMMITTEE": ("“{post}”不是委员会职务", "“{post}” is not a committee post"),
    "E_POST_OVERLAP": ("{member}自 {start} 起已在本组织任“{post}”，请先结束该任职", "{member} already holds “{post}” here since {start}; end that post first"),
    "E_POST_AMBIGUOUS": ("{member}在“{org}”有多项职务（{posts}），请用 --post 和 --from 指明作废哪一项", "{member} holds several posts in “{org}” ({posts}); name the one to void with --post and --from"),
    "E_POST_TAKEN": ("本组织同一时间只能有一名“{post}”（{member}自 {start} 起担任），请先结束其任职", "This organisation has one “{post}” at a time ({member} since {start}); end that post first"),
    # --- elections ----------------------------------------------------------------------------
    "E_ELECTION_FIGURES": ("选举人数不对：应到 {due} 人，实到 {present} 人（实到不能多于应到）", "The election figures do not add up: {due} due, {present} present (present cannot exceed due)"),
    "E_ELECTION_VOTES": ("{member}的得票数 {votes} 不对：不能超过实到会人数 {present}", "{member}'s {votes} votes are impossible: at most the {present} present"),
    "E_ELECTION_NOT_ELECTED": ("{member}得票 {votes} 张，未超过应到会有选举权人数的半数（至少 {needed} 票），不能当选", "{member} has {votes} votes, not more than half of the voters due ({needed} needed): not elected"),
    "E_ELECTION_MEETING": ("选举会议应是本组织在 {date} 召开的会议", "The election meeting must be this organisation's meeting on {date}"),
    "E_ELECTION_ORDER": ("本组织在 {latest} 已有换届或任职记录，不能再补记同一天或更早的 {date} 换届", "This organisation already has an election or posts from {latest}; an election on or before that day ({date}) cannot be added"),
    "E_ELECTION_LATER": ("本组织在 {later} 还有一次换届选举：请先作废那一次，才能作废 {date} 的换届选举", "This organisation has a later election ({later}): void that one first, then the election of {date}"),
    # --- talks, appraisal -----------------------------------------------------------------------
    "E_TALK_SELF": ("谈话人和谈话对象不能是同一人（{member}）", "The talker and the person talked with cannot be the same ({member})"),
    "E_TALK_MEMBER_GONE": ("{member}已不在本单位（已转出、出党或去世），不能登记谈话", "{member} is no longer on the unit's books (transferred, left or deceased); no talk can be recorded"),
    "E_APPRAISAL_YEAR": ("评议年度“{year}”不对", "The appraisal year “{year}” is not valid"),
    "E_APPRAISAL_NOT_MEMBER": ("{member}在 {year} 年不是在册党员，不参加民主评议", "{member} was not a member on the roll in {year} and is not appraised"),
    "E_APPRAISAL_MEETING": ("“{title}”不是 {year} 年度评议的会议（应为民主评议、组织生活会、支部党员大会或支委会）", "“{title}” is not a meeting of the {year} appraisal (an appraisal, organisational life, general or committee meeting)"),
    "E_APPRAISAL_MEASURE": ("“{grade}”不适用处置措施“{measure}”", "The measure “{measure}” does not apply to the grade “{grade}”"),
    "E_NOTICE_FEEDBACK_LONG": ("回复太长（{length} 字），请控制在 {limit} 字以内", "The reply is too long ({length} characters); keep it within {limit}"),
    # --- warnings: norms shown, the record is written ------------------------------------------
    "W_NO_SECRETARY": ("委员会中没有书记", "The committee has no secretary"),
    "W_COMMITTEE_NOT_REQUIRED": ("正式党员只有 {full_members} 人（不足7人），一般只设书记（必要时设副书记），不设支部委员会", "Only {full_members} full members (fewer than 7): usually only a secretary (and perhaps a deputy), no committee"),
    "W_COMMITTEE_SIZE": ("委员会为 {size} 人：一般为3至5人，最多不超过7人", "The committee has {size} members: usually 3 to 5, at most 7"),
    "W_APPRAISAL_EXCELLENT": ("“{org}”评为优秀的有 {excellent} 人，超过党员人数 {members} 的三分之一（不超过 {limit} 人）", "“{org}” graded {excellent} excellent: more than a third of its {members} members (at most {limit})"),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "talker_id": ("谈话人", "talker"), "talkee_id": ("谈话对象", "person talked with"),
    "talk_topic": ("谈话主题", "topic"), "follow_up": ("后续跟进", "follow-up"),
    "grade": ("评议等次", "grade"), "measure": ("处置措施", "measure"),
    "deadline": ("完成时限", "deadline"), "done_on": ("完成日期", "date done"),
    "outcome": ("处置结果", "outcome"), "voters_due": ("应到会有选举权人数", "voters due"),
    "voters_present": ("实到会有选举权人数", "voters present"),
    "committee": ("当选委员", "committee elected"), "start_date": ("任职日期", "start date"),
    "end_date": ("离任日期", "end date"), "member_id": ("党员", "member"),
    "move_members_to": ("党员转入的组织", "organisation members move to"),
    "into": ("并入的组织", "organisation merged into"), "problem": ("问题", "problem"),
    "owner": ("责任人", "owner"), "owner_id": ("责任人", "owner"),
    "meeting_id": ("会议", "meeting"), "superior": ("上级党组织", "higher organisation"),
    "code": ("组织代码", "organisation code"), "unit_type": ("单位类型", "unit type"),
    "elected_on": ("选举日期", "election date"), "founded_on": ("成立日期", "founding date"), "year": ("年度", "year"),
    "talks": ("谈话记录", "talks"), "grades": ("评议结果", "grades"),
    "kind": ("类型", "kind"), "election": ("换届选举", "election"), "talk": ("谈话记录", "talk"),
    "appraisal": ("评议结果", "appraisal"), "rectification": ("整改事项", "rectification item"),
    "feedback": ("回复内容", "reply"), "notice": ("通知", "notice"), "item_id": ("通知", "notice"),
}  # fmt: skip
