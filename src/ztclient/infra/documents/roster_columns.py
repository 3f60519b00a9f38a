"""Roster column names: the many headers clerks give each member field (花名册表头同义词).

A header is folded before lookup (``norm_header``): full-width forms to half-width, no spaces,
no ``*`` markers or colons, no bracketed notes, so ``身份证号码\n（18位）*`` is 身份证号码.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ztclient.domain.rules import CODED_FIELDS

# Header text (normalised: no spaces, no bracketed notes) -> target. Targets that are not
# members columns ("_seq", "org_name", "group_name", "party_post") are handled apart.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "_seq": ("序号", "编号", "顺序号", "no", "no."),
    "name": ("姓名", "党员姓名", "名字"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "id_number": (
        "公民身份号码",
        "身份证号码",
        "身份证号",
        "身份证",
        "公民身份证号码",
        "公民身份证号",
        "证件号码",
        "身份证件号码",
    ),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "出生时间", "生日"),
    "native_place": ("籍贯",),
    "education": ("学历", "最高学历", "文化程度", "全日制学历"),
    "degree": ("学位", "最高学位"),
    "job": ("工作岗位", "岗位", "职业", "工作岗位类别"),
    "work_unit": (
        "工作单位及职务",
        "工作单位",
        "单位及职务",
        "现工作单位及职务",
        "工作单位及职务职称",
        "现任职务",
        "工作单位及职位",
    ),
    "title": ("专业技术职务", "职称", "专业技术职称"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "联系方式", "电话号码"),
    "address": ("家庭住址", "现居住地", "家庭地址", "住址", "现住址", "居住地址"),
    "category": ("人员类别", "党员类别", "类别", "党员类型", "正式或预备党员"),
    "status": ("党籍状态", "状态", "党员状态"),
    "join_date": ("入党日期", "入党时间", "入党年月", "入党年月日"),
    "full_member_date": (
        "转正日期",
        "转正时间",
        "转为正式党员日期",
        "转为正式党员时间",
        "转正年月",
    ),
    "work_start_date": ("参加工作日期", "参加工作时间", "工作时间"),
    "application_date": ("递交入党申请书日期", "递交入党申请书时间", "申请入党时间"),
    "activist_date": ("确定为入党积极分子日期", "确定为积极分子时间", "列为积极分子时间"),
    "candidate_date": ("确定为发展对象日期", "确定为发展对象时间"),
    "note": ("备注", "说明"),
    "org_name": ("所在党支部", "党支部", "支部", "所在支部", "所在党组织"),
    "group_name": ("党小组", "所在党小组"),
    "party_post": ("党内职务",),
}
EXTRA = ("org_name", "group_name", "party_post")
DATE_FIELDS = (
    "birth_date",
    "join_date",
    "full_member_date",
    "work_start_date",
    "application_date",
    "activist_date",
    "candidate_date",
)
CODED = CODED_FIELDS  # the code-table columns, as the member rules know them
_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")


def norm_header(text: Any) -> str:
    """身份证号码\\n（18位）* → 身份证号码: NFKC, no spaces, no bracketed notes, no markers."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = _BRACKETS.sub("", s)
    return re.sub(r"[\s*:：]", "", s).casefold()


LOOKUP = {norm_header(syn): target for target, syns in SYNONYMS.items() for syn in syns}
