"""The fast path's pre-filter: which sentences can carry an event, decided before any parsing.

Detection (:mod:`eventwire.events.detect`) only ever starts from a token whose spaCy
lemma is in the trigger lexicon (``data/triggers.tsv``), and a rule with ``needs``
fires only when a dependent's lemma (or capitalised text) matches its pattern. This
filter asks the same two questions of the raw words, generously:

1. does some word have a possible lemma in the lexicon? A word's possible lemmas are
   the word itself, spaCy's own irregular forms (``shot`` -> ``shoot``, read from the
   lemmatizer's exception tables of ``en_core_web_sm``) and every suffix rule of
   spaCy's English lemmatizer (``-s``, ``-ies``, ``-ed``, ``-ing``, ...), plus the
   undoubled stem (``kidnapped`` -> ``kidnap``) and a noun's ``rstrip("s")``;
2. if every rule of that lemma has ``needs``, does some word of the sentence (in
   any of its possible lemmas, or as written) match one of those patterns?

A yes to both, or a casualty word (``killed``, ``wounded``, ``dead``, ... what
:mod:`eventwire.casualties` anchors with a parse), a modal of obligation (``must``,
``should``: "X said Y must ..." is a demand whatever Y must do), or a date word whose
value depends on the clause's tense (weekdays, months, ``next``), sends the sentence
to the full parser. Being generous only costs parse time; a sentence wrongly left out loses
its events, so the filter errs towards parsing (its recall against full-parse
detection is measured in tests/test_scale.py and docs/evaluation.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words casualty figures hang on (casualties._add_anchors uses the parse of these sentences).
_CASUALTY = re.compile(
    r"\b(?:kill|dead|death|die[ds]?\b|dying|injur|wound|casualt|toll|fatalit|slain|murder|hurt|bod(?:y|ies)|"
    r"missing|kidnap|abduct|arrest|detain|execut|massacre|behead|lynch|shot|gunned|remains|lives\b|lost\b)", re.IGNORECASE)

# spaCy's English rule lemmatizer suffix rules (lemma_rules of en_core_web_sm, verb + noun + adj)
_SUFFIX_RULES = (
    ("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
    ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
    ("er", ""), ("est", ""), ("er", "e"), ("est", "e"), ("d", ""),
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    open_lemmas: frozenset[str]  # lemmas with at least one rule that needs nothing
    needs: dict[str, tuple[re.Pattern, ...]]  # the other lemmas: the patterns of their rules
    irregular: dict[str, frozenset[str]]  # form -> lemmas (spaCy's exception tables)
    seen: dict[str, tuple] = field(default_factory=dict, compare=False, hash=False)  # word -> info()

    def info(self, word: str) -> tuple[bool, tuple[re.Pattern, ...], frozenset[str]]:
        """(a lemma needs nothing, the patterns the other lemmas need, the possible lemmas), memoised."""
        found = self.seen.get(word)
        if found is None:
            lemmas = frozenset(self.lemmas(word))
            patterns = tuple(p for lemma in lemmas for p in self.needs.get(lemma, ()))
            found = (not lemmas.isdisjoint(self.open_lemmas), patterns, lemmas)
            if len(self.seen) > 500_000:
                self.seen.clear()
            self.seen[word] = found
        return found

    def lemmas(self, word: str) -> set[str]:
        """Every lemma spaCy could give ``word`` (lowercased), generously."""
        out = {word, word.rstrip("s")}
        out.update(self.irregular.get(word, ()))
        for suffix, replacement in _SUFFIX_RULES:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                stem = word[: len(word) - len(suffix)] + replacement
                out.add(stem)
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
                    out.add(stem[:-1])  # kidnapped -> kidnapp -> kidnap
                elif len(stem) > 2 and stem[-1] == stem[-2] == "l":
                    out.add(stem[:-1])  # (British) travelled
        return out


@functools.lru_cache(maxsize=2)
def lexicon(triggers_path: str | None = None) -> Lexicon:
    from eventwire.events.detect import load_triggers

    table = load_triggers(triggers_path)
    open_lemmas = {lemma for lemma, rules in table.items() if any(rule.needs is None for rule in rules)}
    needs = {lemma: tuple(rule.needs for rule in rules if rule.needs is not None)
             for lemma, rules in table.items() if lemma not in open_lemmas}
    return Lexicon(frozenset(open_lemmas), needs, _irregular_forms())


def _irregular_forms() -> dict[str, frozenset[str]]:
    """Form -> lemmas from the spaCy model's own exception tables (``shot`` -> ``shoot``)."""
    from eventwire import nlp

    try:
        tables = nlp.load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except Exception:  # a model without the tables: suffix rules only
        return {}
    forms: dict[str, set[str]] = {}
    for pos in ("verb", "noun", "adj"):
        try:
            table = tables[pos]
        except KeyError:
            continue
        for form, lemmas in table.items():
            forms.setdefault(form.lower(), set()).update(lemma.lower() for lemma in lemmas)
    return {form: frozenset(lemmas) for form, lemmas in forms.items()}


def can_carry_event(text: str, lex: Lexicon | None = None) -> bool:
    """Can detection find a trigger in this sentence? (see the module docstring)"""
    lex = lex or lexicon()
    words = _WORD.findall(text)
    if not words:
        return False
    if any("-" in w for w in words):  # "car-bombings": spaCy splits on hyphens, so must we
        words = words + [part for w in words if "-" in w for part in w.split("-") if part]
    lowered = [w.lower().replace("’", "'") for w in words]
    pending: list[re.Pattern] = []
    infos = []
    for word in lowered:
        info = lex.info(word)
        if info[0]:
            return True
        pending.extend(info[1])
        infos.append(info)
    if not pending:
        return False
    strings = set(words)
    for info in infos:
        strings.update(info[2])
    return any(pattern.search(s) for pattern in set(pending) for s in strings)


def has_casualty_word(text: str) -> bool:
    return _CASUALTY.search(text) is not None


# "X said Y must/should ...": detection codes the demand from the speech verb and the modal, whatever
# the embedded verb is (events.detect._demands), so no lexicon word need be present.
_OBLIGATION = re.compile(r"\b(?:must|should|ought)\b", re.IGNORECASE)
# Dates whose value depends on the tense of their clause ("on Sunday" is last Sunday in a past
# clause, next Sunday under "will"; so for months without a year): the timex stage reads the parse.
_TENSE_DEPENDENT_DATE = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|weekend|next|coming|upcoming)\b", re.IGNORECASE)


def states_a_demand(text: str) -> bool:
    return _OBLIGATION.search(text) is not None


def has_tense_dependent_date(text: str) -> bool:
    return _TENSE_DEPENDENT_DATE.search(text) is not None


def needs_parse(text: str) -> bool:
    """The whole pre-filter: a possible trigger, a casualty word, a demand's modal, or a date whose
    value the clause's tense decides."""
    return (can_carry_event(text) or has_casualty_word(text) or states_a_demand(text)
            or has_tense_dependent_date(text))
