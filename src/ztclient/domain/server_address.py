"""中心服务器地址 (the central server's address): is a connection to it encrypted?

Bundles and receipts are signed and encrypted end to end, but over plain ``http://`` the
enrolment code, the device's requests and what the server says back travel readable and
alterable by anyone on the line. That is fine for a test server on this computer and nowhere
else, so the program warns before it enrols with ``http://`` to any other host.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_plain_http_remote(url: str) -> bool:
    """True for ``http://`` to anything but this computer (loopback addresses, localhost)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a name: it resolves to another computer as far as we can tell
