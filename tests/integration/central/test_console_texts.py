"""Every text key the console's templates and code use has both languages."""

from __future__ import annotations

import re
from pathlib import Path

import ztcentral.console as console
from ztcentral.console.i18n import TEXTS

HERE = Path(console.__file__).parent
KEY = re.compile(r"""\bt\(\s*['"]([A-Za-z_]+)['"]""")


def test_every_key_used_has_zh_and_en():
    used = set()
    for path in [*HERE.glob("templates/*.html"), *HERE.glob("*.py")]:
        if path.name != "i18n.py":  # its docstring shows the call with a made-up key
            # keys built at run time ("role_" + role) are listed below instead
            used |= {k for k in KEY.findall(path.read_text("utf-8")) if not k.endswith("_")}
    used |= {"role_viewer", "role_admin", "type_notice", "type_material", "active", "revoked"}
    missing = sorted(k for k in used if k not in TEXTS)
    assert not missing, missing
    for key, (zh, en) in TEXTS.items():
        assert zh and en, key
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en)), key


def test_console_error_codes_have_texts():
    codes = set()
    for path in HERE.glob("*.py"):
        codes |= set(re.findall(r'ConsoleError\(\s*"(E_[A-Z_]+)"', path.read_text("utf-8")))
    assert codes and all(c in TEXTS for c in codes), sorted(codes - set(TEXTS))
