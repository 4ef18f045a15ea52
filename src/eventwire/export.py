"""Stored events out in the formats other tools read: ACLED CSV, PLOVER JSON Lines, GeoJSON, Parquet.

>>> from eventwire.store import open_store, EventQuery
>>> from eventwire.export import export
>>> with open_store("events.duckdb", read_only=True) as store:        # doctest: +SKIP
...     export(store, "acled-csv", "events.csv", EventQuery(country="IRN"))

Every format streams event by event (none holds the whole store in memory) and
returns the number of events written. The field mappings are documented in
docs/conventions.md ("Export mappings").
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from datetime import datetime, timezone
from typing import IO, Any
from urllib.parse import urlparse

from eventwire.errors import EventwireError

FORMATS = ("acled-csv", "plover-jsonl", "geojson", "parquet")

# --------------------------------------------------------------------------- ACLED

# The columns of an ACLED export, in ACLED's order (the layout of ../shared/data/acled).
ACLED_COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
)
# Added after ACLED's columns with ``extras=True``: the way back to the evidence.
ACLED_EXTRA_COLUMNS = (
    "eventwire_event_id", "eventwire_document_id", "eventwire_plover_type", "eventwire_plover_mode",
    "eventwire_confidence", "eventwire_evidence_start", "eventwire_evidence_end", "eventwire_url",
)
# ACLED writes event_date as "18 January 2024" in its CSV exports.
ACLED_DATE_FORMAT = "%d %B %Y"

# ACLED's regions (spelled as in ACLED's exports) by ISO 3166-1 alpha-3 code.
_ACLED_REGIONS = {
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA",
    "Southern Africa": "ZAF BWA LSO NAM SWZ ZMB ZWE",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "Southern Asia": "BGD BTN IND LKA MDV NPL PAK",
    "South-Eastern Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN KOR PRK MNG TWN MAC",
    "Caucasus and Central Asia": "AFG ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Europe": "ALB AND AUT BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA XKX LVA LIE LTU "
              "LUX MLT MCO MNE NLD MKD NOR POL PRT ROU SMR SRB SVK SVN ESP SWE CHE GBR VAT RUS BLR UKR MDA "
              "GIB FRO IMN JEY GGY ALA",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN FLK GUF",
    "Caribbean": "AIA ATG ABW BHS BRB VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF "
                 "VCT SXM TTO TCA VIR BES",
    "North America": "USA CAN GRL BMU SPM",
    "Oceania": "AUS NZL PNG FJI SLB VUT NCL PYF WSM TON KIR FSM MHL PLW NRU TUV COK NIU GUM MNP ASM WLF "
               "TKL NFK PCN",
    "Antarctica": "ATA",
}
ACLED_REGION = {code: region for region, codes in _ACLED_REGIONS.items() for code in codes.split()}

# Where ACLED's country names differ from ISO's common names.
ACLED_COUNTRY_NAMES = {
    "BOL": "Bolivia", "CIV": "Ivory Coast", "COD": "Democratic Republic of Congo", "COG": "Republic of Congo",
    "CPV": "Cape Verde", "CZE": "Czech Republic", "FSM": "Micronesia", "IRN": "Iran", "KOR": "South Korea",
    "PRK": "North Korea", "LAO": "Laos", "MDA": "Moldova", "PSE": "Palestine", "RUS": "Russia", "SWZ": "eSwatini",
    "SYR": "Syria", "TZA": "Tanzania", "TUR": "Turkey", "VEN": "Venezuela", "VNM": "Vietnam", "XKX": "Kosovo",
    "TWN": "Taiwan", "BRN": "Brunei", "GBR": "United Kingdom", "USA": "United States", "VAT": "Vatican City",
    "MKD": "North Macedonia", "STP": "Sao Tome and Principe", "CUW": "Curacao", "BLM": "Saint-Barthelemy",
    "MAF": "Saint-Martin", "VGB": "British Virgin Islands", "VIR": "Virgin Islands, U.S.",
    "BES": "Caribbean Netherlands", "TLS": "East Timor", "HKG": "China", "MAC": "China",
}
# ACLED's own iso3 spellings where they differ from ISO 3166-1.
ACLED_ISO3 = {"ROU": "ROM"}
# ISO numeric codes for codes pycountry does not know.
_ISO_NUMERIC = {"XKX": 0}

# ACLED's inter codes and their names.
INTER_NAMES = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}
# Fallback inter code from an actor's sector when the pipeline left acled_inter empty.
SECTOR_INTER = {
    "GOV": 1, "MIL": 1, "REB": 2, "MIL_NONSTATE": 3, "RIO": 5, "PRO": 6,
    "CVL": 7, "MED": 7, "REL": 7, "BUS": 7, "NGO": 7, "POL": 7, "IGO": 8, "OTHER": 8,
}
# ACLED names protesters, rioters and civilians generically, "Protesters (Israel)", and puts the
# specific group in assoc_actor ("Health Workers (Israel)").
_GENERIC_ACTOR = {5: "Rioters", 6: "Protesters", 7: "Civilians"}


def country_name(iso3: str | None) -> str:
    """ACLED's spelling of a country's name ('' when unknown)."""
    if not iso3:
        return ""
    if iso3 in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[iso3]
    country = _pycountry(iso3)
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


def iso_numeric(iso3: str | None) -> int | str:
    if not iso3:
        return ""
    if iso3 in _ISO_NUMERIC:
        return _ISO_NUMERIC[iso3]
    country = _pycountry(iso3)
    return int(country.numeric) if country is not None else ""


def _pycountry(iso3: str):
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return pycountry.countries.get(alpha_3=iso3.upper())


def inter_code(actor: dict | None, location_country: str | None = None) -> int:
    """ACLED's inter code of an actor (0: no actor). Falls back on the sector when the pipeline set none;
    state forces outside their own country are "External/Other forces" (8), as ACLED codes them."""
    if not actor:
        return 0
    if actor.get("acled_inter"):
        return int(actor["acled_inter"])
    code = SECTOR_INTER.get(actor.get("sector") or "", 0)
    if code == 1 and location_country and actor.get("country") and actor["country"] != location_country:
        return 8
    return code


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes, lower first (13 = state forces vs political militia);
    an actor alone is its code times ten (60 = protesters alone)."""
    if not inter1 and not inter2:
        return 0
    if not inter2 or not inter1:
        return 10 * (inter1 or inter2)
    low, high = sorted((inter1, inter2))
    return 10 * low + high


