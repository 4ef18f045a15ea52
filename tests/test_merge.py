"""Cross-article merging (eventwire.merge): constraints, reconciliation, incremental store updates."""

from __future__ import annotations

import re
from pathlib import Path
import zlib

import numpy as np
import pytest
from records_factory import sample_records

from eventwire import merge
from eventwire.merge import MergeSettings, Mention, Merger, merge_events, reconcile_counts, score_pair
from eventwire.records import to_dict
from eventwire.store import open_store

SARAVAN = {"name": "Saravan", "country": "IRN", "admin1": "Sistan and Baluchestan", "lat": 27.37089,
           "lon": 62.33096, "feature": "city", "geo_precision": 1}
SARAVAN_NEAR = {"name": "Sib and Suran", "country": "IRN", "admin1": "Sistan and Baluchestan", "lat": 27.24,
                "lon": 62.05, "feature": "city", "geo_precision": 2}
ZAHEDAN = {"name": "Zahedan", "country": "IRN", "admin1": "Sistan and Baluchestan", "lat": 29.4963,
           "lon": 60.8629, "feature": "city", "geo_precision": 1}
PANJGUR = {"name": "Panjgur", "country": "PAK", "admin1": "Balochistan", "lat": 26.96456, "lon": 64.09459,
           "feature": "city", "geo_precision": 1}
PAK_MIL = {"text": "Pakistan's air force", "name": "Military Forces of Pakistan", "country": "PAK", "sector": "MIL",
           "acled_inter": 8}
IRN_MIL = {"text": "Iran", "name": "Military Forces of Iran", "country": "IRN", "sector": "MIL", "acled_inter": 8}
BLA = {"text": "Baluch Liberation Army", "name": "Baluch Liberation Army", "country": None, "sector": "REB",
       "acled_inter": 2}
JAA = {"text": "Jaish al-Adl", "name": "Jaish al-Adl", "country": None, "sector": "REB", "acled_inter": 2}


def event(text, type_="ASSAULT", day="2024-01-18", where=SARAVAN, actor1=PAK_MIL, actor2=None, dead=None,
          precision="day", source="sentence", acled="Explosions/Remote violence", event_id=None):
    start = end = day
    if precision == "month" and day:
        start, end = day[:8] + "01", day[:8] + "31"
    return {
        "event_id": event_id or f"ev-{zlib.crc32(text.encode()):x}", "type": type_, "mode": None,
        "acled_event_type": acled if type_ in ("ASSAULT", "COERCE", "PROTEST") else None,
        "acled_sub_event_type": None, "actor1": actor1, "actor2": actor2,
        "date": {"value": day[:7] if precision == "month" and day else day, "start": start, "end": end,
                 "precision": precision, "text": None, "source": source} if day else None,
        "location": where,
        "fatalities": {"value": dead, "low": dead, "high": None, "qualifier": "at_least", "text": f"{dead} killed"}
        if dead is not None else None,
        "injured": None, "evidence": {"text": text, "start": 0, "end": len(text), "trigger": "strike"},
        "confidence": 0.8,
    }


