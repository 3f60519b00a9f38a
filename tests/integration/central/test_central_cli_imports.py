"""ztcentral's command-line verbs and its bundle path do not load the web console (Starlette,
Jinja2, every page: ~0.3 s a run) nor make the login's timing-safe dummy hash (Argon2id, ~85 ms);
the console makes the hash when it is built, before anyone can log in."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import ztcentral.cli, ztcentral.config, ztcentral.conflict_review, ztcentral.service
from ztcentral.console import accounts, audit
seen = {"web": sorted(m for m in ("starlette", "jinja2") if m in sys.modules),
        "hash": accounts.dummy_hash.cache_info().currsize}
from ztcentral.console.asgi import create_console
class Central:
    db = None
create_console(Central())
seen["hash_after_console"] = accounts.dummy_hash.cache_info().currsize
print(json.dumps(seen))
"""


def test_the_verbs_load_no_web_stack_and_the_console_makes_the_hash_first():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"web": [], "hash": 0, "hash_after_console": 1}
