"""错误提示 (error messages): every error code's Chinese and English text.

The UI and the CLI show errors through ``render``/``render_error``; nobody parses these texts.
Chinese first, in words a branch clerk uses. ``{placeholders}`` are filled from the error's
params; field names and codes in params (``what``, ``first``, ``kind``, ``category`` …) are
turned into labels first, so a message reads "入党日期", not "join_date".
"""

from __future__ import annotations

import re
from typing import Any

from ztclient.domain.errors import DomainError, ValidationErrors
from ztprotocol.member_fields import MEMBER_FIELD_LABELS

#: code -> (中文, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- general -------------------------------------------------------------------------
    "E_INVALID": ("输入的内容不符合要求", "The input is not valid"),
    "E_VALIDATION": ("有{count}处需要修改", "{count} problems need fixing"),
    "E_FIELD_REQUIRED": ("请填写“{field}”", "Please fill in “{field}”"),
    "E_FIELD_UNKNOWN": ("不认识的栏目“{field}”", "Unknown field “{field}”"),
    "E_CODE_UNKNOWN": ("“{table}”中没有“{value}”这一项，请从列表中选择",
                       "“{value}” is not in the list “{table}”; choose from the list"),
    # a file has no list to choose from: a short list is named (性别, 人员类别, 党籍状态 …)
    "E_CODE_UNKNOWN_CHOICES": ("“{table}”中没有“{value}”这一项，可填：{choices}",
                               "“{value}” is not in the list “{table}”; it takes: {choices}"),
    # … and a long one (民族, 学历, 岗位) by its standard names, with the first for an example
    "E_CODE_UNKNOWN_STANDARD": ("“{table}”中没有“{value}”这一项：请填国家标准中的名称，如“{example}”",
                                "“{value}” is not in the list “{table}”: use the standard name, "
                                "such as “{example}”"),
    "E_NOT_FOUND": ("找不到该{what}（可能已被删除或尚未同步）",
                    "The {what} was not found (removed, or not yet synchronised)"),
    "E_STALE_BASE": ("这条记录刚被别人或另一台电脑改过，请刷新后重新修改",
                     "Someone else changed this record meanwhile; refresh and edit again"),
    "E_VOIDED": ("该记录已作废，不能再修改", "This record has been voided and cannot be changed"),
    "E_DUPLICATE": ("同一人员重复出现：{id}", "Listed twice: {id}"),
    "E_AMBIGUOUS": ("“{id}”对应多个人员，请写得更具体些（如身份证号码）", "“{id}” matches several people; be more specific (e.g. ID number)"),
    "E_VERIFY_FAILED": ("检查发现{count}处问题", "Verification found {count} problems"),
    "E_DEMO_NOT_EMPTY": ("已有数据，不能再装入演示数据", "Data already exists; demo data cannot be loaded"),
    "E_JSON_INVALID": ("文件内容格式不对，无法读取", "The file content is not valid JSON"),
    "E_DATE_FORMAT": ("“{what}”的日期“{value}”格式不对，应写成 年-月-日，如 2024-07-01",
                      "The date “{value}” for “{what}” is not valid; write it as YYYY-MM-DD"),
    "E_DATE_INVALID": ("“{what}”填的 {value} 不存在：格式没错，但日历上没有这一天（或没有这个时刻），请核对",
                       "“{what}”: {value} does not exist; the form is right, but there is no such day (or time of day); check it"),
    "E_DATE_AMBIGUOUS": ("“{what}”的日期“{value}”看不准（如 1985.1 可能是1月，也可能是10月），请写成 年-月-日", "The date “{value}” for “{what}” is ambiguous (1985.1 may be January or October); write it as YYYY-MM-DD"),
    "E_DATE_FUTURE": ("“{what}”的日期 {date} 晚于今天", "“{what}” ({date}) is in the future"),
    "E_DATE_ORDER": ("“{first}”（{first_date}）不能晚于“{second}”（{second_date}）",
                     "“{first}” ({first_date}) cannot be later than “{second}” ({second_date})"),
    # --- data folder, key file, database ------------------------------------------------
    "E_WRONG_PASSPHRASE": ("密码错误", "Wrong passphrase"),
    "E_NO_PASSPHRASE": ("请输入密码", "Please enter the passphrase"),
    "E_PASSPHRASE_EMPTY": ("密码不能为空", "The passphrase cannot be empty"),
    "E_PASSPHRASE_WEAK": ("密码太短：至少{min}个字符（一个汉字算两个）", "The passphrase is too short: at least {min} characters (a Chinese character counts as two)"),
    "E_PASSPHRASE_MISMATCH": ("两次输入的密码不一致", "The two passphrases differ"),
    "E_RECOVERY_CODE": ("恢复码不对，请核对打印的恢复码", "The recovery code is wrong; check the printed code"),
    "E_RECOVERY_CODE_TYPO": ("恢复码第{group}组有误：{reason}",
                             "Recovery code group {group} is mistyped: {reason}"),
    # The recovery code opens a slot *inside* the key file: a damaged key file needs a backup.
    "E_KEYFILE_DAMAGED": ("密钥文件已损坏，请从备份恢复（备份中含有密钥文件）",
                          "The key file is damaged; restore it from a backup (backups include the key file)"),
    "E_KEYFILE_MISSING": ("找不到密钥文件，请用备份恢复：{path}", "The key file is missing; restore it from a backup: {path}"),
    "E_KEYFILE_VERSION": ("密钥文件由更新版本的程序建立（版本{version}），请升级本程序", "The key file was made by a newer version ({version}); upgrade the program"),
    "E_KEYFILE_WEAK": ("密钥文件的密码保护强度低于要求，拒绝使用", "The key file's passphrase protection is weaker than required; refusing it"),
    "E_ESCROW_NONE": ("没有设置上级托管密钥", "No escrow key is set up"),
    "E_ESCROW_KEY": ("上级托管密钥无法使用", "The escrow key cannot be used"),
    "E_DB_DAMAGED": ("数据库已损坏，请从备份恢复", "The database is damaged; restore it from a backup"),
    "E_DB_NOT_ENCRYPTED": ("数据库文件没有加密，拒绝打开",
                           "The database file is not encrypted; refusing to open it"),
    "E_NO_DATA": ("这里还没有数据，请先初始化", "There is no data here yet; initialise first"),
    "E_ALREADY_INITIALISED": ("这里已经有数据了，不能重复初始化",
                              "Data already exists here; it cannot be initialised again"),
    "E_FILE_EXISTS": ("文件已存在，未覆盖：{path}", "The file already exists and was not overwritten: {path}"),
    "E_BACKUP_INVALID": ("备份文件无效或已损坏", "The backup file is invalid or damaged"),
    "E_SCHEMA_TOO_NEW": ("数据由更新版本的程序建立（结构版本{schema}），请升级本程序",
                         "The data was made by a newer version (schema {schema}); upgrade the program"),
    # --- 公民身份号码 ------------------------------------------------------------------------
    "E_ID_FORMAT": ("身份证号码“{value}”格式不对：应为18位数字（最后一位可以是X）",
                    "ID number “{value}” is malformed: 18 digits, the last may be X"),
    "E_ID_CHECKSUM": ("身份证号码“{value}”最后一位校验码不对（按前17位应为{expected}），请核对是否录错",
                      "ID number “{value}” fails its check character (expected {expected}); check for a typo"),
    "E_ID_PROVINCE": ("身份证号码前两位“{province}”不是省级行政区代码",
                      "The ID number's first two digits “{province}” are not a province code"),
    "E_ID_BIRTHDATE": ("身份证号码中的出生日期“{birth}”不是有效日期，或晚于今天",
                       "The birth date “{birth}” in the ID number is not a real date or is in the future"),
    "E_ID_BIRTH_MISMATCH": ("出生日期 {birth_date} 与身份证号码中的 {id_birth} 不一致",
                            "Birth date {birth_date} differs from {id_birth} in the ID number"),
    "E_ID_GENDER_MISMATCH": ("性别“{gender}”与身份证号码显示的“{id_gender}”不一致",
                             "Gender “{gender}” differs from “{id_gender}” in the ID number"),
    "E_ID_EXCEL_MANGLED": ("身份证号码“{value}”被Excel当成数字保存过（科学计数法或末几位变成0），"
                           "请把该列设为“文本”后重新录入",
                           "ID number “{value}” was stored by Excel as a number (scientific notation "
                           "or trailing zeros); format the column as text and re-enter it"),
    "E_ID_MASKED": ("身份证号码“{value}”是打了星号的（脱敏）号码，请填写完整号码", "ID number “{value}” is masked with asterisks; enter the full number"),
    "E_DUPLICATE_ID_NUMBER": ("身份证号码与已有人员重复", "The ID number is already used by another person"),
    "E_STUDY_OFF_ROLL": ("第{row}行：{name}在 {date} 已是“{status}”，不在本单位名册上，不能记这一天的学习",
                         "Row {row}: on {date} {name} was “{status}”, off this unit's roll; no study can be recorded for that day"),
    "E_STUDY_NOT_YET_IN": ("第{row}行：{name}在 {date} 还没有转入本单位，不能记这一天的学习",
                           "Row {row}: on {date} {name} had not yet transferred in; no study can be recorded for that day"),
    "E_STUDY_NOT_YET_MEMBER": ("第{row}行：{name}的入党日期是 {join_date}，在 {date} 还不是党员，不能记这一天的学习",
                               "Row {row}: on {date} {name} was not yet a member (before joining on {join_date}); no study can be recorded for that day"),
    "E_STUDY_NOT_MEMBER": ("第{row}行：{name}在 {date} 还不是党员（{category}），不能记党员学习学时；"
                           "入党积极分子、发展对象的培训记在发展党员的“集中培训”里",
                           "Row {row}: on {date} {name} was not a member ({category}); member study hours cannot be recorded. "
                           "An activist's or candidate's training is recorded under 发展党员 (集中培训)"),
    "E_HOURS_RANGE": ("第{row}行学时“{value}”不对：应大于0且不超过{max}", "Row {row}: hours “{value}” must be above 0 and at most {max}"),
    "E_NO_ATTENDEES": ("这次会议没有登记出席人员", "No attendees are recorded for this meeting"),
    # --- 党员信息与发展党员 --------------------------------------------------------------------
    "E_PHONE_FORMAT": ("联系电话“{value}”格式不对：手机为1开头的11位数字，固定电话要带区号（如010-12345678）",
                       "Phone “{value}” is malformed: an 11-digit mobile starting with 1, or a "
                       "landline with area code (010-12345678)"),
    "E_AGE_AT_APPLICATION": ("未满18周岁（{what} {date}，当时{age}岁）：年满18周岁才能申请入党",
                             "Under 18 ({what} {date}, aged {age}): one applies at 18 or older"),
    "E_ACTIVIST_TOO_SHORT": ("确定为发展对象（{candidate_date}）距确定为入党积极分子（{activist_date}）"
                             "不满一年，最早应为 {earliest}",
                             "Candidate date {candidate_date} is less than a year after the activist "
                             "date {activist_date}; earliest {earliest}"),
    "E_PROBATION_LENGTH": ("预备期应为一年：入党日期 {join_date}，转正日期应为 {expected}（现为 {actual}）；"
                           "如延长了预备期，请先登记延长预备期",
                           "Probation is one year: joined {join_date}, full member from {expected} "
                           "(entered {actual}); record any extension first"),
    "E_PROBATION_NOT_ENDED": ("入党日期 {join_date}，预备期至 {probation_end} 才满，现在还不能是正式党员；"
                              "请登记为预备党员",
                              "Joined {join_date}: probation ends on {probation_end}, so this "
                              "cannot be a full member yet; enter a probationary member"),
    "E_EXTENSION_LENGTH": ("延长预备期应为6至12个月（现为{months}个月）",
                           "A probation extension is 6 to 12 months (entered {months})"),
    "E_CATEGORY_DATE_MISSING": ("人员类别为“{category}”时须填写“{what}”",
                                "“{what}” is required for category “{category}”"),
    "E_CATEGORY_DATE_EXTRA": ("人员类别为“{category}”时不应填写“{what}”", "“{what}” does not fit category “{category}”"),
    "E_ORG_PARENT": ("“{kind}”不能设在“{parent}”之下", "A {kind} cannot sit under a {parent}"),
    "E_TERM_YEARS": ("任期应为3年或5年（现为{value}）", "The term is 3 or 5 years (entered {value})"),
    # --- 党员事件 ----------------------------------------------------------------------------
    "E_EVENT_NOT_ALLOWED": ("该人员现为“{category}”、“{status}”，不能登记“{kind}”",
                            "Cannot record “{kind}” for a member who is “{category}”, “{status}”"),
    "E_EVENT_NOT_ALLOWED_ON": ("该人员在{date}为“{category}”、“{status}”，不能登记该日的“{kind}”",
                               "On {date} the member was “{category}”, “{status}”: cannot record “{kind}” on that day"),
    "E_EVENT_NOT_YET_IN": ("该人员{transfer_date}才转入本组织，{date}时尚未转入，不能登记该日的“{kind}”",
                           "The member transferred in only on {transfer_date}; on {date} they were not yet on this roll: cannot record “{kind}” on that day"),
    "E_EVENT_BACKDATED": ("“{kind}”的日期（{date}）早于最近一次事件（{later_date} {later_kind}）："
                          "请先作废后面的事件再补录",
                          "“{kind}” dated {date} is earlier than the latest event ({later_kind} on "
                          "{later_date}): void the later events first, then enter them in date order"),
    "W_PROBATION_OVERDUE": ("{name}的预备期已于 {end} 期满（入党日期 {join_date}）：应及时召开支部党员大会讨论转正、"
                            "延长预备期或取消预备党员资格（已列入待办）",
                            "{name}'s probation ended on {end} (joined {join_date}): the branch general meeting "
                            "should decide on full membership, an extension or revocation (listed in the due items)"),
    "E_EVENT_AFTER_MEETING": ("“{kind}”的日期（{date}）早于{name}到会的“{meeting}”（{meeting_date}）："
                              "会议记录里此人出席。请核对日期，或先更正该次会议的出席记录",
                              "“{kind}” dated {date} is before “{meeting}” ({meeting_date}), which records "
                              "{name} as attending: check the date, or correct that meeting's attendance first"),
    "E_STATUS_AFTER_MEETING": ("{name}自 {date} 起已是“{status}”，但“{meeting}”（{meeting_date}）记录此人出席："
                               "请核对日期，或先更正该次会议的出席记录",
                               "{name} is “{status}” from {date}, but “{meeting}” ({meeting_date}) records them "
                               "as attending: check the date, or correct that meeting's attendance first"),
    "E_STATUS_UNDATED_AFTER_MEETING": ("{name}的状态“{status}”没有填写状态日期（即一向如此），但“{meeting}”（{meeting_date}）"
                                       "记录此人出席：请填写状态日期，或先更正该次会议的出席记录",
                                       "{name} is “{status}” with no status date (so on every day), but “{meeting}” "
                                       "({meeting_date}) records them as attending: give the status date, or correct "
                                       "that meeting's attendance first"),
    "W_EVENT_BEFORE_MEETING_DUE": ("{name}在“{meeting}”（{meeting_date}）仍计为应到会：该会议的应到、表决人数"
                                   "按会议当日的名单保存，不随补录的事件改变；如需更正，请修改该次会议",
                                   "{name} is still counted as due at “{meeting}” ({meeting_date}): a meeting "
                                   "keeps who was due as saved and a back-dated event does not change it; "
                                   "edit that meeting to correct it"),
    "E_EVENT_DATE_BEFORE": ("“{kind}”的日期（{date}）早于{what}（{anchor}）",
                            "“{kind}” dated {date} is before the {what} ({anchor})"),
    "E_EVENT_DETAIL_MISSING": ("登记“{kind}”须填写“{detail}”", "“{kind}” needs “{detail}”"),
    # --- 会议与表决 ----------------------------------------------------------------------------
    "E_QUORUM": ("应到会有表决权的党员{voters_due}人，实到{voters_present}人，未超过半数，不能进行表决",
                 "{voters_present} of {voters_due} voting members present: not more than half, no vote"),
    "E_QUORUM_ELECTION": ("选举时到会的有选举权党员须不少于应到会的五分之四：应到{voters_due}人，"
                          "实到{voters_present}人，至少需{needed}人",
                          "An election needs four fifths of voters present: {voters_present} of "
                          "{voters_due}, at least {needed} needed"),
    "E_COMMITTEE_QUORUM": ("支部委员{committee_size}人，到会{present}人，未超过半数",
                           "{present} of {committee_size} committee members present: not more than half"),
    "E_VOTES_BEFORE_MEETING": ("“{title}”有表决票数，但会议日期 {date} 还没到：会前保存的会议（如为打印签到表）不能记表决结果，开会后再填",
                               "“{title}” has vote figures but the meeting ({date}) has not happened yet; enter the votes after the meeting"),
    "E_VOTES_EXCEED": ("“{title}”票数合计{votes}，超过实到有表决权人数加书面意见数{allowed}",
                       "“{title}”: {votes} votes exceed present voters plus written opinions ({allowed})"),
    "E_WRITTEN_EXCEED": ("“{title}”的书面意见 {written} 份，多于缺席的有表决权党员 {absent} 人", "“{title}”: {written} written opinions, but only {absent} voting members are absent"),
    "E_NOT_PASSED": ("“{title}”赞成{votes_for}票，未超过应到会有表决权人数的半数（至少需{needed}票），未通过",
                     "“{title}”: {votes_for} for, not more than half of voters due ({needed} needed); not passed"),
    "E_IMPORT_UNREADABLE": ("无法读取该文件，请确认是 Excel（.xlsx）文件", "The file cannot be read; is it an Excel (.xlsx) file?"),
    "E_IMPORT_NO_HEADER": ("没有找到表头（如“姓名”“性别”“公民身份号码”），请检查第一行", "No header row found (such as 姓名, 性别, 公民身份号码); check the first rows"),
    "E_IMPORT_ORG_UNKNOWN": ("没有名为“{value}”的党支部，请先建立该支部或改正名称", "There is no branch named “{value}”; create it first or correct the name"),
    "E_IMPORT_OLD_XLS": ("这是旧版 Excel（.xls）或 WPS（.et）文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入",
                         "This is an old Excel (.xls) or WPS (.et) file; save it as .xlsx in Excel or WPS, then import"),
    "E_IMPORT_ENCRYPTED": ("这个文件设置了打开密码，无法读取：请在 Excel 或 WPS 中用密码打开，取消文档加密（打开密码）后保存，再导入",
                           "The file is protected by a password and cannot be read; open it in Excel or WPS, remove the password, save it, then import"),
    "W_IMPORT_COLUMN_IGNORED": ("“{header}”列没有对应的字段，已忽略（例如：{cell}）",
                                "Column “{header}” matches no field and was ignored (e.g. {cell})"),
    "W_DATE_DAY_ASSUMED": ("{what}只写到月份，按该月1日记为 {date}", "{what} gives only the month; recorded as {date} (the 1st)"),
    "W_ID_MISSING": ("没有填写身份证号码", "No ID number given"),
    "E_IMPORT_FORMULA_NO_VALUE": ("“{what}”是公式，文件里没有保存它的计算结果（由其他软件生成的表格常见），"
                                  "请用 Excel 或 WPS 打开此文件、保存后再导入",
                                  "“{what}” is a formula whose result the file does not keep (common in "
                                  "sheets made by other software); open and save the file in Excel or WPS, then import it"),
    "E_IMPORT_CELL_ERROR": ("“{what}”的内容是错误值 {value}（公式出错），请在 Excel 或 WPS 中改正后再导入",
                            "“{what}” holds the error value {value} (a failed formula); correct it in Excel or WPS, then import"),
    "E_IMPORT_NO_ROWS": ("表头下面没有数据", "There are no rows below the header"),
    "E_IMPORT_DUPLICATE_IN_FILE": ("身份证号码 {value} 在表中重复出现（第一次在第{first_row}行）", "ID number {value} appears twice in the file (first on row {first_row})"),
}  # fmt: skip

