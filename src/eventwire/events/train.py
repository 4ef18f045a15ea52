"""Training the classifier heads (``eventwire train``): embeddings + codebook cues -> multinomial LR.

Data (read from the user's files, never copied into the repo):

- an ACLED export (CSV with ``notes``, ``event_type``, ``sub_event_type``, ``inter1``, ``inter2``);
- optionally news snippets labelled with ACLED sub-event types or ``NOT_ACLED:...`` (TSV id/text/label);
- optionally the PLOVER gold standard records (JSON list with ``event``, ``mode``, ``text``).

Heads (all multinomial logistic regression over ``[embedding | cues]``, fitted with scikit-learn and
saved as plain numpy weights, so that run time needs numpy only):

- ``sub``: the 25 ACLED sub-event types plus the NOT_ACLED classes;
- ``plover``: the 16 PLOVER types;
- ``inter1`` / ``inter2``: ACLED inter codes of actor1 / actor2 (0 = no actor2), trained on notes.

Everything is seeded, so the same files give the same heads.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eventwire.errors import EventwireError
from eventwire.events import rules
from eventwire.records import PLOVER_TYPES

HEADS_VERSION = 1
SUB_LABELS: tuple[str, ...] = rules.ACLED_SUBS + rules.NOT_ACLED
INTER1_LABELS = ("1", "2", "3", "4", "5", "6", "7", "8")
INTER2_LABELS = ("0",) + INTER1_LABELS

# ACLED house style that news never has: "Movement of forces: On 9 May 2020, ...", "[size=...]",
# coding notes ("Fatalities coded as 0", "20 fatalities split up between 3 events").
_LABEL_PREFIX = re.compile(r"^\s*[A-Z][A-Za-z /-]{2,40}:\s+(?=(On|Around|Between|As reported|During|Overnight|In|At|"
                           r"From|Since|Late|Early|Sometime|\d))")
_DATE_LEAD = re.compile(
    r"^\s*(?:(?:on|around|between|as reported on|as of|during|overnight on|overnight|from|since|sometime (?:on|in|between)|"
    r"early on|late on|in the (?:night|morning|evening|afternoon) of|the night of|night of|(?:early|late|mid)[- ]?)\s+)?"
    r"(?:(?:the )?(?:week|weekend|night|end|beginning|month) of )?"
    r"\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
    r"(?:\s*(?:-|and|to)\s*\d{1,2}\s+\w+)?\s+\d{4}\s*(?:\([^)]*\))?\s*,?\s*",
    re.IGNORECASE,
)
_SIZE = re.compile(r"\s*\[(?:size|women targeted|localized|armed|disorder)[^\]]*\]", re.IGNORECASE)
_CODING_SENTENCE = re.compile(
    r"[^.]*\b(?:fatalit(?:y|ies) (?:coded|split|are split|were split)|coded as|coded separately|"
    r"fatalities split)[^.]*\.?", re.IGNORECASE)
_CODED_PAREN = re.compile(r"\s*\([^)]*\bcoded\b[^)]*\)", re.IGNORECASE)


def clean_note(text: str) -> str:
    """An ACLED note with its house-style boilerplate removed, reading more like a news sentence."""
    text = _LABEL_PREFIX.sub("", text or "", count=1)
    text = _DATE_LEAD.sub("", text, count=1)
    text = _SIZE.sub("", text)
    text = _CODED_PAREN.sub("", text)
    text = _CODING_SENTENCE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


# ------------------------------------------------------------------------------------------ data
@dataclass(slots=True)
class Example:
    text: str
    source: str  # acled | snippet | plover
    sub: str | None = None  # ACLED sub-event type or NOT_ACLED:... (None: unknown)
    plover: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    group: str = ""  # rows with the same group stay in the same CV fold
    extra: dict = field(default_factory=dict)


def read_acled(path: str | Path, limit: int | None = None) -> list[dict]:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EventwireError("E050", f"cannot read ACLED file {path}: {exc}") from exc
    if rows and "notes" not in rows[0]:
        raise EventwireError("E050", f"{path} has no 'notes' column (not an ACLED export?)")
    rows = [r for r in rows if (r.get("notes") or "").strip()]
    return rows[:limit] if limit else rows


def acled_examples(rows: Sequence[dict]) -> list[Example]:
    out = []
    for row in rows:
        sub = row.get("sub_event_type") or None
        if sub not in rules.SUB_TO_PLOVER:
            sub = None
        inter2 = (row.get("inter2") or "0").strip() or "0"
        out.append(Example(
            text=clean_note(row["notes"]), source="acled", sub=sub,
            plover=rules.SUB_TO_PLOVER[sub][0] if sub else None,
            inter1=(row.get("inter1") or "").strip() or None, inter2=inter2,
            group="acled:" + hashlib.sha1(row["notes"].encode()).hexdigest()[:12],
        ))
    return out


def read_snippets(path: str | Path) -> list[Example]:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EventwireError("E050", f"cannot read snippets file {path}: {exc}") from exc
    out = []
    for row in rows:
        label, text = (row.get("label") or "").strip(), (row.get("text") or "").strip()
        if not text or not label:
            continue
        if label not in SUB_LABELS:
            label = label if label.startswith("NOT_ACLED") else None
        plover = rules.SUB_TO_PLOVER[label][0] if label in rules.SUB_TO_PLOVER else None
        out.append(Example(text=text.strip('"'), source="snippet", sub=label, plover=plover,
                           group="snippet:" + str(row.get("id")), extra={"id": row.get("id"), "gold": label}))
    return out


def load_plover_records(path: str | Path) -> list:
    """The records of a PLOVER gold-standard file (a JSON array), or a one-line E050 error."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EventwireError("E050", f"cannot read PLOVER file {path}: {exc}") from exc
    if not isinstance(records, list):
        raise EventwireError("E050", f"{path}: expected a JSON array of PLOVER records")
    return records


