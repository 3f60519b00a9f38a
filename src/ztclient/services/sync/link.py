"""What the link has shown it can carry, remembered between syncs, and the sizes that follow.

A clerk's link is whatever it is: a township line that drops every few kilobytes, or a good
4G connection. The client does not ask the clerk (no ``--max-ops`` by hand); it watches two
things and sizes by them:

* ``cut`` — the fewest body bytes one connection carried before the link broke. A request
  body resumes where it broke, but an answer does not, so the answer is asked to stay under
  this (the response budget; the rest of an answer comes in the next round).
* ``target`` — the bundle bytes one sync has shown it can get through. It starts large (big
  bundles cost less: one header, one signature, one receipt each); a sync that gives up before
  the server has the whole request lowers it to what that sync did move, and the next sync
  seals smaller bundles — and re-seals smaller a sealed bundle the server never received
  (outbox.resend_unknown). A request that goes through raises it again, so one bad
  afternoon does not keep bundles small for ever.

The figures live in the store's ``meta`` table (plain numbers, no personal data).
"""

from __future__ import annotations

from dataclasses import dataclass

from ztclient.services.ports import Store

KEY = "sync.link"
MIN_BUNDLE = 1024
MAX_BUNDLE = 256 * 1024
#: a response stays under this even on a link never seen to cut (a week's answer is ~1 KB)
MAX_RESPONSE = 512 * 1024
#: room for the answer's HTTP head and state around its frames
ANSWER_HEAD = 512


@dataclass
class LinkMemory:
    cut: int | None = None
    target: int = MAX_BUNDLE

    @classmethod
    def load(cls, store: Store) -> LinkMemory:
        text = store.get_meta(KEY) or ""
        try:
            cut_s, target_s = text.split(",") if text else ("", str(MAX_BUNDLE))
            return cls(int(cut_s) if cut_s else None, int(target_s))
        except ValueError:  # a damaged figure only costs a guess
            return cls()

    def save(self, store: Store) -> None:
        with store.transaction() as tx:
            tx.set_meta(KEY, f"{'' if self.cut is None else self.cut},{self.target}")

    # -- what was seen -----------------------------------------------------------------------
    def saw_cut(self, carried: int) -> None:
        """A connection broke after carrying ``carried`` body bytes."""
        at = max(carried, 256)
        self.cut = at if self.cut is None else min(self.cut, at)

    def saw_stall(self, moved: int) -> None:
        """A sync gave up with ``moved`` request bytes at the server: seal smaller."""
        self.target = max(MIN_BUNDLE, min(self.target, max(moved, MIN_BUNDLE)))

    def saw_through(self, nbytes: int, cut: bool) -> None:
        """A request of ``nbytes`` went through (``cut``: not in one piece)."""
        self.target = min(MAX_BUNDLE, max(self.target, 2 * nbytes))
        if not cut and self.cut is not None and nbytes > 2 * self.cut:
            self.cut = None  # the link carried far more than its worst cut: forget it

    # -- what follows ------------------------------------------------------------------------
    def bundle_target(self) -> int:
        return self.target

    def response_budget(self) -> int:
        if self.cut is None:
            return MAX_RESPONSE
        return max(MIN_BUNDLE, self.cut - ANSWER_HEAD)
