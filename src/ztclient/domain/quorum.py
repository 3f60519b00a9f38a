"""法定人数与表决 (quorum and votes): the one definition of every figure a meeting states.

应到, 实到, 缺席, 有表决权应到/实到, the pass threshold and each resolution's verdict are
computed here, from the meeting's snapshot (domain/meeting_snapshot.py), and nowhere else: the
editor's live panel, the minutes, the sign-in sheet, the 三会一课 ledger and the figures sent to
the centre all call ``compute``. Domain facts §3.2 and §2 (admission votes).

- 应到人数 (``due_total``): snapshot rows that were due on the day and not excluded with approval.
- 实到人数 (``present_total``): of those, the ones marked present. 缺席 = 应到 − 实到.
- 有表决权应到/实到 (``voters_due``/``voters_present``): the same for rows holding a vote on the
  day (正式党员, status 正常 or 流动, not under 留党察看).
- Others marked present who were not due (a member of another branch, a guest) are listed and
  not counted (``others_present``).
- Quorum: present voters > half of voters due (E_QUORUM). On a 支委会 the base of both the
  quorum and a majority is the committee on the day (its 应到 人数) (E_COMMITTEE_QUORUM).
- Threshold (``needed``): the smallest number of votes for that is more than half of the base;
  the base is those *due* with a vote, not those present (§3.2).
- Elections: present ≥ four fifths of voters due (E_QUORUM_ELECTION).
- Votes recorded include the written opinions (书面意见) of absent voters: for + against +
  abstain ≤ present voters + written opinions (E_VOTES_EXCEED), written ≤ absent voters
  (E_WRITTEN_EXCEED). ``vote_errors`` names the resolution's row and field, for input checks.

Judgments, documented in docs/domain-rules.md: mobile members stay due with a vote at their own
branch (they lose it only at the destination, §1.11); lost-contact, suspended and
transferred-out members are not due; probationary members are due without a vote (§1.7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.meeting_snapshot import Attendee
from ztclient.domain.messages import render_error
from ztclient.domain.model import AttendanceStatus, MeetingKind, ResolutionKind

# Meetings that decide things by vote, so the quorum is always shown (§3).
_DECIDING = (MeetingKind.BRANCH_GENERAL, MeetingKind.BRANCH_COMMITTEE)
VERDICTS = {True: "通过", False: "未通过", None: "未表决"}  # the one wording of a verdict


@dataclass(frozen=True)
class ResolutionResult:
    """One 决议 / 表决: counts, thresholds and whether it passed (None: no vote recorded)."""

    index: int  # 1-based position in the meeting's list of resolutions
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

    @property
    def verdict(self) -> str:
        """通过 / 未通过 / 未表决: the same word wherever the result is stated."""
        return VERDICTS[self.passed]

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
    def absent_total(self) -> int:
        """缺席人数 = 应到 − 实到."""
        return len(self.absent)

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

    def figures(self) -> dict[str, Any]:
        """The meeting's figures as they travel to the centre (ztcentral/report.py reads
        these; it never recomputes them)."""
        return {
            "due": self.due_total, "present": self.present_total, "absent": self.absent_total,
            "excluded": len(self.excluded), "voters_due": self.voters_due,
            "voters_present": self.voters_present, "quorum_required": self.quorum_required,
            "quorum_met": self.quorum_met, "others_present": self.others_present,
            "resolutions": [{"index": r.index, "kind": r.kind, "needed": r.needed,
                             "passed": r.passed} for r in self.resolutions],
        }  # fmt: skip

    def explain(self, lang: str = "zh") -> list[str]:
        """Plain sentences for the clerk, e.g.
        "应到会有表决权 12 人，实到 8 人，超过半数，符合开会要求"."""
        return _explain(self, lang)

    def attendance_lines(self, lang: str = "zh") -> list[str]:
        """The explanation's sentences about attendance and the quorum only."""
        return _attendance(self, lang)

    def resolution_lines(self, r: ResolutionResult, lang: str = "zh") -> list[str]:
        """The explanation's sentences about one resolution (its votes and its verdict)."""
        return _resolution_lines(self, r, lang)


