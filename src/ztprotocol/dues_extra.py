"""自愿一次性多交纳1000元以上: the one-off voluntary extra that the 党内统计 counts, one definition
for the client (its ledger's 补充资料) and the centre (its report's 党费 sheet).

Art. 11 of 《关于中国共产党党费收缴、使用和管理的规定》 (中组发〔2008〕3号): 自愿一次多交纳1000元
以上的党费 is remitted whole to the Centre, and the statistics' 补充资料 count the members who paid
it. "一次" is one payment: the threshold applies to the 自愿多交 part of a single payment (two
payments of 600 元 extra are not one of 1,200 元). "以上" includes the figure (the reading of
Chinese legal texts): 1,000.00 元 counts, 999.99 元 does not. Money is integer fen here as
everywhere. Standard library only (``ztclient.domain`` imports it).
"""

from __future__ import annotations

#: 1,000.00 元 in fen: a single payment's voluntary extra at or above it is "一次性多交1000元以上".
ONE_OFF_EXTRA_FEN = 100_000


def is_one_off_extra(extra_fen: int | None) -> bool:
    """Whether one payment's 自愿多交 (in fen) reaches 1,000.00 元."""
    return extra_fen is not None and extra_fen >= ONE_OFF_EXTRA_FEN