#: Field and record names that appear in params (what/first/second/field/detail) -> (中文, English)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    **MEMBER_FIELD_LABELS,  # ztprotocol.member_fields: the centre's 审核 shows the same words
    "parent_id": ("上级组织", "parent organisation"), "date": ("日期", "date"),
    "today": ("今天", "today"),
    "reason": ("原因", "reason"), "months": ("延长月数", "months"), "letter_no": ("介绍信编号", "letter number"),
    "to_org": ("转往组织", "destination organisation"), "from_org": ("转出组织", "origin organisation"),
    "dues_paid_to": ("党费交至年月", "dues paid up to"), "valid_days": ("有效期天数", "validity days"),
    "destination": ("外出流向", "destination"), "term_years": ("任期年数", "term"),
    "recovery_code": ("恢复码", "recovery code"), "post": ("职务", "post"),
    "member": ("党员", "member"), "org": ("组织", "organisation"), "event": ("事件", "event"),
    "meeting": ("会议", "meeting"), "study_log": ("学习记录", "study record"),
    "resolution": ("决议", "resolution"),
}  # fmt: skip

# Each area of the program keeps its own codes in a module beside this one (so work on one area
# never touches another's table); they are merged here into the one catalogue.
from ztclient.domain.messages import (  # noqa: E402
    central,
    development,
    dues,
    first_run,
    integrity,
    org_life,
    records,
    sync,
)