def acled_actor_names(actor: dict | None, inter: int, country: str) -> tuple[str, str]:
    """(actor, assoc_actor) as ACLED writes them."""
    if not actor:
        return "", ""
    name = actor.get("name") or actor.get("text") or ""
    generic = _GENERIC_ACTOR.get(inter)
    if generic:
        where = country_name(actor.get("country")) or country
        label = f"{generic} ({where})" if where else generic
        if name.lower() in ("", generic.lower(), "civilians", "protesters", "rioters", "demonstrators"):
            return label, ""
        return label, f"{name} ({where})" if where and "(" not in name else name
    return name, ""


# How ACLED names a side the source does not name, by its inter code.
_UNNAMED_ACTOR = {3: "Unidentified Armed Group", 5: "Rioters", 6: "Protesters", 7: "Civilians"}


def _unnamed_actor(inter: int, country: str) -> str:
    """'Unidentified Armed Group (Mexico)' for an unnamed side with inter code 3 ('' when ACLED has no
    such name: unnamed state forces or rebels are left blank rather than guessed)."""
    generic = _UNNAMED_ACTOR.get(inter)
    if not generic:
        return ""
    return f"{generic} ({country})" if country else generic


def acled_date(value: str | None, fmt: str = ACLED_DATE_FORMAT) -> str:
    if not value:
        return ""
    try:
        return Date.fromisoformat(value).strftime(fmt)
    except ValueError:
        return value


def time_precision(event: dict) -> int | str:
    date = event.get("date") or {}
    if date.get("time_precision"):
        return int(date["time_precision"])
    return {"day": 1, "week": 2, "month": 3, "year": 3}.get(date.get("precision") or "", 1 if _day(event) else "")


def _day(event: dict) -> str | None:
    """The day an event is filed under: its date value when a day, else its start, else the publication date."""
    date = event.get("date") or {}
    for value in (date.get("value"), date.get("start"), event.get("document_date")):
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            return value
    return None


