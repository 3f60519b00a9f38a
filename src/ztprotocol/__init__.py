"""ztprotocol: the sync protocol shared by ztclient and ztcentral (docs/sync-protocol.md).

The DZB1 bundle format and its header, the cryptographic suites, device keys and rotation
statements, signed receipts, trust files, enrolment files and requests, the downlink chain
check, USB file naming, canonical JSON, the protocol's error codes with their texts, and the
one atomic file writer. Both programs import it; it imports neither (import contracts in
pyproject.toml). Keep this ``__init__`` free of imports: ``ztclient.domain`` reads
``ztprotocol.codes`` and must not pull in ``cryptography`` through it.
"""
