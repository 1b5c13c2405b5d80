"""Cue words that another phrase owns (issue 13): 'Mumbai' in 'Mumbai-Ahmedabad high speed
rail' is part of a rail line's name, not a reference to the 26/11 attacks; 'ships' in 'Indian
Navy ships' are the Indian Navy's, not the Japanese ships repaired in India.

A single-word cue of a concept is *owned elsewhere* when the parse shows it inside a longer name
whose other words are not the concept's own (its terms, label and note) nor the rubric's
subject names:

* joined by a hyphen to another word ('Mumbai-Ahmedabad', 'Delhi-Mumbai'), or
* a noun carrying a proper-noun compound modifier ('Indian Navy ships').

Such a word earns the concept nothing, partial or negated: the credit (or the denial) belongs to
the phrase it sits in. Aliases (names of the whole concept) are never affected.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.rubric.model import Concept
from evaluator.scoring.checks.matching import CompiledRubric, TermMatch

_WORD = re.compile(r"[a-z0-9/]+")
# prefixes that make one word, not two names ('Self-Defense Force', 'Vice-Minister')
_PREFIXES = frozenset({"self", "vice", "co", "non", "anti", "ex", "pre", "post", "sub", "inter"})


def concept_words(compiled: CompiledRubric, concept: Concept) -> frozenset[str]:
    """Every word of a concept's own wording, lower case: its cue terms, aliases, label and note
    (so 'Foreign Secretary' stays the secretary-level concept's own)."""
    terms = compiled.concept_aliases[concept.id].union(*compiled.concept_groups[concept.id])
    words: set[str] = set()
    for term in terms:
        words.update(_WORD.findall(term.lower()))
    for group in concept.cues:
        for term in group:
            words.update(_WORD.findall(term.lower()))
    for text in (*concept.aliases, concept.label, concept.note):
        words.update(_WORD.findall(text.lower()))
    return frozenset(words)


def owned_elsewhere(
    doc: Doc,
    match: TermMatch,
    own: frozenset[str],
    home: frozenset[str],
    own_tokens: frozenset[int] = frozenset(),
) -> bool:
    """Whether a one-word cue match sits inside a longer name that is not the concept's: a
    capitalised name glued to another by a hyphen ('Mumbai-Ahmedabad'; 'co-development',
    'low-carbon' and 'Japanese-language' are words, not two names), or a noun named by a
    proper-noun compound that is not the concept's ('Indian Navy ships').

    A word is the concept's when it is one of its own words (``own``), the rubric's subject
    names (``home``), or at a token index the concept's own terms matched (``own_tokens``: a
    misspelt 'Malabr' that was read as 'Malabar' is the concept's, though its letters are not).
    """
    if match.end - match.start != 1:
        return False
    return any(
        low not in own and low not in home and i not in own_tokens
        for low, i in _neighbours(doc).get(match.start, ())
    )


# one slot per thread, like the token view: the neighbours of the answer being scored
_last = threading.local()
_NAME_POS = frozenset({"NOUN", "PROPN"})


def _neighbours(doc: Doc) -> dict[int, tuple[tuple[str, int], ...]]:
    """Token index -> the words :func:`owned_elsewhere` would test with ``foreign`` for a one-word
    match there, as (lower case, index): the capitalised word across a hyphen, and proper-noun
    compound children. Only letters are kept (``foreign`` needs them). Worked out once per answer
    from the token view and two arrays, so no ``Token`` is created; a token absent here is never
    owned elsewhere (most cue matches are nowhere near a hyphen or a compound)."""
    slot = getattr(_last, "slot", None)
    if slot is not None and slot[0] is doc:
        return slot[1]
    tokens = view(doc)
    text, lower, alpha, pos, idx = tokens.text, tokens.lower, tokens.alpha, tokens.pos, tokens.idx
    n = len(text)

    def spaced(i: int) -> bool:  # Token.whitespace_: a gap before the next token
        return i + 1 < n and idx[i] + len(text[i]) < idx[i + 1]

    found: dict[int, list[tuple[str, int]]] = {}
    for h in range(1, n - 1):
        if text[h] not in "-–" or spaced(h):
            continue
        before, after = h - 1, h + 1
        if spaced(before):
            continue
        # 'Mumbai-Ahmedabad': a name glued to another name by a hyphen
        for at, other in ((before, after), (after, before)):
            if (
                text[at][:1].isupper()
                and lower[at] not in _PREFIXES
                and text[other][:1].isupper()
                and alpha[other]
            ):
                found.setdefault(at, []).append((lower[other], other))
    if n:
        compound = doc.vocab.strings["compound"]
        deps, heads = doc.to_array([DEP, HEAD]).astype("int64").T.tolist()
        for j in range(n):
            if deps[j] == compound and pos[j] == "PROPN" and alpha[j] and heads[j]:
                head = j + heads[j]
                if pos[head] in _NAME_POS:
                    found.setdefault(head, []).append((lower[j], j))
    table = {i: tuple(words) for i, words in found.items()}
    _last.slot = (doc, table)
    return table


def _suspect_terms(
    doc: Doc, by_term: Mapping[str, Sequence[TermMatch]], home: frozenset[str]
) -> frozenset[str]:
    """The terms with a one-word match beside a word outside the rubric's subject names: those
    :func:`owned_elsewhere` could say yes to ('India' in 'India-Japan' never is), worked out
    once per answer (every concept asks with the same ``by_term``)."""
    slot = getattr(_last, "suspects", None)
    if slot is not None and slot[0] is doc and slot[1] is by_term and slot[2] is home:
        return slot[3]
    places = {
        i for i, words in _neighbours(doc).items() if any(low not in home for low, _ in words)
    }
    found: set[str] = set()
    if places:
        for term, matches in by_term.items():
            for m in matches:
                if m.start in places and m.end - m.start == 1:
                    found.add(term)
                    break
    terms = frozenset(found)
    _last.suspects = (doc, by_term, home, terms)
    return terms


def concepts_in_doubt(
    doc: Doc,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    home: frozenset[str],
) -> frozenset[str]:
    """The concepts :func:`without_owned_cues` could take a match from in this answer (those
    naming a term with a one-word match beside a foreign name); for the rest it returns
    ``by_term`` as it is, so the engine need not ask."""
    concepts_of = compiled.concepts_of_term
    return frozenset().union(*(concepts_of.get(t, ()) for t in _suspect_terms(doc, by_term, home)))


def without_owned_cues(
    doc: Doc,
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    home: frozenset[str],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's one-word cue matches that another phrase owns removed
    (the same mapping when there are none: the common case)."""
    in_doubt = _suspect_terms(doc, by_term, home)
    if not in_doubt:
        return by_term  # no one-word match in the answer sits beside a foreign name
    aliases = compiled.concept_aliases[concept.id]
    known = compiled.ownership.get(concept.id)
    if known is None:  # a concept's wording is the same for every answer: worked out once
        cues = frozenset().union(*compiled.concept_groups[concept.id]) - aliases
        known = compiled.ownership[concept.id] = (concept_words(compiled, concept), cues)
    own, cue_terms = known
    if cue_terms.isdisjoint(in_doubt):
        return by_term  # no one-word cue sits by a hyphen or under a proper-noun compound
    suspects = [t for t in cue_terms if t in in_doubt]
    # owned_elsewhere, inlined: the tokens the concept's own terms matched are gathered only
    # when some one-word match has a neighbour outside the concept's words and the subject's
    neighbours = _neighbours(doc)
    own_tokens: frozenset[int] | None = None
    changed: dict[str, Sequence[TermMatch]] = {}
    for term in suspects:
        matches = by_term[term]
        kept = []
        for m in matches:
            if m.end - m.start == 1:
                outside = [
                    i
                    for low, i in neighbours.get(m.start, ())
                    if low not in own and low not in home
                ]
                if outside:
                    if own_tokens is None:
                        own_tokens = frozenset(
                            i
                            for t in cue_terms | aliases
                            for m2 in by_term.get(t, ())
                            for i in range(m2.start, m2.end)
                        )
                    if not own_tokens.issuperset(outside):
                        continue  # another name owns it
            kept.append(m)
        if len(kept) != len(matches):
            changed[term] = kept
    if not changed:
        return by_term
    merged = dict(by_term)
    for term, remaining in changed.items():
        if remaining:
            merged[term] = remaining
        else:
            del merged[term]
    return merged
