"""Throughput of eventwire against bare ``en_core_web_sm`` on the same texts, in one process invocation.

For each corpus (JSON Lines of articles) it measures, on the same documents:

(b) baseline   bare ``en_core_web_sm`` ``nlp.pipe`` over the full texts (every component);
(a) eventwire  the whole pipeline (segmentation, parse, timex, places, casualties, events,
               and the JSON each record becomes), once per ``--parse`` mode, in this process;
    workers    optionally the pipeline in N worker processes (``--workers 1,2``), same mode,
               startup and model loading included, for the speed-up of N workers over 1.

and reports docs/s, words/s (whitespace-separated words of the texts), the ratio (a)/(b) of
throughputs by wall-clock time and by this process's CPU time (the fair one on a shared machine),
peak resident memory of each phase (VmHWM, reset between phases; workers: the largest
worker process), seconds per pipeline stage (``pipeline.StageTimer``), how many sentences
each parse tier took, and how far each mode's events agree with ``--parse all``.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/data/news/insightcrime_articles.jsonl \\
        --corpus ../shared/data/news/voa_stories.jsonl --parse all,candidates,minimal --workers 1,2 --json bench.json

Timings on a shared machine are noisy: ``--repeat R`` alternates baseline and pipeline R
times and keeps each one's best run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# One core for the numeric libraries, in both runs: the comparison is one process on one core.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


# --------------------------------------------------------------------------- machine and memory


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1)
    except (ValueError, OSError, AttributeError):
        memory_gb = None
    import spacy

    from eventwire import __version__

    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory_gb, "python": platform.python_version(),
        "platform": platform.platform(), "spacy": spacy.__version__, "eventwire": __version__,
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def reset_peak() -> bool:
    """Reset this process's peak RSS (Linux: write 5 to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    """Peak resident memory of this process since the last reset_peak(), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# --------------------------------------------------------------------------- the runs


def read_corpus(path: Path, limit: int | None):
    from eventwire.documents import read_path

    documents = []
    for document in read_path(path):
        documents.append(document)
        if limit and len(documents) >= limit:
            break
    return documents


def run_baseline(texts: list[str], batch_size: int) -> dict:
    from eventwire import nlp

    model = nlp.load_spacy()
    reset_peak()
    started, cpu = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in model.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "spacy_tokens": tokens, "peak_rss_mb": round(peak_mb())}


def run_pipeline(documents, settings, models, batch_size: int) -> dict:
    from eventwire import pipeline
    from eventwire.records import to_dict
    from eventwire.scale import fastpath

    counts = {"parsed": 0, "skipped": 0}
    original = fastpath.parse

    def counting_parse(*args, **kwargs):
        result = original(*args, **kwargs)
        for key, value in result.items():
            counts[key] += value
        return result

    fastpath.parse = counting_parse
    timer = pipeline.StageTimer()
    reset_peak()
    started, cpu = time.perf_counter(), time.process_time()
    records = []
    try:
        for record in pipeline.run(documents, settings, models, batch_size=batch_size, timer=timer):
            data = to_dict(record)
            json.dumps(data, ensure_ascii=False)  # what `eventwire extract` writes
            records.append(data)
    finally:
        fastpath.parse = original
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    sentences = sum(counts.values())
    return {
        "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": round(peak_mb()),
        "stages": {k: round(v, 2) for k, v in timer.seconds.items()},
        "parse_tiers": counts if sentences else None,
        "records": records,
    }


