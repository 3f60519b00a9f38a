"""法定人数与表决 (quorum and votes) for meetings: domain facts §3.2, §2 (admission votes).

Who is 应到会有表决权 (due with a vote): full members (正式党员) whose status is normal or mobile,
not under 留党察看 / otherwise voting-suspended, and not excluded with approval for this meeting.

Judgments, documented in docs/domain-rules.md:
- Mobile members (流动党员) stay due with a vote at their own branch: they lose the vote only
  at the destination (§1.11). A mobile member who applied to be left out is marked EXCLUDED.
- Lost-contact, suspended, transferred-out members are not due at all (model.Status).
- Probationary members are due (they count in 应到人数) but have no vote (§1.7).
- Votes recorded for a resolution include the written opinions (书面意见) of absent voters,
  so for + against + abstain may reach present voters + written opinions, never more.
- On a committee meeting (支委会) the base for both the quorum and a majority is the
  committee's size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error
from ztclient.domain.model import AttendanceStatus, Category, MeetingKind, ResolutionKind, Status

_DUE_STATUSES = (Status.NORMAL, Status.MOBILE)
# Meetings that decide things by vote, so the quorum is always shown (§3).
_DECIDING = (MeetingKind.BRANCH_GENERAL, MeetingKind.BRANCH_COMMITTEE)


@dataclass(frozen=True)
class Voter:
    """A member on the meeting's due list as the service found them."""

    member_id: str
    category: str
    status: str
    voting_suspended: bool = False


@dataclass(frozen=True)
class ResolutionResult:
    """One 决议 / 表决: counts, thresholds and whether it passed (None: no vote recorded)."""

    index: int
    title: str
    kind: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    written_opinions: int
    base: int  # 应到会有表决权人数 (or the committee size): the pass threshold's base
    present: int  # 实到会有表决权人数
    needed: int  # smallest number of votes for that is more than half of base
    passed: bool | None
    errors: tuple[DomainError, ...] = ()

    # Names the minutes document uses.
    @property
    def voters_due(self) -> int:
        return self.base

    @property
    def voters_present(self) -> int:
        return self.present

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "title": self.title, "kind": self.kind,
            "votes_for": self.votes_for, "votes_against": self.votes_against,
            "votes_abstain": self.votes_abstain, "written_opinions": self.written_opinions,
            "base": self.base, "present": self.present, "needed": self.needed,
            "passed": self.passed, "errors": [e.to_dict() for e in self.errors],
        }  # fmt: skip


