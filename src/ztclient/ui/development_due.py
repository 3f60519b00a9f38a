"""The due list's words for 发展党员 and membership changes (services/due/development.py,
mobility.py, transfers.py): what the rules require next, in the clerk's words."""

from __future__ import annotations

from ztclient.services.due import DueItem
from ztclient.ui.i18n import translate

KINDS = (
    "development_step",
    "transfer_receipt",
    "transfer_pending",
    "transfer_refused",
    "mobile_long",
    "lost_contact_long",
    "suspended_long",
)


def due_text(item: DueItem) -> tuple[str, str]:
    """(what, detail) for one of KINDS."""
    from ztclient.ui.development_view import item_label

    p, who = item.params, item.subject
    if item.kind == "development_step":
        what = translate("DevelopmentDue", "发展党员：{step}").format(
            step=item_label(p.get("step"))
        )
        return what, translate("DevelopmentDue", "{name}（{org}）").format(
            name=who, org=p.get("org", "")
        )
    if item.kind == "transfer_receipt":
        what = translate("DevelopmentDue", "转出回执未收到")
        if p.get("overdue"):
            what = translate("DevelopmentDue", "转出回执逾期未收到，请联系接收单位")
        return what, translate("DevelopmentDue", "{name}（{date}转往{org}）").format(
            name=who, date=p.get("letter_date", ""), org=p.get("to_org", "")
        )
    if item.kind == "transfer_pending":
        return translate("DevelopmentDue", "外单位转来组织关系，待接收"), translate(
            "DevelopmentDue", "{name}（来自{org}）"
        ).format(name=who, org=p.get("from_org") or p.get("from_unit", ""))
    if item.kind == "transfer_refused":
        return translate("DevelopmentDue", "转出被接收单位拒收，请重新办理"), translate(
            "DevelopmentDue", "{name}：{reason}"
        ).format(name=who, reason=p.get("reason", ""))
    if item.kind == "mobile_long":
        return translate("DevelopmentDue", "外出流动满六个月，应转移正式组织关系"), translate(
            "DevelopmentDue", "{name}（{since}起外出）"
        ).format(name=who, since=p.get("since", ""))
    if item.kind == "lost_contact_long":
        return translate(
            "DevelopmentDue", "失去联系满六个月，经查找仍无法联系的应停止党籍"
        ), translate("DevelopmentDue", "{name}（{since}起失联）").format(
            name=who, since=p.get("since", "")
        )
    return translate("DevelopmentDue", "停止党籍满两年，仍无法取得联系的按自行脱党除名"), translate(
        "DevelopmentDue", "{name}（{since}起停止党籍）"
    ).format(name=who, since=p.get("since", ""))
