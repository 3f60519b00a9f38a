"""docs/sync-protocol.md lists every sync error code with both texts, and nothing stale."""

from __future__ import annotations

import re
from pathlib import Path

from ztprotocol.codes import MESSAGES

DOC = Path(__file__).resolve().parents[3] / "docs" / "sync-protocol.md"


def test_every_code_is_documented_with_both_texts():
    rows = dict(
        (m.group(1), (m.group(2).strip(), m.group(3).strip()))
        for m in re.finditer(
            r"^\| `(E_[A-Z_]+)` \| (.+?) \| (.+?) \|$", DOC.read_text("utf-8"), re.M
        )
    )
    assert rows == MESSAGES
