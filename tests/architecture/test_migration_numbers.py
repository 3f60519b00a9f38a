"""Both programs' migrations are numbered 1..N with no gap and no number used twice.

Two streams each took the next free number and both landed (009 twice on main after a merge):
`init` then stopped with a RuntimeError before writing the database, and no test of the
unit/architecture run noticed, because only tests that create a database read the folder. This
check needs no database and runs in the quick suite every helper runs before a ready point.
"""

from __future__ import annotations

import re
from importlib import resources

_CLIENT = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def test_client_migrations_are_one_to_n_without_duplicates():
    names = sorted(
        e.name
        for e in resources.files("ztclient.infra.db.migrations").iterdir()
        if e.name.endswith(".sql")
    )
    numbers = [int(_CLIENT.match(n).group(1)) for n in names]
    assert all(_CLIENT.match(n) for n in names), names
    assert numbers == list(range(1, len(numbers) + 1)), names


def test_client_migration_loader_accepts_the_shipped_set():
    from ztclient.infra.db import migrations

    assert migrations.latest() == len(migrations.available()) >= 10


def test_central_migrations_load():
    from ztcentral import schema

    assert [m.version for m in schema.load_migrations()] == list(range(1, schema.LATEST + 1))