def _number(event_id: str, digits: int) -> int:
    """A stable number from an event id (ACLED's ids are numbers)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest(), 16) % 10**digits


def source_name(event: dict) -> str:
    """The publication: the host of the document's URL, else the document id."""
    url = event.get("document_url") or ""
    host = urlparse(url).netloc.lower() if url else ""
    if host.startswith("www."):
        host = host[4:]
    return host or str(event.get("document_id") or "")


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def acled_row(event: dict, *, date_format: str = ACLED_DATE_FORMAT, timestamp: int | None = None) -> dict:
    """One event as an ACLED row (column -> value), eventwire's extras included."""
    location = event.get("location") or {}
    actor1, actor2 = event.get("actor1"), event.get("actor2")
    iso3 = location.get("country") or (actor1 or {}).get("country") or ""
    country = country_name(iso3)
    inter1 = inter_code(actor1, iso3) or int(event.get("acled_inter1") or 0)
    inter2 = inter_code(actor2, iso3) or int(event.get("acled_inter2") or 0)
    name1, assoc1 = acled_actor_names(actor1, inter1, country)
    name2, assoc2 = acled_actor_names(actor2, inter2, country)
    name1 = name1 or _unnamed_actor(inter1, country)
    name2 = name2 or _unnamed_actor(inter2, country)
    day = _day(event)
    number = _number(event["event_id"], 8)
    acled_iso3 = ACLED_ISO3.get(iso3, iso3)
    lat, lon = location.get("lat"), location.get("lon")
    fatalities = (event.get("fatalities") or {}).get("value")
    evidence = event.get("evidence") or {}
    return {
        "data_id": _number(event["event_id"] + "#data", 9),
        "iso": iso_numeric(iso3),
        "event_id_cnty": f"{acled_iso3 or 'XXX'}{number}",
        "event_id_no_cnty": number,
        "event_date": acled_date(day, date_format),
        "year": int(day[:4]) if day else "",
        "time_precision": time_precision(event),
        "event_type": event.get("acled_event_type") or "",
        "sub_event_type": event.get("acled_sub_event_type") or "",
        "actor1": name1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": name2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "region": ACLED_REGION.get(iso3, ""),
        "country": country,
        "admin1": location.get("admin1") or "",
        "admin2": location.get("admin2") or "",
        "admin3": "",
        "location": location.get("name") or "",
        "latitude": "" if lat is None else round(float(lat), 4),
        "longitude": "" if lon is None else round(float(lon), 4),
        "geo_precision": location.get("geo_precision") or "",
        "source": source_name(event),
        "source_scale": "",
        "notes": _clean(evidence.get("text")),
        "fatalities": int(fatalities) if fatalities is not None else 0,
        "timestamp": timestamp if timestamp is not None else int(datetime.now(timezone.utc).timestamp()),
        "iso3": acled_iso3,
        "eventwire_event_id": event["event_id"],
        "eventwire_document_id": event.get("document_id") or "",
        "eventwire_plover_type": event.get("type") or "",
        "eventwire_plover_mode": event.get("mode") or "",
        "eventwire_confidence": event.get("confidence"),
        "eventwire_evidence_start": evidence.get("start"),
        "eventwire_evidence_end": evidence.get("end"),
        "eventwire_url": event.get("document_url") or "",
    }


def write_acled_csv(events: Iterable[dict], stream: IO[str], *, extras: bool = False, all_events: bool = False,
                    date_format: str = ACLED_DATE_FORMAT) -> int:
    """ACLED's CSV. Events ACLED does not code (no acled_event_type, most diplomacy) are left
    out unless ``all_events``; ``extras`` adds the ``eventwire_*`` columns after ACLED's."""
    columns = ACLED_COLUMNS + (ACLED_EXTRA_COLUMNS if extras else ())
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    stamp = int(datetime.now(timezone.utc).timestamp())
    n = 0
    for event in events:
        if not all_events and not event.get("acled_event_type"):
            continue
        writer.writerow(acled_row(event, date_format=date_format, timestamp=stamp))
        n += 1
    return n


# --------------------------------------------------------------------------- PLOVER


def _plover_actor(actor: dict | None) -> list[dict]:
    if not actor:
        return []
    return [{
        "actorText": actor.get("text"), "code": actor.get("country"), "sector": actor.get("sector"),
        "name": actor.get("name"), "start": actor.get("start"), "end": actor.get("end"),
    }]


