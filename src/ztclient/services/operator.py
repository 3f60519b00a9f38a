"""经办人: the person who keeps the unit's records on this device, by name.

Until a name is set, the audit trail says ``clerk`` (the role) and a printed or exported report
leaves 制表人 blank for a hand to fill in; once set, every audit entry after it names that person,
a 待核对 row marked 已核对 here says who, and each report's 制表人 (the 发展党员纪实表's 填表人,
the recovery sheet's 生成人) is that name. The name is this device's (the ``meta`` table, never
synced): two clerks on two PCs of one unit each set their own. Changing it is itself an audit
entry, written under the new name, with the old one in it.
"""

from __future__ import annotations

import unicodedata

from ztclient.domain import text_norm
from ztclient.domain.errors import DomainError
from ztclient.services.journal import Journal
from ztclient.services.ports import Store

META = "operator_name"
#: What the audit trail names before anyone set a name (and what units have always said).
ROLE = "clerk"
MAX_CHARS = 20


def clean(value: str) -> str:
    """The name as it is kept: tidied as a person's name is (domain/text_norm.name); empty, too
    long, or with a control character is E_OPERATOR_NAME."""
    name = text_norm.name(value if isinstance(value, str) else "")
    if not name:
        raise DomainError("E_OPERATOR_NAME", reason="empty", max=MAX_CHARS)
    if len(name) > MAX_CHARS:
        raise DomainError("E_OPERATOR_NAME", reason="long", max=MAX_CHARS, length=len(name))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise DomainError("E_OPERATOR_NAME", reason="control", max=MAX_CHARS)
    return name


def name_of(store: Store) -> str:
    """The 经办人 set on this device, or ""."""
    return store.get_meta(META) or ""


class OperatorService:
    def __init__(self, store: Store, journal: Journal) -> None:
        self.store = store
        self.journal = journal

    def name(self) -> str:
        return name_of(self.store)

    def set(self, value: str) -> str:
        """Set the 经办人 (E_OPERATOR_NAME when the name will not do); returns the name kept.
        The same name again writes nothing."""
        name = clean(value)
        before = self.name()
        if name == before:
            return name
        actor = self.journal.actor
        self.journal.actor = name  # the change is made by the person it names
        try:
            with self.store.transaction() as tx:
                tx.set_meta(META, name)
                self.journal.audit(tx, "unit.operator_set", name, {"name": name, "before": before})
        except BaseException:
            self.journal.actor = actor
            raise
        return name
