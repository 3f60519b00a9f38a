"""Error texts of one area — central: the client's own words about its connection to the
central server (the protocol's codes live in ``ztprotocol.codes``).

code -> (中文, English); ``{placeholders}`` are filled from the error's params.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "W_PLAIN_HTTP": ("地址 {url} 以 http:// 开头，连接没有加密：登记码和同步请求可能被他人看到或篡改。请向上级索取 https:// 地址；只有在本机测试时才用 http。",
                     "{url} starts with http://: the connection is not encrypted, so the enrolment code and sync requests can be read or altered on the way. Ask for an https:// address; use http only for a test server on this computer."),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {}
