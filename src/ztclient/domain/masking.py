"""脱敏 (masking) of the personal fields a printed or exported copy shows by default.

One definition for every copy that leaves the program (roster exports, CLI listings): the
ID number keeps its first and last four characters (idnumber.mask), a mobile number its first
three and last four digits, an address its administrative part up to the district or county.
Full values go out only when the clerk asks for them, and that request is an audit entry.
"""

from __future__ import annotations

import re

from ztclient.domain.idnumber import mask as mask_id_number

#: one administrative level at the start of an address: a short name and its level word
#: (浙江|省, 杭州|市, 西湖|区, 内蒙古|自治区, 阿拉善左|旗). Names of 2-4 characters only, so
#: that streets (幸福大街…菜市场路) and 小区/社区 (which name a compound) never count.
_LEVEL = re.compile(r"([^省市区县旗盟]{2,4}?)(自治区|自治州|自治县|地区|省|市|区|县|旗|盟|州)")
_NOT_ADMIN = ("小", "社", "园", "校", "厂", "矿", "营")  # 小区, 社区, 园区 … are places, not levels
_HIDDEN = "****"  # fixed: the mask does not tell how long the hidden part was


def mask_phone(phone: str | None) -> str:
    """138****5678 for mobiles; landlines keep the area code and the last 3 digits."""
    if not phone:
        return ""
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:4] + "*" * (len(phone) - 7) + phone[-3:]


def mask_address(address: str | None) -> str:
    """济南市历下区青山镇幸福路8号 -> 济南市历下区****: the administrative levels up to the
    district or county stay (at most four); the street, number, village and compound go.
    Without a recognisable level, only the first two characters stay."""
    if not address:
        return ""
    end, levels = 0, 0
    while levels < 4:
        m = _LEVEL.match(address, end)
        if m is None or m.group(1).endswith(_NOT_ADMIN):
            break
        end, levels = m.end(), levels + 1
    keep = address[:end] if end else address[: min(2, len(address) // 2)]
    return keep + _HIDDEN


def mask_id(id_number: str | None) -> str:
    return mask_id_number(id_number) if id_number else ""
