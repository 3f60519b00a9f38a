"""How hard and how often to try: retries, backoff, the background timer (parameters of the
service, so the UI and the CLI never reach into the adapter to change them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ztclient.services.sync.ports import LinkPolicy


@dataclass(frozen=True)
class SyncPolicy:
    """``retries``/``backoff``: a sync the clerk asked for (立即同步, the CLI) rides out a link
    that drops for a few seconds. ``background_retries``: the program's own timer tries once or
    twice and gives up quickly (it must never keep the clerk waiting). ``background_base_s``
    doubling to ``background_cap_s``: the timer's wait after a sync that met no link."""

    retries: int = 8
    backoff: float = 0.2
    backoff_cap: float = 5.0
    timeout: float = 30.0
    background_retries: int = 1
    background_base_s: float = 60.0
    background_cap_s: float = 15 * 60.0
    #: 2: the lean exchange (one request, one response), falling back to 1 for a server that
    #: has no protocol 2; 1: the exchange of version 0.1 (handshake, uploads, receipts, down)
    protocol: int = 2

    def link(self, *, background: bool, check: Callable[[], None] | None = None) -> LinkPolicy:
        return LinkPolicy(
            retries=min(self.retries, self.background_retries) if background else self.retries,
            backoff=self.backoff,
            backoff_cap=self.backoff_cap,
            timeout=self.timeout,
            check=check,
        )

    def next_background_wait(self, current_s: float, ok: bool) -> float:
        """The timer's next wait: back to the base after a sync that worked, doubled (up to the
        cap) after one that met no link or a refusal."""
        if ok:
            return self.background_base_s
        return min(max(current_s, self.background_base_s) * 2, self.background_cap_s)
