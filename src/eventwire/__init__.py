"""eventwire: news articles to conflict and political event data, every field tied to its evidence."""

from __future__ import annotations

import logging

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    # The API pulls in spaCy and friends: import it only when asked for.
    if name in ("extract", "extract_many"):
        from eventwire import api

        return getattr(api, name)
    raise AttributeError(name)
