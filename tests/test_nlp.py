"""Sentence splitting and parsing: offsets always point into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import nlp
from eventwire.records import Document

NEWS = (
    "U.S. Secretary of State Antony Blinken met Gen. Abdel Fattah al-Burhan on Jan. 5 in Port Sudan. "
    "\"We will not stop,\" the group said. Police arrested 12 people, according to Mr. Smith.\n\n"
    "Strikes kill 4 children\n\nThe army said 3.5 million people had fled."
)


def test_split_keeps_abbreviations_together():
    sentences = [s.text for s in nlp.segment(Document(id="d", text=NEWS)).sentences]
    assert sentences[0].startswith("U.S. Secretary") and sentences[0].endswith("Port Sudan.")
    assert sentences[1] == "\"We will not stop,\" the group said."
    assert sentences[2].endswith("according to Mr. Smith.")
    assert any(s == "Strikes kill 4 children" for s in sentences)


def test_segment_paragraphs_and_lookup():
    parsed = nlp.segment(Document(id="d", text=NEWS))
    assert len(parsed.paragraphs) == 3
    headline = next(s for s in parsed.sentences if s.text.startswith("Strikes"))
    assert headline.paragraph == 1
    assert parsed.sentence_at(headline.start + 3) is headline
    assert parsed.sentence_at(len(NEWS) + 5) is None


def test_parse_gives_per_sentence_docs():
    parsed = nlp.segment(Document(id="d", text=NEWS))
    nlp.parse([parsed], select=lambda p, s: "arrested" in s.text)
    parsed_sentences = [s for s in parsed.sentences if s.doc is not None]
    assert len(parsed_sentences) == 1
    sentence = parsed_sentences[0]
    token = next(t for t in sentence.doc if t.lemma_ == "arrest")
    start, end = sentence.offsets(token)
    assert NEWS[start:end] == "arrested"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abc ABC.?!\n\"'”") + ["Mr.", "U.S.", " 12", "\n\n"]), max_size=120).map("".join))
def test_sentence_offsets_property(text):
    parsed = nlp.segment(Document(id="p", text=text))
    previous_end = 0
    for sentence in parsed.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


def _token_attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph), t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]


def test_token_annotator_matches_spacy_components_on_news():
    """The memoised attribute ruler + lemmatizer give every token of real news sentences (the bundled
    VOA stories: contractions, "gon na"-style pairs, auxiliaries, pronouns, hyphenated words) the same
    part of speech, morphology and lemma as spaCy's own components."""
    from pathlib import Path

    from eventwire.documents import read_path

    stories = Path(nlp.__file__).parent / "data" / "examples" / "voa_stories.jsonl"
    sentences = [s.text for d in list(read_path(stories))[:8] for s in nlp.segment(d).sentences]
    sentences += ["I ain't gonna let 's go, there's nothing we didn't do.", "Do you have it?  It was hers."]
    model = nlp.load_spacy()
    assert nlp.token_annotator(model) is not None
    expected = [_token_attributes(doc) for doc in model.pipe(sentences)]
    assert [_token_attributes(doc) for doc in nlp.pipe_sentences(sentences, nlp=model)] == expected
    assert len(sentences) > 150


def test_token_annotator_steps_aside_for_other_models():
    import spacy

    assert nlp.token_annotator(spacy.blank("en")) is None
    assert [t.text for t in nlp.pipe_sentences(["Troops fired."], nlp=spacy.blank("en"))[0]] == ["Troops", "fired", "."]