def read_plover(path: str | Path) -> list[Example]:
    out = []
    for rec in load_plover_records(path):
        if not isinstance(rec, dict):
            continue
        event = rules.PLOVER_OLD_TO_NEW.get(rec.get("event"), rec.get("event"))
        text = (rec.get("text") or "").strip()
        if event not in PLOVER_TYPES or not text:
            continue
        # Diplomatic and verbal types are things ACLED does not code; violent ones have no sub-type here.
        sub = "NOT_ACLED:DIPLO" if event not in ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE") else None
        out.append(Example(text=text, source="plover", sub=sub, plover=event, group="plover:" + rec.get("id", text[:20]),
                           extra={"mode": rules.PLOVER_MODE_MAP.get(rec.get("mode") or "", rec.get("mode") or None)}))
    return out


# ------------------------------------------------------------------------------------ features
def embed_cached(texts: Sequence[str], cache_dir: Path | None = None) -> np.ndarray:
    """Encoder embeddings, cached on disk by text hash (training re-embeds the same notes often).

    ``cache_dir`` defaults to ``<settings.cache_dir>/train``; the cache only saves time (the
    encoder is deterministic), and a cache that cannot be written is skipped.
    """
    from eventwire.embeddings import load_encoder
    from eventwire.settings import DEFAULT_SETTINGS

    cache_dir = Path(cache_dir) if cache_dir else Path(DEFAULT_SETTINGS.cache_dir) / "train"
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    store = cache_dir / "embeddings.npz"
    known: dict[str, np.ndarray] = {}
    try:
        if store.exists():
            with np.load(store) as data:
                known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        known = {}
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        vectors = load_encoder().encode([t for _, t in missing])
        known.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.savez(store, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
        except OSError:
            pass
    if not keys:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([known[k] for k in keys]).astype(np.float32)


# ------------------------------------------------------------------------------------ training
@dataclass(slots=True)
class Config:
    seed: int = 0
    C: float = 10.0  # inverse L2 strength of the LR heads
    cue_scale: float = 1.0  # cue features are appended to the embedding times this
    prior_scale: float = 1.0  # codebook priors added to the sub head's logits at run time
    weight_acled: float = 1.0  # per-example weight of an ACLED note
    weight_snippet: float = 10.0  # ... of a news snippet (news style is what the pipeline sees)
    weight_plover: float = 1.0
    balance: float = 0.5  # class weight ~ count ** -balance within each source
    acled_threshold: float = 0.5
    tfidf_scale: float = 2.0  # weight of the TF-IDF block (0: embeddings + cues only)
    vocab_size: int = 12000
    min_df: int = 2


def _source_weights(examples: Sequence[Example], labels: Sequence[str | None], config: Config) -> np.ndarray:
    base = {"acled": config.weight_acled, "snippet": config.weight_snippet, "plover": config.weight_plover}
    counts: dict[tuple[str, str | None], int] = {}
    for ex, label in zip(examples, labels, strict=True):
        counts[(ex.source, label)] = counts.get((ex.source, label), 0) + 1
    weights = np.array([base[ex.source] * (counts[(ex.source, label)] ** -config.balance)
                        for ex, label in zip(examples, labels, strict=True)])
    # Normalise so that each source keeps its total weight (base * n).
    for source in base:
        mask = np.array([ex.source == source for ex in examples])
        if mask.any():
            weights[mask] *= base[source] * mask.sum() / weights[mask].sum()
    return weights


def fit_head(features: np.ndarray, y: Sequence[str], labels: Sequence[str], weights: np.ndarray, C: float,
             seed: int):
    """Multinomial LR (scikit-learn, lbfgs) -> :class:`Head` over ``labels`` (unseen labels never win)."""
    from sklearn.linear_model import LogisticRegression

    from eventwire.events.classify import Head

    model = LogisticRegression(C=C, max_iter=1000, random_state=seed)
    model.fit(features, list(y), sample_weight=weights)
    weight = np.zeros((len(labels), features.shape[1]), dtype=np.float32)
    bias = np.full(len(labels), -30.0, dtype=np.float32)
    classes = list(model.classes_)
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # binary LR stores one row; expand to the softmax form
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    for k, label in enumerate(classes):
        j = list(labels).index(label)
        weight[j], bias[j] = coef[k], intercept[k]
    return Head(tuple(labels), weight, bias)


def fit_vocabulary(texts: Sequence[str], size: int, min_df: int):
    """TF-IDF vocabulary: the ``size`` most frequent tokens/bigrams seen in >= ``min_df`` texts."""
    from eventwire.events.classify import Vocabulary, tokens

    df: dict[str, int] = {}
    for text in texts:
        for tok in set(tokens(text)):
            df[tok] = df.get(tok, 0) + 1
    kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:size]
    kept.sort()
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in kept])
    return Vocabulary({t: j for j, t in enumerate(kept)}, idf)