def bag_encoder(texts):
    """A deterministic stand-in for the sentence encoder: hashed bags of words, L2-normalised."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"[a-z]+", text.lower()):
            if len(word) > 3:
                out[i, zlib.crc32(word.encode()) % 256] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-9, None)


def mention(doc, ev, doc_date="2024-01-18"):
    m = Mention(doc, 0, ev, doc_date)
    m.embedding = bag_encoder([merge.embed_text(ev)])[0]
    return m


STRIKE_A = ("Pakistan's air force launched retaliatory airstrikes on militant hideouts near Saravan in Iran "
            "early Thursday, killing at least nine people.")
STRIKE_B = ("Pakistani airstrikes on militant hideouts near Saravan in Iran killed nine people early Thursday, "
            "including four children.")
STRIKE_C = "Pakistan launched airstrikes on militant hideouts in Iran on Thursday that killed 11 people, officials said."
BLAST = "A separate bomb blast at a market near Saravan on Thursday killed three people, police said."


# --------------------------------------------------------------------------- pairwise constraints


def test_two_reports_of_one_strike_merge():
    a = mention("voa", event(STRIKE_A, dead=9))
    b = mention("ap", event(STRIKE_B, dead=9, where=SARAVAN_NEAR), "2024-01-19")
    result = score_pair(a, b)
    assert result.compatible, result.reason


def test_same_place_and_day_but_different_event_does_not_merge():
    strike = mention("voa", event(STRIKE_A, dead=9))
    blast = mention("ap", event(BLAST, actor1=None, dead=3, acled="Explosions/Remote violence"))
    assert not score_pair(strike, blast).compatible


def test_opposite_directions_never_merge():
    pak = mention("voa", event(STRIKE_A, dead=9))
    irn = mention("ap", event("Iran struck Jaish al-Adl bases near Saravan on Thursday, killing nine.",
                              actor1=IRN_MIL, actor2=JAA, dead=9))
    result = score_pair(pak, irn)
    assert not result.compatible and result.reason == "actor1 differs"


def test_dates_apart_and_places_apart_block_merging():
    a = mention("voa", event(STRIKE_A))
    later = mention("ap", event(STRIKE_B, day="2024-01-25"), "2024-01-25")
    assert score_pair(a, later).reason == "dates apart"
    far = mention("ap", event(STRIKE_B, where=ZAHEDAN))  # ~270 km away, both town-precise
    assert score_pair(a, far).reason == "places apart"
    other_country = mention("ap", event(STRIKE_B, where=PANJGUR))
    assert score_pair(a, other_country).reason == "places apart"


def test_geo_precision_widens_the_radius():
    province = dict(SARAVAN, name="Sistan and Baluchestan", lat=28.0, lon=60.0, feature="admin1", geo_precision=3)
    ok, precise = merge.places_compatible(SARAVAN, province, MergeSettings())
    assert ok and not precise  # ~240 km from the province's centre: within precision 3's radius
    ok, _ = merge.places_compatible(SARAVAN, dict(province, geo_precision=1), MergeSettings())
    assert not ok


def test_month_precision_covers_its_days_and_publication_dates_look_back():
    a = mention("voa", event(STRIKE_A, day="2024-01-18"))
    month = mention("ap", event(STRIKE_B, day="2024-01-01", precision="month"), "2024-02-02")
    assert score_pair(a, month).reason != "dates apart"
    published = mention("ap", event(STRIKE_B, day="2024-01-20", source="publication"), "2024-01-20")
    assert score_pair(a, published).reason != "dates apart"  # reported two days later, date not stated
    too_late = mention("ap", event(STRIKE_B, day="2024-01-30", source="publication"), "2024-01-30")
    assert score_pair(a, too_late).reason == "dates apart"


def test_types_compatible_by_family_only():
    assert merge.types_compatible({"type": "ASSAULT"}, {"type": "COERCE"})
    assert merge.types_compatible({"type": "ACCUSE"}, {"type": "REJECT"})
    assert not merge.types_compatible({"type": "ASSAULT"}, {"type": "PROTEST"})
    assert not merge.types_compatible({"type": "ASSAULT", "acled_event_type": "Battles"},
                                      {"type": "COERCE", "acled_event_type": "Strategic developments"})


def test_named_groups_must_agree():
    assert not merge.actors_compatible(BLA, JAA)[0]
    assert merge.actors_compatible(BLA, {"name": "Baloch Liberation Army", "sector": "REB"})[0]
    assert merge.actors_compatible(BLA, {"name": "militants", "sector": "REB"})[0]
    assert not merge.actors_compatible(PAK_MIL, BLA)[0]  # state forces vs a rebel group


def test_named_groups_under_other_spellings_agree_and_different_cartels_do_not():
    zetas = {"name": "Los Zetas", "sector": "MIL_NONSTATE", "acled_inter": 3}
    assert merge.actors_compatible(zetas, {"name": "Zetas", "sector": "MIL_NONSTATE"}) == (True, True)
    assert merge.actors_compatible(zetas, {"name": "the Zetas", "sector": "REB"}) == (True, True)
    assert merge.actors_compatible(zetas, {"name": "Zeta cell", "sector": "MIL_NONSTATE"})[0]
    assert merge.actors_compatible(BLA, {"name": "BLA", "sector": "REB"}) == (True, True)  # its acronym
    assert merge.actors_compatible(BLA, {"name": "Baluch Liberation Army", "sector": "REB"}) == (True, True)
    eln = {"name": "Ejercito de Liberacion Nacional", "sector": "REB"}
    assert merge.actors_compatible(eln, {"name": "ELN", "sector": "REB"})[0]
    # Two groups whose names share only generic words are two groups.
    gulf = {"name": "Gulf Cartel", "sector": "MIL_NONSTATE"}
    sinaloa = {"name": "Sinaloa Cartel", "sector": "MIL_NONSTATE"}
    assert not merge.actors_compatible(gulf, sinaloa)[0]
    assert not merge.actors_compatible({"name": "National Liberation Army", "sector": "REB"},
                                       {"name": "Popular Liberation Army", "sector": "REB"})[0]
    assert not merge.actors_compatible(zetas, gulf)[0]


def test_a_shared_description_is_not_a_shared_actor():
    """Two accounts of one ambush both call the attacker "a perpetrator" (InSight Crime on the 2011 attack
    on two US agents): a description in common earns no actor bonus, a name in common does."""
    gunman = {"name": "perpetrator", "sector": "MIL_NONSTATE", "acled_inter": 3}
    assert merge.actors_compatible(gunman, dict(gunman)) == (True, False)
    a = mention("a", event(STRIKE_A, actor1=gunman))
    b = mention("b", event(STRIKE_B, actor1=dict(gunman), where=SARAVAN_NEAR))
    named_a = mention("a", event(STRIKE_A, actor1=BLA))
    named_b = mention("b", event(STRIKE_B, actor1=dict(BLA), where=SARAVAN_NEAR))
    bonus = MergeSettings().bonus_actor
    assert score_pair(named_a, named_b).score == pytest.approx(score_pair(a, b).score + bonus, abs=1e-6)


def test_never_merges_within_one_article():
    a, b = mention("voa", event(STRIKE_A)), mention("voa", event(STRIKE_B))
    assert score_pair(a, b).reason == "same article"


# --------------------------------------------------------------------------- reconciliation


def test_casualties_follow_acleds_conservative_rule():
    members = [mention("a", event(STRIKE_A, dead=9)), mention("b", event(STRIKE_B, dead=11)),
               mention("c", event(STRIKE_C, dead=None))]
    members[1].event["fatalities"].update(low=10, high=12)
    counts = reconcile_counts(members)
    assert (counts["value"], counts["low"], counts["high"]) == (9, 9, 12)
    assert [r["value"] for r in counts["reports"]] == [9, 11]


def test_merge_events_keeps_every_source_and_reconciles():
    docs = [
        ("voa", "2024-01-18", [event(STRIKE_A, dead=9), event(BLAST, actor1=None, dead=3)]),
        ("ap", "2024-01-19", [event(STRIKE_B, dead=11, where=SARAVAN_NEAR)]),
        ("afp", "2024-01-18", [event("Protesters in Islamabad condemned the Iranian strikes on Thursday.",
                                     type_="PROTEST", acled="Protests", where=None,
                                     actor1={"name": "Protesters", "country": "PAK", "sector": "PRO"})]),
    ]
    canonical, assignment = merge_events(docs, encoder=bag_encoder)
    assert len(canonical) == 3
    assert assignment[("voa", 0)] == assignment[("ap", 0)] != assignment[("voa", 1)]
    strike = next(c for c in canonical if c.canonical_id == assignment[("voa", 0)]).data
    assert strike["n_documents"] == 2 and [s["document_id"] for s in strike["sources"]] == ["voa", "ap"]
    assert strike["fatalities"]["value"] == 9 and strike["fatalities"]["high"] == 11
    assert strike["location"]["name"] == "Saravan"  # the more precise place wins
    assert strike["date"]["value"] == "2024-01-18"


def test_undated_reports_need_stronger_evidence():
    a = Mention("ic-1", 0, event(STRIKE_A, day=None), None)
    b = Mention("ic-2", 0, event(STRIKE_C, day=None), None)
    a.embedding, b.embedding = bag_encoder([STRIKE_A, STRIKE_C])
    dated = score_pair(Mention("x", 0, event(STRIKE_A), "2024-01-18", a.embedding),
                       Mention("y", 0, event(STRIKE_C), "2024-01-18", b.embedding))
    undated = score_pair(a, b)
    assert undated.score < dated.score or not undated.compatible
    assert f"{MergeSettings().undated_threshold:.2f}" in undated.reason


HEREDIA = {"text": "Armando Villareal Heredia", "name": "Armando Villareal Heredia", "country": None, "sector": "CVL",
           "acled_inter": 7}
ARREST_A = "The arrest of Armando Villareal Heredia, alias El Gordo, is a blow to the weakened Tijuana Cartel."
ARREST_B = "Armando Villareal Heredia, alias El Gordo, was captured in Sonora state, according to officials."


def test_a_named_person_arrested_in_both_undated_reports_counts_as_a_date():
    def undated(doc, text, actor2):
        m = Mention(doc, 0, event(text, type_="COERCE", day=None, where=None, actor1=None, actor2=actor2,
                                  acled="Strategic developments"), None)
        m.embedding = np.asarray([1.0, 0.0], dtype=np.float32)
        return m

    def similar(m, cosine):  # the second report's evidence at a given cosine to the first
        m.embedding = np.asarray([cosine, (1 - cosine ** 2) ** 0.5], dtype=np.float32)
        return m

    first = undated("ic-1", ARREST_A, HEREDIA)
    same_person = score_pair(first, similar(undated("ic-2", ARREST_B, HEREDIA), 0.77))
    assert same_person.compatible and "/ 0.70" in same_person.reason
    unnamed = score_pair(first, similar(undated("ic-2", ARREST_B, None), 0.77))
    assert not unnamed.compatible and "/ 0.85" in unnamed.reason
    surname = dict(HEREDIA, text="Heredia", name="Heredia")  # a surname alone does not identify a person
    assert not score_pair(undated("ic-1", ARREST_A, surname),
                          similar(undated("ic-2", ARREST_B, surname), 0.77)).compatible


def test_named_person_is_a_full_name_not_a_description_a_group_or_a_state():
    assert merge.named_person(HEREDIA) == "armando villareal heredia"
    for name, sector in [("Heredia", None), ("Two US Agents", "CVL"), ("Argentine singer Facundo Cabral", None),
                         ("Sinaloa Cartel", None), ("Military Forces of Mexico", "MIL"), ("Jose Perez", "GOV")]:
        assert merge.named_person({"name": name, "sector": sector}) is None, name


def test_a_town_in_the_province_the_other_report_names_earns_a_smaller_place_bonus():
    province = dict(SARAVAN, name="Sistan and Baluchestan", lat=28.0, lon=60.0, feature="admin1", geo_precision=3)
    town, region = mention("voa", event(STRIKE_A)), mention("ap", event(STRIKE_A, where=province))
    nowhere = mention("ap", event(STRIKE_A, where=None))
    settings = MergeSettings()
    assert merge.same_province(SARAVAN, province) and not merge.same_province(SARAVAN, PANJGUR)
    gain = score_pair(town, region).score - score_pair(town, nowhere).score
    assert abs(gain - settings.bonus_province) < 1e-6 and settings.bonus_province < settings.bonus_place


# --------------------------------------------------------------------------- the store, incrementally


def _strikes_doc(doc_id, text, dead, day="2024-01-18"):
    from records_factory import strikes_record

    record = to_dict(strikes_record())
    record["id"] = doc_id
    record["date"] = day
    record["text"] = text
    record["events"] = [event(text, dead=dead, event_id=f"{doc_id}-e0")]
    return record


def test_store_update_is_incremental():
    with open_store(":memory:") as store:
        store.write(sample_records())
        first = merge.update_store(store, encoder=bag_encoder)
        assert first["documents"] == 4 and first["canonical_total"] == 5
        again = merge.update_store(store, encoder=bag_encoder)
        assert again["documents"] == 0 and again["canonical_changed"] == 0

        store.write([_strikes_doc("afp-strikes", STRIKE_B, 11)])
        calls = []
        update = merge.update_store(store, encoder=lambda texts: calls.append(list(texts)) or bag_encoder(texts))
        assert update["documents"] == 1 and calls == [[STRIKE_B]]  # only the new article is embedded
        stored = merge.query_canonical(store, countries=["IRN"])
        saravan = [c for c in stored if (c.get("location") or {}).get("name") in ("Saravan",)]
        assert len(saravan) == 1 and saravan[0]["n_documents"] == 2
        assert saravan[0]["fatalities"]["value"] == 9 and saravan[0]["fatalities"]["high"] == 11

        store.delete_document("afp-strikes")
        merge.update_store(store, encoder=bag_encoder)
        saravan = [c for c in merge.query_canonical(store) if (c.get("location") or {}).get("name") == "Saravan"]
        assert saravan[0]["n_documents"] == 1 and saravan[0]["fatalities"]["high"] is None


def test_read_only_store_refuses_update(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write(sample_records())
    with open_store(path, read_only=True) as store:
        with pytest.raises(Exception, match="read-only"):
            merge.update_store(store, encoder=bag_encoder)
        assert len(merge.canonical_in_memory(store, encoder=bag_encoder)) == 5


def test_real_encoder_separates_a_strike_from_a_protest():
    pytest.importorskip("onnxruntime")
    try:
        encode = merge.default_encoder()
    except Exception as exc:  # noqa: BLE001 - the encoder package is optional in minimal installs
        pytest.skip(f"sentence encoder unavailable: {exc}")
    same = Mention("a", 0, event(STRIKE_A, dead=9), "2024-01-18")
    other = Mention("b", 0, event(STRIKE_B, dead=9), "2024-01-19")
    blast = Mention("c", 0, event(BLAST, actor1=None, dead=3), "2024-01-18")
    same.embedding, other.embedding, blast.embedding = encode([STRIKE_A, STRIKE_B, BLAST])
    assert score_pair(same, other).compatible
    assert not score_pair(same, blast).compatible
    assert Merger(encoder=encode).add_document("d", "2024-01-18", [event(STRIKE_A)])


def test_incremental_merge_on_postgresql():
    """The canonical tables' SQL on PostgreSQL (skipped without the server `make services` starts)."""
    import os
    import uuid

    psycopg = pytest.importorskip("psycopg")
    url = os.environ.get("EVENTWIRE_PG_URL", "postgresql://postgres@127.0.0.1:55432/postgres")
    try:
        admin = psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL server at {url} ({str(exc).strip().splitlines()[0]}); run `make services`")
    name = f"eventwire_merge_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'")
    try:
        with open_store(url.partition("?")[0].rpartition("/")[0] + "/" + name) as store:
            store.write(sample_records())
            assert merge.update_store(store, encoder=bag_encoder)["canonical_total"] == 5
            store.write([_strikes_doc("afp-strikes", STRIKE_B, 11)])
            assert merge.update_store(store, encoder=bag_encoder)["documents"] == 1
            saravan = [c for c in merge.query_canonical(store, countries=["IRN"])
                       if (c.get("location") or {}).get("name") == "Saravan"]
            assert saravan[0]["n_documents"] == 2 and saravan[0]["fatalities"]["high"] == 11
            members = merge.load_canonical(store)
            assert all(m.embedding is not None and m.embedding.shape == (256,) for c in members for m in c.members)
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


