"""Error codes and the one exception type library code raises (never prints or exits)."""

from __future__ import annotations


class EventwireError(Exception):
    """An error a user can act on: ``code`` is stable, ``message`` is one line."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


# Codes in use (grep for them):
# E001 unreadable input path          E002 bad input format
# E003 document rejected (empty, binary, invalid UTF-8, too large)
# E010 wrong spaCy model version      E011 no spaCy model installed
# E020 encoder model missing/corrupt  E021 classifier heads missing
# E030 gazetteer missing/corrupt      E040 store error
# E041 bad store query (date, sort, interval, bbox, dyad)
# E050 evaluation data unreadable
# E060 scale-out (worker processes, Dask cluster)
