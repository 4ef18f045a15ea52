"""HTTP API and offline dashboard over an eventwire store (``eventwire serve``)."""

from __future__ import annotations

__all__ = ["create_app", "serve"]


def __getattr__(name: str):
    if name in __all__:
        from eventwire.server import app

        return getattr(app, name)
    raise AttributeError(name)
