"""党费台账 (the dues ledger) of one member and year, and the check of a payment.

The one definition of the figures the 党费 page, ``dues ledger``, the ledger XLSX and the due
list show (so they always agree):

* **months due** (应交月数): the member's months at this unit (``dues_months``) that have fallen
  due by the as-of date (a month falls due at the end of its last day:
  ``ztprotocol.dues_price.last_fallen_due``), and a month in progress already paid, less months
  an approved 免交 covers. The month in progress unpaid is **pending** (待交): payable within the
  month, neither due nor in arrears yet;
* **due** (应交金额): those months at the year's monthly amount, or at the approved amount where
  a 少交 was approved; a month already paid at what was paid on it (so due − paid = arrears);
* **paid** (已交金额): what payments recorded up to the as-of date put on the year's months,
  plus their 自愿多交;
* **arrears** (欠交): the months due without a payment, and their amount;
* **overdue run** (连续未交月数): unpaid months in a row ending with the last *finished* month
  (the due list warns at three, and at six — 党章 art. 9 treats six months without good reason
  as 自行脱党).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_money import fmt
from ztclient.domain.errors import DomainError

# the one rule that prices a month, and the one that says which months have fallen due, shared
# with the centre's 党费 sheet
from ztprotocol.dues_price import last_fallen_due as last_fallen_due
from ztprotocol.dues_price import monthly_in_force as monthly_in_force

APPROVAL_KINDS = ("reduce", "exempt")  # 少交 / 免交
MAX_MONTHS_PER_PAYMENT = 12
#: 补交 (back payment) is normally for at most six months (党费收缴、使用和管理的规定, art. 12)
BACK_PAY_MONTHS = 6
MAX_APPROVAL_MONTHS = 12  # approvals are reviewed yearly


@dataclass(frozen=True)
class Approval:
    """An approved 少交 (``reduce``, at ``monthly_fen``) or 免交 (``exempt``) for a run of
    months, with the branch's approval date."""

    kind: str
    first: int  # month index
    last: int
    approved_on: date
    monthly_fen: int | None = None
    id: str = ""


@dataclass(frozen=True, slots=True)
class MonthState:
    """One cell of the grid: ``none`` (not a member that month), ``paid``, ``exempt``,
    ``unpaid`` (fallen due by the as-of date: 欠交), ``pending`` (the as-of month, payable
    within it and not over yet: 待交) or ``upcoming`` (a member's month after it)."""

    status: str
    amount_fen: int | None = None  # what is (or was) due for the month
    paid_fen: int | None = None
    approval: str | None = None  # "reduce" / "exempt" when an approval covers it

    @property
    def owed(self) -> bool:
        """Counts as due by the as-of date (paid or not; 免交 months never)."""
        return self.status == "unpaid" or (
            self.status == "paid" and self.amount_fen is not None and self.approval != "exempt"
        )


@dataclass(frozen=True)
class MemberYear:
    """One member's year. The figures are worked out once, on first use (a committee's ledger
    reads them for 3,000 lines, several times each)."""

    year: int
    monthly_fen: int | None
    months: dict[int, MonthState]  # 1..12
    extra_fen: int = 0
    flags: tuple[str, ...] = field(default_factory=tuple)
    priced: Mapping[int, int | None] | None = None  # month 1..12 → the base's amount in it

    def counts_as_due(self, month: int) -> bool:
        """Whether month 1..12 was owed by the as-of date (paid or not; 免交 months never)."""
        return self.months[month].owed

    @cached_property
    def _figures(self) -> tuple[int, int, int, int, int, int]:
        due = months_due = paid = months_paid = arrears = arrears_months = 0
        for s in self.months.values():
            if s.owed:
                months_due += 1
                due += s.amount_fen or 0
            if s.status == "paid":
                months_paid += 1
            elif s.status == "unpaid":
                arrears_months += 1
                arrears += s.amount_fen or 0
            paid += s.paid_fen or 0
        return months_due, due, months_paid, paid + self.extra_fen, arrears_months, arrears

    @property
    def months_due(self) -> int:
        return self._figures[0]

    @property
    def due_fen(self) -> int:
        return self._figures[1]

    @property
    def months_paid(self) -> int:
        return self._figures[2]

    @property
    def paid_fen(self) -> int:
        return self._figures[3]

    @property
    def arrears_months(self) -> int:
        return self._figures[4]

    @property
    def arrears_fen(self) -> int:
        return self._figures[5]

    @property
    def no_base(self) -> bool:
        """A month still to pay with no base in force in it."""
        priced = self.priced or dict.fromkeys(self.months, self.monthly_fen)
        return any(
            s.status in ("unpaid", "pending", "upcoming")
            and s.approval != "exempt"
            and priced[m] is None
            for m, s in self.months.items()
        )

    def to_dict(self) -> dict:
        return {
            "monthly": fmt(self.monthly_fen),
            "months_due": self.months_due,
            "due": fmt(self.due_fen),
            "months_paid": self.months_paid,
            "paid": fmt(self.paid_fen),
            "extra": fmt(self.extra_fen),
            "arrears_months": self.arrears_months,
            "arrears": fmt(self.arrears_fen),
            "no_base": self.no_base,
            "months": {f"{m:02d}": s.status for m, s in sorted(self.months.items())},
        }