def _iso2(iso3: str | None) -> str | None:
    country = _pycountry(iso3) if iso3 else None
    return country.alpha_2 if country is not None else None


def plover_record(event: dict) -> dict:
    """One event in PLOVER's JSON record layout (the fields of PLOVER's gold-standard records)."""
    location = event.get("location")
    evidence = event.get("evidence") or {}
    fatalities = (event.get("fatalities") or {}).get("value")
    injured = (event.get("injured") or {}).get("value")
    record = {
        "id": event["event_id"],
        "date": _day(event),
        "event": event.get("type"),
        "eventText": evidence.get("trigger"),
        "mode": event.get("mode"),
        "context": event.get("context"),  # PLOVER contexts: not coded by eventwire yet (null)
        "source": _plover_actor(event.get("actor1")),
        "target": _plover_actor(event.get("actor2")),
        "eventLoc": None if not location else {
            "name": location.get("name"), "country code": _iso2(location.get("country")),
            "country": location.get("country"), "admin1": location.get("admin1"),
            "lat": location.get("lat"), "lon": location.get("lon"), "geonameid": location.get("geonameid"),
            "geo_precision": location.get("geo_precision"),
        },
        "text": evidence.get("text"),
        "textInfo": {"document_id": event.get("document_id"), "start": evidence.get("start"),
                     "end": evidence.get("end"), "trigger_start": evidence.get("trigger_start"),
                     "trigger_end": evidence.get("trigger_end")},
        "language": event.get("document_language") or "en",
        "publication": source_name(event),
        "dead": fatalities,
        "injured": injured,
        "acled_event_type": event.get("acled_event_type"),
        "acled_sub_event_type": event.get("acled_sub_event_type"),
        "confidence": event.get("confidence"),
        "coder": "eventwire",
        "version": _version(),
    }
    return record


def _version() -> str:
    from eventwire import __version__

    return __version__


def write_plover_jsonl(events: Iterable[dict], stream: IO[str]) -> int:
    n = 0
    for event in events:
        stream.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        n += 1
    return n


# --------------------------------------------------------------------------- flat rows (GeoJSON, Parquet)


def _get(*path: str) -> Callable[[dict], Any]:
    def get(event: dict) -> Any:
        value: Any = event
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


# (column, Arrow type name, getter): one flat row per event, shared by GeoJSON properties and Parquet.
FLAT_COLUMNS: list[tuple[str, str, Callable[[dict], Any]]] = [
    ("event_id", "string", _get("event_id")),
    ("document_id", "string", _get("document_id")),
    ("document_title", "string", _get("document_title")),
    ("document_date", "string", _get("document_date")),
    ("type", "string", _get("type")),
    ("mode", "string", _get("mode")),
    ("acled_event_type", "string", _get("acled_event_type")),
    ("acled_sub_event_type", "string", _get("acled_sub_event_type")),
    ("event_date", "string", _day),
    ("date_value", "string", _get("date", "value")),
    ("date_start", "string", _get("date", "start")),
    ("date_end", "string", _get("date", "end")),
    ("date_precision", "string", _get("date", "precision")),
    ("date_text", "string", _get("date", "text")),
    *[(f"{role}_{key}", kind, _get(role, key)) for role in ("actor1", "actor2") for key, kind in (
        ("name", "string"), ("text", "string"), ("start", "int64"), ("end", "int64"), ("country", "string"),
        ("sector", "string"), ("acled_inter", "int64"))],
    ("location_name", "string", _get("location", "name")),
    ("location_text", "string", _get("location", "text")),
    ("location_country", "string", _get("location", "country")),
    ("location_admin1", "string", _get("location", "admin1")),
    ("location_admin2", "string", _get("location", "admin2")),
    ("location_geonameid", "int64", _get("location", "geonameid")),
    ("location_feature", "string", _get("location", "feature")),
    ("latitude", "float64", _get("location", "lat")),
    ("longitude", "float64", _get("location", "lon")),
    ("geo_precision", "int64", _get("location", "geo_precision")),
    ("fatalities", "int64", _get("fatalities", "value")),
    ("fatalities_qualifier", "string", _get("fatalities", "qualifier")),
    ("fatalities_text", "string", _get("fatalities", "text")),
    ("injured", "int64", _get("injured", "value")),
    ("injured_text", "string", _get("injured", "text")),
    ("evidence_text", "string", _get("evidence", "text")),
    ("evidence_start", "int64", _get("evidence", "start")),
    ("evidence_end", "int64", _get("evidence", "end")),
    ("evidence_trigger", "string", _get("evidence", "trigger")),
    ("attribution_text", "string", _get("attribution", "text")),
    ("confidence", "float64", _get("confidence")),
]

