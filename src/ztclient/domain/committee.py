"""委员会 (committees): who holds which post on a day, and what a committee may look like
(domain facts §1.9, §8).

Posts are dated assignments (``start_date`` … ``end_date``, both days included; an open end is
"still holding"). The committee of an organisation on a day is everyone holding a 班子 post
(``leader: true`` in the party_post table: 书记, 副书记, 委员 …; not 党小组组长) there that day.
Its size is the base of the 支委会 quorum (§3.2), and holding such a post in a year sets the 56
学时 study target (§5).

Hard rules (errors): a post code from the table; one member once per committee; one 书记 at a
time; a member cannot hold two overlapping posts in one organisation. Norms (warnings, shown,
not refused): 3–5 members, normally at most 7, where there are 7 or more full members; with
fewer, only a 书记 (and perhaps a 副书记); a committee without a 书记.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.study_rules import is_leader_post as is_committee_post

__all__ = [
    "Post",
    "check_committee",
    "check_new_post",
    "committee_on",
    "committee_size",
    "is_committee_post",
    "secretary_on",
]

SINGLE_HOLDER = ("secretary",)  # one at a time per organisation
FEW_MEMBERS_POSTS = ("secretary", "deputy_secretary")  # what a branch under 7 full members elects
COMMITTEE_REQUIRED_FROM = 7  # 正式党员 7 人以上的党支部设立支部委员会
SIZE_MIN, SIZE_USUAL_MAX, SIZE_MAX = 3, 5, 7


@dataclass(frozen=True)
class Post:
    member_id: str
    post: str
    start_date: str
    end_date: str | None = None

    def held_on(self, day: date | str) -> bool:
        d = day.isoformat() if isinstance(day, date) else str(day)[:10]
        return self.start_date <= d and (self.end_date is None or self.end_date >= d)

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Post:
        return cls(
            str(row["member_id"]),
            str(row["post"]),
            str(row["start_date"]),
            row.get("end_date") or None,
        )


def committee_on(posts: Iterable[Post], day: date | str) -> list[Post]:
    """The committee on ``day``: one post per member (the first found), 班子 posts only."""
    seen: dict[str, Post] = {}
    for p in posts:
        if p.held_on(day) and is_committee_post(p.post) and p.member_id not in seen:
            seen[p.member_id] = p
    return list(seen.values())


def committee_size(posts: Iterable[Post], day: date | str) -> int:
    """How many committee members an organisation has on ``day`` (the 支委会 quorum base)."""
    return len(committee_on(posts, day))


def secretary_on(posts: Iterable[Post], day: date | str) -> Post | None:
    return next((p for p in posts if p.post == "secretary" and p.held_on(day)), None)


def _overlap(a_start: str, a_end: str | None, b_start: str, b_end: str | None) -> bool:
    return a_start <= (b_end or "9999-12-31") and b_start <= (a_end or "9999-12-31")


def check_new_post(existing: Sequence[Post], new: Post) -> None:
    """Refuse a post that clashes with the organisation's posts (E_POST_OVERLAP, E_POST_TAKEN);
    dates and code are checked too (E_DATE_FORMAT, E_DATE_ORDER, E_CODE_UNKNOWN)."""
    table("party_post").entry(new.post, "post")
    start = parse_date(new.start_date, "start_date")
    if new.end_date is not None and parse_date(new.end_date, "end_date") < start:
        raise DomainError(
            "E_DATE_ORDER",
            "end_date",
            first="start_date",
            second="end_date",
            first_date=new.start_date,
            second_date=new.end_date,
        )
    for p in existing:
        if not _overlap(p.start_date, p.end_date, new.start_date, new.end_date):
            continue
        if p.member_id == new.member_id:
            raise DomainError(
                "E_POST_OVERLAP", "member_id", member=new.member_id, post=p.post, start=p.start_date
            )
        if new.post in SINGLE_HOLDER and p.post == new.post:
            raise DomainError(
                "E_POST_TAKEN", "post", post=new.post, member=p.member_id, start=p.start_date
            )


def check_committee(
    elected: Sequence[tuple[str, str]], full_members: int | None = None
) -> tuple[list[DomainError], list[DomainError]]:
    """(errors, warnings) for a committee as elected: ``[(member_id, post)]``.

    ``full_members`` is the organisation's count of 正式党员 (for the size norms); None skips
    those norms (a 党委 or 党总支 elects from delegates or a wider membership).
    """
    errors: list[DomainError] = []
    warnings: list[DomainError] = []
    if not elected:
        return [DomainError("E_FIELD_REQUIRED", "committee")], []
    seen: set[str] = set()
    secretaries = 0
    for member_id, post in elected:
        try:
            code = table("party_post").code_for(post, "post")
        except DomainError as e:
            errors.append(e)
            continue
        if not is_committee_post(code):
            errors.append(DomainError("E_POST_NOT_COMMITTEE", "post", post=code))
        if member_id in seen:
            errors.append(DomainError("E_DUPLICATE", "committee", id=member_id))
        seen.add(member_id)
        secretaries += code == "secretary"
    if secretaries > 1:
        errors.append(DomainError("E_POST_TAKEN", "post", post="secretary", member="—", start="—"))
    if errors:
        return errors, warnings
    if secretaries == 0:
        warnings.append(DomainError("W_NO_SECRETARY", "committee"))
    size = len(elected)
    if full_members is not None and full_members < COMMITTEE_REQUIRED_FROM:
        if any(table("party_post").code_for(p) not in FEW_MEMBERS_POSTS for _m, p in elected):
            warnings.append(
                DomainError("W_COMMITTEE_NOT_REQUIRED", "committee", full_members=full_members)
            )
    elif full_members is not None and not SIZE_MIN <= size <= SIZE_MAX:
        warnings.append(DomainError("W_COMMITTEE_SIZE", "committee", size=size))
    return errors, warnings
