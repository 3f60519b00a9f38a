"""Coded errors. The UI and the CLI turn a code into text (domain/messages.py); nobody parses messages."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule was broken; nothing was written.

    ``code`` is a stable identifier such as ``E_ID_CHECKSUM``; ``field`` names the input field
    when there is one; ``params`` fill the message's placeholders.
    """

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{code} {field or ''} {params}".strip())

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "params": self.params}


class ValidationErrors(DomainError):
    """Several rule failures found at once (a form or an import row)."""

    def __init__(self, errors: list[DomainError]) -> None:
        self.errors = errors
        first = errors[0] if errors else DomainError("E_INVALID")
        super().__init__(first.code, first.field, **first.params)

    def to_dict(self) -> dict[str, Any]:
        return {"code": "E_VALIDATION", "errors": [e.to_dict() for e in self.errors]}