# --------------------------------------------------------------------------- the evaluation


def test_pair_metrics_counts_article_pairs():
    from eventwire.evaluate.merge import Label, pair_metrics

    labels = [Label("g1", "f", "a", "same", ""), Label("g1", "f", "b", "same", ""),
              Label("g1", "f", "c", "copy", ""), Label("g2", "f", "d", "distinct", "near:g1; same day")]
    report = pair_metrics(labels, {"a": "x", "b": "x", "c": "y", "d": "x"})
    everything = report["all_pairs"]
    assert (everything["true_merges"], everything["predicted_merges"], everything["labelled_same_pairs"]) == (1, 3, 3)
    assert report["pairs_without_copies"]["labelled_same_pairs"] == 1
    assert report["near_miss_pairs"] == 3 and report["near_miss_pairs_merged"] == 2
    assert {f["b"] for f in report["false_merges"]} == {"d"}


def test_labelled_groups_are_real_articles(shared_data):
    from eventwire.evaluate.merge import load_documents, read_groups

    labels = read_groups(Path(__file__).parent / "data" / "merge_groups.tsv")
    groups = {label.group for label in labels}
    assert len(groups) >= 30
    assert sum(label.note.startswith("near:") for label in labels) >= 10
    documents = load_documents(labels, shared_data / "news")
    assert [d.id for d in documents] == [label.article_id for label in labels]
    assert all(d.text for d in documents)


