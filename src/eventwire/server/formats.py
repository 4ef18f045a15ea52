"""Download formats of the HTTP API: events as GeoJSON and as flat CSV rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

CSV_COLUMNS = (
    "event_id", "document_id", "document_title", "document_date", "event_date", "date_start", "date_end",
    "date_precision", "date_text", "type", "mode", "acled_event_type", "acled_sub_event_type",
    "actor1", "actor1_country", "actor1_sector", "actor1_inter", "actor2", "actor2_country", "actor2_sector",
    "actor2_inter", "location", "country", "admin1", "latitude", "longitude", "geo_precision",
    "fatalities", "injured", "confidence", "evidence", "evidence_start", "evidence_end",
)


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


def flat_row(event: dict) -> dict:
    """One event as a flat row (the CSV columns)."""
    a1, a2 = event.get("actor1"), event.get("actor2")
    place, date, evidence = event.get("location"), event.get("date"), event.get("evidence") or {}
    return {
        "event_id": event.get("event_id"),
        "document_id": event.get("document_id"),
        "document_title": event.get("document_title"),
        "document_date": event.get("document_date"),
        "event_date": _get(date, "value"),
        "date_start": _get(date, "start"),
        "date_end": _get(date, "end"),
        "date_precision": _get(date, "precision"),
        "date_text": _get(date, "text"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "acled_event_type": event.get("acled_event_type"),
        "acled_sub_event_type": event.get("acled_sub_event_type"),
        "actor1": _get(a1, "name"),
        "actor1_country": _get(a1, "country"),
        "actor1_sector": _get(a1, "sector"),
        "actor1_inter": _get(a1, "acled_inter"),
        "actor2": _get(a2, "name"),
        "actor2_country": _get(a2, "country"),
        "actor2_sector": _get(a2, "sector"),
        "actor2_inter": _get(a2, "acled_inter"),
        "location": _get(place, "name"),
        "country": _get(place, "country"),
        "admin1": _get(place, "admin1"),
        "latitude": _get(place, "lat"),
        "longitude": _get(place, "lon"),
        "geo_precision": _get(place, "geo_precision"),
        "fatalities": _get(event.get("fatalities"), "value"),
        "injured": _get(event.get("injured"), "value"),
        "confidence": event.get("confidence"),
        "evidence": evidence.get("text"),
        "evidence_start": evidence.get("start"),
        "evidence_end": evidence.get("end"),
    }


def to_csv(events: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(flat_row(event))
    return buffer.getvalue()


def to_geojson(events: Iterable[dict]) -> dict:
    """A FeatureCollection of the events that have coordinates (properties: the flat row)."""
    features = []
    for event in events:
        place = event.get("location") or {}
        lat, lon = place.get("lat"), place.get("lon")
        if lat is None or lon is None:
            continue
        properties = flat_row(event)
        features.append({
            "type": "Feature",
            "id": event.get("event_id"),
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}