for _area in (central, development, dues, first_run, integrity, org_life, records, sync):
    for _code, _pair in _area.MESSAGES.items():
        if _code in MESSAGES and MESSAGES[_code] != _pair:  # the same text twice is harmless
            raise RuntimeError(f"error code {_code} is defined twice, differently")
        MESSAGES[_code] = _pair
    for _key, _pair in _area.FIELD_LABELS.items():  # one label a field, whichever area says it
        if _key in FIELD_LABELS and FIELD_LABELS[_key] != _pair:
            raise RuntimeError(f"field label {_key} is defined twice, differently")
        FIELD_LABELS[_key] = _pair

_FIELD_KEYS = ("what", "first", "second", "field", "detail")
# Param key -> code tables whose labels replace a code value, tried in order.
_CODE_KEYS = {
    "kind": ("event_kind", "org_kind", "meeting_kind", "resolution_kind", "development_step"),
    "step": ("development_step", "event_kind"),
    "later_kind": ("event_kind",),
    "stage_category": ("category",),
    "resolution": ("resolution_kind",),
    "meeting_kind": ("meeting_kind",),
    "parent": ("org_kind",),
    "category": ("category",),
    "status": ("status",),
    "gender": ("gender",),
    "id_gender": ("gender",),
    "exit_kind": ("exit_kind",),
    "post": ("party_post",),
    "grade": ("appraisal_grade",),
    "measure": ("appraisal_measure",),
}


