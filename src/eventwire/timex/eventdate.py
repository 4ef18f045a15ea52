"""Event dates: the temporal expression that governs an event trigger.

Order of preference (``EventDate.source``):

1. ``clause``: a date attached to the trigger in the dependency parse (its
   head is the trigger, the verb whose object/subject the trigger is, or a noun
   the trigger modifies) or, without a parse, a date in the same clause;
2. ``sentence``: a date free in the sentence, i.e. not attached to another
   noun or to a clause that does not contain the trigger ('withdrawn its
   ambassador over Tuesday's attack' does not date 'withdrawn');
3. ``context``: the nearest preceding sentence of the same paragraph that
   holds a free date (narratives keep their time until they change it);
4. ``publication``: the document date.
"""

from __future__ import annotations

import re
from datetime import date as Date

from eventwire.records import EventDate, Time
from eventwire.timex.values import span_of_value

_DATE_VALUE = re.compile(r"^(?:\d{4}|\d{3}$|XXXX)")
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:which|who|whom|whose|where|when|while|after|before|as|but|and)\b|"
                           r"\b(?:that|which|who|after|before|since|until|following)\b", re.I)
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")


def _is_date(time: Time) -> bool:
    return time.type in ("DATE", "TIME") and bool(time.value) and bool(_DATE_VALUE.match(time.value))


def _event_date(time: Time, source: str) -> EventDate:
    value = time.value.split("T")[0] if time.value else None
    first, last, precision = span_of_value(value)
    if precision is None:  # unresolved (no publication date): precision from the value's shape
        precision = "day" if value and value.count("-") == 2 else "week" if value and "-W" in value else \
            "month" if value and value.count("-") == 1 else "year"
    return EventDate(
        value=value,
        start=first.isoformat() if first else None,
        end=last.isoformat() if last else None,
        precision=precision,
        text=time.text,
        mod=time.mod,
        time_precision={"day": 1, "week": 2}.get(precision, 3),
        offset_start=time.start,
        offset_end=time.end,
        source=source,
    )


def _publication(day: Date) -> EventDate:
    iso = day.isoformat()
    return EventDate(value=iso, start=iso, end=iso, precision="day", text=None, mod=None, time_precision=1,
                     source="publication")


# --------------------------------------------------------------------------- parse-based attachment


