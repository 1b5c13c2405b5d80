"""Routes: the two ends an answer gives a line, read against the notes' two ends.

A name fact whose ``display`` is two names joined by a dash ("Mumbai–Ahmedabad"), one of them
its value, is a line between two places. An answer names the ends of the line a cue of it
stands for

* after the cue, as the noun's own phrase ("a bullet train between Delhi and Mumbai", "the
  bullet train from Delhi to Mumbai"), or after a verb of ``route_verbs`` the cue is the
  subject of ("runs from Delhi to Ahmedabad", "links Delhi with Ahmedabad", "will connect
  Mumbai and Delhi", "goes to Hyderabad"), with only auxiliaries, adverbs and ``route_gap``
  words between ("is expected to link");
* before the cue, as names joined by dashes ("the Delhi–Mumbai bullet train").

An end that is not one of the notes' ends makes the route wrong, however right the other end
is ("from Delhi to Ahmedabad"): the fact is contradicted. The ends are not read when the line
is denied ("does not go to Delhi"), supposed ("could link Delhi"), asked, planned or another
line ("India plans a bullet train from Delhi to Varanasi", "another bullet train"), or when an
end is a country ("the bullet train from Japan to India"). Words live in ``names.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_parse import quoted
from evaluator.scoring.checks.matching import TermMatch
from evaluator.settings import names_settings

_DASHES = frozenset({"-", "–", "—"})
_DENIALS = frozenset({"not", "never", "n't", "no"})
# a modal that states the line: 'will link', 'shall run'; any other supposes it
_STATING_MODALS = frozenset({"will", "shall", "'ll"})
# what joins a line's two ends after 'from', after 'between', and after a verb's first object
_FROM_TO = frozenset({"to", "till", "until"})
_OBJECT_JOINS = frozenset({"and", "with", "to"})


class Route(NamedTuple):
    """The ends a cue's line is given, as written."""

    span: Span
    ends: list[str]


def notes_ends(fact: Fact) -> frozenset[str]:
    """The two ends of a line fact (lower case), or nothing when the fact is no line."""
    display = fact.expected.display
    if fact.expected.kind != "name" or not display:
        return frozenset()
    parts = display.replace("—", "–").split("–")
    if len(parts) != 2:
        return frozenset()
    ends = [p.strip() for p in parts]
    if not all(e and all(w[:1].isupper() for w in e.split()) for e in ends):
        return frozenset()
    names = {str(fact.expected.value).lower(), *(a.lower() for a in fact.expected.alternatives)}
    lowered = frozenset(e.lower() for e in ends)
    return lowered if names & lowered else frozenset()


def wrong_route(
    doc: Doc, fact: Fact, mine: Sequence[TermMatch], negated: Mapping[int, str]
) -> tuple[Span, str] | None:
    """The written ends of a cue's line that are not the notes' (span, its sentence), if any."""
    ends = notes_ends(fact)
    if not ends:
        return None
    for m in mine:
        for route in _routes(doc, m, negated):
            if any(end not in ends for end in route.ends):
                return route.span, quoted(route.span.sent.text)
    return None


def _routes(doc: Doc, m: TermMatch, negated: Mapping[int, str]) -> list[Route]:
    sent = doc[m.start].sent
    if sent.text.rstrip().endswith("?") or not _stated(doc, m):
        return []
    found = [r for r in (_ends_before(doc, m.start), _ends_after(doc, m)) if r is not None]
    return [
        r
        for r in found
        if not any(t.i in negated for t in r.span)
        and not any(_country(end) for end in r.ends)
        and len(set(r.ends)) == len(r.ends)
    ]


def _stated(doc: Doc, m: TermMatch) -> bool:
    """Whether the cue is the line in service: not another one ("another bullet train", "bullet
    trains") nor the object of a plan ("India plans a bullet train …")."""
    settings = names_settings()
    sent = doc[m.start].sent
    head = doc[_noun_end(doc, m.end) - 1]
    if head.tag_ in ("NNS", "NNPS"):
        return False
    before = doc[max(sent.start, m.start - 3) : m.start]
    if any(t.lemma_.lower() in settings.route_others for t in before):
        return False
    node = head
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "amod":
            if node.lemma_.lower() in settings.route_unstated:
                return False
            if any(_supposes(c) or c.lower_ in _DENIALS for c in node.children):
                return False
        if node.head is node:
            break
        node = node.head
    return True