@dataclass(frozen=True)
class QuorumResult:
    """Attendance counts, the quorum and each resolution's result for one meeting."""

    kind: MeetingKind
    due_total: int  # 应到人数 (incl. probationary members)
    present_total: int  # 实到人数
    absent: tuple[str, ...]  # member ids due but not present
    excluded: tuple[str, ...]  # approved exclusions from 应到会
    voters_due: int  # 应到会有表决权人数
    voters_present: int  # 实到会有表决权人数
    quorum_required: bool
    quorum_met: bool
    committee_size: int | None = None
    others_present: int = 0  # present but not on the due list (not counted)
    resolutions: tuple[ResolutionResult, ...] = ()
    errors: tuple[DomainError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Quorum met where needed and every voted resolution counted without error."""
        return (self.quorum_met or not self.quorum_required) and not any(
            r.errors for r in self.resolutions
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value, "due_total": self.due_total,
            "present_total": self.present_total, "absent": list(self.absent),
            "excluded": list(self.excluded), "voters_due": self.voters_due,
            "voters_present": self.voters_present, "quorum_required": self.quorum_required,
            "quorum_met": self.quorum_met, "committee_size": self.committee_size,
            "others_present": self.others_present,
            "resolutions": [r.to_dict() for r in self.resolutions],
            "errors": [e.to_dict() for e in self.errors],
        }  # fmt: skip

    def explain(self, lang: str = "zh") -> list[str]:
        """Plain sentences for the clerk, e.g.
        "应到会有表决权 12 人，实到 8 人，超过半数，符合开会要求"."""
        return _explain(self, lang)


def _majority(base: int) -> int:
    """Smallest count that is more than half of ``base``."""
    return base // 2 + 1


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def compute(
    kind: MeetingKind | str,
    due: Sequence[Voter],
    attendance: Mapping[str, str],
    resolutions: Sequence[Mapping[str, Any]] = (),
    committee_size: int | None = None,
) -> QuorumResult:
    """Count attendance and votes for a meeting (§3.2 双过半; elections four fifths).

    ``attendance`` maps member id to present / absent / excluded; a due member without an
    entry is absent. ``resolutions`` are dicts with title, kind, votes_for, votes_against,
    votes_abstain, written_opinions.
    """
    kind = MeetingKind(kind)
    due_ids, excluded, voter_ids = [], [], []
    for v in due:
        if Status(v.status) not in _DUE_STATUSES or not Category(v.category).is_member:
            continue
        if attendance.get(v.member_id) == AttendanceStatus.EXCLUDED:
            excluded.append(v.member_id)
            continue
        due_ids.append(v.member_id)
        if v.category == Category.FULL and not v.voting_suspended:
            voter_ids.append(v.member_id)
    present = [m for m in due_ids if attendance.get(m) == AttendanceStatus.PRESENT]
    absent = tuple(m for m in due_ids if m not in set(present))
    on_list = {v.member_id for v in due}
    others = sum(
        1 for m, s in attendance.items() if s == AttendanceStatus.PRESENT and m not in on_list
    )
    voters_present = sum(1 for m in voter_ids if attendance.get(m) == AttendanceStatus.PRESENT)

    errors: list[DomainError] = []
    if kind == MeetingKind.BRANCH_COMMITTEE:
        size = committee_size if committee_size is not None else len(due_ids)
        base, here = size, len(present)
        quorum_met = size > 0 and here * 2 > size
        if not quorum_met:
            errors.append(DomainError("E_COMMITTEE_QUORUM", committee_size=size, present=here))
    else:
        size = committee_size
        base, here = len(voter_ids), voters_present
        quorum_met = base > 0 and here * 2 > base
        if not quorum_met:
            errors.append(DomainError("E_QUORUM", voters_due=base, voters_present=here))

    results = tuple(
        _resolution(i, r, kind, base, here, quorum_met) for i, r in enumerate(resolutions, 1)
    )
    voted = any(r.votes_for is not None for r in results)
    return QuorumResult(
        kind=kind,
        due_total=len(due_ids),
        present_total=len(present),
        absent=absent,
        excluded=tuple(excluded),
        voters_due=len(voter_ids),
        voters_present=voters_present,
        quorum_required=kind in _DECIDING or voted,
        quorum_met=quorum_met,
        committee_size=size,
        others_present=others,
        resolutions=results,
        errors=tuple(errors),
    )


def _resolution(
    index: int, r: Mapping[str, Any], kind: MeetingKind, base: int, here: int, quorum_met: bool
) -> ResolutionResult:
    title = str(r.get("title") or f"第{index}项")
    rkind = ResolutionKind(r.get("kind") or ResolutionKind.ORDINARY)
    vf, va, vb = (
        _int(r.get("votes_for")),
        _int(r.get("votes_against")),
        _int(r.get("votes_abstain")),
    )
    written = _int(r.get("written_opinions")) or 0
    needed = _majority(base)
    errors: list[DomainError] = []
    if vf is None:
        return ResolutionResult(index, title, rkind.value, vf, va, vb, written, base, here,
                                needed, None)  # fmt: skip
    votes = vf + (va or 0) + (vb or 0)
    if written > max(base - here, 0):
        errors.append(
            DomainError("E_WRITTEN_EXCEED", title=title, written=written, absent=base - here)
        )
    if votes > here + written:
        errors.append(
            DomainError("E_VOTES_EXCEED", title=title, votes=votes, allowed=here + written)
        )
    if rkind == ResolutionKind.ELECTION and kind != MeetingKind.BRANCH_COMMITTEE:
        # 有选举权的到会人数不少于应到会人数的五分之四 (§3.2).
        four_fifths = -(-base * 4 // 5)
        if base == 0 or here < four_fifths:
            errors.append(DomainError("E_QUORUM_ELECTION", voters_due=base,
                                      voters_present=here, needed=four_fifths))  # fmt: skip
    elif not quorum_met:
        code = "E_COMMITTEE_QUORUM" if kind == MeetingKind.BRANCH_COMMITTEE else "E_QUORUM"
        params = ({"committee_size": base, "present": here} if code == "E_COMMITTEE_QUORUM"
                  else {"voters_due": base, "voters_present": here})  # fmt: skip
        errors.append(DomainError(code, **params))
    # The pass threshold is half of those DUE with a vote, not of those present (§3.2).
    if vf < needed:
        errors.append(DomainError("E_NOT_PASSED", title=title, votes_for=vf, needed=needed))
    return ResolutionResult(index, title, rkind.value, vf, va, vb, written, base, here, needed,
                            not errors, tuple(errors))  # fmt: skip


_T = {
    "attendance": ("应到 {due} 人，实到 {present} 人，缺席 {absent} 人",
                   "Due {due}, present {present}, absent {absent}"),
    "excluded": ("经批准不计入应到会人数 {n} 人", "{n} excluded from the due count with approval"),
    "others": ("另有 {n} 人到会但不在应到名单内，不计入",
               "{n} more present but not on the due list (not counted)"),
    "voters_ok": ("应到会有表决权 {due} 人，实到 {present} 人，超过半数，符合开会要求",
                  "{present} of {due} voting members present: more than half, quorum met"),
    "voters_no": ("应到会有表决权 {due} 人，实到 {present} 人，未超过半数，不符合开会要求",
                  "{present} of {due} voting members present: not more than half, no quorum"),
    "committee_ok": ("支部委员 {due} 人，到会 {present} 人，超过半数，符合开会要求",
                     "{present} of {due} committee members present: more than half, quorum met"),
    "committee_no": ("支部委员 {due} 人，到会 {present} 人，未超过半数，不符合开会要求",
                     "{present} of {due} committee members present: not more than half, no quorum"),
    "votes": ("“{title}”：赞成 {f} 票，反对 {a} 票，弃权 {b} 票（含书面意见 {w} 份）",
              "“{title}”: {f} for, {a} against, {b} abstaining (incl. {w} written opinions)"),
    "passed": ("“{title}”赞成票超过应到会有表决权人数的半数（至少 {needed} 票），通过",
               "“{title}”: votes for exceed half of the voters due ({needed} needed); passed"),
    "passed_committee": ("“{title}”赞成票超过支部委员半数（至少 {needed} 票），通过",
                         "“{title}”: votes for exceed half of the committee ({needed} needed); "
                         "passed"),
    "not_voted": ("“{title}”：未记录表决", "“{title}”: no vote recorded"),
}  # fmt: skip


def _t(key: str, lang: str, **params: Any) -> str:
    zh, en = _T[key]
    return (en if lang == "en" else zh).format(**params)


def _explain(q: QuorumResult, lang: str) -> list[str]:
    lines = [_t("attendance", lang, due=q.due_total, present=q.present_total, absent=len(q.absent))]
    if q.excluded:
        lines.append(_t("excluded", lang, n=len(q.excluded)))
    if q.others_present:
        lines.append(_t("others", lang, n=q.others_present))
    if q.kind == MeetingKind.BRANCH_COMMITTEE:
        key = "committee_ok" if q.quorum_met else "committee_no"
        lines.append(_t(key, lang, due=q.committee_size or 0, present=q.present_total))
    elif q.quorum_required or q.voters_due:
        key = "voters_ok" if q.quorum_met else "voters_no"
        lines.append(_t(key, lang, due=q.voters_due, present=q.voters_present))
    for r in q.resolutions:
        if r.passed is None:
            lines.append(_t("not_voted", lang, title=r.title))
            continue
        lines.append(_t("votes", lang, title=r.title, f=r.votes_for, a=r.votes_against or 0,
                        b=r.votes_abstain or 0, w=r.written_opinions))  # fmt: skip
        if r.passed:
            key = "passed_committee" if q.kind == MeetingKind.BRANCH_COMMITTEE else "passed"
            lines.append(_t(key, lang, title=r.title, needed=r.needed))
        else:
            lines += [render_error(e, lang) for e in r.errors]
    return lines
