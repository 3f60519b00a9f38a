"""The 工作台's words for the org-life due items (换届, 书记讲党课, 谈心谈话, 评议处置, 整改)."""

from __future__ import annotations

from ztclient.services.due import DueItem
from ztclient.ui.i18n import code_label, translate

KINDS = (
    "term_ending",
    "secretary_lecture",
    "talks_missing",
    "appraisal_follow_up",
    "rectification_due",
)


def due_text(item: DueItem) -> tuple[str, str]:
    """(what, detail) for one org-life due item."""
    p = item.params
    if item.kind == "term_ending":
        if p.get("state") == "ending":
            return translate("DueOrgLife", "委员会任期将满，准备换届"), translate(
                "DueOrgLife", "{org}（还有 {days} 天）"
            ).format(org=item.subject, days=p.get("days_left"))
        return translate("DueOrgLife", "委员会任期已满，应换届"), translate(
            "DueOrgLife", "{org}（已超期 {days} 天）"
        ).format(org=item.subject, days=-int(p.get("days_left") or 0))
    if item.kind == "secretary_lecture":
        return translate("DueOrgLife", "书记本年尚未讲党课"), translate(
            "DueOrgLife", "{org}：{name}"
        ).format(org=item.subject, name=p.get("secretary", ""))
    if item.kind == "talks_missing":
        return translate("DueOrgLife", "谈心谈话尚未完成"), translate(
            "DueOrgLife", "{org}：书记{name}尚未谈话 {n} 人，委员之间尚缺 {pairs} 对"
        ).format(
            org=item.subject,
            name=p.get("secretary") or "—",
            n=p.get("members_missing", 0),
            pairs=p.get("pairs_missing", 0),
        )
    if item.kind == "appraisal_follow_up":
        what = (
            translate("DueOrgLife", "民主评议处置尚未确定")
            if p.get("state") == "undecided"
            else translate("DueOrgLife", "民主评议处置尚未完成")
        )
        return what, translate("DueOrgLife", "{name}（{year}年评为{grade}，{org}）").format(
            name=item.subject,
            year=p.get("year"),
            grade=code_label("appraisal_grade", p.get("grade")),
            org=p.get("org", ""),
        )
    return translate("DueOrgLife", "组织生活会整改事项"), translate(
        "DueOrgLife", "{org}：{problem}（{owner}）"
    ).format(org=item.subject, problem=p.get("problem", ""), owner=p.get("owner", ""))
