"""`enroll --server http://…` to another computer says, before the code goes over the line,
that the connection is not encrypted (and nothing for https or this computer)."""

from __future__ import annotations

import types

import pytest

from ztclient.cli import commands_sync
from ztclient.domain.errors import DomainError


class _Sync:
    def __init__(self) -> None:
        self.called: list[str] = []

    def enroll_online(self, url: str, code: str) -> dict:
        self.called.append(url)
        raise DomainError("E_NETWORK", what="test")


@pytest.mark.parametrize(
    ("url", "warned"),
    [("http://10.1.2.3:8750", True), ("https://zt.example.gov.cn", False),
     ("http://127.0.0.1:8750", False)],
)  # fmt: skip
def test_enroll_warns_before_plain_http(monkeypatch, capsys, url, warned):
    sync = _Sync()
    monkeypatch.setattr(commands_sync, "_sync_service", lambda ctx, enrolled=False: sync)
    args = types.SimpleNamespace(code="2222-2222-2222-2222-2222", server=url, json=False)
    ctx = types.SimpleNamespace(args=args, lang="zh", msg=_msg)
    commands_sync.cmd_enroll(ctx)
    err = capsys.readouterr().err
    assert sync.called == [url]  # the warning does not stop a script
    assert ("没有加密" in err) is warned


def _msg(code: str, **params) -> str:
    from ztclient.domain.messages import render

    return render(code, "zh", **params)