def _supposes(token: Token) -> bool:
    return token.tag_ == "MD" and token.lower_ not in _STATING_MODALS


def _ends_before(doc: Doc, start: int) -> Route | None:
    """ "The Delhi–Mumbai bullet train": names joined by dashes right before the cue."""
    sent_start = doc[start].sent.start
    i = start - 1
    while i >= sent_start and (doc[i].pos_ == "PROPN" or doc[i].text in _DASHES):
        i -= 1
    run = list(doc[i + 1 : start])
    if len(run) < 3 or run[0].pos_ != "PROPN" or run[-1].pos_ != "PROPN":
        return None
    ends: list[list[str]] = [[]]
    for t in run:
        if t.text in _DASHES:
            ends.append([])
        else:
            ends[-1].append(t.lower_)
    if len(ends) != 2 or not all(ends):
        return None
    return Route(doc[run[0].i : run[-1].i + 1], [" ".join(e) for e in ends])


def _ends_after(doc: Doc, m: TermMatch) -> Route | None:
    """The ends after the cue: its own 'from A to B', 'between A and B', or a route verb's."""
    settings = names_settings()
    end = doc[m.start].sent.end
    i = _noun_end(doc, m.end)
    start = i
    while i < end and _in_gap(doc[i], settings.route_gap):
        if _supposes(doc[i]) or doc[i].lower_ in _DENIALS:
            return None
        i += 1
    verb: Token | None = None
    if i < end and doc[i].lemma_.lower() in settings.route_verbs:
        verb = doc[i]
        i += 1
        while i < end and doc[i].pos_ == "ADV":
            i += 1
    elif i != start:
        return None  # no verb of a line after the words between: "… was announced in Delhi"
    if i >= end:
        return None
    word = doc[i].lower_
    if word == "from":
        first, j = _name(doc, i + 1, end)
        if first is None or j >= end or doc[j].lower_ not in _FROM_TO:
            return None
        second, k = _name(doc, j + 1, end)
        return None if second is None else Route(doc[i:k], [first, second])
    if word == "between":
        first, j = _name(doc, i + 1, end)
        if first is None or j >= end or doc[j].lower_ != "and":
            return None
        second, k = _name(doc, j + 1, end)
        return None if second is None else Route(doc[i:k], [first, second])
    if verb is None:
        return None
    if word == "to":
        first, j = _name(doc, i + 1, end)
        return None if first is None else Route(doc[i:j], [first])
    first, j = _name(doc, i, end)
    if first is None:
        return None
    if j < end and doc[j].lower_ in _OBJECT_JOINS:
        second, k = _name(doc, j + 1, end)
        if second is not None:
            return Route(doc[i:k], [first, second])
    return Route(doc[i:j], [first])


def _noun_end(doc: Doc, end: int) -> int:
    """The end of the noun a cue qualifies ("Shinkansen technology", "the bullet train project"),
    or the cue's own end."""
    last = doc[end - 1]
    if last.dep_ == "compound" and end <= last.head.i < end + 3:
        verbs = names_settings().route_verbs
        # not "The bullet train runs …" that the parser reads as a noun 'runs'
        if all(
            t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in verbs
            for t in doc[end : last.head.i + 1]
        ):
            return last.head.i + 1
    return end


def _in_gap(token: Token, gap: Sequence[str]) -> bool:
    return token.pos_ in ("AUX", "ADV", "PART") or token.lemma_.lower() in gap


def _name(doc: Doc, i: int, end: int) -> tuple[str | None, int]:
    """The proper name that starts at ``i`` (lower case) and the index after it."""
    j = i
    while j < end and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    if j == i:
        return None, i
    return " ".join(t.lower_ for t in doc[i:j]), j


@cache
def _countries() -> frozenset[str]:
    settings = names_settings()
    words = {w for group in settings.places for w in group}
    words |= {group[0] for group in settings.home_places if group}
    return frozenset(words)


def _country(end: str) -> bool:
    return any(w in _countries() for w in end.split())