def _tokens_in(doc, start: int, end: int) -> list:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _head_of(tokens: list):
    """The token of a span whose head lies outside it (the span's syntactic head)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _governor(head):
    """What a time expression modifies: skip a preposition ('on Tuesday' -> the verb of 'on')."""
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        return head.head.head
    return head.head


def _attachment(doc, offset: int, time: Time, trigger_tokens: list) -> str | None:
    """'clause' when the time dates the trigger, 'sentence' when it is free, None when it dates something else."""
    tokens = _tokens_in(doc, time.start - offset, time.end - offset)
    if not tokens or not trigger_tokens:
        return "sentence"
    head = _head_of(tokens)
    governor = _governor(head)
    trigger_ids = {t.i for t in trigger_tokens}
    # the trigger itself, or the verb heading a nominal trigger ('launched ... airstrikes')
    anchors = set(trigger_ids)
    for token in trigger_tokens:
        if token.tag_ in _NOUN_TAGS and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            anchors.add(token.head.i)
    if governor.i in anchors or head.i in anchors:
        return "clause"
    if head.dep_ == "poss" or (governor.tag_ in _NOUN_TAGS and head.dep_ in ("compound", "nmod", "amod", "poss")):
        return None  # 'Tuesday's attack' dates the attack, not the trigger
    if head.dep_ == "nummod" and governor.tag_ in _NOUN_TAGS and not (
            governor.dep_ == "pobj" and governor.head.lower_ in ("in", "during", "at")
            and governor.head.head.i in anchors):
        # 'rallied against the 2019 citizenship law', 'arrested over the 2015 bombing', 'justice for the
        # victims of the 1994 genocide' (but 'killed in a 2010 shootout': the shootout is the killing's frame)
        return None
    # inside the trigger's own phrase or clause ('a bombing that killed 90 people in early January'), but not
    # in a clause a verb trigger only embeds ('offered to hand over two men suspected of blowing up a plane in
    # 1988': 1988 dates the bombing, not the offer)
    subtree_ids = {t.i for token in trigger_tokens for t in token.subtree}
    if head.i in subtree_ids:
        if _embedded_clause(governor, trigger_tokens) or _reference_event(head, trigger_tokens):
            return None
        return "clause"
    # free when the governor dominates the trigger (a date of the main clause), else it dates another clause
    ancestor_ids = {a.i for t in trigger_tokens for a in t.ancestors}
    if governor.i in ancestor_ids or governor.dep_ == "ROOT":
        return "sentence" if governor.i in ancestor_ids else None
    return None


_REFERENCE_PREPS = frozenset(["since", "than", "like", "unlike"])


def _reference_event(head, trigger_tokens: list) -> bool:
    """The date is inside a phrase that names another event to measure the trigger by ('the most high-profile
    murder since the death of Camarena in 1985'): it dates that event."""
    trigger_ids = {t.i for t in trigger_tokens}
    phrase_ids = {t.i for token in trigger_tokens for t in token.subtree}
    node = head
    while node.i not in trigger_ids and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in _REFERENCE_PREPS and node.head.head.i in phrase_ids:
            return node is not head  # 'since 1985' is the trigger's own span; 'since the death in 1985' is not
        node = node.head
    return False


_CLAUSE_DEPS = frozenset(["acl", "relcl", "pcomp", "csubj"])  # a clause of a participant, or after a preposition
_SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass", "expl"])
_AT_THE_TIME = frozenset(["when", "while", "as", "once", "whenever"])  # a clause that gives the main clause its time


def _embedded_clause(governor, trigger_tokens: list) -> bool:
    """Whether ``governor`` is in a subordinate clause below the trigger (for a verb trigger: a clause of its own,
    with its own time: a participant's clause, a clause after a preposition, an adverbial or complement
    clause with its own subject), rather than the trigger's own clause, an infinitive it governs or a
    participle that goes with it ('rejected the warrant, telling journalists on Wednesday')."""
    verbs = [t for t in trigger_tokens if t.pos_ in ("VERB", "AUX")]
    trigger_ids = {t.i for t in trigger_tokens}
    if not verbs:
        # a noun trigger: its own relative or participle clause dates it ('a bombing that killed 90 people in
        # early January'), the clause of one of its participants does not ('an investigation into crimes
        # committed during the 1991-1995 conflict')
        node = governor
        while node.i not in trigger_ids and node.head.i != node.i:
            if node.dep_ in _CLAUSE_DEPS and node.head.i not in trigger_ids:
                return True
            node = node.head
        return False
    if governor.pos_ not in ("VERB", "AUX") or governor.i in trigger_ids:
        return False
    stop = {t.i for t in verbs}
    node = governor
    while node.i not in stop and node.head.i != node.i:
        if node.dep_ in _CLAUSE_DEPS:
            return True
        # 'shortly after they occupied the complex on April 5' has its own time; 'telling journalists on
        # Wednesday' (no subject) and 'when the authorities bombed the camp on March 1' (the same time) do not
        if node.dep_ in ("advcl", "ccomp") and any(c.dep_ in _SUBJECT_DEPS for c in node.children) and not any(
                c.dep_ in ("advmod", "mark") and c.lower_ in _AT_THE_TIME for c in node.children):
            return True
        node = node.head
    return False


# --------------------------------------------------------------------------- text-based attachment


def _text_attachment(text: str, time: Time, trigger_start: int, trigger_end: int) -> str | None:
    """Without a parse: a possessive date only dates the noun right after it; clause breaks separate."""
    after = text[time.end:time.end + 3]
    if re.match(r"['’]s?\b", after):
        noun_start = time.end + len(re.match(r"['’]s?\s*", text[time.end:]).group(0))
        following = re.match(r"(?:[\w-]+\s+){0,2}", text[noun_start:])
        span_end = noun_start + (len(following.group(0)) if following else 0)
        return "clause" if noun_start <= trigger_start <= span_end else None
    lo, hi = (time.end, trigger_start) if time.end <= trigger_start else (trigger_end, time.start)
    between = text[lo:hi]
    if time.start >= trigger_end and re.match(r"\s*(?:[\w-]+\s+)?(?:that|which|who)\b", between, re.I) \
            and not re.search(r"[;:,]", between):
        return "clause"  # the trigger's own relative clause: 'a bombing that killed 90 people in early January'
    if _CLAUSE_BREAK.search(between):
        return "sentence"
    return "clause"


def event_date(
    parsed,
    times: list[Time],
    evidence_start: int,
    evidence_end: int,
    trigger_start: int,
    trigger_end: int,
) -> EventDate | None:
    """The date of an event whose trigger is ``text[trigger_start:trigger_end]`` in ``text[evidence_start:evidence_end]``."""
    text = parsed.text
    dates = [t for t in times if _is_date(t)]
    in_evidence = [t for t in dates if evidence_start <= t.start and t.end <= evidence_end]
    sentence = parsed.sentence_at(trigger_start)
    doc = sentence.doc if sentence is not None else None
    trigger_tokens = []
    if doc is not None:
        trigger_tokens = _tokens_in(doc, trigger_start - sentence.start, trigger_end - sentence.start)
    best: tuple[int, int, Time] | None = None
    for time in in_evidence:
        inside_sentence = sentence is not None and sentence.start <= time.start < sentence.end
        if doc is not None and inside_sentence:
            where = _attachment(doc, sentence.start, time, trigger_tokens)
        else:
            where = _text_attachment(text, time, trigger_start, trigger_end)
        if where is None:
            continue
        rank = 0 if where == "clause" else 1
        distance = abs(time.start - trigger_start)
        if best is None or (rank, distance) < best[:2]:
            best = (rank, distance, time)
    if best is not None:
        return _event_date(best[2], "clause" if best[0] == 0 else "sentence")
    context = _context_date(parsed, dates, evidence_start)
    if context is not None:
        return _event_date(context, "context")
    if parsed.date is not None:
        return _publication(parsed.date)
    return None


def _context_date(parsed, dates: list[Time], evidence_start: int) -> Time | None:
    """The last free date of the sentence just before the evidence, in the same paragraph."""
    sentence = parsed.sentence_at(evidence_start)
    if sentence is None or sentence.index == 0:
        return None
    previous = parsed.sentences[sentence.index - 1]
    if previous.paragraph != sentence.paragraph:
        return None
    text = parsed.text
    candidates = [t for t in dates if previous.start <= t.start < previous.end
                  and not re.match(r"['’]s?\b", text[t.end:t.end + 3])]
    # only a day-, week- or month-level past date carries over ('Tuesday', 'last week'), not a year mentioned in passing
    candidates = [t for t in candidates if t.value and re.match(r"^\d{4}-(?:\d{2}|W\d{2})", t.value)]
    # ... and a past one: "The deal is due to expire in October." says nothing of when the next sentence's
    # criticism happened
    candidates = [t for t in candidates if not _after_publication(t, parsed.date)]
    return candidates[-1] if candidates else None


def _after_publication(time: Time, publication) -> bool:
    if publication is None:
        return False
    first, _, _ = span_of_value(time.value.split("T")[0])
    return first is not None and first > publication
