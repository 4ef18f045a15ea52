"""``Settings.parse = "candidates"``: parse fully only the sentences that can carry an event.

Two tiers, one ``nlp.pipe`` each, over the sentences of a whole batch of documents:

full parse (every component of ``en_core_web_sm``)
    sentences the pre-filter (:mod:`eventwire.scale.prefilter`) says can carry an
    event or a casualty figure, and the first ``FIRST_SENTENCES`` of each document
    (where detection's classifier fallback looks when no trigger is found);
entities only (the ``ner`` component alone)
    every other sentence. ``ner`` in ``en_core_web_sm`` has its own embedding layer,
    so its entities are exactly those of a full parse, at about half the cost. Place
    recognition and the entity memory that resolves "the group"/"they" read them.
    These docs carry no tags, lemmas or dependencies (``doc.has_annotation("DEP")``
    is False): detection finds no trigger in them and tense cues are not read there.

With ``entities=False`` the second tier is skipped (those sentences keep ``doc=None``),
faster still, but places there are then found by gazetteer matching and cues alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire import nlp as nlp_module
from eventwire.nlp import ParsedDocument, Sentence
from eventwire.scale import prefilter

FIRST_SENTENCES = 3
# Components the entity-only tier leaves out (everything but ner, in en_core_web_sm 3.8).
_NOT_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


def select(parsed: ParsedDocument, sentence: Sentence) -> bool:
    """Does this sentence get the full parse?"""
    return sentence.index < FIRST_SENTENCES or prefilter.needs_parse(sentence.text)


def parse(parsed_documents: Sequence[ParsedDocument], *, batch_size: int = 256, entities: bool = True,
          nlp=None) -> dict[str, int]:
    """Parse a batch in two tiers (see the module docstring); returns sentence counts per tier."""
    nlp = nlp or nlp_module.load_spacy()
    full: list[Sentence] = []
    light: list[Sentence] = []
    for parsed in parsed_documents:
        for sentence in parsed.sentences:
            (full if select(parsed, sentence) else light).append(sentence)
    for sentence, doc in zip(full, nlp.pipe((s.text for s in full), batch_size=batch_size)):
        sentence.doc = doc
    if entities and light:
        disable = [name for name in _NOT_NER if name in nlp.pipe_names]
        for sentence, doc in zip(light, nlp.pipe((s.text for s in light), batch_size=batch_size, disable=disable)):
            sentence.doc = doc
    return {"full": len(full), "entities": len(light) if entities else 0, "skipped": 0 if entities else len(light)}