_CASTS = {"string": lambda v: v if isinstance(v, str) else str(v), "int64": int, "float64": float}


def flat_row(event: dict) -> dict:
    """One event as a flat dict of FLAT_COLUMNS (typed; None where absent)."""
    row = {}
    for name, kind, get in FLAT_COLUMNS:
        value = get(event)
        try:
            row[name] = None if value is None else _CASTS[kind](value)
        except (TypeError, ValueError):
            row[name] = None
    return row


def _contract_event(event: dict) -> dict:
    return {k: v for k, v in event.items() if not k.startswith("document_")}


def write_geojson(events: Iterable[dict], stream: IO[str], *, include_unlocated: bool = False) -> int:
    """A GeoJSON FeatureCollection of located events (Point [lon, lat]), flat properties.
    Events without coordinates are left out unless ``include_unlocated`` (null geometry)."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event in events:
        location = event.get("location") or {}
        lat, lon = location.get("lat"), location.get("lon")
        located = lat is not None and lon is not None
        if not located and not include_unlocated:
            continue
        feature = {
            "type": "Feature",
            "id": event["event_id"],
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]} if located else None,
            "properties": flat_row(event),
        }
        stream.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    stream.write("\n]}\n")
    return n


def write_parquet(events: Iterable[dict], out: str | os.PathLike | IO[bytes], *, batch: int = 5000) -> int:
    """Parquet, one row per event: FLAT_COLUMNS plus ``event_json`` (the contract's Event JSON)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind, _ in FLAT_COLUMNS] + [("event_json", pa.string())])
    names = schema.names
    n = 0
    with pq.ParquetWriter(out if not isinstance(out, os.PathLike) else os.fspath(out), schema) as writer:
        rows: list[dict] = []

        def flush() -> None:
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()

        for event in events:
            row = flat_row(event)
            row["event_json"] = json.dumps(_contract_event(event), ensure_ascii=False)
            rows.append({name: row.get(name) for name in names})
            n += 1
            if len(rows) >= batch:
                flush()
        flush()
    return n


# --------------------------------------------------------------------------- entry point


@contextmanager
def _text_stream(out: str | os.PathLike | IO) -> Iterator[IO[str]]:
    if isinstance(out, str | os.PathLike):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    elif isinstance(out, io.TextIOBase) or not _is_binary(out):
        yield out  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()


def _is_binary(stream: Any) -> bool:
    return isinstance(stream, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(stream, "mode", "")


def _events(store, query) -> Iterator[dict]:
    from eventwire.store import EventQuery

    return store.iter_events(query or EventQuery(limit=None))


def export(store, fmt: str, out: str | os.PathLike | IO, query=None, **options) -> int:
    """Write the events of ``store`` matching ``query`` (default: all) to ``out`` in ``fmt``.

    ``fmt``: acled-csv | plover-jsonl | geojson | parquet. ``out``: a path, or an open stream
    (text or binary; parquet needs binary). ``query.limit``/``offset`` apply (``limit=None``: all).
    Options: acled-csv ``extras``, ``all_events``, ``date_format``; geojson ``include_unlocated``.
    Returns the number of events written.
    """
    if fmt not in FORMATS:
        raise EventwireError("E040", f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    events = _events(store, query)
    if fmt == "parquet":
        if not isinstance(out, str | os.PathLike) and not _is_binary(out):
            raise EventwireError("E040", "parquet is binary: give a path or a binary stream")
        return write_parquet(events, out)
    with _text_stream(out) as stream:
        if fmt == "acled-csv":
            return write_acled_csv(events, stream, **options)
        if fmt == "plover-jsonl":
            return write_plover_jsonl(events, stream)
        return write_geojson(events, stream, **options)
