"""Bench: bundle bytes against zlib -9 of the same canonical operations.

Bundles are sealed as the client seals them, audit section included (capability audit1: the
stretch of the audit chain the bundle closes, a few dozen bytes).

Budget (DESIGN.md §7): bundle ≤ 1.15 × zlib-9(canonical ops) + 400 bytes. Prints a table for
workloads from one edit to a month of a branch's work; exit status 1 if any row is over budget.

    python bench/bundle.py
"""

from __future__ import annotations

import secrets
import sys
import time
import uuid
import zlib

from cryptography.hazmat.primitives.asymmetric import x25519

from ztprotocol.audit_section import AuditSection
from ztprotocol.bundle import GENESIS, KeyInfo, open_bundle, seal_bundle
from ztprotocol.canonical import canonical
from ztprotocol.keys import DeviceKeys

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
_counter = [0]
DEVICE_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[(i * 3) % len(GIVEN)]


def _op(entity: str, record_id: str, op: str, fields: dict, base: int | None = None) -> dict:
    _counter[0] += 1
    return {
        "op_id": str(uuid.UUID(int=_counter[0] * 7919 + 10**30)),
        "seq": _counter[0],
        "entity": entity,
        "record_id": record_id,
        "op": op,
        "base_version": base,
        "fields": fields,
        "at": f"2026-11-{1 + _counter[0] % 28:02d}T08:{_counter[0] % 60:02d}:00Z",
    }


def member(i: int) -> dict:
    return _op(
        "member",
        str(uuid.UUID(int=i + 5 * 10**20)),
        "create",
        {
            "name": _name(i),
            "gender": "1" if i % 2 else "2",
            "ethnicity": "01",
            "id_number": f"3301061985{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}X",
            "birth_date": f"1985-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
            "education": "21",
            "org_id": "0190-branch-1",
            "category": "full",
            "status": "normal",
            "join_date": f"20{10 + i % 14}-07-01",
            "phone": f"138{i:08d}",
            "work_unit": "杭州市西湖区某某街道办事处",
            "native_place": "浙江杭州",
        },
    )


def meeting(i: int, attendees: int) -> dict:
    return _op(
        "meeting",
        str(uuid.UUID(int=i + 9 * 10**20)),
        "create",
        {
            "org_id": "0190-branch-1",
            "kind": "branch_general",
            "title": f"第{i}次支部党员大会",
            "starts_at": f"2026-{1 + i % 12:02d}-15T09:00",
            "place": "党员活动室",
            "agenda": ["学习贯彻党的二十大精神", "讨论发展党员事宜"],
            "minutes": "会议由支部书记主持。" * 20,
            "summary": "会议达到预期目的。",
            "attendance": [
                {"member_id": str(uuid.UUID(int=m + 5 * 10**20)), "status": "present"}
                for m in range(attendees)
            ],
        },
    )


def study(i: int, attendees: int) -> dict:
    return _op(
        "study_log",
        str(uuid.UUID(int=i + 7 * 10**20)),
        "insert_many",
        {
            "rows": [
                {
                    "id": str(uuid.UUID(int=i * 1000 + m + 3 * 10**20)),
                    "member_id": str(uuid.UUID(int=m + 5 * 10**20)),
                    "date": "2026-03-15",
                    "hours": 2.0,
                    "form": "collective",
                    "topic": "学习贯彻党的二十大精神",
                    "meeting_id": str(uuid.UUID(int=i + 9 * 10**20)),
                }
                for m in range(attendees)
            ]
        },
    )


def update(i: int) -> dict:
    return _op(
        "member", str(uuid.UUID(int=i + 5 * 10**20)), "update", {"phone": f"139{i:08d}"}, base=1
    )


def workloads() -> list[tuple[str, list[dict]]]:
    out = []
    _counter[0] = 0
    out.append(("one member edit", [update(1)]))
    _counter[0] = 0
    out.append(("new member", [member(1)]))
    _counter[0] = 0
    out.append(("a meeting with its study logs (30)", [meeting(1, 30), study(1, 30)]))
    _counter[0] = 0
    week = [member(i) for i in range(5)] + [update(i) for i in range(10)]
    week += [meeting(1, 30), study(1, 30), meeting(2, 12), study(2, 12)]
    out.append(("a week of a branch (19 ops)", week))
    _counter[0] = 0
    month = [member(i) for i in range(40)] + [update(i) for i in range(60)]
    for k in range(6):
        month += [meeting(k, 40), study(k, 40)]
    out.append(("a month, new branch roster (112 ops)", month))
    return out


def main() -> int:
    device = DeviceKeys.generate()
    central = x25519.X25519PrivateKey.generate()
    lookup = {device.sign_kid: KeyInfo(DEVICE_ID, device.sign.public_key())}.get
    print(
        f"{'workload':40} {'ops':>4} {'canon':>8} {'zlib-9':>7} {'bundle':>7} "
        f"{'ratio':>6} {'budget':>7} {'seal ms':>7} {'open ms':>7}  ok"
    )
    failed = False
    for name, ops in workloads():
        raw = canonical(ops)
        z = len(zlib.compress(raw, 9))
        t0 = time.perf_counter()
        data = seal_bundle(
            ops,
            device_id=DEVICE_ID,
            unit_code="3301060001",
            seq_from=ops[0]["seq"],
            seq_to=ops[-1]["seq"],
            prev_hash=GENESIS,
            audit_head=secrets.token_hex(32),  # real hashes: they do not compress
            device_signing_key=device.sign,
            central_public_key=central.public_key(),
            audit=AuditSection(from_seq=1200, n=len(ops) + 1, prev=secrets.token_hex(32)),
        )
        t1 = time.perf_counter()
        _, back = open_bundle(data, key_lookup=lookup, central_private_key=central)
        t2 = time.perf_counter()
        assert back == ops
        budget = 1.15 * z + 400
        ok = len(data) <= budget
        failed |= not ok
        print(
            f"{name:40} {len(ops):>4} {len(raw):>8} {z:>7} {len(data):>7} "
            f"{len(data) / z:>6.2f} {budget:>7.0f} {(t1 - t0) * 1e3:>7.2f} "
            f"{(t2 - t1) * 1e3:>7.2f}  {'yes' if ok else 'NO'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
