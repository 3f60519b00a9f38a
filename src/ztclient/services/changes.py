"""What a service changed, so each view can decide whether to refresh (cf. Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    orgs: bool = False
    members: bool = False
    meetings: bool = False
    study: bool = False
    sync: bool = False
    settings: bool = False
    notices: bool = False
    development: bool = False  # 发展党员 steps and membership events
    org_life: bool = False  # elections and terms, 谈心谈话, 民主评议, 整改
    dues: bool = False  # 党费 bases, payments, approvals

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})


NOTHING = Changes()
