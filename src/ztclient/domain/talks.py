"""谈心谈话 (heart-to-heart talks): the yearly norm (domain facts §3).

支部工作条例: talks between committee members, between committee members and members, and
between members, 每年一般不少于1次. What the program checks (judgment, documented in
docs/org-life.md): the 书记 talks at least once a year with every committee member and every
member of the organisation, and the committee members talk with each other. A talk counts for
both people whoever started it. Members talking with members is left to the branch (a norm
without a register would only be noise).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class TalkGaps:
    """Who has not yet talked with whom this year."""

    secretary_id: str | None
    members_missing: tuple[str, ...]  # people the 书记 has not talked with (committee first)
    pairs_missing: tuple[tuple[str, str], ...]  # committee members (not the 书记) with each other

    @property
    def complete(self) -> bool:
        return not self.members_missing and not self.pairs_missing


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def yearly_gaps(
    secretary_id: str | None,
    committee_ids: Sequence[str],
    member_ids: Sequence[str],
    talks: Iterable[tuple[str, str]],
) -> TalkGaps:
    """The talks still missing, given the year's talks as (talker, talkee) pairs.

    ``committee_ids`` may include the 书记; ``member_ids`` are the members on the roll (those in
    the committee too: they are listed once).
    """
    held = {_pair(a, b) for a, b in talks if a != b}
    committee = [m for m in dict.fromkeys(committee_ids) if m != secretary_id]
    others = [m for m in dict.fromkeys(member_ids) if m != secretary_id and m not in committee]
    missing: tuple[str, ...] = ()
    if secretary_id:
        missing = tuple(m for m in [*committee, *others] if _pair(secretary_id, m) not in held)
    pairs = tuple((a, b) for a, b in combinations(committee, 2) if _pair(a, b) not in held)
    return TalkGaps(secretary_id, missing, pairs)