def check_base_month(year: int, from_month: int, firsts: Iterable[int]) -> None:
    """A base holds from a month of its own year (E_DUES_BASE_MONTH), and a base from after
    January changes the year's base, so the year must have one from before it already
    (E_DUES_BASE_FIRST: else the months before would have none). ``firsts``: the month
    indexes the member's bases of ``year`` hold from."""
    if from_month // 12 != year:
        raise DomainError("E_DUES_BASE_MONTH", "from_month", month=months_.text(from_month),
                          year=year)  # fmt: skip
    if from_month % 12 and not any(f < from_month for f in firsts if f // 12 == year):
        raise DomainError("E_DUES_BASE_FIRST", "from_month", month=months_.text(from_month),
                          year=year)  # fmt: skip


def approval_for(approvals: Iterable[Approval], month: int) -> Approval | None:
    for a in approvals:
        if a.first <= month <= a.last:
            return a
    return None


def amount_for(monthly_fen: int | None, approval: Approval | None) -> int | None:
    """What one month costs: the approved amount, nothing when exempt, else the monthly."""
    if approval is not None:
        return 0 if approval.kind == "exempt" else approval.monthly_fen
    return monthly_fen


def member_year(
    year: int,
    as_of: date,
    member_months: Iterable[int],
    monthly_fen: int | Mapping[int, int] | None,
    approvals: Iterable[Approval] = (),
    paid: Mapping[int, int] | None = None,
    extra_fen: int = 0,
    today: date | None = None,
) -> MemberYear:
    """The ledger line of one member for ``year`` as of ``as_of`` (as of now when ``as_of``
    is ``today``: a month ending today has not fallen due yet, ``last_fallen_due``).

    ``member_months`` are the month indexes the member belongs to the unit in (from
    ``dues_months.periods``, not capped by the date); ``paid`` maps month index → fen put on it
    by payments recorded up to ``as_of``; approvals approved after ``as_of`` are ignored.
    ``monthly_fen`` is one amount for the whole year, or the bases (month index each holds
    from → amount): each month is priced by the base in force in it (``monthly_in_force``)."""
    cap = months_.of_date(as_of)
    fallen = last_fallen_due(as_of, today)
    first = months_.index(year, 1)
    priced: dict[int, int | None] = {
        m: monthly_in_force(monthly_fen, first + m - 1)
        if isinstance(monthly_fen, Mapping)
        else monthly_fen
        for m in range(1, 13)
    }
    approvals = [a for a in approvals if a.approved_on <= as_of]
    belongs = set(member_months)
    paid = paid or {}
    none = MonthState("none")
    cells: dict[int, MonthState] = {}
    for m in range(1, 13):
        i = first + m - 1
        here = i in belongs
        a = approval_for(approvals, i) if approvals and here else None
        amount = amount_for(priced[m], a) if a is not None else priced[m]
        kind = a.kind if a is not None else None
        if i in paid:
            # A paid month is settled at what was paid on it (the payment was checked against
            # the amount due then: a base changed later does not reopen it). It counts as due
            # only if it was a member's month by the as-of date (not a month paid ahead).
            owed = paid[i] if (here and i <= cap) else None
            cells[m] = MonthState("paid", owed, paid[i], kind)
        elif not here:
            cells[m] = none
        elif kind == "exempt":
            cells[m] = MonthState("exempt", 0, None, kind)
        elif i <= fallen:
            cells[m] = MonthState("unpaid", amount, None, kind)
        elif i <= cap:
            cells[m] = MonthState("pending", amount, None, kind)
        else:
            cells[m] = MonthState("upcoming", amount, None, kind)
    shown = priced[min(max(cap - first + 1, 1), 12)]  # the amount in force on the as-of date
    if shown is None:
        shown = next((f for f in priced.values() if f is not None), None)
    return MemberYear(year, shown, cells, extra_fen, priced=priced)


def overdue_run(states: Mapping[int, str], last_finished: int) -> int:
    """Unpaid months in a row ending with month index ``last_finished`` (``states`` maps
    month index → status, across years)."""
    run, m = 0, last_finished
    while states.get(m) == "unpaid":
        run += 1
        m -= 1
    return run


def plan_payment(
    months: list[int],
    *,
    belongs: set[int],
    paid: set[int],
    amounts: Mapping[int, int | None],
    exempt: set[int],
    amount_fen: int,
    extra: bool,
) -> tuple[list[tuple[int, int]], int]:
    """Check a payment for ``months`` and split it: ([(month, fen)], voluntary extra in fen).

    Refused (nothing written): a month the member does not owe (E_DUES_MONTH_NOT_DUE), already
    paid (E_DUES_MONTH_PAID), exempt (E_DUES_MONTH_EXEMPT), without a base for its year
    (E_DUES_NO_BASE); an amount below what the months cost (E_DUES_AMOUNT_SHORT: 少交 needs
    an approval first), or above it without ``extra`` (E_DUES_AMOUNT_MISMATCH)."""
    if not 1 <= len(months) <= MAX_MONTHS_PER_PAYMENT:
        raise DomainError("E_DUES_MONTHS_RANGE", "months", value=len(months))
    for m in months:
        if m in paid:
            raise DomainError("E_DUES_MONTH_PAID", "month", month=months_.text(m))
        if m not in belongs:
            raise DomainError("E_DUES_MONTH_NOT_DUE", "month", month=months_.text(m))
        if m in exempt:
            raise DomainError("E_DUES_MONTH_EXEMPT", "month", month=months_.text(m))
        if amounts.get(m) is None:
            raise DomainError("E_DUES_NO_BASE", "month", year=m // 12)
    lines = [(m, int(amounts[m] or 0)) for m in months]
    expected = sum(f for _, f in lines)
    if amount_fen < expected:
        raise DomainError(
            "E_DUES_AMOUNT_SHORT", "amount", expected=fmt(expected), amount=fmt(amount_fen)
        )
    if amount_fen > expected and not extra:
        raise DomainError(
            "E_DUES_AMOUNT_MISMATCH", "amount", expected=fmt(expected), amount=fmt(amount_fen)
        )
    return lines, amount_fen - expected


def check_approval(
    kind: str, first: int, last: int, monthly_fen: int | None, approved_on: date, today: date
) -> None:
    """An approval makes sense on its own: a known kind, months in order and at most a year,
    an amount for 少交 (above zero: nothing at all is 免交), approved by today."""
    if kind not in APPROVAL_KINDS:
        raise DomainError("E_DUES_APPROVAL_KIND", "kind", value=kind)
    if last < first or last - first + 1 > MAX_APPROVAL_MONTHS:
        raise DomainError(
            "E_DUES_APPROVAL_SPAN", "last", first=months_.text(first), last=months_.text(last)
        )
    if kind == "reduce" and not monthly_fen:
        raise DomainError("E_FIELD_REQUIRED", "monthly")
    if approved_on > today:
        raise DomainError("E_DATE_FUTURE", "approved_on", what="approved_on", date=str(approved_on))


def back_pay_warning(first: int, count: int, paid_on: date) -> DomainError | None:
    """W_DUES_BACK_PAY when a payment covers more than six months before the month it is paid
    in: a norm (the branch may agree to more, and a clerk entering old paper records must be
    able to), so it is said, not refused."""
    paid_month = months_.of_date(paid_on)
    back = [m for m in range(first, first + count) if m < paid_month]
    if len(back) <= BACK_PAY_MONTHS:
        return None
    return DomainError(
        "W_DUES_BACK_PAY", "month", count=len(back), first=months_.text(back[0]),
        limit=BACK_PAY_MONTHS,
    )  # fmt: skip
