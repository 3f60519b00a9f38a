"""Error texts of one area — sync: exchange, receipts, recovery, devices of one unit.

code -> (中文, English); ``{placeholders}`` are filled from the error's params. Field names that
appear in params get their labels in FIELD_LABELS.

The protocol's own codes (bundles, receipts, trust files, enrolment, upload) and their texts
live in the protocol package (``ztprotocol.codes``), which ztcentral shares; they are merged
here so the client has one catalogue. ``ztprotocol.codes`` imports only the standard library
(an import contract says so), so the domain stays free of third-party packages.
"""

from __future__ import annotations

from ztprotocol.codes import MESSAGES as PROTOCOL_MESSAGES

#: texts of the client's own sync codes (not part of the wire protocol)
CLIENT_MESSAGES: dict[str, tuple[str, str]] = {}

MESSAGES: dict[str, tuple[str, str]] = {**PROTOCOL_MESSAGES, **CLIENT_MESSAGES}

FIELD_LABELS: dict[str, tuple[str, str]] = {}
