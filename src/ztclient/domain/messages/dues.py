"""Error texts of one area — 党费: bases, rates, payments, arrears.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "W_DUES_BACK_PAY": ("补交{count}个月（自{first}起），超过一般不超过{limit}个月的规定；请确认已经支部同意",
                        "A back payment of {count} months (from {first}): more than the usual {limit}; make sure the branch agreed"),
    "E_DUES_AMOUNT_FORMAT": ("金额“{value}”格式不对：请写成数字，最多两位小数，如 4500 或 45.50",
                             "The amount “{value}” is not valid: a number with at most two decimals, such as 4500 or 45.50"),
    "E_DUES_AMOUNT_RANGE": ("金额“{value}”不在合理范围内（应大于0，且不超过99999999.99元）",
                            "The amount “{value}” is out of range (above 0, at most 99,999,999.99 yuan)"),
    "E_DUES_RANGE": ("每月党费{value}元不在规定范围内（{min}元至{max}元）",
                     "Monthly dues of {value} are outside the set range ({min} to {max})"),
    "E_DUES_TABLE_INVALID": ("党费标准表有误（{what}：{value}），未采用",
                             "The dues table is invalid ({what}: {value}) and was not used"),
    "E_DUES_MONTH_FORMAT": ("月份“{value}”格式不对，应写成 年-月，如 2025-03",
                            "The month “{value}” is not valid; write it as YYYY-MM, e.g. 2025-03"),
    "E_DUES_MONTHS_RANGE": ("一次交纳的月数应为1至12个月（现为{value}）",
                            "One payment covers 1 to 12 months (entered {value})"),
    "E_DUES_MONTH_PAID": ("{month}的党费已经交过，不能重复登记（如登记有误，请先作废原记录）",
                          "Dues for {month} are already paid; void the earlier payment first if it was a mistake"),
    "E_DUES_MONTH_NOT_DUE": ("{month}该同志不在本单位交纳党费（尚未接收为预备党员、已转出、出党或去世）",
                             "No dues are owed here for {month} (not yet admitted, transferred out, exited or deceased)"),
    "E_DUES_MONTH_EXEMPT": ("{month}已经批准免交党费，无须交纳",
                            "Dues for {month} are waived by an approval; nothing to pay"),
    "E_DUES_NO_BASE": ("还没有登记该同志{year}年的党费计算基数，请先登记",
                       "No dues base is set for {year}; set it first"),
    "E_DUES_AMOUNT_SHORT": ("应交{expected}元，实交{amount}元，少交须经支部批准：请先登记少交审批",
                            "{expected} is due but {amount} was entered; paying less needs the branch's approval: record it first"),
    "E_DUES_AMOUNT_MISMATCH": ("应交{expected}元，实交{amount}元；多出部分如为自愿多交，请注明“自愿多交”",
                               "{expected} is due but {amount} was entered; mark the difference as voluntary extra if it is"),
    "E_DUES_APPROVAL_KIND": ("审批类别“{value}”不对，应为少交或免交",
                             "Approval kind “{value}” is not valid: reduce or exempt"),
    "E_DUES_APPROVAL_SPAN": ("审批的月份不对：{first}至{last}（起止月份应有先后，且一次不超过12个月）",
                             "Approval months {first} to {last} are not valid (in order, at most 12 months)"),
    "E_DUES_REDUCE_NOT_LESS": ("少交的每月金额{amount}元不低于{year}年应交的{standard}元：少交应少于标准（按标准交纳无须审批）",
                               "The reduced amount {amount} is not below the {standard} due a month in {year}: a reduction pays less (the standard needs no approval)"),
    "E_DUES_APPROVAL_PAID": ("{month}的党费已经交过，不能再批准免交（如需退还，请先作废该交纳记录）",
                             "Dues for {month} are already paid and cannot be waived (void the payment first if it is refunded)"),
    "E_DUES_APPROVAL_OVERLAP": ("{month}已有少交或免交审批，请先作废原审批",
                                "{month} is already covered by an approval; void it first"),
    "E_DUES_NOT_MEMBER": ("{name}不是党员（入党申请人、积极分子、发展对象不交纳党费）",
                          "{name} is not a party member (applicants, activists and candidates pay no dues)"),
    "E_DUES_YEAR_RANGE": ("年度“{value}”不对（应为2000年至2100年）", "The year “{value}” is not valid (2000 to 2100)"),
    "E_DUES_RECEIPT_DUPLICATE": ("收据号“{value}”已经用过", "Receipt number “{value}” is already used"),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "income": ("计算基数（月收入）", "monthly base"),
    "monthly": ("每月党费", "monthly dues"),
    "amount": ("金额", "amount"),
    "month": ("月份", "month"),
    "paid_on": ("交纳日期", "date paid"),
    "way": ("交纳方式", "way of payment"),
    "receipt_no": ("收据号", "receipt number"),
    "approved_on": ("批准日期", "approval date"),
    "approver": ("批准组织", "approved by"),
    "year": ("年度", "year"),
    "dues_payment": ("党费交纳记录", "dues payment"),
    "dues_approval": ("党费审批", "dues approval"),
}  # fmt: skip
