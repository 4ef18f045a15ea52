"""The ``eventwire`` command line: a thin layer over :mod:`eventwire.api`.

Every command opens what it needs, calls one API function and reports. Errors a
user can act on are one line (``eventwire: error: E001: ...``) with exit 1;
bad flags exit 2 (click's usage errors).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from eventwire import __version__
from eventwire.errors import EventwireError


class _Group(click.Group):
    """Turns EventwireError anywhere below into a one-line error and exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            click.echo(f"eventwire: error: {exc}", err=True)
            ctx.exit(1)
        except BrokenPipeError:  # `eventwire extract ... | head`
            sys.stderr.close()
            ctx.exit(0)


def _settings(**changes):
    from eventwire.settings import DEFAULT_SETTINGS

    changes = {k: v for k, v in changes.items() if v is not None}
    return DEFAULT_SETTINGS.with_(**changes) if changes else DEFAULT_SETTINGS


def _progress(total=None, unit="doc", desc="extract", enabled=None):
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty()
    return tqdm(total=total, unit=unit, desc=desc, disable=not enabled, file=sys.stderr, dynamic_ncols=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventwire")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def main(verbose: int) -> None:
    """eventwire: news articles in, conflict and political event data out.

    Who did what to whom, when, where, and how many were killed or injured, each
    field tied to the words of the article that support it. Offline, on a CPU.

    \b
    Quick start:
      eventwire extract article.txt -o events.jsonl      # JSON Lines, one record per article
      eventwire ingest examples/ --db events.duckdb       # into an embedded DuckDB store
      eventwire events --db events.duckdb --country IRN   # a quick look in the terminal
      eventwire serve --db events.duckdb                  # API and dashboard on 127.0.0.1:8000
    """
    import logging

    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


# --------------------------------------------------------------------------- extract / ingest

_INPUTS = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
_PARSE = click.option(
    "--parse", type=click.Choice(["all", "candidates", "minimal"]), default=None,
    help="'all' parses every sentence; 'candidates' fully parses only sentences that can carry an event and "
         "runs spaCy's entity recogniser alone on the rest (faster, same places); 'minimal' skips the rest "
         "entirely (fastest; places there by gazetteer and cues only). Default: from settings (all).",
)


def _scale_options(func):
    """--workers / --engine / --dask: where the pipeline runs (eventwire.scale); same records on each."""
    options = [
        click.option("--workers", type=click.IntRange(1, 512), default=1, show_default=True,
                     help="Processes on this machine (models loaded once per process); with --engine dask, "
                          "the LocalCluster's worker processes (default there: one per core)."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="'dask' runs on a Dask cluster (a LocalCluster here unless --dask gives a scheduler)."),
        click.option("--dask", "scheduler", metavar="ADDRESS",
                     help="A Dask scheduler to run on, e.g. tcp://10.0.0.5:8786 (implies --engine dask)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _scaled(workers, engine, scheduler) -> bool:
    return workers > 1 or engine == "dask" or bool(scheduler)


@main.command()
@_INPUTS
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              show_default=True, help="Where to write JSON Lines ('-' is stdout).")
@click.option("--no-text", is_flag=True, help="Leave the article text out of each record (smaller output).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True, help="Documents per batch.")
@_PARSE
@_scale_options
def extract(inputs, output, no_text, progress, batch_size, parse, workers, engine, scheduler):
    """Extract events from articles into JSON Lines, one record per article, in input order.

    INPUT is a file, a directory (every .txt/.jsonl inside, recursively) or '-' for stdin.
    Accepted: JSON Lines ({"id", "text", "date", "title", "url"}; only "text" is required),
    wire-format text (a leading ' date YYYY-MM-DD ' header) and plain .txt.

    \b
    Example:
      eventwire extract article.txt -o events.jsonl
      cat stories.jsonl | eventwire extract - | jq '.events[0].type'
      eventwire extract big.jsonl --parse candidates --workers 2 -o events.jsonl   # faster (docs/scale.md)
      eventwire extract big.jsonl --dask tcp://10.0.0.5:8786 -o events.jsonl      # on a Dask cluster

    A document that cannot be processed still gets its line, with "events": [] and an
    "errors" list; the exit status is 0 unless the command itself failed.
    """
    from eventwire import api
    from eventwire.records import to_dict

    settings = _settings(parse=parse, include_text=False if no_text else None)
    documents = api.read(inputs, settings)
    if _scaled(workers, engine, scheduler):
        from eventwire import scale

        records = scale.run(documents, settings, workers=workers, engine=engine, scheduler=scheduler,
                            batch_size=batch_size)
    else:
        models = api.load_models(settings)
        records = api.extract_many(documents, settings=settings, models=models, batch_size=batch_size)
    stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    bar = _progress(enabled=progress)
    started, count = time.perf_counter(), 0
    try:
        for record in records:
            stream.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
            count += 1
            bar.update(1)
            bar.set_postfix_str(f"{count / max(time.perf_counter() - started, 1e-9):.1f} docs/s", refresh=False)
    finally:
        bar.close()
        if stream is not sys.stdout:
            stream.close()


@main.command()
@_INPUTS
@click.option("--db", default="events.duckdb", show_default=True,
              help="Store: a DuckDB file path, or postgresql://user@host:port/dbname.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True)
@_PARSE
@_scale_options
@click.option("--no-merge", is_flag=True,
              help="Skip updating the cross-article canonical events afterwards (run `eventwire merge` later).")
def ingest(inputs, db, progress, batch_size, parse, workers, engine, scheduler, no_merge):
    """Extract articles and store them (re-ingesting a document replaces it, never duplicates it),
    then merge the new events into the canonical events (incremental; --no-merge skips it).

    \b
    Example:
      eventwire ingest examples/voa_stories.jsonl --db events.duckdb
    """
    from eventwire import api

    settings = _settings(parse=parse)
    bar = _progress(enabled=progress, desc="ingest")
    if _scaled(workers, engine, scheduler):
        from eventwire import scale

        written = scale.ingest(api.read(inputs, settings), db, settings, on_record=lambda record: bar.update(1),
                               workers=workers, engine=engine, scheduler=scheduler, batch_size=batch_size)
        if not no_merge:
            from eventwire.merge import update_store
            from eventwire.store import open_store

            with open_store(db) as store:
                update_store(store)
    else:
        written = api.ingest(api.read(inputs, settings), db, settings=settings, batch_size=batch_size,
                             on_record=lambda record: bar.update(1), merge=not no_merge)
    bar.close()
    click.echo(f"stored {written} documents in {db}", err=True)


# --------------------------------------------------------------------------- looking at a store

_DB = click.option("--db", default="events.duckdb", show_default=True, help="The store (DuckDB path or postgresql://...).")


def _query_options(func):
    options = [
        click.option("--since", help="First event date (YYYY-MM-DD)."),
        click.option("--until", help="Last event date (YYYY-MM-DD)."),
        click.option("--country", help="ISO3 country of the event's location, e.g. IRN."),
        click.option("--actor-country", help="ISO3 country of either actor."),
        click.option("--admin1", help="First-order administrative unit of the location."),
        click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--acled-type", help="ACLED event type, e.g. 'Battles'."),
        click.option("--actor", help="Text to find in actor names."),
        click.option("--text", help="Free text to find in the evidence."),
        click.option("--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _query(since, until, country, actor_country, admin1, type_, acled_type, actor, text, limit):
    from eventwire.store import EventQuery

    return EventQuery(since=since, until=until, country=country, actor_country=actor_country, admin1=admin1,
                      type=type_, acled_event_type=acled_type, actor=actor, text=text, limit=limit)


@main.command()
@_DB
@_query_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def events(db, fmt, **filters):
    """A quick look at stored events in the terminal.

    \b
    Example:
      eventwire events --db events.duckdb --country IRN --since 2024-01-01 --type ASSAULT
    """
    from eventwire.store import open_store

    with open_store(db, read_only=True) as store:
        rows, total = store.query_events(_query(**filters))
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    click.echo(f"{'date':<10}  {'type':<9}  {'ACLED sub-event':<30}  {'actor1':<22}  {'actor2':<22}  {'where':<24}  dead")
    for row in rows:
        click.echo(_event_line(row))
    click.echo(f"{len(rows)} of {total} events", err=True)


def _event_line(row: dict) -> str:
    def actor(value):
        if not value:
            return "-"
        return f"{value.get('name') or value.get('text')}" + (f" ({value['country']})" if value.get("country") else "")

    date = (row.get("date") or {}).get("value") or "-"
    where = row.get("location") or {}
    place = f"{where.get('name')}, {where.get('country')}" if where else "-"
    dead = (row.get("fatalities") or {}).get("value")
    return (f"{date:<10.10}  {row['type']:<9}  {(row.get('acled_sub_event_type') or '-'):<30.30}  {actor(row.get('actor1')):<22.22}  "
            f"{actor(row.get('actor2')):<22.22}  {place:<24.24}  {'' if dead is None else dead}")


@main.command()
@_DB
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "plover-jsonl", "geojson", "parquet"]), required=True,
              help="ACLED's CSV columns, PLOVER's JSON fields, GeoJSON points, or Parquet (one row per event).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True)
@click.option("--extras", is_flag=True,
              help="acled-csv: add eventwire_* columns (event id, document id, evidence offsets) after ACLED's.")
@click.option("--all-events", is_flag=True, help="acled-csv: also write events ACLED does not code (diplomacy).")
@_query_options
def export(db, fmt, output, extras, all_events, **filters):
    """Export stored events as ACLED CSV, PLOVER JSON Lines, GeoJSON or Parquet.

    \b
    Example:
      eventwire export --db events.duckdb --format acled-csv -o events.csv
      eventwire export --db events.duckdb --format geojson --country PAK > pak.geojson
    """
    from eventwire.export import export as run_export
    from eventwire.store import open_store

    query = _query(**filters)
    query.limit = 10**9 if filters.get("limit") == 50 else query.limit
    if fmt == "parquet" and output == "-":
        raise EventwireError("E002", "parquet is binary: give a file with -o OUT.parquet")
    with open_store(db, read_only=True) as store:
        options = {"extras": extras, "all_events": all_events} if fmt == "acled-csv" else {}
        n = run_export(store, fmt, sys.stdout if output == "-" and fmt != "parquet" else output, query, **options)
    click.echo(f"exported {n} events as {fmt}", err=True)


@main.command()
@_DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--api-key", envvar="EVENTWIRE_API_KEY", help="Key the ingest endpoint requires (env EVENTWIRE_API_KEY).")
def serve(db, host, port, api_key):
    """Serve the HTTP API and the analyst's dashboard over a store.

    \b
    Example:
      eventwire serve --db events.duckdb     # then open http://127.0.0.1:8000/
    """
    from eventwire.server.app import serve as run_server

    run_server(db, host=host, port=port, api_key=api_key)


@main.command()
@click.option("--db", default="demo.duckdb", show_default=True, help="Where the demo store goes.")
@click.option("--serve/--no-serve", "start_server", default=True, show_default=True, help="Start the dashboard afterwards.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def demo(db, start_server, port):
    """Extract the bundled example articles into a DuckDB store, show a summary, start the dashboard."""
    from eventwire.demo import run_demo

    run_demo(db, start_server=start_server, port=port)


# --------------------------------------------------------------------------- merging and dyads


@main.command()
@_DB
def merge(db):
    """Merge the events several articles report into canonical events (incremental).

    Only documents ingested, changed or deleted since the last run are processed.

    \b
    Example:
      eventwire ingest examples/ --db events.duckdb && eventwire merge --db events.duckdb
    """
    from eventwire.merge import update_store
    from eventwire.store import open_store

    with open_store(db) as store:
        counts = update_store(store)
    click.echo(json.dumps(counts))


@main.command()
@_DB
@click.option("--actors", help="Actor keys (ISO3 countries or group names), comma-separated: IRN,PAK.")
@click.option("--since", help="First day (YYYY-MM-DD).")
@click.option("--until", help="Last day (YYYY-MM-DD).")
@click.option("--window", type=click.IntRange(0, 365), default=7, show_default=True,
              help="Days within which a reply counts as retaliation.")
@click.option("--raw", is_flag=True, help="Use every article's events as they are (no cross-article merging).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--timeline", "timeline_out", type=click.Path(dir_okay=False, allow_dash=True),
              help="Also write the per-pair daily timeline (.csv or .json) for models and notebooks.")
def dyads(db, actors, since, until, window, raw, fmt, timeline_out):
    """Who acts against whom: directed interactions, intensity and escalation episodes per actor pair.

    \b
    Example:
      eventwire dyads --db events.duckdb --actors IRN,PAK --format json
      eventwire dyads --db events.duckdb --actors IRN,PAK --timeline irn_pak.csv
    """
    from eventwire import dyads as dyad_stage
    from eventwire.store import open_store

    wanted = [a.strip() for a in (actors or "").split(",") if a.strip()]
    if "://" not in db and not Path(db).exists():
        raise EventwireError("E040", f"no database at {db} (ingest something first)")
    try:
        store = open_store(db, timeout=2.0)
    except EventwireError:  # held by another process (a server): read it, merge in memory
        store = open_store(db, read_only=True)
    with store:
        events = dyad_stage.events_from_store(store, merged=not raw)
    pairs = dyad_stage.dyads(events, actors=wanted, since=since, until=until,
                             settings=dyad_stage.DyadSettings(window=window))
    if timeline_out:
        kind = "json" if timeline_out.endswith(".json") else "csv"
        text = dyad_stage.write_timeline(pairs, kind)
        if timeline_out == "-":
            click.echo(text, nl=False)
            return
        Path(timeline_out).write_text(text, encoding="utf-8")
    if fmt == "json":
        click.echo(json.dumps({"pairs": pairs}, ensure_ascii=False, indent=1))
    else:
        click.echo(dyad_stage.format_table(pairs))


# --------------------------------------------------------------------------- training and evaluation


@main.command()
@click.option("--acled", type=click.Path(exists=True, dir_okay=False), required=True, help="An ACLED export (CSV).")
@click.option("--snippets", type=click.Path(exists=True, dir_okay=False), help="Labelled news snippets (TSV: id, text, label).")
@click.option("--plover", type=click.Path(exists=True, dir_okay=False), help="PLOVER gold-standard records (JSON).")
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="Directory for the heads (default: the package's data/heads).")
@click.option("--seed", type=int, default=0, show_default=True)
def train(acled, snippets, plover, output, seed):
    """Train the event-type and actor classifier heads (reproducible for a given seed).

    \b
    Example:
      eventwire train --acled my_acled_export.csv --snippets snippets.tsv -o my_heads/
    """
    from eventwire.events.train import train_heads
    from eventwire.settings import DEFAULT_SETTINGS

    out = Path(output) if output else DEFAULT_SETTINGS.data_dir / "heads"
    report = train_heads(acled, snippets, plover, out, seed=seed)
    click.echo(json.dumps(report, indent=2))


@main.group()
@click.option("--parse", type=click.Choice(["all", "candidates", "minimal"]), default=None,
              help="Run the evaluated stages with this parse mode (as `extract --parse`), to compare the fast "
                   "paths' accuracy with the default's. Default: from settings.")
@click.pass_context
def evaluate(ctx, parse):
    """Score a stage on real annotated data (each prints its figures).

    \b
    Example (the same evaluation on the default and on the fast path):
      eventwire evaluate geo ../shared/data/geo/GWN.xml
      eventwire evaluate --parse candidates geo ../shared/data/geo/GWN.xml
    """
    ctx.obj = {"parse": parse}


def _evaluate_settings():
    """The settings of an ``evaluate`` subcommand: ``eventwire evaluate --parse MODE ...``."""
    obj = click.get_current_context().find_object(dict) or {}
    return _settings(parse=obj.get("parse"))


def _print_report(report: dict) -> None:
    from eventwire.evaluate import format_report

    click.echo(format_report(report))


@evaluate.command("timeml")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def evaluate_timeml(paths):
    """Temporal expressions against TimeML (.tml files or directories of them).

    \b
    Example:
      eventwire evaluate timeml ../shared/data/timeml/TimeBank ../shared/data/timeml/AQUAINT
    """
    from eventwire.evaluate.timeml import evaluate_timeml as run
    from eventwire.evaluate.timeml import format_report as table

    click.echo(table(run(paths, settings=_evaluate_settings())))


@evaluate.command("geo")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
def evaluate_geo(paths, limit):
    """Toponym recognition and resolution against LGL / GeoWebNews / GeoVirus XML.

    \b
    Example:
      eventwire evaluate geo ../shared/data/geo/GWN.xml
    """
    from eventwire.evaluate.geo import evaluate_geo as run

    for path in paths:
        _print_report(run(path, limit=limit, settings=_evaluate_settings()))


@evaluate.command("snippets")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--cv", type=click.IntRange(2, 20), default=5, show_default=True, help="Folds of cross-validation.")
@click.option("--pipeline", "with_pipeline", is_flag=True,
              help="Also run the whole pipeline on each held-out fold and score events[0] (slower).")
def evaluate_snippets(path, cv, with_pipeline):
    """ACLED sub-event types of news snippets (TSV: id, text, label), by k-fold cross-validation.

    \b
    Example:
      eventwire evaluate snippets ../shared/data/snippets/acled_subtype_snippets_dev.tsv
      eventwire evaluate snippets ../shared/data/snippets/acled_subtype_snippets_dev.tsv --cv 5 --pipeline
    """
    from eventwire.evaluate.snippets import evaluate_snippets as run

    _print_report(run(path, folds=cv, pipeline=with_pipeline, settings=_evaluate_settings()))


@evaluate.command("acled")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--cv", type=click.IntRange(0, 20), default=0, show_default=True,
              help="k-fold cross-validation (train heads on k-1 folds); 0 uses the installed heads.")
@click.option("--limit", type=int, default=None, help="Only N rows (a quick look).")
@click.option("--pipeline/--no-pipeline", "with_pipeline", default=True, show_default=True,
              help="Also run the whole pipeline (slow); --no-pipeline scores the classifier heads alone.")
def evaluate_acled(path, cv, limit, with_pipeline):
    """The whole pipeline on ACLED notes: types, inter codes, places and fatalities of events[0].

    \b
    Example:
      eventwire evaluate acled ../shared/data/acled/acled_2020-05_dev.csv --cv 5
    """
    from eventwire.evaluate.acled import evaluate_acled as run

    _print_report(run(path, folds=cv, limit=limit, pipeline=with_pipeline, settings=_evaluate_settings()))


@evaluate.command("plover")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--no-classifier", is_flag=True, help="Lexicon-only detection (no classifier heads).")
@click.option("--cv", type=click.IntRange(0, 20), default=0, show_default=True,
              help="k-fold cross-validation: retrain the heads without each scored fold; 0 uses the installed heads.")
@click.option("--limit", type=int, default=None, help="Only the first N records.")
@click.option("--records", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Re-score saved pipeline records (JSON Lines) instead of running the pipeline.")
@click.option("--save-records", type=click.Path(dir_okay=False), default=None, help="Write the pipeline records here.")
@click.option("--errors", "errors_out", type=click.Path(dir_okay=False), default=None,
              help="Write one JSON line per record (gold vs. eventwire) for error analysis.")
def evaluate_plover(path, no_classifier, cv, limit, records, save_records, errors_out):
    """PLOVER event types, modes and actor countries/sectors against the PLOVER gold standard (JSON).

    \b
    Example:
      eventwire evaluate plover ../shared/data/plover/PLOVER_GSR_CAMEO.txt --no-classifier
      eventwire evaluate plover ../shared/data/plover/PLOVER_GSR_CAMEO.txt --cv 5
    """
    from eventwire.evaluate.plover import evaluate_plover as run

    rows: list | None = [] if errors_out else None
    _print_report(run(path, classifier=not no_classifier, limit=limit, records_path=records,
                      save_records=save_records, errors=rows, folds=cv, settings=_evaluate_settings()))
    if errors_out:
        Path(errors_out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@evaluate.command("fatalities")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def evaluate_fatalities(path):
    """Fatality counts of ACLED notes (the casualties stage alone, fast).

    \b
    Example:
      eventwire evaluate fatalities ../shared/data/acled/acled_2020-05_dev.csv
    """
    from eventwire.evaluate.fatalities import evaluate_fatalities_csv as run

    _print_report(run(path, settings=_evaluate_settings()))


@evaluate.command("expected")
@click.argument("article", type=click.Path(exists=True, dir_okay=False))
@click.argument("expected", type=click.Path(exists=True, dir_okay=False))
def evaluate_expected(article, expected):
    """One article against its hand-annotated expected events (the seed's expected.json format).

    \b
    Example:
      eventwire evaluate expected ../shared/data/seed/pakistan_iran_strikes_2024-01-18.txt \\
          ../shared/data/seed/expected.json
    """
    from eventwire.evaluate.expected import check_expected_file

    report = check_expected_file(article, expected, settings=_evaluate_settings())
    for kind in ("required", "optional"):
        for row in report[kind]:
            mark = "found " if row["found"] else "MISSED"
            click.echo(f"{kind:<8} {mark} {row['what']}" + ("" if row["found"] else f"  ({'; '.join(row['missing'])})"))
    click.echo(f"required: {report['required_found']}/{report['required_total']}, optional: {report['optional_found']}")



@evaluate.command("merge")
@click.argument("groups", type=click.Path(exists=True, dir_okay=False))
@click.option("--news", type=click.Path(file_okay=False), default="../shared/data/news",
              show_default=True, help="Directory of the news files the labels name.")
@click.option("--records", type=click.Path(exists=True, dir_okay=False),
              help="Reuse `eventwire extract` output of the labelled articles instead of running the pipeline.")
@click.option("--save-records", type=click.Path(dir_okay=False), help="Write the extracted records for reuse.")
def evaluate_merge(groups, news, records, save_records):
    """Cross-article merging against labelled groups of articles: pairwise precision and recall.

    \b
    Example:
      eventwire evaluate merge tests/data/merge_groups.tsv --news ../shared/data/news
    """
    from eventwire.evaluate.merge import evaluate_merge as run

    _print_report(run(groups, news, records_path=records, save_records=save_records))

if __name__ == "__main__":
    main()