def run_workers(documents, settings, workers: int, batch_size: int) -> dict:
    from eventwire import pipeline
    from eventwire.scale.workers import run_parallel

    timer = pipeline.StageTimer()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    n = sum(1 for _ in run_parallel(documents, settings, workers, chunk_size=max(1, batch_size // 2), timer=timer))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool has exited: its processes are counted
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"workers": workers, "seconds": seconds, "documents": n, "workers_cpu_seconds": round(cpu, 2),
            "peak_rss_mb_largest_worker": round(children_peak_mb()),
            "stages_seconds_summed_over_workers": {k: round(v, 2) for k, v in timer.seconds.items()}}


def agreement(records: list[dict], reference: list[dict]) -> dict:
    """How far a mode's events agree with the reference run's (parse=all), document by document."""
    def keys(record):
        return {(e["type"], e["evidence"]["start"], e["evidence"]["end"]) for e in record["events"]}

    def full(record):
        return [{k: v for k, v in e.items()} for e in record["events"]]

    same_docs = sum(1 for a, b in zip(records, reference) if full(a) == full(b))
    ours = sum(len(keys(r)) for r in records)
    theirs = sum(len(keys(r)) for r in reference)
    shared = sum(len(keys(a) & keys(b)) for a, b in zip(records, reference))
    main_same = sum(1 for a, b in zip(records, reference)
                    if (a["events"][:1] and b["events"][:1] and a["events"][0]["type"] == b["events"][0]["type"]
                        and a["events"][0]["evidence"]["start"] == b["events"][0]["evidence"]["start"])
                    or (not a["events"] and not b["events"]))
    return {"documents_identical": same_docs, "documents": len(records), "events": ours, "events_reference": theirs,
            "events_shared": shared, "main_event_same": main_same}


def words_of(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def bench_corpus(path: Path, args, models) -> dict:
    from eventwire.settings import DEFAULT_SETTINGS

    documents = read_corpus(path, args.limit)
    texts = [d.text for d in documents if not d.errors]
    words = words_of(texts)
    out: dict = {"corpus": str(path), "documents": len(documents), "words": words,
                 "characters": sum(len(t) for t in texts)}
    log(f"\n== {path.name}: {len(documents)} documents, {words:,} words")
    best_baseline = None
    best: dict[str, dict] = {}
    for attempt in range(args.repeat):
        if not args.skip_baseline:
            result = run_baseline(texts, args.spacy_batch_size)
            log(f"  baseline   run {attempt + 1}: {result['seconds']:.1f}s (cpu {result['cpu_seconds']:.1f}s)")
            if best_baseline is None or result["cpu_seconds"] < best_baseline["cpu_seconds"]:
                best_baseline = result
        for mode in args.parse:
            settings = DEFAULT_SETTINGS.with_(parse=mode, include_text=False)
            result = run_pipeline([_copy(d) for d in documents], settings, models, args.batch_size)
            log(f"  eventwire  run {attempt + 1} parse={mode}: {result['seconds']:.1f}s (cpu {result['cpu_seconds']:.1f}s)"
                f"  stages {result['stages']}")
            if mode not in best or result["cpu_seconds"] < best[mode]["cpu_seconds"]:
                best[mode] = result
    if best_baseline:
        seconds = best_baseline["seconds"]
        out["baseline"] = {"seconds": round(seconds, 2), "cpu_seconds": round(best_baseline["cpu_seconds"], 2),
                           "docs_per_s": round(len(texts) / seconds, 2),
                           "words_per_s": round(words / seconds), "peak_rss_mb": best_baseline["peak_rss_mb"],
                           "spacy_tokens": best_baseline["spacy_tokens"]}
    reference = best.get("all", {}).get("records")
    out["eventwire"] = {}
    for mode, result in best.items():
        seconds = result["seconds"]
        entry = {"seconds": round(seconds, 2), "cpu_seconds": round(result["cpu_seconds"], 2),
                 "docs_per_s": round(len(documents) / seconds, 2),
                 "words_per_s": round(words / seconds), "peak_rss_mb": result["peak_rss_mb"],
                 "stages": result["stages"], "parse_tiers": result["parse_tiers"],
                 "events": sum(len(r["events"]) for r in result["records"])}
        if best_baseline:
            entry["ratio_vs_baseline"] = round(best_baseline["seconds"] / seconds, 3)
            entry["ratio_vs_baseline_cpu"] = round(best_baseline["cpu_seconds"] / result["cpu_seconds"], 3)
        if reference is not None and mode != "all":
            entry["agreement_with_parse_all"] = agreement(result["records"], reference)
        out["eventwire"][mode] = entry
    if args.workers and models.classifier is None:
        log("  (workers skipped: they load the real models, and --no-classifier was given)")
    elif args.workers:
        mode = args.parse[-1]
        settings = DEFAULT_SETTINGS.with_(parse=mode, include_text=False)
        runs = []
        subset = documents[:args.workers_limit] if args.workers_limit else documents
        for n in args.workers:
            result = run_workers([_copy(d) for d in subset], settings, n, args.batch_size)
            result["docs_per_s"] = round(len(subset) / result["seconds"], 2)
            log(f"  workers={n} parse={mode}: {result['seconds']:.1f}s ({result['docs_per_s']} docs/s)")
            runs.append(result)
        one = next((r for r in runs if r["workers"] == 1), None)
        for result in runs:
            if one is not None:
                result["speedup_vs_1_worker"] = round(one["seconds"] / result["seconds"], 3)
        out["workers"] = {"parse": mode, "runs": runs}
    return out


def _copy(document):
    from dataclasses import replace

    return replace(document, errors=list(document.errors))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- report


def report(results: dict) -> str:
    m = results["machine"]
    lines = [f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}, spaCy {m['spacy']}; "
             f"load average at start {m['load_average_at_start']}; {m['date']}",
             f"models loaded in {results['load_seconds']:.1f}s (peak {results['load_peak_rss_mb']} MB)"]
    for corpus in results["corpora"]:
        lines.append("")
        lines.append(f"{Path(corpus['corpus']).name}: {corpus['documents']} documents, {corpus['words']:,} words")
        lines.append(f"  {'run':<28} {'wall s':>7} {'cpu s':>7} {'docs/s':>7} {'words/s':>8} {'ratio':>6} "
                     f"{'ratio cpu':>9} {'peak MB':>8}")
        base = corpus.get("baseline")
        if base:
            lines.append(f"  {'(b) en_core_web_sm nlp.pipe':<28} {base['seconds']:>7.1f} {base['cpu_seconds']:>7.1f} "
                         f"{base['docs_per_s']:>7.2f} {base['words_per_s']:>8,} {'1.00':>6} {'1.00':>9} "
                         f"{base['peak_rss_mb']:>8}")
        for mode, entry in corpus["eventwire"].items():
            ratio = f"{entry['ratio_vs_baseline']:.2f}" if "ratio_vs_baseline" in entry else "-"
            ratio_cpu = f"{entry['ratio_vs_baseline_cpu']:.2f}" if "ratio_vs_baseline_cpu" in entry else "-"
            lines.append(f"  {'(a) eventwire parse=' + mode:<28} {entry['seconds']:>7.1f} {entry['cpu_seconds']:>7.1f} "
                         f"{entry['docs_per_s']:>7.2f} {entry['words_per_s']:>8,} {ratio:>6} {ratio_cpu:>9} "
                         f"{entry['peak_rss_mb']:>8}")
        for mode, entry in corpus["eventwire"].items():
            stages = ", ".join(f"{k} {v:.1f}s" for k, v in entry["stages"].items())
            lines.append(f"  stages parse={mode}: {stages}")
            if entry.get("parse_tiers"):
                lines.append(f"  parse tiers parse={mode}: {entry['parse_tiers']} sentences")
            if entry.get("agreement_with_parse_all"):
                a = entry["agreement_with_parse_all"]
                lines.append(f"  agreement with parse=all: {a['documents_identical']}/{a['documents']} documents with "
                             f"identical events; {a['events_shared']} events shared of {a['events']} / "
                             f"{a['events_reference']}; main event same in {a['main_event_same']}")
        if corpus.get("workers"):
            for run in corpus["workers"]["runs"]:
                lines.append(f"  workers={run['workers']} (parse={corpus['workers']['parse']}, {run['documents']} documents): "
                             f"{run['seconds']:.1f}s (workers' CPU {run['workers_cpu_seconds']:.1f}s), "
                             f"{run['docs_per_s']} docs/s, speed-up {run.get('speedup_vs_1_worker', '-')}x, "
                             f"largest worker peak {run['peak_rss_mb_largest_worker']} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", type=Path,
                        help="JSON Lines of articles (repeatable); default: the insightcrime corpus of ../shared")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N documents of each corpus.")
    parser.add_argument("--parse", default="all,candidates,minimal", help="Parse modes to run, comma-separated.")
    parser.add_argument("--workers", default="", help="Also run N worker processes, e.g. 1,2 (mode: the last --parse).")
    parser.add_argument("--workers-limit", type=int, default=None,
                        help="Run the worker comparison on the first N documents of each corpus only.")
    parser.add_argument("--repeat", type=int, default=1, help="Alternate baseline and pipeline R times; keep the best.")
    parser.add_argument("--batch-size", type=int, default=32, help="Documents per pipeline batch.")
    parser.add_argument("--spacy-batch-size", type=int, default=64, help="nlp.pipe batch size of the baseline.")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--json", type=Path, help="Also write the results as JSON here.")
    parser.add_argument("--no-classifier", action="store_true",
                        help="Lexicon-only events (no classifier heads): a harness check, not a result.")
    args = parser.parse_args(argv)
    args.parse = [m.strip() for m in args.parse.split(",") if m.strip()]
    args.workers = [int(n) for n in args.workers.split(",") if n.strip()]
    corpora = args.corpus or [ROOT.parent / "shared" / "data" / "news" / "insightcrime_articles.jsonl"]

    from eventwire import api, nlp

    results: dict = {"machine": machine(), "command": " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])])}
    reset_peak()
    started = time.perf_counter()
    if args.no_classifier:
        from eventwire import pipeline, places

        models = pipeline.Models(gazetteer=places.load_gazetteer(), classifier=None)
        results["classifier"] = "none (--no-classifier: not a result)"
    else:
        models = api.load_models()
    nlp.load_spacy()
    results["load_seconds"] = round(time.perf_counter() - started, 2)
    results["load_peak_rss_mb"] = round(peak_mb())
    # warm up (first calls allocate): a few documents through both paths, not timed
    warm = read_corpus(corpora[0], 4)
    list(nlp.parse_texts([d.text for d in warm]))
    list(api.extract_many([_copy(d) for d in warm], models=models))
    results["corpora"] = []
    for path in corpora:
        results["corpora"].append(bench_corpus(path, args, models))
        if args.json:  # after each corpus, so a long run interrupted keeps what it measured
            args.json.write_text(json.dumps(results, indent=2) + "\n")
    # the peak of this process over every phase (VmHWM is reset between phases)
    phases = [results["load_peak_rss_mb"]] + [c["baseline"]["peak_rss_mb"] for c in results["corpora"] if "baseline" in c]
    phases += [e["peak_rss_mb"] for c in results["corpora"] for e in c["eventwire"].values()]
    results["peak_rss_mb_process"] = max(phases)
    text = report(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
