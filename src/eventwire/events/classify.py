"""Event-type classification: sentence embeddings + codebook cues -> small numpy heads.

``load_classifier(settings)`` reads the heads ``eventwire train`` wrote to ``settings.data_dir /
'heads'`` (``heads.npz``: plain weight matrices; ``heads.json``: labels, feature scales, thresholds,
provenance). Inference is numpy only: no torch, no scikit-learn pickles.

For each text the classifier gives the ACLED sub-event type (or None when the text describes
something ACLED does not code), ACLED event type, PLOVER type and mode, and the ACLED inter codes
of the main actors.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.errors import EventwireError
from eventwire.events import rules
from eventwire.records import ACLED_EVENT_TYPE_OF_SUB, PLOVER_TYPES

HEADS_DIRNAME = "heads"
_TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|\d+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens plus adjacent-word bigrams (numbers collapse to one token)."""
    words = ["0" if w[0].isdigit() else w for w in _TOKEN.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(slots=True)
class Vocabulary:
    """A fitted TF-IDF vocabulary: sublinear tf * idf, L2-normalised, numpy only."""

    index: dict[str, int]
    idf: np.ndarray

    def transform(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: (column indices, values) of its non-zero TF-IDF features."""
        out = []
        for text in texts:
            counts: dict[int, int] = {}
            for tok in tokens(text):
                j = self.index.get(tok)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[cols]
            norm = np.sqrt((vals**2).sum())
            out.append((cols, vals / norm if norm else vals))
        return out

    def dense(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.idf)), dtype=np.float32)
        for i, (cols, vals) in enumerate(self.transform(texts)):
            out[i, cols] = vals
        return out


@dataclass(slots=True)
class Classification:
    plover_type: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    is_acled: float
    plover_confidence: float
    acled_confidence: float
    inter1: int | None
    inter2: int | None
    scores: dict[str, float]
    distribution: np.ndarray | None = None  # probabilities over the ``sub`` head's labels


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


@dataclass(slots=True)
class Head:
    labels: tuple[str, ...]
    weight: np.ndarray  # (n_labels, n_features)
    bias: np.ndarray  # (n_labels,)

    def proba(self, features: np.ndarray, prior: np.ndarray | None = None) -> np.ndarray:
        logits = features @ self.weight.T + self.bias
        if prior is not None:
            logits = logits + prior
        return _softmax(logits.astype(np.float64))


class EventClassifier:
    """All heads plus the encoder; one instance per process (see :func:`load_classifier`)."""

    def __init__(self, heads: dict[str, Head], meta: dict, encoder=None, vocab: Vocabulary | None = None):
        self.heads = heads
        self.meta = meta
        self.vocab = vocab
        self.tfidf_scale = float(meta.get("tfidf_scale", 1.0))
        self.cue_scale = float(meta.get("cue_scale", 1.0))
        self.prior_scale = float(meta.get("prior_scale", 1.0))
        self.acled_threshold = float(meta.get("acled_threshold", 0.5))
        self._encoder = encoder
        sub = heads["sub"]
        self._acled_index = np.array([i for i, label in enumerate(sub.labels) if label in ACLED_EVENT_TYPE_OF_SUB])
        self._acled_labels = [sub.labels[i] for i in self._acled_index]
        self._types = list(rules.ACLED_TYPES)
        self._type_of = np.array([self._types.index(ACLED_EVENT_TYPE_OF_SUB[s]) for s in self._acled_labels])
        # A text ACLED would not code is not an armed assault or a protest: pick among the other types.
        if "plover" in heads:
            self._plover_other = np.array([label not in ("ASSAULT", "PROTEST") for label in heads["plover"].labels])

    @property
    def encoder(self):
        if self._encoder is None:
            from eventwire.embeddings import load_encoder

            self._encoder = load_encoder()
        return self._encoder

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """The encoder's embeddings (n, 384), so that callers can reuse them (of the text as given)."""
        return self.encoder.encode(list(texts))

    def features(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        if embeddings is None:
            embeddings = self.embed(texts)
        cues = rules.cue_features(list(texts))
        parts = [embeddings.astype(np.float32), self.cue_scale * cues]
        if self.vocab is not None:
            parts.append(self.tfidf_scale * self.vocab.dense(texts))
        return np.hstack(parts), cues

    def sub_proba(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Probabilities over the ``sub`` head's labels (ACLED sub-types + NOT_ACLED classes)."""
        from eventwire.events.train import clean_note

        texts = [clean_note(t) for t in texts]
        features, cues = self.features(texts, embeddings)
        head = self.heads["sub"]
        return head.proba(features, rules.rule_priors(cues, head.labels, self.prior_scale))

    def classify(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> list[Classification]:
        from eventwire.events.train import clean_note

        # ACLED notes' house style ("On 9 May 2020, ...", "[size=...]") is removed as in training;
        # news text passes unchanged.
        texts = [clean_note(t) for t in texts]
        if not texts:
            return []
        features, cues = self.features(texts, embeddings)
        sub_head = self.heads["sub"]
        p_sub = sub_head.proba(features, rules.rule_priors(cues, sub_head.labels, self.prior_scale))
        p_plover = self.heads["plover"].proba(features) if "plover" in self.heads else None
        p_inter1 = self.heads["inter1"].proba(features) if "inter1" in self.heads else None
        p_inter2 = self.heads["inter2"].proba(features) if "inter2" in self.heads else None
        p_acled = p_sub[:, self._acled_index]
        is_acled = p_acled.sum(axis=1)
        p_type = np.zeros((len(texts), len(self._types)))
        np.add.at(p_type.T, self._type_of, p_acled.T)
        out = []
        for i in range(len(texts)):
            order = np.argsort(-p_sub[i])[:5]
            scores = {sub_head.labels[k]: round(float(p_sub[i, k]), 4) for k in order}
            sub = event_type = None
            acled_conf = float(is_acled[i])
            if is_acled[i] >= self.acled_threshold:
                t = int(np.argmax(p_type[i]))
                event_type = self._types[t]
                within = np.where(self._type_of == t, p_acled[i], -1.0)
                k = int(np.argmax(within))
                sub = self._acled_labels[k]
                acled_conf = float(p_acled[i, k] / max(is_acled[i], 1e-9))
            if sub is not None:
                plover_type, plover_mode = rules.SUB_TO_PLOVER[sub]
                plover_conf = float(is_acled[i])
            elif p_plover is None:
                plover_type, plover_mode, plover_conf = "CONSULT", None, 0.0
            else:
                j = int(np.argmax(np.where(self._plover_other, p_plover[i], -1.0)))
                plover_type, plover_mode, plover_conf = self.heads["plover"].labels[j], None, float(p_plover[i, j])
            out.append(Classification(
                plover_type=plover_type, plover_mode=plover_mode, acled_event_type=event_type,
                acled_sub_event_type=sub, is_acled=float(is_acled[i]), plover_confidence=plover_conf,
                acled_confidence=acled_conf,
                inter1=_inter(self.heads["inter1"].labels, p_inter1[i]) if p_inter1 is not None else None,
                inter2=_inter(self.heads["inter2"].labels, p_inter2[i]) if p_inter2 is not None else None,
                scores=scores,
                distribution=p_sub[i],
            ))
        return out


def _inter(labels: tuple[str, ...], proba: np.ndarray) -> int | None:
    code = int(labels[int(np.argmax(proba))])
    return code or None


def save_heads(out_dir: Path, heads: dict[str, Head], meta: dict, vocab: Vocabulary | None = None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays = {}
    if vocab is not None:
        arrays["vocab__idf"] = vocab.idf.astype(np.float32)
        meta = dict(meta, vocab=sorted(vocab.index, key=vocab.index.get))
    for name, head in heads.items():
        arrays[f"{name}__weight"] = head.weight.astype(np.float16)
        arrays[f"{name}__bias"] = head.bias.astype(np.float32)
    np.savez_compressed(out_dir / "heads.npz", **arrays)
    meta = dict(meta, labels={name: list(head.labels) for name, head in heads.items()})
    (out_dir / "heads.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_heads(directory: Path, encoder=None) -> EventClassifier:
    npz, meta_path = directory / "heads.npz", directory / "heads.json"
    if not npz.exists() or not meta_path.exists():
        raise EventwireError("E021", f"classifier heads missing in {directory}; run `eventwire train --acled FILE.csv`")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        heads, vocab = {}, None
        with np.load(npz) as data:
            for name, labels in meta["labels"].items():
                heads[name] = Head(tuple(labels), data[f"{name}__weight"].astype(np.float32),
                                   data[f"{name}__bias"].astype(np.float32))
            if meta.get("vocab"):
                vocab = Vocabulary({tok: j for j, tok in enumerate(meta["vocab"])},
                                   data["vocab__idf"].astype(np.float64))
    except (OSError, ValueError, KeyError) as exc:
        raise EventwireError("E021", f"classifier heads in {directory} unreadable: {exc}") from exc
    if "sub" not in heads or "plover" not in heads:
        raise EventwireError("E021", f"classifier heads in {directory} lack the 'sub' or 'plover' head")
    unknown = set(heads["plover"].labels) - set(PLOVER_TYPES)
    if unknown:
        raise EventwireError("E021", f"classifier heads in {directory} have unknown PLOVER labels {sorted(unknown)}")
    return EventClassifier(heads, meta, encoder, vocab)


@functools.lru_cache(maxsize=4)
def _load(directory: str) -> EventClassifier:
    return read_heads(Path(directory))


def load_classifier(settings=None) -> EventClassifier:
    """The classifier with the heads in ``settings.data_dir / 'heads'`` (cached per process)."""
    from eventwire.settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    return _load(str(Path(settings.data_dir) / HEADS_DIRNAME))
