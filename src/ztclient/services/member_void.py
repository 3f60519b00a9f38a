"""录入错误作废: taking back a member added by mistake (a typo duplicate, the wrong person, a
test entry). Members are never deleted: the record stays, with status ``voided`` (已作废) and
the clerk's reason, found under the roster's 全部状态 and on the member's own page, and it is
out of every current count, list, report and due list, as of any day (domain/member_state.py,
domain/dues_months.py). It is not a status change of a real person (转出, 出党, 去世 keep the
record counted for the time it was true): a record that holds anything real is refused, naming
what holds it, so the clerk voids those first — or, when they cannot be voided (a post, a
transfer), knows the person was real (docs/members.md).

One transaction: the member row, its search line (``current`` 0), the outbox op ``void`` (the
centre and the unit's other devices take the person off their counts too) and its audit entry.
"""

from __future__ import annotations

from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.model import Status
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store
from ztclient.services.versioned import update_versioned

#: What makes a record real: (count query with one ``?`` per mark for the member id, 中文, English).
HOLDS: tuple[tuple[str, str, str], ...] = (
    ("SELECT count(*) FROM member_events WHERE member_id = ? AND voided = 0",
     "人员事件{n}条", "{n} member event(s)"),
    ("SELECT count(*) FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id "
     "WHERE a.member_id = ? AND m.voided = 0", "会议出席记录{n}条", "{n} meeting attendance record(s)"),
    ("SELECT count(*) FROM meetings WHERE voided = 0 AND ? IN (chair_id, recorder_id, lecturer_id)",
     "会议主持、记录或授课{n}次", "{n} meeting(s) chaired, recorded or lectured"),
    ("SELECT count(*) FROM resolutions r JOIN meetings m ON m.id = r.meeting_id "
     "WHERE r.subject_member_id = ? AND m.voided = 0", "会议决议{n}项", "{n} resolution(s)"),
    ("SELECT count(*) FROM study_logs WHERE member_id = ? AND voided = 0",
     "学习记录{n}条", "{n} study log(s)"),
    ("SELECT count(*) FROM dues_payments WHERE member_id = ? AND voided = 0",
     "党费交纳记录{n}笔", "{n} dues payment(s)"),
    ("SELECT count(*) FROM dues_approvals WHERE member_id = ? AND voided = 0",
     "党费减免批准{n}条", "{n} dues approval(s)"),
    ("SELECT count(*) FROM org_posts WHERE member_id = ? AND voided = 0",
     "党内职务{n}项", "{n} party post(s)"),
    ("SELECT count(*) FROM development_steps WHERE member_id = ? AND voided = 0",
     "发展党员材料{n}项", "{n} development step(s)"),
    ("SELECT count(*) FROM talks WHERE voided = 0 AND ? IN (talker_id, talkee_id)",
     "谈心谈话{n}次", "{n} talk(s)"),
    ("SELECT count(*) FROM appraisals WHERE member_id = ? AND voided = 0",
     "民主评议{n}条", "{n} appraisal(s)"),
    ("SELECT count(*) FROM elections WHERE voided = 0 AND instr(committee, ?) > 0",
     "换届选举{n}次", "{n} election(s)"),
    ("SELECT count(*) FROM transfers WHERE member_id = ?", "组织关系转接{n}件", "{n} transfer(s)"),
)  # fmt: skip


def holds(store: Store, member_id: str) -> list[tuple[str, str]]:
    """(中文, English) of each kind of live record that makes the member real."""
    out = []
    for sql, zh, en in HOLDS:
        n = int(store.scalar(sql, (member_id,) * sql.count("?")) or 0)
        if n:
            out.append((zh.format(n=n), en.format(n=n)))
    return out


def void_member(
    store: Store, journal: Journal, clock: Clock, index: Any, member_id: str, reason: str
) -> Changes:
    """Void one member entered in error (``index`` writes the search line, MemberService's)."""
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise DomainError("E_FIELD_REQUIRED", "reason")
    with store.transaction() as tx:
        current = tx.read_one("SELECT * FROM members WHERE id = ?", (member_id,))
        if current is None:
            raise DomainError("E_NOT_FOUND", what="member", id=member_id)
        if current["status"] == Status.VOIDED:
            raise DomainError("E_VOIDED", id=member_id)
        held = holds(tx, member_id)
        if held:
            raise DomainError(
                "E_MEMBER_VOID_HAS_RECORDS",
                name=current["name"],
                records=[list(pair) for pair in held],
            )
        fields = {
            "status": Status.VOIDED.value,
            "status_since": clock.today().isoformat(),
            "void_reason": reason,
        }
        update_versioned(
            tx,
            "members",
            {"id": member_id},
            current["version"],
            {**fields, "updated_at": journal.timestamp()},
            member_id=member_id,
        )
        index(tx, member_id, {**current, **fields})
        journal.record(
            tx,
            entity="member",
            record_id=member_id,
            op="void",
            fields={
                "reason": reason,
                "status": fields["status"],
                "status_since": fields["status_since"],
            },
            base_version=current["version"],
        )
    return Changes(members=True, study=True, dues=True, development=True)
