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
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

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
    """Whether a one-word cue match sits inside a longer name that is not the concept's.

    ``own_tokens``: token indexes the concept's own terms matched (a misspelt 'Malabr' that
    was read as 'Malabar' is the concept's, though its letters are not).
    """
    if match.end - match.start != 1:
        return False
    token = doc[match.start]

    def foreign(other: Token) -> bool:
        low = other.lower_
        return other.is_alpha and low not in own and low not in home and other.i not in own_tokens

    # 'Mumbai-Ahmedabad': a name glued to another name by a hyphen ('co-development',
    # 'low-carbon' and 'Japanese-language' are words, not two names)
    named = token.text[:1].isupper() and token.lower_ not in _PREFIXES
    if named and not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text in "-–":
        after = doc[token.i + 2]
        if not doc[token.i + 1].whitespace_ and after.text[:1].isupper() and foreign(after):
            return True
    if (
        named
        and token.i >= 2
        and doc[token.i - 1].text in "-–"
        and not doc[token.i - 2].whitespace_
    ):
        before = doc[token.i - 2]
        if not doc[token.i - 1].whitespace_ and before.text[:1].isupper() and foreign(before):
            return True
    # 'Indian Navy ships': a noun named by a proper-noun compound that is not the concept's
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN" and foreign(child):
                return True
    return False


def _may_be_owned(doc: Doc) -> frozenset[int]:
    """Token indexes :func:`owned_elsewhere` could say yes to (beside a hyphen, or with a
    proper-noun compound child), worked out once per answer: most cue matches are nowhere near
    one, and then nothing else need be looked at."""
    found = doc.user_data.get("mains_eval_may_be_owned")
    if found is None:
        indexes: set[int] = set()
        for token in doc:
            if token.text in "-–":
                indexes.update((token.i - 1, token.i + 1))
            elif token.dep_ == "compound" and token.pos_ == "PROPN":
                indexes.add(token.head.i)
        found = doc.user_data["mains_eval_may_be_owned"] = frozenset(indexes)
    return found


def without_owned_cues(
    doc: Doc,
    concept: Concept,
    compiled: CompiledRubric,
    by_term: Mapping[str, Sequence[TermMatch]],
    home: frozenset[str],
) -> Mapping[str, Sequence[TermMatch]]:
    """``by_term`` with the concept's one-word cue matches that another phrase owns removed
    (the same mapping when there are none: the common case)."""
    aliases = compiled.concept_aliases[concept.id]
    known = compiled.ownership.get(concept.id)
    if known is None:  # a concept's wording is the same for every answer: worked out once
        cues = frozenset().union(*compiled.concept_groups[concept.id]) - aliases
        known = compiled.ownership[concept.id] = (concept_words(compiled, concept), cues)
    own, cue_terms = known
    suspects = [
        t for t in cue_terms if t in by_term and any(m.end - m.start == 1 for m in by_term[t])
    ]
    if not suspects:
        return by_term
    if not _may_be_owned(doc).intersection(m.start for t in suspects for m in by_term[t]):
        return by_term  # no suspect sits by a hyphen or under a proper-noun compound
    own_tokens = frozenset(
        i for t in cue_terms | aliases for m in by_term.get(t, ()) for i in range(m.start, m.end)
    )
    changed: dict[str, Sequence[TermMatch]] = {}
    for term in suspects:
        kept = [m for m in by_term[term] if not owned_elsewhere(doc, m, own, home, own_tokens)]
        if len(kept) != len(by_term[term]):
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
