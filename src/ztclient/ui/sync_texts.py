"""What the 同步 page says: failure texts, problem texts, values and times, and the status
read on the database worker (plain data in, plain data out)."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.ui.i18n import error_text, translate


def failure_text(exc: BaseException) -> str:
    """What the clerk reads when a sync did not go through: what happened, and that nothing
    of the unit's work is lost when it is a passing fault of the link or the server."""
    code = getattr(exc, "code", None) if isinstance(exc, DomainError) else None
    if code == "E_NETWORK":
        return translate("Sync", "网络不通，修改已保存在本机，联网后会自动发送")
    if code == "E_SERVER":
        return translate("Sync", "上级服务器暂时出错，修改已保存在本机，稍后会自动重试")
    if code == "E_CANCELLED":
        return translate("Sync", "已取消同步：修改都保存在本机，下次同步时接着发送")
    if code == "E_DEVICE_UNKNOWN":
        return translate("Sync", "本机尚未登记或登记已失效，请重新登记本机")
    return error_text(exc)


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def problem_text(code: str | None, params: dict | None = None) -> str:
    from ztclient.domain.messages import render
    from ztclient.ui.i18n import domain_lang

    if not code:
        return ""
    try:
        return render(code, domain_lang(), **(params or {}))
    except Exception:  # an unknown code or odd params: the code itself still says something
        return str(code)


def closed_text(row: dict[str, Any]) -> str:
    """A row closed by 已核对: here (the clerk pressed it on this device) or by the committee
    (its console's 审核): who and when, local time."""
    if row.get("reviewed_where") == "here":
        return translate("Sync", "已核对（本机，{at}）").format(
            at=local_time(row.get("reviewed_at"))
        )
    return translate("Sync", "上级已核对（{by}，{at}）").format(
        by=row.get("reviewed_by") or "", at=local_time(row.get("reviewed_at"))
    )


def side_text(row: dict[str, Any], side: str) -> str:
    """One side of a conflict ("yours" or "theirs") as the clerk reads it: a record's id by the
    name the service found for it (a member as 姓名（支部）), the centre's word for a member
    voided as entered in error in words; other values as they are."""
    value, named = row.get(side), row.get(f"{side}_name")
    if row.get("field") == "member_id" and value == "voided":
        return translate("Sync", "该党员已作废（录入错误）")
    return value_text(value if named is None else named)


def value_text(v: Any) -> str:
    if v is None:
        return translate("Sync", "（空）")
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def local_time(text: str | None) -> str:
    """'2026-11-23T09:30:00Z' → local '2026-11-23 17:30'."""
    if not text:
        return ""
    try:
        dt = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return dt.astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def esc(text: str) -> str:
    return html.escape(text)


def exported_text(files: list[dict[str, Any]]) -> str:
    """What a USB export wrote, and what the clerk does next."""
    if not files:
        return translate("Sync", "没有需要导出的修改。")
    names = "\n".join(Path(f["file"]).name for f in files)
    return translate(
        "Sync",
        "已写入 {n} 个文件：\n{names}\n\n请把它们交上级党委导入，再把回执文件（.ack.dzb）带回来导入。",
    ).format(n=len(files), names=names)


def imported_text(report: Any) -> str:
    """One line per file of a USB import (an ``ImportReport``)."""
    lines = []
    for r in report.files:
        name = Path(r.file).name
        if r.code is not None:
            why = failure_text(DomainError(r.code, None, **r.params))
            lines.append(translate("Sync", "{file}：没有导入（{why}）").format(file=name, why=why))
        elif not r.imported:
            lines.append(translate("Sync", "{file}：以前已经导入过，没有变化").format(file=name))
        else:
            lines.append(
                translate("Sync", "{file}：收到 {items} 项，确认 {receipts} 个数据包").format(
                    file=name, items=r.items, receipts=len({x.bundle_id for x in r.receipts})
                )
            )
    return "\n".join(lines)