def evaluate_saved(tmp_path, labels: list[str], rows: list[dict]) -> dict:
    """``evaluate_merge`` on labelled groups (TSV lines after the header) and saved records."""
    import json

    from eventwire.evaluate.merge import evaluate_merge

    groups = tmp_path / "groups.tsv"
    groups.write_text("# test\ngroup\tfile\tarticle_id\tkind\tnote\n" + "".join(f"{line}\n" for line in labels),
                      encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return evaluate_merge(groups, tmp_path, records_path=records, encoder=bag_encoder)


def test_evaluate_merge_from_saved_records(tmp_path):
    report = evaluate_saved(tmp_path, [
        "strike\tx.jsonl\tvoa\tsame\tPakistan's strikes near Saravan",
        "strike\tx.jsonl\tap\tsame\tthe same strikes",
        "blast\tx.jsonl\tafp\tdistinct\tnear:strike; a separate blast the same day",
    ], [{"id": "voa", "date": "2024-01-18", "events": [event(STRIKE_A, dead=9)]},
        {"id": "ap", "date": "2024-01-19", "events": [event(STRIKE_B, dead=11, where=SARAVAN_NEAR)]},
        {"id": "afp", "date": "2024-01-18", "events": [event(BLAST, actor1=None, dead=3)]}])
    assert report["groups"] == 2 and report["canonical_events"] == 2
    assert report["all_pairs"]["precision"] == 1.0 and report["all_pairs"]["recall"] == 1.0
    assert report["near_miss_pairs"] == 2 and report["near_miss_pairs_merged"] == 0


def test_missed_merges_say_which_constraint_kept_them_apart(tmp_path):
    report = evaluate_saved(tmp_path, [
        "strike\tx.jsonl\tvoa\tsame\tPakistan's strikes near Saravan",
        "strike\tx.jsonl\tap\tsame\tthe same strikes, misplaced in Zahedan by the pipeline",
        "strike\tx.jsonl\tafp\tsame\tthe same strikes, no event found",
    ], [{"id": "voa", "date": "2024-01-18", "events": [event(STRIKE_A, dead=9)]},
        {"id": "ap", "date": "2024-01-18", "events": [event(STRIKE_B, dead=9, where=ZAHEDAN)]},
        {"id": "afp", "date": "2024-01-18", "events": []}])
    why = {(m["a"], m["b"]): m["why"] for m in report["missed_merges"]}
    assert why[("voa", "ap")] == "main events: places apart"
    assert why[("voa", "afp")] == "no events in afp"


def test_within_article_merge_rate_scores_distinct_events_as_if_from_two_articles():
    from eventwire.evaluate.merge import within_article_merge_rate

    record = {"id": "voa", "date": "2024-01-18",
              "events": [event(STRIKE_A, dead=9), event(BLAST, actor1=None, dead=3), event(STRIKE_A, dead=9)]}
    rate = within_article_merge_rate([record], encoder=bag_encoder)
    assert rate["pairs"] == 2  # the repeated sentence is not a pair of distinct events
    assert rate["dated"] == rate["pass_constraints"] == 2 and rate["dated_merged"] == 0
    assert within_article_merge_rate(sample_records(), encoder=bag_encoder)["pairs"] >= 1  # Record objects too


def bridged(reports) -> tuple[Merger, list[str]]:
    """Two early reports too differently worded to match each other, then a third that matches both:
    ``reports`` gives each one's (document, text, actor1)."""
    first, second = np.eye(4, dtype=np.float32)[0], np.eye(4, dtype=np.float32)[1]
    bridge = (first + second) / np.linalg.norm(first + second)
    merger = Merger(encoder=bag_encoder)
    ids = []
    for (doc, text, actor), vector in zip(reports, (first, second, bridge)):
        m = Mention(doc, 0, event(text, actor1=actor), "2024-01-18")
        m.embedding = vector
        ids.append(merger.add(m))
    return merger, ids


def test_a_report_matching_two_canonical_events_joins_them():
    merger, ids = bridged([("a", STRIKE_A, PAK_MIL), ("b", STRIKE_C, PAK_MIL), ("c", STRIKE_B, PAK_MIL)])
    assert ids[0] != ids[1] and ids[2] in ids[:2]
    assert len(merger.events) == 1 and len(merger.removed) == 1
    [joined] = merger.events.values()
    assert {m.document_id for m in joined.members} == {"a", "b", "c"}


def test_a_bridging_report_does_not_join_contradicting_events():
    merger, _ = bridged([("a", STRIKE_B, PAK_MIL), ("b", STRIKE_B, IRN_MIL), ("c", STRIKE_B, None)])
    assert len(merger.events) == 2  # Pakistan's and Iran's strikes stay two, whatever the bridge says


def test_embedded_text_puts_the_reporters_sentences_before_quotes():
    ev = event('"They shot and killed people on the train," Ajmal said.')
    ev["mentions"] = [{"text": '"Whoever did not leave the train, they killed them," he said.'},
                      {"text": "The Jaffar Express came under a bomb and gun attack on Tuesday near Sibi."}]
    text = merge.embed_text(ev)
    assert text.startswith("The Jaffar Express came under") and text.count("said") == 2
