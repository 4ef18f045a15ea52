"""``Settings.parse = "candidates"``: parse only the sentences that can carry an event.

One ``nlp.pipe`` (every component of ``en_core_web_sm``) over the sentences of a whole
batch of documents that

- the pre-filter (:mod:`eventwire.scale.prefilter`) says can carry an event or a
  casualty figure, or
- open their document (the first ``FIRST_SENTENCES``: where detection's classifier
  fallback looks when no trigger is found, and where a story names its actors).

Every other sentence keeps ``doc=None``: the stages handle that (places there are found
by gazetteer matching and cues alone, times without tense cues; detection finds no
trigger there, which is what the pre-filter guarantees).

An entities-only tier (the ``ner`` component alone for the other sentences) was tried
and dropped: its docs have no dependency tree, and code walking one (``token.lefts``,
``left_edge``) can crash spaCy on them (see docs/decisions.md, D-scale-fastpath).
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire import nlp as nlp_module
from eventwire.nlp import ParsedDocument, Sentence
from eventwire.scale import prefilter

FIRST_SENTENCES = 3


def select(parsed: ParsedDocument, sentence: Sentence) -> bool:
    """Does this sentence get parsed?"""
    return sentence.index < FIRST_SENTENCES or prefilter.needs_parse(sentence.text)


def parse(parsed_documents: Sequence[ParsedDocument], *, batch_size: int = 256, nlp=None) -> dict[str, int]:
    """Parse the selected sentences of a batch in place; returns how many were parsed and skipped."""
    nlp = nlp or nlp_module.load_spacy()
    chosen: list[Sentence] = []
    skipped = 0
    for parsed in parsed_documents:
        for sentence in parsed.sentences:
            if select(parsed, sentence):
                chosen.append(sentence)
            else:
                skipped += 1
    for sentence, doc in zip(chosen, nlp.pipe((s.text for s in chosen), batch_size=batch_size)):
        sentence.doc = doc
    return {"parsed": len(chosen), "skipped": skipped}
