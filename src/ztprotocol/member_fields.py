"""The words for a member record's fields, Chinese first, as the member form shows them: read by
the clerk's error messages (ztclient.domain.messages) and by the centre's 审核 conflicts table
(ztcentral.console.field_labels), which may not import the client. One copy, so a reviewer and
a clerk read the same name for the same field."""

from __future__ import annotations

MEMBER_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "name"), "gender": ("性别", "gender"), "id_number": ("公民身份号码", "ID number"),
    "ethnicity": ("民族", "ethnicity"), "birth_date": ("出生日期", "birth date"),
    "native_place": ("籍贯", "native place"), "education": ("学历", "education"),
    "degree": ("学位", "degree"), "job": ("工作岗位", "job"), "work_unit": ("工作单位及职务", "work unit"),
    "title": ("专业技术职务", "professional title"), "phone": ("联系电话", "phone"),
    "address": ("家庭住址", "address"), "category": ("人员类别", "category"),
    "status": ("党籍状态", "status"), "org_id": ("所在党支部", "branch"),
    "group_id": ("党小组", "party group"), "exit_kind": ("出党方式", "exit kind"),
    "application_date": ("递交入党申请书日期", "application date"),
    "activist_date": ("确定为入党积极分子日期", "activist date"),
    "candidate_date": ("确定为发展对象日期", "candidate date"),
    "join_date": ("入党日期", "join date"), "full_member_date": ("转为正式党员日期", "full member date"),
    "probation_end": ("预备期满日期", "probation end"), "work_start_date": ("参加工作日期", "work start"),
    "status_since": ("状态变化日期", "status date"), "note": ("备注", "note"),
}  # fmt: skip
