"""Every CLI command finds an organisation the same way (id, code or name): a name that a
dissolved organisation shares with a live one means the live one; two live ones of one name
are ambiguous, said as such, not “not found”."""

from __future__ import annotations

import pytest

from ztclient.cli import commands_records, org_life_output
from ztclient.domain.errors import DomainError

ORGS = [
    {"id": "o1", "code": "B001", "name": "第一党支部", "dissolved_on": "2024-01-01"},
    {"id": "o2", "code": "B011", "name": "第一党支部", "dissolved_on": None},
    {"id": "o3", "code": "B002", "name": "第二党支部", "dissolved_on": None},
    {"id": "o4", "code": "B003", "name": "第二党支部", "dissolved_on": None},
]


class _Store:
    def read(self, sql, params):
        return [dict(o) for o in ORGS if o["id"] in params or o["code"] in params
                or o["name"] in params]  # fmt: skip


class _Session:
    store = _Store()


@pytest.mark.parametrize("resolve", [commands_records.resolve_org, org_life_output.resolve_org])
def test_one_way_to_find_an_organisation(resolve):
    s = _Session()
    assert resolve(s, "第一党支部") == "o2"  # the live one of the shared name
    assert resolve(s, "B001") == "o1"  # a dissolved one is found by its code
    assert resolve(s, "o3") == "o3"
    assert resolve(s, None) is None
    with pytest.raises(DomainError) as e:
        resolve(s, "第二党支部")
    assert e.value.code == "E_ORG_AMBIGUOUS"
    with pytest.raises(DomainError) as e:
        resolve(s, "第九党支部")
    assert e.value.code == "E_NOT_FOUND"
    with pytest.raises(DomainError) as e:
        resolve(s, 7)  # a number in a JSON file
    assert e.value.code == "E_NOT_FOUND"
