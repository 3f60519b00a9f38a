"""三会一课 gaps: only periods that have ended count as missing."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ztclient.infra.documents.ledger_xlsx import missing_periods
from ztclient.services.report_models import LedgerRequirement

MONTHLY = LedgerRequirement("branch_committee", "支部委员会会议", "month")
QUARTERLY = LedgerRequirement("branch_general", "支部党员大会", "quarter")
YEARLY = LedgerRequirement("org_life", "组织生活会", "year")


def test_monthly_gap_only_for_ended_months():
    held = Counter({1: 1, 2: 1, 4: 2})
    assert missing_periods(MONTHLY, held, 2026, date(2026, 5, 31)) == ["3月", "5月"]
    assert missing_periods(MONTHLY, held, 2026, date(2026, 5, 30)) == ["3月"]


def test_quarterly_and_yearly():
    held = Counter({2: 1, 9: 1})
    assert missing_periods(QUARTERLY, held, 2026, date(2026, 12, 31)) == ["第2季度", "第4季度"]
    assert missing_periods(YEARLY, Counter(), 2026, date(2026, 12, 30)) == []
    assert missing_periods(YEARLY, Counter(), 2026, date(2027, 1, 5)) == ["2026年"]
    twice = LedgerRequirement("group", "党小组会", "quarter", 2)
    assert missing_periods(twice, Counter({1: 1, 4: 2}), 2026, date(2026, 6, 30)) == ["第1季度"]