def build_features(examples: Sequence[Example], embeddings: np.ndarray, config: Config, vocab=None):
    from scipy import sparse

    texts = [ex.text for ex in examples]
    cues = rules.cue_features(texts)
    dense = np.hstack([embeddings.astype(np.float32), config.cue_scale * cues])
    if vocab is None:
        return dense
    rows, cols, vals = [], [], []
    for i, (c, v) in enumerate(vocab.transform(texts)):
        rows.extend([i] * len(c))
        cols.extend(c.tolist())
        vals.extend((config.tfidf_scale * v).tolist())
    tfidf = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab.idf)), dtype=np.float32)
    return sparse.hstack([sparse.csr_matrix(dense), tfidf], format="csr")


def fit_heads(examples: Sequence[Example], embeddings: np.ndarray, config: Config,
              only: Sequence[str] | None = None) -> dict:
    """Fit every head on ``examples`` (with their embeddings); returns {name: Head} (+ "_vocab")."""
    vocab = None
    if config.tfidf_scale > 0:
        vocab = fit_vocabulary([ex.text for ex in examples], config.vocab_size, config.min_df)
    features = build_features(examples, embeddings, config, vocab)
    heads = {}
    specs = (
        ("sub", SUB_LABELS, lambda ex: ex.sub),
        ("plover", PLOVER_TYPES, lambda ex: ex.plover),
        ("inter1", INTER1_LABELS, lambda ex: ex.inter1 if ex.source == "acled" else None),
        ("inter2", INTER2_LABELS, lambda ex: ex.inter2 if ex.source == "acled" else None),
    )
    for name, labels, get in specs:
        if only is not None and name not in only:
            continue
        keep = [i for i, ex in enumerate(examples) if get(ex) in labels]
        if len({get(examples[i]) for i in keep}) < 2:
            continue
        sub_examples = [examples[i] for i in keep]
        y = [get(ex) for ex in sub_examples]
        heads[name] = fit_head(features[keep], y, labels, _source_weights(sub_examples, y, config), config.C,
                               config.seed)
    if vocab is not None:
        heads["_vocab"] = vocab
    return heads