class _Params(dict):
    """format_map mapping: a placeholder without a value prints as a dash, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "—"


# Tokens some errors carry in ``reason`` (e.g. recovery code typos), in plain words.
REASON_LABELS: dict[str, tuple[str, str]] = {
    "length": ("字符个数不对", "wrong number of characters"),
    "character": ("含有恢复码中不会出现的字符", "a character that never appears in recovery codes"),
    "check": (
        "校验位不符，可能抄错了一个字符",
        "the check character does not match: one character is probably mistyped",
    ),
}


_LIST_INDEX = re.compile(r"\[\d+\]")


def _field_label(value: Any) -> tuple[str, str] | None:
    """The label of a field name, or of the last step of a path into a list
    (``resolutions[2].votes_for`` is 赞成票)."""
    if not isinstance(value, str):
        return None
    if value in FIELD_LABELS:
        return FIELD_LABELS[value]
    last = _LIST_INDEX.sub("", value.rsplit(".", 1)[-1])
    return FIELD_LABELS.get(last) if last != value else None


def field_text(name: str, lang: str = "zh") -> str:
    """A field's words (联系电话 for ``phone``); a name without words as it is."""
    pair = _field_label(name)
    return name if pair is None else pair[1 if lang == "en" else 0]


def _label(key: str, value: Any, lang: str) -> Any:
    i = 1 if lang == "en" else 0
    if key == "reason" and value in REASON_LABELS:
        return REASON_LABELS[value][i]
    if key in ("records", "choices") and isinstance(value, list | tuple):  # [(中文, English), …]
        return ("、", ", ")[i].join(str(pair[i]) for pair in value)
    if key in _FIELD_KEYS and (pair := _field_label(value)) is not None:
        return pair[i]
    if key in _CODE_KEYS and isinstance(value, str):
        from ztclient.domain.codes import table  # late: codes reads files, messages must not

        for name in _CODE_KEYS[key]:
            t = table(name)
            if value in t:
                return t.label(value, lang)
    if key == "table" and isinstance(value, str):
        from ztclient.domain.codes import TABLES, table

        if value in TABLES:
            return table(value).title.get(lang, value)
    return value


