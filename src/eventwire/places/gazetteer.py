"""The in-memory gazetteer: ~255,000 GeoNames entries (countries, admin1, admin2,
cities500, regions, continents) in flat arrays with a normalized-name index.

Loaded once per process from the pickle :mod:`eventwire.places.build` writes
(built on first use when absent): ~0.5 s and ~140 MB resident.
"""

from __future__ import annotations

import functools
import gc
import logging
import math
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.errors import EventwireError
from eventwire.places.countries import normalize
from eventwire.records import Place

log = logging.getLogger(__name__)

COUNTRY, ADMIN1, ADMIN2, CITY, REGION, CONTINENT = range(6)
FEATURES = ("country", "admin1", "admin2", "city", "region", "region")  # = build.FEATURE_NAMES
# ACLED geo_precision of a mention of each feature type on its own
PRECISION = (3, 3, 2, 1, 3, 3)


@dataclass(slots=True)
class Candidate:
    entry: int
    primary: bool


class Gazetteer:
    """Flat arrays of entries plus ``index``: normalized name -> entry codes."""

    def __init__(self, data: dict):
        self.version = data["version"]
        self.names: list[str] = data["names"]
        self.geonameid: np.ndarray = data["geonameid"]
        self.country: list[str] = data["country"]
        self.admin1: list[str] = data["admin1"]
        self.admin2: list[str] = data["admin2"]
        self.lat: np.ndarray = data["lat"]
        self.lon: np.ndarray = data["lon"]
        self.feature: np.ndarray = data["feature"]
        self.population: np.ndarray = data["population"]
        self.capitals: set[int] = set(int(i) for i in data["capital"])
        self.index: dict[str, int | tuple[int, ...]] = data["index"]
        self.demonyms: dict[str, int] = data["demonyms"]
        self.us_states: dict[str, int | None] = data["us_states"]
        self.country_entry: dict[str, int] = {
            self.country[i]: i for i in np.flatnonzero(self.feature == COUNTRY).tolist()
        }
        # python lists are faster than numpy scalars in the scoring loop
        self._lat = self.lat.tolist()
        self._lon = self.lon.tolist()
        self._feature = self.feature.tolist()
        self._logpop = [math.log10(p + 10) for p in self.population.tolist()]
        self.admin1_entry: dict[tuple[str, str], int] = {
            (self.country[i], self.admin1[i]): i for i in np.flatnonzero(self.feature == ADMIN1).tolist()
        }

    def __len__(self) -> int:
        return len(self.names)

    # ------------------------------------------------------------------ lookup
    def codes(self, key: str) -> tuple[int, ...]:
        value = self.index.get(key)
        if value is None:
            return ()
        return (value,) if isinstance(value, int) else value

    def lookup(self, name: str, limit: int = 60) -> list[Candidate]:
        """Candidates for a name as written (normalized here), most prominent first."""
        return [Candidate(code >> 1, bool(code & 1)) for code in self.codes(normalize(name))[:limit]]

    def has(self, key: str) -> bool:
        return key in self.index

    def demonym(self, key: str) -> int | None:
        return self.demonyms.get(key)

    def feature_name(self, entry: int) -> str:
        return FEATURES[self._feature[entry]]

    def place(self, entry: int, text: str, start: int, end: int, precision: int | None = None,
              score: float | None = None) -> Place:
        feature = self._feature[entry]
        gid = int(self.geonameid[entry])
        return Place(
            text=text, start=start, end=end, name=self.names[entry], geonameid=gid if gid > 0 else None,
            country=self.country[entry] or None, admin1=self.admin1[entry] or None,
            lat=round(self._lat[entry], 5), lon=round(self._lon[entry], 5), feature=FEATURES[feature],
            geo_precision=precision if precision is not None else PRECISION[feature],
            admin2=self.admin2[entry] or None, score=None if score is None else round(score, 3),
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def read_gazetteer(path: Path) -> Gazetteer:
    try:
        gc.disable()  # unpickling ~1M small objects: the cyclic GC would rescan them again and again
        try:
            with open(path, "rb") as handle:
                data = pickle.load(handle)
            return Gazetteer(data)
        finally:
            gc.enable()
    except (OSError, pickle.UnpicklingError, KeyError, EOFError, ValueError) as exc:
        raise EventwireError("E030", f"gazetteer {path} unreadable ({exc}); rebuild: python -m eventwire.places.build --force") from exc


@functools.lru_cache(maxsize=2)
def _load(cache_dir: str) -> Gazetteer:
    from eventwire.places import build as _build

    path = _build.gazetteer_path(Path(cache_dir))
    if not path.exists():
        log.info("building the gazetteer (first use) at %s", path)
        try:
            _build.build(path=path)
        except OSError as exc:
            raise EventwireError("E030", f"cannot build the gazetteer in {path.parent} ({exc}); "
                                 "set Settings.cache_dir to a writable folder") from exc
    return read_gazetteer(path)


def load_gazetteer(settings=None) -> Gazetteer:
    """The gazetteer for ``settings.cache_dir``, loaded once per process (built on first use)."""
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    return _load(str(Path(settings.cache_dir).expanduser()))
