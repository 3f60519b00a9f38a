"""任期与换届 (terms and elections): how long a committee serves, when the next 换届 is due, and
whether an election's figures make it valid (domain facts §8, §3.2).

- Terms: 党总支 and 党支部 3 years; 基层党委 5 years; 村、社区 (unit_type village/community) 5
  years whatever the kind (2020 基层组织选举工作条例). 党章 art. 31 says 3–5; current practice
  knows only 3 and 5 (§8 client rule), so those two are accepted.
- 换届 is due: a warning from six months before the term ends (judgment, §8 "warn about 6
  months before expiry"), overdue once it has ended. A delay needs higher approval and is at
  most a year (§8): past that the item says so.
- An election meeting: 有选举权的到会人数 ≥ 4/5 of 应到会 (§3.2); a person is elected with votes
  for > half of 应到会有选举权人数 (2020 rule), never more votes than voters present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ztclient.domain.dates import add_months, add_years, parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.model import OrgKind

TERM_YEARS = (3, 5)
WARN_MONTHS = 6  # 换届 preparation starts six months before the term ends
MAX_DELAY_MONTHS = 12  # 延期换届 needs approval and is at most one year
FIVE_YEAR_UNIT_TYPES = ("village", "community")  # 村、社区 committees serve five years


def default_term_years(kind: OrgKind | str, unit_type: str | None = None) -> int:
    """The usual term for an organisation: 5 for a 基层党委 or any 村/社区 organisation, else 3."""
    if unit_type in FIVE_YEAR_UNIT_TYPES or OrgKind(kind) == OrgKind.COMMITTEE:
        return 5
    return 3


def check_term_years(value: Any) -> int:
    """A term length of 3 or 5 whole years; E_TERM_YEARS otherwise ("3", 3 and 3.0 are 3)."""
    years = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        years = int(value) if float(value).is_integer() else None
    elif isinstance(value, str) and value.strip().isdigit():
        years = int(value.strip())
    if years not in TERM_YEARS:
        raise DomainError("E_TERM_YEARS", "term_years", value=str(value))
    return int(years)


def term_end(elected_on: str | date, term_years: int) -> date:
    """The day the term ends: the election date plus the term (29 February → 28 February)."""
    return add_years(parse_date(elected_on, "elected_on"), int(term_years))


@dataclass(frozen=True)
class TermState:
    """Where a committee's term stands on a day."""

    term_end: date
    days_left: int  # negative once the term has ended
    state: str  # "current", "ending" (within six months), "overdue", "overdue_long" (> 1 year)

    @property
    def due(self) -> bool:
        return self.state != "current"


def term_state(elected_on: str | date, term_years: int, today: date) -> TermState:
    """The term's end and whether 换届 is coming (six months ahead) or overdue."""
    end = term_end(elected_on, term_years)
    days = (end - today).days
    if today >= add_months(end, MAX_DELAY_MONTHS):
        state = "overdue_long"
    elif today >= end:
        state = "overdue"
    elif today >= add_months(end, -WARN_MONTHS):
        state = "ending"
    else:
        state = "current"
    return TermState(end, days, state)


@dataclass(frozen=True)
class Elected:
    """One person elected to the committee: the post they take and their votes (if recorded)."""

    member_id: str
    post: str
    votes_for: int | None = None


def check_election_votes(
    voters_due: int | None, voters_present: int | None, elected: Sequence[Elected]
) -> list[DomainError]:
    """Errors in an election meeting's figures (empty when valid or when none were recorded).

    Figures are optional (an old election copied from the paper record may have none), but what
    is given must hold together and meet the rules of §3.2.
    """
    errors: list[DomainError] = []
    given = [(e.member_id, e.votes_for) for e in elected if e.votes_for is not None]
    if voters_due is None and voters_present is None:
        if given:
            errors.append(DomainError("E_FIELD_REQUIRED", "voters_due"))
        return errors
    if voters_due is None or voters_present is None:
        missing = "voters_due" if voters_due is None else "voters_present"
        return [DomainError("E_FIELD_REQUIRED", missing)]
    if voters_due <= 0 or voters_present < 0:
        return [
            DomainError("E_ELECTION_FIGURES", "voters_due", due=voters_due, present=voters_present)
        ]
    if voters_present > voters_due:
        return [
            DomainError(
                "E_ELECTION_FIGURES", "voters_present", due=voters_due, present=voters_present
            )
        ]
    four_fifths = -(-voters_due * 4 // 5)
    if voters_present < four_fifths:
        errors.append(
            DomainError(
                "E_QUORUM_ELECTION",
                "voters_present",
                voters_due=voters_due,
                voters_present=voters_present,
                needed=four_fifths,
            )
        )
    needed = voters_due // 2 + 1
    for member, votes in given:
        if votes < 0 or votes > voters_present:
            errors.append(
                DomainError(
                    "E_ELECTION_VOTES",
                    "votes_for",
                    member=member,
                    votes=votes,
                    present=voters_present,
                )
            )
        elif votes < needed:
            errors.append(
                DomainError(
                    "E_ELECTION_NOT_ELECTED",
                    "votes_for",
                    member=member,
                    votes=votes,
                    needed=needed,
                )
            )
    return errors


def whole_number(value: Any, field: str, row: int | None = None) -> int | None:
    """A count of people or votes: a whole number ≥ 0 (9, 9.0 and "9" are 9), None when left
    empty; E_NUMBER_INVALID otherwise (8.5 is not 8, True is not 1, 九 is not read)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip())
    if number is None or number < 0:
        params: dict[str, Any] = {"value": str(value)}
        if row is not None:
            params["row"] = row
        raise DomainError("E_NUMBER_INVALID", field, **params)
    return number


def elected_from(rows: Sequence[Mapping[str, Any]]) -> list[Elected]:
    """``[{member_id, post, votes_for?}]`` as Elected values (votes as whole numbers; the
    ``row`` of a bad one is its place in the list, 1-based)."""
    return [
        Elected(
            str(r.get("member_id") or ""),
            str(r.get("post") or ""),
            whole_number(r.get("votes_for"), "votes_for", i),
        )
        for i, r in enumerate(rows, 1)
    ]
