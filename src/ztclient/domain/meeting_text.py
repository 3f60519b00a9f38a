"""Names of meetings as party documents write them (domain facts §4), each word once.

"××党支部党员大会记录", "中共××支部委员会第X次会议": the organisation's name already ends in 党支部
or 党小组, and the kind's label starts with 支部 or 党小组, so a plain join doubles it
(…第一党支部支部党员大会); a sequence number written into the title must not be added again
(…（第4次）（第4次）).
"""

from __future__ import annotations

from ztclient.domain.model import MeetingKind


def join_name(org_name: str, label: str) -> str:
    """``org_name`` + ``label`` without repeating the overlap: 第一党支部 + 支部党员大会 →
    第一党支部党员大会; 第1党小组 + 党小组会 → 第1党小组会."""
    for n in range(min(len(org_name), len(label)), 1, -1):
        if org_name.endswith(label[:n]):
            return org_name + label[n:]
    return org_name + label


def with_seq(title: str, seq_no: int | None) -> str:
    """The title with "（第N次）" once: not added when the title already says 第N次."""
    if not seq_no or f"第{seq_no}次" in title:
        return title
    return f"{title}（第{seq_no}次）"


def default_title(org_name: str, kind: str, kind_label: str, seq_no: int | None) -> str:
    """The title a meeting gets when the clerk gives none."""
    if kind == MeetingKind.BRANCH_COMMITTEE and seq_no:
        return f"{join_name(org_name, '委员会')}第{seq_no}次会议"
    return with_seq(join_name(org_name, kind_label), seq_no)


def heading(org_name: str, kind_label: str) -> str:
    """The minutes' title line: 青山镇机关第一党支部党员大会记录."""
    return join_name(org_name, kind_label) + "记录"
