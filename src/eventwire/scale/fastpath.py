"""The fast paths: fully parse only the sentences that can carry an event.

One ``nlp.pipe`` (every component of ``en_core_web_sm``) over the sentences of a whole
batch of documents that

- the pre-filter (:mod:`eventwire.scale.prefilter`) says can carry an event or a
  casualty figure, or
- open their document (the first ``FIRST_SENTENCES``: where a story names its actors), or
  belong to a short text (``SHORT_TEXT``: snippets and briefs, which detection reads whole).

Every other sentence keeps ``doc=None``. With ``Settings.parse = "candidates"`` those
sentences go through spaCy's entity recogniser alone (``nlp.find_entities``: the ``ner``
component has its own embedding layer, ~40% of the whole pipeline's cost per word) and
keep only the entity spans (``Sentence.entities``), which is all the places stage reads
from a sentence without an event: the places found are the same as with every sentence
parsed. No Doc is kept for them (a Doc without a dependency tree, walked by code that
expects one, can crash spaCy; see docs/decisions.md, D-scale-fastpath). With
``"minimal"`` they are not read by spaCy at all: places there are found by gazetteer
matching and cues alone (more false places), times without tense cues. Detection finds
no trigger in them either way, which is what the pre-filter guarantees.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire import nlp as nlp_module
from eventwire.events.detect import SHORT_DOCUMENT
from eventwire.nlp import ParsedDocument, Sentence
from eventwire.scale import prefilter

FIRST_SENTENCES = 3
SHORT_TEXT = SHORT_DOCUMENT  # texts detection reads whole are parsed whole


def select(parsed: ParsedDocument, sentence: Sentence) -> bool:
    """Does this sentence get parsed? (Every sentence of a short text: detection reads a snippet or a
    brief whole, and may fall back to any of its sentences.)"""
    return (sentence.index < FIRST_SENTENCES or len(parsed.text) <= SHORT_TEXT
            or prefilter.needs_parse(sentence.text))


def parse(parsed_documents: Sequence[ParsedDocument], *, batch_size: int = 256, nlp=None,
          entities: bool = True) -> dict[str, int]:
    """Parse the selected sentences of a batch in place, and (``entities``) run the entity
    recogniser alone over the others; returns how many were parsed and skipped."""
    nlp = nlp or nlp_module.load_spacy()
    chosen: list[Sentence] = []
    rest: list[Sentence] = []
    for parsed in parsed_documents:
        for sentence in parsed.sentences:
            (chosen if select(parsed, sentence) else rest).append(sentence)
    docs = nlp_module.pipe_sentences([s.text for s in chosen], batch_size=batch_size, nlp=nlp)
    for sentence, doc in zip(chosen, docs, strict=True):
        sentence.doc = doc
    if entities:
        nlp_module.find_entities(rest, batch_size=batch_size, nlp=nlp)
    return {"parsed": len(chosen), "skipped": len(rest)}