def majority(base: int) -> int:
    """Smallest count that is more than half of ``base``."""
    return base // 2 + 1


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def compute(
    kind: MeetingKind | str,
    attendees: Sequence[Attendee],
    resolutions: Sequence[Mapping[str, Any]] = (),
) -> QuorumResult:
    """Count attendance and votes for a meeting from its snapshot (§3.2 双过半; elections
    four fifths). ``resolutions`` are dicts with title, kind, votes_for, votes_against,
    votes_abstain, written_opinions (numbers already checked by the service)."""
    kind = MeetingKind(kind)
    counted = [a for a in attendees if a.counted]
    excluded = tuple(a.member_id for a in attendees if a.due and not a.counted)
    present = [a for a in counted if a.present]
    absent = tuple(a.member_id for a in counted if not a.present)
    voters = [a for a in counted if a.voting]
    voters_present = sum(1 for a in voters if a.present)
    others = sum(1 for a in attendees if not a.due and a.status == AttendanceStatus.PRESENT)

    errors: list[DomainError] = []
    size = None
    if kind == MeetingKind.BRANCH_COMMITTEE:
        size = base = len(counted)
        here = len(present)
        quorum_met = size > 0 and here * 2 > size
        if not quorum_met:
            errors.append(DomainError("E_COMMITTEE_QUORUM", committee_size=size, present=here))
    else:
        base, here = len(voters), voters_present
        quorum_met = base > 0 and here * 2 > base
        if not quorum_met:
            errors.append(DomainError("E_QUORUM", voters_due=base, voters_present=here))

    results = tuple(
        _resolution(i, r, kind, base, here, quorum_met) for i, r in enumerate(resolutions, 1)
    )
    voted = any(r.votes_for is not None for r in results)
    return QuorumResult(
        kind=kind,
        due_total=len(counted),
        present_total=len(present),
        absent=absent,
        excluded=excluded,
        voters_due=len(voters),
        voters_present=voters_present,
        quorum_required=kind in _DECIDING or voted,
        quorum_met=quorum_met,
        committee_size=size,
        others_present=others,
        resolutions=results,
        errors=tuple(errors),
    )


def vote_errors(
    index: int, r: Mapping[str, Any], base: int, here: int, title: str | None = None
) -> list[DomainError]:
    """Impossible figures of one resolution (row ``index``, 1-based), each naming its field:
    more votes than present voters plus written opinions, or more written opinions than
    absent voters. Used by ``compute`` and by the service to refuse such input."""
    title = title or str(r.get("title") or f"第{index}项")
    vf = _int(r.get("votes_for"))
    written = _int(r.get("written_opinions")) or 0
    errors = []
    if written > max(base - here, 0):
        errors.append(DomainError("E_WRITTEN_EXCEED", f"resolutions[{index}].written_opinions",
                                  row=index, title=title, written=written,
                                  absent=max(base - here, 0)))  # fmt: skip
    if vf is not None:
        votes = vf + (_int(r.get("votes_against")) or 0) + (_int(r.get("votes_abstain")) or 0)
        if votes > here + written:
            errors.append(DomainError("E_VOTES_EXCEED", f"resolutions[{index}].votes_for",
                                      row=index, title=title, votes=votes,
                                      allowed=here + written))  # fmt: skip
    return errors


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
    needed = majority(base)
    if vf is None:
        return ResolutionResult(index, title, rkind.value, vf, va, vb, written, base, here,
                                needed, None)  # fmt: skip
    errors = vote_errors(index, r, base, here, title)
    if rkind == ResolutionKind.ELECTION and kind != MeetingKind.BRANCH_COMMITTEE:
        # 有选举权的到会人数不少于应到会人数的五分之四 (§3.2).
        four_fifths = -(-base * 4 // 5)
        if base == 0 or here < four_fifths:
            errors.append(DomainError("E_QUORUM_ELECTION", voters_due=base,
                                      voters_present=here, needed=four_fifths))  # fmt: skip
    elif not quorum_met and kind == MeetingKind.BRANCH_COMMITTEE:
        errors.append(DomainError("E_COMMITTEE_QUORUM", committee_size=base, present=here))
    elif not quorum_met:
        errors.append(DomainError("E_QUORUM", voters_due=base, voters_present=here))
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


def _attendance(q: QuorumResult, lang: str) -> list[str]:
    lines = [_t("attendance", lang, due=q.due_total, present=q.present_total,
                absent=q.absent_total)]  # fmt: skip
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
    return lines


def _resolution_lines(q: QuorumResult, r: ResolutionResult, lang: str) -> list[str]:
    if r.passed is None:
        return [_t("not_voted", lang, title=r.title)]
    lines = [_t("votes", lang, title=r.title, f=r.votes_for, a=r.votes_against or 0,
                b=r.votes_abstain or 0, w=r.written_opinions)]  # fmt: skip
    if r.passed:
        key = "passed_committee" if q.kind == MeetingKind.BRANCH_COMMITTEE else "passed"
        lines.append(_t(key, lang, title=r.title, needed=r.needed))
    else:
        lines += [render_error(e, lang) for e in r.errors]
    return lines


def _explain(q: QuorumResult, lang: str) -> list[str]:
    lines = _attendance(q, lang)
    for r in q.resolutions:
        lines += _resolution_lines(q, r, lang)
    return lines
