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
("After the US, Japan became …") is what the order is counted from, not a holder."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from evaluator.nlp.quantities import Quantity
from evaluator.scoring.checks.fact_parse import SUBJECT_DEPS, anchor

_LINKING = frozenset({"be", "become", "remain"})
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
    if value.dep_ not in ("amod", "nummod", "compound"):
        return frozenset()
    noun = value.head
    holders = _holders(noun)
    names = [t for h in holders for t in (h, *h.conjuncts) if not _ranked_against(t)]
    if not names or any(not _a_name(t) for t in names):
        return frozenset()
    words = frozenset(w for t in names for w in _name_words(t))
    if words & own:
        return frozenset()
    return words


def _holders(noun: Token) -> list[Token]:
    """The other side of the copula the ranked noun stands on, or the subject of a small clause
    a verb of making sets it in."""
    verb = noun.head
    if noun.dep_ in ("attr", "oprd") and verb.lemma_.lower() in _LINKING:
        return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if noun.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in _LINKING:
        return [c for c in verb.children if c.dep_ == "attr"]
    small = [c for c in noun.children if c.dep_ == "nsubj"]
    if small and any(a.lemma_.lower() in _MAKING for a in list(noun.ancestors)[:3]):
        return small
    return []


def _a_name(token: Token) -> bool:
    return token.pos_ == "PROPN"


def _name_words(token: Token) -> list[str]:
    """A name's words ('United States' from its head 'States')."""
    parts = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return [t.lower_ for t in (*parts, token)]


def _ranked_against(token: Token) -> bool:
    return any(a.dep_ == "prep" and a.lower_ in _RANK_REFERENCES for a in token.ancestors)
