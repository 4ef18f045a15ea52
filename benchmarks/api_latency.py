"""Latency of the HTTP API's filtered event queries over a generated store (not a timed test).

Builds (or reuses) a DuckDB store of synthetic DocumentRecords with N events, starts the
real server (uvicorn on 127.0.0.1, a free port) and sends a bounded number of filtered
``GET /api/events`` requests of several kinds, one at a time, reporting p50/p95/max per kind;
then the dashboard's aggregates (``/api/dyads``, ``/api/timeline``, all and for a country pair, and
the pair view's ``/api/dyads/interactions``).

    .venv/bin/python benchmarks/api_latency.py --events 100000 --requests 60

The store's content is random but shaped like real output (countries, dates over six years,
PLOVER/ACLED types, actors, places with coordinates, evidence sentences).
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.records import Actor, Count, DocumentRecord, Event, EventDate, Evidence, Place
from eventwire.records import ACLED_EVENT_TYPE_OF_SUB, PLOVER_TYPES

COUNTRIES = {  # ISO3: (name, admin1s, lat, lon)
    "IRN": ("Iran", ["Tehran", "Sistan and Baluchestan", "Kerman"], 32.0, 53.0),
    "PAK": ("Pakistan", ["Balochistan", "Punjab", "Sindh"], 30.0, 69.0),
    "UKR": ("Ukraine", ["Kharkiv", "Donetsk", "Kyiv City"], 49.0, 32.0),
    "SDN": ("Sudan", ["Khartoum", "North Darfur", "Kordofan"], 15.0, 30.0),
    "MLI": ("Mali", ["Mopti", "Gao", "Bamako"], 16.0, -3.0),
    "MEX": ("Mexico", ["Guerrero", "Sinaloa", "Michoacan"], 22.0, -101.0),
    "COL": ("Colombia", ["Cauca", "Antioquia", "Narino"], 4.0, -73.0),
    "NGA": ("Nigeria", ["Borno", "Kaduna", "Zamfara"], 9.0, 8.0),
    "SYR": ("Syria", ["Idlib", "Aleppo", "Deir ez-Zor"], 35.0, 38.0),
    "MMR": ("Myanmar", ["Sagaing", "Rakhine", "Shan"], 21.0, 96.0),
    "KEN": ("Kenya", ["Nairobi", "Mombasa", "Garissa"], 0.0, 38.0),
    "IND": ("India", ["Manipur", "Jammu and Kashmir", "Chhattisgarh"], 22.0, 79.0),
}
SUBS = list(ACLED_EVENT_TYPE_OF_SUB)
SECTORS = ["GOV", "MIL", "REB", "PRO", "CVL", "POL"]


def make_records(n_events: int, seed: int = 0, per_doc: int = 4):
    rng = random.Random(seed)
    first = date(2018, 1, 1)
    codes = list(COUNTRIES)
    n_docs = (n_events + per_doc - 1) // per_doc
    made = 0
    for d in range(n_docs):
        day = first + timedelta(days=rng.randint(0, 6 * 365))
        sentences, events = [], []
        offset = 0
        for k in range(min(per_doc, n_events - made)):
            c1, c2 = rng.choice(codes), rng.choice(codes)
            name1, admin, lat, lon = COUNTRIES[c1]
            a1 = f"{COUNTRIES[c1][0]} {rng.choice(SECTORS).lower()} group {rng.randint(1, 40)}"
            a2 = f"{COUNTRIES[c2][0]} {rng.choice(SECTORS).lower()} group {rng.randint(1, 40)}"
            place = rng.choice(admin)
            dead = rng.choice([None, None, 0, 1, 2, 3, 5, 9, 12, 30])
            sentence = (f"{a1} attacked {a2} in {place} on Monday, killing {dead or 'no'} people, officials said. ")
            s = offset
            sentences.append(sentence)
            offset += len(sentence)
            text_so_far = "".join(sentences)
            p_start = text_so_far.index(place, s)
            sub = rng.choice(SUBS)
            events.append(Event(
                event_id=f"bench-{d}-{k}", type=rng.choice(PLOVER_TYPES), mode=None,
                acled_event_type=ACLED_EVENT_TYPE_OF_SUB[sub], acled_sub_event_type=sub,
                actor1=Actor(text=a1, start=s, end=s + len(a1), name=a1.title(), country=c1,
                             sector=rng.choice(SECTORS), acled_inter=rng.randint(1, 8)),
                actor2=Actor(text=a2, start=text_so_far.index(a2, s), end=text_so_far.index(a2, s) + len(a2),
                             name=a2.title(), country=c2, sector=rng.choice(SECTORS), acled_inter=rng.randint(1, 8)),
                date=EventDate(value=day.isoformat(), start=day.isoformat(), end=day.isoformat(), precision="day",
                               text="on Monday"),
                location=Place(text=place, start=p_start, end=p_start + len(place), name=place, geonameid=None,
                               country=c1, admin1=place, lat=lat + rng.uniform(-3, 3), lon=lon + rng.uniform(-3, 3),
                               feature="admin1", geo_precision=3),
                fatalities=None if dead is None else Count(value=dead, low=dead, high=None, qualifier="exact",
                                                           text=f"killing {dead} people", start=s, end=s + 1),
                injured=None,
                evidence=Evidence(text=sentence.strip(), start=s, end=s + len(sentence.strip()), trigger="attacked"),
                attribution=None, confidence=round(rng.random(), 3),
            ))
            made += 1
        yield DocumentRecord(id=f"bench-{d}", date=day.isoformat(), language="en", events=events,
                             places=[e.location for e in events], times=[], errors=[],
                             title=f"Clashes reported in {COUNTRIES[events[0].location.country][0]}",
                             url=None, text="".join(sentences))


QUERIES = {
    "country+dates": lambda rng: f"country={rng.choice(list(COUNTRIES))}&since=2021-01-01&until=2021-12-31",
    "type+acled": lambda rng: "type=ASSAULT&acled_event_type=Battles&limit=100",
    "bbox": lambda rng: "bbox=55,20,75,35",
    "actor text": lambda rng: f"actor={rng.choice(['iran', 'sudan', 'reb group', 'group 7'])}",
    "free text": lambda rng: f"q={rng.choice(['killing 9', 'khartoum', 'sinaloa'])}",
    "admin1+sort": lambda rng: "admin1=Borno&sort=-fatalities",
    "all filters": lambda rng: ("country=PAK&actor_country=IRN&type=ASSAULT&since=2019-01-01&until=2023-12-31"
                                "&bbox=60,24,75,37&sort=-date&limit=50"),
    "country pair": lambda rng: "actor1_country={}&actor2_country={}".format(*rng.sample(list(COUNTRIES), 2)),
}
# Not a filtered query: a deep page of everything (the dashboard's pager), reported on its own.
EXTRA = {
    "unfiltered p1": lambda rng: "limit=50",
    "deep page": lambda rng: f"offset={rng.randint(1000, 50000)}&limit=100",
}
# The dashboard's aggregates (full paths; reported apart, with a quarter of the requests).
ROUTES = {
    "dyads": lambda rng: "/api/dyads?limit=200",
    "dyads pair": lambda rng: "/api/dyads?limit=200&actor1_country={}&actor2_country={}".format(
        *rng.sample(list(COUNTRIES), 2)),
    "interactions": lambda rng: "/api/dyads/interactions?actors={},{}".format(*rng.sample(list(COUNTRIES), 2)),
    "timeline": lambda rng: "/api/timeline?interval=day",
    "pair timeline": lambda rng: "/api/timeline?interval=day&actor1_country={}&actor2_country={}".format(
        *rng.sample(list(COUNTRIES), 2)),
}


def build(db: Path, n_events: int) -> None:
    from eventwire.store import open_store

    started = time.perf_counter()
    with open_store(db) as store:
        batch = []
        for record in make_records(n_events):
            batch.append(record)
            if len(batch) == 2000:
                store.write(batch)
                batch = []
        if batch:
            store.write(batch)
        total = store.stats()["events"]
    print(f"built {db}: {total} events in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="requests per query kind")
    parser.add_argument("--db", type=Path, default=Path("out/api_latency.duckdb"))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)

    import httpx
    import uvicorn

    from eventwire.server.app import create_app
    from eventwire.store import open_store

    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        if args.db.exists():
            args.db.unlink()
        build(args.db, args.events)
    with open_store(args.db, read_only=True) as check:
        n_events = check.stats()["events"]
    app = create_app(args.db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(1)
    everything: list[float] = []
    print(f"{n_events} events; {args.requests} requests per kind, sequential, over HTTP on 127.0.0.1")
    print(f"{'query':<15} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'matches':>9}")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            client.get("/api/events?limit=1")  # warm up
            kinds = {name: (lambda rng, make=make: f"/api/events?{make(rng)}", args.requests)
                     for name, make in {**QUERIES, **EXTRA}.items()}
            kinds.update({name: (make, max(1, args.requests // 4)) for name, make in ROUTES.items()})
            for name, (make, n) in kinds.items():
                times, total = [], 0
                for _ in range(n):
                    path = make(rng)
                    started = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - started) * 1000)
                    response.raise_for_status()
                    body = response.json()
                    total = body.get("total", len(body.get("pairs") or body.get("buckets") or []))
                if name in QUERIES:
                    everything.extend(times)
                times.sort()
                p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
                print(f"{name:<15} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f} {total:9d}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()
    everything.sort()
    p95 = everything[max(0, int(round(0.95 * len(everything))) - 1)]
    print(f"{'all filtered':<15} {statistics.median(everything):8.1f} {p95:8.1f} {everything[-1]:8.1f}"
          f"   ({len(everything)} filtered requests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
