"""Country outlines for the dashboard's map, from the npm package ``world-atlas`` installed at set-up.

``make install`` runs ``npm ci`` (``package.json`` at the repository root), which puts
Natural Earth's countries as TopoJSON under ``node_modules/world-atlas/``. Nothing is
copied into the repository and nothing is fetched at run time: this module finds
the installed file, decodes the TopoJSON to GeoJSON (adding ISO3 codes), and the
server hands it to the dashboard. Without the package the map still draws the
events, over a plain graticule.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

ATLAS_FILE = "countries-50m.json"


def candidate_dirs() -> list[Path]:
    """Where ``node_modules/world-atlas`` may be (first found wins)."""
    dirs = []
    if os.environ.get("EVENTWIRE_NODE_MODULES"):
        dirs.append(Path(os.environ["EVENTWIRE_NODE_MODULES"]))
    dirs.append(Path(__file__).resolve().parents[3] / "node_modules")  # a source checkout (pip install -e)
    dirs.append(Path.cwd() / "node_modules")
    dirs.append(Path.home() / ".cache" / "eventwire" / "node_modules")
    return dirs


def find_installed(package: str, filename: str) -> Path | None:
    """``node_modules/<package>/<filename>`` from the first place it is installed, or None."""
    for directory in candidate_dirs():
        path = directory / package / filename
        if path.is_file():
            return path
    return None


def find_atlas() -> Path | None:
    return find_installed("world-atlas", ATLAS_FILE)


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        else:
            points = [(round(px, 2), round(py, 2)) for px, py in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _iso3(numeric: str | None) -> str | None:
    if not numeric:
        return None
    try:
        import pycountry

        country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    except (ImportError, LookupError, KeyError):
        return None
    return country.alpha_3 if country else None


def topojson_to_geojson(topology: dict, name: str = "countries") -> dict:
    """Decode one object of a TopoJSON topology into a GeoJSON FeatureCollection."""
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates = [_ring(ring, arcs) for ring in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        properties = dict(geometry.get("properties") or {})
        properties["iso3"] = _iso3(geometry.get("id"))
        features.append({"type": "Feature", "id": geometry.get("id"), "properties": properties,
                         "geometry": {"type": kind, "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


@functools.lru_cache(maxsize=1)
def geojson_bytes() -> bytes:
    """The outlines as GeoJSON bytes (an empty collection, ``"available": false``, when not installed)."""
    path = find_atlas()
    if path is None:
        empty = {"type": "FeatureCollection", "features": [], "available": False,
                 "note": "country outlines not installed: run `make install` (npm ci installs world-atlas)"}
        return json.dumps(empty).encode()
    collection = topojson_to_geojson(json.loads(path.read_text(encoding="utf-8")))
    collection["available"] = True
    collection["source"] = "Natural Earth via the npm package world-atlas"
    return json.dumps(collection, separators=(",", ":")).encode()
