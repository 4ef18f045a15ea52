"""The geoparsing evaluator: reading LGL / GWN / GeoVirus and scoring a small slice."""

from __future__ import annotations

from eventwire.evaluate import geo
from eventwire.records import Place


def _place(text, start, lat, lon):
    return Place(text=text, start=start, end=start + len(text), name=text, geonameid=None, country=None,
                 admin1=None, lat=lat, lon=lon, feature="city", geo_precision=1)


def test_score_counts_recognition_resolution_and_end_to_end():
    article = geo.GeoArticle("a", "Alexandria woman held in Paris.", [
        geo.GoldToponym(0, 10, "Alexandria", 31.31, -92.45),
        geo.GoldToponym(25, 30, "Paris", 33.66, -95.56),
    ])
    predicted = [_place("Alexandria", 0, 31.31, -92.44), _place("Paris", 25, 48.85, 2.35), _place("woman", 11, 0, 0)]
    report = geo.score_geo([article], [predicted])
    assert report["recognition"]["recall"] == 1.0
    assert abs(report["recognition"]["precision"] - 2 / 3) < 1e-9
    resolution = report["resolution (recognised gold)"]
    assert resolution["acc@161km"] == 0.5 and 0 < resolution["auc_error"] < 1
    assert report["end_to_end"]["acc@161km"] == 0.5


def test_reads_each_corpus_format(shared_data):
    for name, fmt in (("lgl.xml", "lgl"), ("GWN.xml", "gwn"), ("GeoVirus.xml", "geovirus")):
        found, articles = geo.read_geo(shared_data / "geo" / name, limit=3)
        assert found == fmt and len(articles) == 3
        for article in articles:
            for toponym in article.toponyms:
                assert article.text[toponym.start:toponym.end] == toponym.text


def test_evaluate_small_slice_of_gwn(shared_data):
    report = geo.evaluate_geo(shared_data / "geo" / "GWN.xml", limit=5)
    assert report["articles"] == 5 and report["gold_toponyms"] > 0
    assert report["recognition"]["recall"] > 0.5
    assert report["resolution (recognised gold)"]["acc@161km"] > 0.6
