"""Hypothesis: the field-by-field merge against a reference model, for any interleaving of
updates from stale and fresh bases. Nothing is lost: every displaced value is in conflicts."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ztcentral.apply import apply_ops
from ztcentral.db import Database
from ztcentral.storage import init_schema

FIELDS = ("phone", "address", "note")
update = st.tuples(
    st.dictionaries(
        st.sampled_from(FIELDS), st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2
    ),
    st.integers(min_value=0, max_value=8),  # base_version, often stale
)


def model(ops):
    data = {f: "0" for f in FIELDS}
    fver = {f: 1 for f in FIELDS}
    version, conflicts = 1, []
    for fields, base in ops:
        changed = False
        for f, v in sorted(fields.items()):
            if data[f] == v:
                continue
            if fver[f] > base:
                conflicts.append((f, v, data[f]))
            data[f], fver[f], changed = v, version + 1, True
        version += changed
    return data, version, conflicts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(update, max_size=12))
def test_merge_matches_the_model(ops):
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "c.db"))
        init_schema(db)
        canon = [
            {
                "op_id": "c",
                "seq": 1,
                "entity": "member",
                "record_id": "m1",
                "op": "create",
                "base_version": None,
                "fields": {f: "0" for f in FIELDS},
                "at": "t",
            }
        ]
        canon += [
            {
                "op_id": f"u{i}",
                "seq": i + 2,
                "entity": "member",
                "record_id": "m1",
                "op": "update",
                "base_version": base,
                "fields": fields,
                "at": "t",
            }
            for i, (fields, base) in enumerate(ops)
        ]
        with db.tx() as tx:
            results = apply_ops(tx, unit="U", device_id="d", bundle_id="b", ops=canon)
            row = tx.one("SELECT data, version FROM records WHERE id = 'm1'")
            got = [
                (r["field"], json.loads(r["current"]), json.loads(r["displaced"]))
                for r in tx.all(
                    "SELECT field, current, displaced, created_at FROM conflicts "
                    "ORDER BY created_at, field"
                )
            ]
    data, version, conflicts = model(ops)
    assert json.loads(row["data"]) == data and row["version"] == version
    assert sorted(got) == sorted(conflicts)  # insertion times may tie within a microsecond
    assert sum(r["s"] == "conflict" for r in results) == len({c for c in _conflicting(ops)})


def _conflicting(ops):
    """Indexes of ops the model says conflict (for the per-op status count)."""
    data = {f: "0" for f in FIELDS}
    fver = {f: 1 for f in FIELDS}
    version = 1
    for i, (fields, base) in enumerate(ops):
        changed = False
        for f, v in sorted(fields.items()):
            if data[f] == v:
                continue
            if fver[f] > base:
                yield i
            data[f], fver[f], changed = v, version + 1, True
        version += changed
