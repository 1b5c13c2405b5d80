"""Who an order is given to: a fact's ordinal or rank ("Japan is the second country … to hold a
2+2 with India", "Japan is the fifth-largest source of FDI in India") supports the fact only when
the answer says it of the fact's own subject. "Australia was the second country to hold a 2+2
with India" and "Singapore is the fifth-largest source of FDI in India" give the notes' place to
another name: the place is one, so the answer says the notes' subject does not hold it
(session 48).

The holder is the other side of a copula ('be', 'become', 'remain') whose one side is the noun
the ordinal ranks ('country', 'partner'), or the subject a verb of making predicates it of
("…, making Australia the second country"). A holder that is a name of the rubric's own
('Japan'), or that gives one among others, is the fact's; a name inside an 'after' phrase
("After the US, Japan became …") is what the order is counted from, not a holder.

The same holds of a year the notes give a deed of the rubric's own pair: a compact (a cue ending
in one of ``agreement_nouns`` in ``names.yaml``: "the CEPA", "the peace treaty") or an event
whose claim names both countries ("India and Japan signed a memorandum … in July 2023"). "Australia
signed its CEPA with India in 2011" gives the year to another pair: the deed's parties (its
doers, its 'with', 'between' or 'by' names, the compact's owner) are a name of the country
answers are written from (``perspective``) and another name, never the rubric's other country.
Such a year supports nothing; it is told wrong only when the compact is named as one ("its
CEPA", "the ACSA"): "Australia signed a logistics pact with India in 2020" may be another pact
of the kind, and is left alone (session 49)."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from evaluator.nlp.quantities import Quantity
from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_parse import (
    LINKING_VERBS,
    RANKING_VERBS,
    SUBJECT_DEPS,
    anchor,
    clause_head,
    root_of,
)
from evaluator.settings import names_settings

_MAKING = frozenset({"make", "render"})
_RANK_REFERENCES = frozenset({"after", "behind", "than", "besides", "following"})


def given_to_another(doc: Doc, q: Quantity, own: frozenset[str]) -> frozenset[str]:
    """The names the ordinal ``q`` is said of when none of them is one of ``own`` (the rubric's
    home names and the claim's subject): empty when the order is said of the fact's subject,
    of no name, or of a name together with one of ``own``."""
    value = anchor(doc, q)
    # "the fifth-largest source": 'fifth' qualifies 'largest', which ranks the noun
    while value.dep_ == "advmod" and value.head.pos_ == "ADJ" and value.head is not value:
        value = value.head
    if _ranked_by_verb(value):
        # "Among India's 2+2 partners, Australia came second": the verb gives its subject the
        # place (session 49)
        holders = [c for c in value.head.children if c.dep_ in SUBJECT_DEPS]
    elif value.dep_ in ("amod", "nummod", "compound"):
        holders = _holders(value.head)
    else:
        return frozenset()
    names = [t for h in holders for t in (h, *h.conjuncts) if not _ranked_against(t)]
    if not names or any(not _a_name(t) for t in names):
        return frozenset()
    words = frozenset(w for t in names for w in _name_words(t))
    if any(_one_of(w, own) for w in words):
        return frozenset()
    return words


def _ranked_by_verb(value: Token) -> bool:
    """Whether an ordinal is the place a verb of ranking gives its subject ("Australia came
    second", "Singapore ranks fifth")."""
    return (
        value.dep_ in ("advmod", "npadvmod", "acomp", "attr", "dobj")
        and value.head.lemma_.lower() in RANKING_VERBS
    )


def _holders(noun: Token) -> list[Token]:
    """The other side of the copula the ranked noun stands on, or the subject of a small clause
    a verb of making sets it in."""
    verb = noun.head
    if noun.dep_ in ("attr", "oprd") and verb.lemma_.lower() in LINKING_VERBS:
        return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if noun.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in LINKING_VERBS:
        return [c for c in verb.children if c.dep_ == "attr"]
    if noun.dep_ == "appos":
        return [verb]  # "Australia, India's second 2+2 partner, …"
    small = [c for c in noun.children if c.dep_ == "nsubj"]
    if small and any(a.lemma_.lower() in _MAKING for a in list(noun.ancestors)[:3]):
        return small
    return []


def _a_name(token: Token) -> bool:
    return token.pos_ == "PROPN"


def _one_of(word: str, names: frozenset[str]) -> bool:
    """Whether a word is one of ``names`` or a spelling of one within an edit, for names of five
    letters or more ("Jaapan" is Japan: session 49's probe had told "After America, Jaapan
    became India's second 2+2 partner" that it gives another Japan's place)."""
    if word in names:
        return True
    return len(word) >= 4 and any(
        len(n) >= 5 and Levenshtein.distance(word, n, score_cutoff=1) <= 1 for n in names
    )


def _name_words(token: Token) -> list[str]:
    """A name's words ('United States' from its head 'States')."""
    parts = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return [t.lower_ for t in (*parts, token)]


def _ranked_against(token: Token) -> bool:
    return any(a.dep_ == "prep" and a.lower_ in _RANK_REFERENCES for a in token.ancestors)


_DATING = frozenset({"in", "on", "during"})
_PARTY_PREPOSITIONS = frozenset({"with", "between", "by"})
_INDEFINITE = frozenset({"a", "an", "another", "any", "some"})
_WORD = re.compile(r"[a-z]+")


def deed_given_to_another(
    doc: Doc, fact: Fact, q: Quantity, cue: Span, home: frozenset[str]
) -> frozenset[str]:
    """The names a year of the rubric's own pair is given to, when the deed it dates is said of
    another party beside the country answers are written from ("Australia signed its CEPA with
    India in 2011"): empty when the fact is no pair's, the year dates no deed of the cue, the
    parties include the pair's other country or a word that is no name, or the sentence names
    that country anywhere ("… two years before Japan's in 2011")."""
    perspective = _perspective()
    partner = home - perspective
    if fact.expected.kind != "year" or not partner or not _a_pairs(fact, home, partner):
        return frozenset()
    value = anchor(doc, q)
    preposition = value.head
    if value.dep_ != "pobj" or preposition.lower_ not in _DATING:
        return frozenset()
    verb = preposition.head
    if verb.pos_ not in ("VERB", "AUX") or clause_head(value).i != verb.i:
        return frozenset()
    if any(t.lower_ in partner for t in value.sent):
        return frozenset()
    noun = root_of(cue)
    parties = _parties(verb, noun)
    if not parties or any(not _a_name(t) for t in parties):
        return frozenset()
    words = {w for t in parties for w in _name_words(t)}
    own = _words_of(fact)
    others = frozenset(w for w in words if not _one_of(w, home | own))
    if not others or not words & perspective:
        return frozenset()
    return others


def names_the_compact(doc: Doc, cue: Span) -> bool:
    """Whether a cue is written as the name of one thing ("its CEPA", "the ACSA", "the
    Comprehensive Economic Partnership Agreement"), not as one of a kind ("a logistics pact",
    "a CEPA")."""
    words = [t for t in cue if t.is_alpha]
    if not words or not all(t.text[:1].isupper() for t in words):
        return False
    return not any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in root_of(cue).children)


def _parties(verb: Token, noun: Token) -> list[Token]:
    """The parties of a deed done to a compact or an event (its noun ``noun``): the doers of an
    active verb whose object it is, the 'by' names of a passive, the 'with' and 'between' names
    of the verb or the noun, and the noun's owner; empty when the noun plays no part in the
    deed."""
    if noun.head.i == verb.i and noun.dep_ in ("dobj", "nsubjpass", "nsubj"):
        pass
    elif verb.head.i == noun.i and verb.dep_ in ("acl", "relcl"):
        pass  # "Australia's CEPA with India, signed in 2011, …"
    else:
        return []
    found: list[Token] = []
    if noun.dep_ == "dobj":
        found += [c for c in verb.children if c.dep_ == "nsubj"]
    found += [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    for holder in (verb, noun):
        for prep in holder.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in _PARTY_PREPOSITIONS:
                found += [c for c in prep.children if c.dep_ == "pobj"]
    return [t for head in found for t in (head, *head.conjuncts)]


def _a_pairs(fact: Fact, home: frozenset[str], partner: frozenset[str]) -> bool:
    """Whether the notes tie a fact to the rubric's own pair: a compact (its cue ends in a noun
    of one), or a claim naming both countries and no other."""
    claim = set(_WORD.findall(fact.claim.lower()))
    if claim & _other_countries():
        return False  # "The Quad of India, Japan, Australia and the US …": no pair's
    compacts = names_settings().agreement_nouns
    if any(cue.lower().replace("-", " ").split()[-1] in compacts for cue in fact.cues):
        return True
    return bool(claim & partner) and bool(claim & (home - partner))


def _words_of(fact: Fact) -> frozenset[str]:
    return frozenset(_WORD.findall(" ".join([fact.claim, *fact.cues]).lower()))


@cache
def _perspective() -> frozenset[str]:
    return frozenset(w.lower() for w in names_settings().perspective)


@cache
def _other_countries() -> frozenset[str]:
    return frozenset(w for group in names_settings().places for w in group)