def make_classifier(heads: dict, config: Config, meta: dict | None = None):
    from eventwire.events.classify import EventClassifier

    heads = dict(heads)
    vocab = heads.pop("_vocab", None)
    meta = dict(meta or {}, cue_scale=config.cue_scale, prior_scale=config.prior_scale,
                acled_threshold=config.acled_threshold, tfidf_scale=config.tfidf_scale)
    return EventClassifier(heads, meta, vocab=vocab)


def folds(examples: Sequence[Example], k: int, seed: int) -> np.ndarray:
    """Fold number of each example; examples of one group share a fold; stratified by label."""
    rng = np.random.default_rng(seed)
    groups: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        groups.setdefault(ex.group, []).append(i)
    by_label: dict[str, list[str]] = {}
    for name, members in groups.items():
        by_label.setdefault(str(examples[members[0]].sub), []).append(name)
    out = np.zeros(len(examples), dtype=int)
    offset = 0
    for label in sorted(by_label):
        names = sorted(by_label[label])
        rng.shuffle(names)
        for j, name in enumerate(names):
            out[groups[name]] = (offset + j) % k
        offset += len(names)
    return out


def _sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_training_data(acled_csv, snippets_tsv=None, plover_path=None, limit: int | None = None) -> list[Example]:
    examples = acled_examples(read_acled(acled_csv, limit))
    if snippets_tsv:
        examples += read_snippets(snippets_tsv)
    if plover_path:
        examples += read_plover(plover_path)
    return examples


def train_heads(acled_csv, snippets_tsv=None, plover_path=None, out_dir=None, seed: int = 0,
                cache_dir: Path | None = None, config: Config | None = None) -> dict:
    """Fit the heads on the given files and write them to ``out_dir``; returns a summary dict."""
    from eventwire.events.classify import save_heads
    from eventwire.settings import DEFAULT_SETTINGS

    config = config or Config(seed=seed)
    out_dir = Path(out_dir) if out_dir else Path(DEFAULT_SETTINGS.data_dir) / "heads"
    examples = load_training_data(acled_csv, snippets_tsv, plover_path)
    embeddings = embed_cached([ex.text for ex in examples], cache_dir)
    heads = fit_heads(examples, embeddings, config)
    vocab = heads.pop("_vocab", None)
    trained_on = {kind: {"name": Path(p).name, "sha256": _sha256(p), "path": str(Path(p).resolve())}
                  for kind, p in (("acled", acled_csv), ("snippets", snippets_tsv), ("plover", plover_path)) if p}
    meta = {"version": HEADS_VERSION, "seed": config.seed, "config": {f: getattr(config, f) for f in config.__slots__},
            "trained_on": trained_on, "encoder": "all-MiniLM-L6-v2 int8 ONNX", "cues": list(rules.CUE_NAMES),
            "examples": {s: sum(ex.source == s for ex in examples) for s in ("acled", "snippet", "plover")},
            "cue_scale": config.cue_scale, "prior_scale": config.prior_scale,
            "acled_threshold": config.acled_threshold, "tfidf_scale": config.tfidf_scale}
    save_heads(out_dir, heads, meta, vocab)
    return {"out_dir": str(out_dir), "heads": sorted(heads), "examples": meta["examples"], "trained_on": trained_on}
