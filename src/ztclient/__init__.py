"""ztclient — 智慧政工离线客户端 (offline records client for grassroots party organisations)."""

from ztclient.__about__ import VERSION as __version__

__all__ = ["__version__"]