def render(code: str, lang: str = "zh", **params: Any) -> str:
    """The message for ``code`` in ``lang`` ("zh" or "en") with its placeholders filled."""
    pair = MESSAGES.get(code)
    if pair is None:
        return f"出现错误（{code}）" if lang != "en" else f"An error occurred ({code})"
    text = pair[1] if lang == "en" else pair[0]
    filled = _Params({k: _label(k, v, lang) for k, v in params.items()})
    return text.format_map(filled)


def error_params(err: DomainError) -> dict[str, Any]:
    """The error's params with its field filled in as ``field`` and ``what`` (unless the raise
    site named them itself): what its message needs. Anything that keeps an error's params to
    render later (an import issue) keeps these, or the message prints "—" for the field."""
    params = dict(err.params)
    if err.field is not None:
        # ``field_label`` names the label when two records share a field name (a talk's and a
        # study log's "topic")
        params.setdefault("field", params.pop("field_label", None) or err.field)
        params.setdefault("what", err.field)
    return params


def render_error(err: DomainError, lang: str = "zh") -> str:
    """Render a DomainError, its field included; several errors become one line each.
    Every place that shows a DomainError uses this, never ``render(err.code, **err.params)``."""
    if isinstance(err, ValidationErrors):
        return "\n".join(render_error(e, lang) for e in err.errors)
    return render(err.code, lang, **error_params(err))
