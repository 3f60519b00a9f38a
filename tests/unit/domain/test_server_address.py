"""Which central server addresses travel unencrypted to another computer."""

from __future__ import annotations

import pytest

from ztclient.domain.messages import render
from ztclient.domain.server_address import is_plain_http_remote


@pytest.mark.parametrize(
    ("url", "warn"),
    [
        ("http://zt.example.gov.cn:8750", True),
        ("HTTP://192.0.2.7/", True),
        ("http://10.1.2.3:8750", True),
        ("http://[2001:db8::1]:8750", True),
        ("https://zt.example.gov.cn", False),
        ("http://127.0.0.1:8750", False),
        ("http://127.8.9.10", False),
        ("http://localhost:8750", False),
        ("http://zt.localhost", False),
        ("http://[::1]:8750", False),
        ("  http://localhost  ", False),
    ],
)
def test_plain_http_to_another_computer(url, warn):
    assert is_plain_http_remote(url) is warn


def test_the_warning_names_the_address_in_both_languages():
    assert "http://10.1.2.3" in render("W_PLAIN_HTTP", "zh", url="http://10.1.2.3")
    assert "not encrypted" in render("W_PLAIN_HTTP", "en", url="http://10.1.2.3")
