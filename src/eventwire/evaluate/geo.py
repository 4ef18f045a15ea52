"""Score the places stage on geoparsing corpora: LGL, GeoWebNews (GWN), GeoVirus.

Each article's text is segmented, every sentence parsed with spaCy, and
:func:`eventwire.places.find_places` run on it. Scores:

- recognition: a system place matches a gold toponym when their character spans
  overlap (one-to-one, greedy by overlap). Recall is over the gold toponyms;
  precision counts a system place correct when it overlaps any annotated
  toponym of the article (for GWN: every annotation except ``Non_Toponym``,
  ``Literal_Expression`` and ``Non_Lit_Expression``, i.e. also the toponyms
  GWN gives coordinates but no GeoNames ID, and demonyms);
- resolution over the recognised gold toponyms: acc@161 km (share within 161 km,
  100 miles), mean and median error, and AUC of the error distance
  (Gritta et al. 2018: the mean of ln(1 + error km) / ln(20039), 0 best); an
  unresolved place counts as the largest possible error (20,039 km);
- end to end: acc@161 km over *all* gold toponyms (a missed toponym is wrong).

Gold toponyms: LGL every ``<toponym>`` with a ``<gaztag>``; GWN every
``<toponym>`` with a GeoNames ID and coordinates (the set a GeoNames geocoder can
resolve; toponyms with coordinates but no ID — streets, buildings — are reported
separately as ``gold_with_coordinates``); GeoVirus every ``<location>``.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import EventwireError

__all__ = ["GeoArticle", "GoldToponym", "read_geo", "score_geo", "evaluate_geo"]

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
_GWN_NOT_TOPONYM = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    kind: str | None = None
    gold: bool = True  # in the scored gold set (else only used for precision)


@dataclass(slots=True)
class GeoArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_geo(path: str | Path, limit: int | None = None) -> tuple[str, list[GeoArticle]]:
    """(corpus format, articles) of an LGL / GWN / GeoVirus XML file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EventwireError("E050", f"cannot read {path}: {exc}") from exc
    articles: list[GeoArticle] = []
    first = root.find("article")
    if first is None:
        raise EventwireError("E050", f"{path}: no <article> elements")
    if first.find("locations") is not None or root.find("article/locations") is not None:
        fmt = "geovirus"
    elif first.find("toponyms/toponym/gaztag") is not None or root.find(".//gaztag") is not None:
        fmt = "lgl"
    else:
        fmt = "gwn"
    for number, article in enumerate(root.iter("article")):
        if limit is not None and number >= limit:
            break
        text = article.findtext("text") or ""
        doc_id = article.get("docid") or article.get("file") or article.findtext("source") or str(number)
        item = GeoArticle(str(doc_id), text)
        if fmt == "geovirus":
            for loc in article.iter("location"):
                start, end = int(loc.findtext("start")), int(loc.findtext("end"))
                item.toponyms.append(GoldToponym(start, end, text[start:end], _float(loc.findtext("lat")),
                                                 _float(loc.findtext("lon")), kind="location"))
        elif fmt == "lgl":
            for top in article.iter("toponym"):
                start, end = int(top.findtext("start")), int(top.findtext("end"))
                tag = top.find("gaztag")
                lat = _float(tag.findtext("lat")) if tag is not None else None
                lon = _float(tag.findtext("lon")) if tag is not None else None
                gid = int(tag.get("geonameid")) if tag is not None and (tag.get("geonameid") or "").isdigit() else None
                item.toponyms.append(GoldToponym(start, end, text[start:end], lat, lon, gid,
                                                 tag.findtext("fcode") if tag is not None else None,
                                                 gold=lat is not None and lon is not None))
        else:
            for top in article.iter("toponym"):
                kind = top.findtext("type")
                if kind in _GWN_NOT_TOPONYM:
                    continue
                start, end = int(top.findtext("start")), int(top.findtext("end"))
                lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
                gid_text = (top.findtext("geonamesID") or "").strip()
                gid = int(gid_text) if gid_text.isdigit() else None
                item.toponyms.append(GoldToponym(start, end, text[start:end], lat, lon, gid, kind,
                                                 gold=gid is not None and lat is not None and lon is not None))
        articles.append(item)
    return fmt, articles


def _match(gold: list[GoldToponym], predicted: list) -> dict[int, int]:
    """gold index -> predicted index, one-to-one, greedy by overlap length."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def _error_km(gold: GoldToponym, place) -> float:
    from eventwire.places import distance_km

    if place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    return distance_km(gold.lat, gold.lon, place.lat, place.lon)


def score_geo(articles: list[GeoArticle], predictions: list[list]) -> dict:
    """Figures for articles and their predicted places (lists of :class:`~eventwire.records.Place`)."""
    n_gold = n_pred = pred_correct = 0
    errors: list[float] = []
    e2e_correct = 0
    gold_coords = 0
    for article, places in zip(articles, predictions):
        gold = [t for t in article.toponyms if t.gold]
        gold_coords += sum(1 for t in article.toponyms if t.lat is not None)
        n_gold += len(gold)
        n_pred += len(places)
        pred_correct += len(_match(article.toponyms, places))
        for gi, pi in _match(gold, places).items():
            error = _error_km(gold[gi], places[pi])
            errors.append(error)
            e2e_correct += error <= ACC_KM
    recall = len(errors) / n_gold if n_gold else 0.0
    precision = pred_correct / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    within = sum(1 for e in errors if e <= ACC_KM)
    return {
        "articles": len(articles),
        "gold_toponyms": n_gold,
        "gold_with_coordinates": gold_coords,
        "system_places": n_pred,
        "recognition": {"precision": precision, "recall": recall, "f1": f1},
        "resolution (recognised gold)": {
            "n": len(errors),
            "acc@161km": within / len(errors) if errors else 0.0,
            "mean_error_km": statistics.fmean(errors) if errors else 0.0,
            "median_error_km": statistics.median(errors) if errors else 0.0,
            "auc_error": statistics.fmean(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in errors) if errors else 0.0,
        },
        "end_to_end": {"acc@161km": e2e_correct / n_gold if n_gold else 0.0},
    }


def predict(articles: list[GeoArticle], settings=None, batch_size: int = 64) -> list[list]:
    """Run segmentation, spaCy parsing (as ``settings.parse`` says) and the places stage on every article."""
    from eventwire import nlp, places
    from eventwire.pipeline import parse_documents
    from eventwire.records import Document
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    gazetteer = places.load_gazetteer(settings)
    out = []
    for i in range(0, len(articles), batch_size):
        chunk = [nlp.segment(Document(id=a.id, text=a.text)) for a in articles[i:i + batch_size]]
        parse_documents(chunk, settings)
        out.extend(places.find_places(parsed, gazetteer) for parsed in chunk)
    return out


def evaluate_geo(path: str | Path, limit: int | None = None, settings=None) -> dict:
    """Recognition P/R/F1, resolution acc@161 km and AUC, end-to-end acc@161 km for one corpus file."""
    started = time.perf_counter()
    fmt, articles = read_geo(path, limit=limit)
    predictions = predict(articles, settings)
    report = {"corpus": f"{Path(path).name} ({fmt})"}
    report.update(score_geo(articles, predictions))
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report
