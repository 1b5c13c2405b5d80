"""Who holds a role: a name fact whose claim says who chairs, heads, leads or presides over its
cue ("The Union Finance Minister chairs the Council", "the 15th Finance Commission, chaired by
N. K. Singh") is contradicted when the answer gives that role over the cue to another holder,
in a plain statement: "The Prime Minister chairs the GST Council", "The GST Council is chaired
by the Prime Minister", "the Prime Minister presides over the GST Council".

A holder is compared with the fact's name only when both are of a kind (``role_nouns`` in
``names.yaml``): an office with an office, a person's name with a name. Another office is one
with another head noun or with modifiers that share no word with the fact's ("Prime Minister"
is not "Union Finance Minister"; "the Finance Minister of India" or "the Finance Minister" may
be). A name shares no word with the fact's ("Y. V. Reddy" is not "N. K. Singh", "NK Singh" is).
Never contradicted: a denied, reported, supposed or asked role ("Some think the Prime Minister
chairs it"), a holder given with another ("the Prime Minister and the Finance Minister"), the
role over something else ("The Prime Minister chairs NITI Aayog's Governing Council")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from evaluator.rubric.model import Fact
from evaluator.scoring.checks.fact_parse import quoted
from evaluator.scoring.checks.matching import TermMatch
from evaluator.settings import names_settings

_CLAIM_DEPS = frozenset({"ROOT", "conj", "acl", "relcl"})
_PHRASE_DEPS = frozenset({"compound", "amod", "flat", "prep", "pobj", "det", "poss", "case"})
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "'s", "’s", "and"})


class RoleClaim(NamedTuple):
    """A holder given a role over a thing."""

    verb: Token
    holder: Token
    """The head of the holder's phrase."""
    thing: Token
    """The head of what the role is over."""


@cache
def role_verbs() -> frozenset[str]:
    """The verbs of holding a role (``role_verbs`` in ``names.yaml``)."""
    return frozenset(w.lower() for w in names_settings().role_verbs)


@cache
def _role_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in names_settings().role_nouns)


def role_claims(doc: Doc | Span) -> list[RoleClaim]:
    """Every holder given a role over a thing: "X chairs Y", "X presides over Y", "Y is chaired
    by X", "Y, chaired by X, …"."""
    verbs = role_verbs()
    found = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in verbs:
            continue
        holder = thing = None
        for child in verb.children:
            if child.dep_ == "nsubj":
                holder = child
            elif child.dep_ == "dobj":
                thing = child
            elif child.dep_ == "prep" and child.lower_ == "over":
                thing = next((c for c in child.children if c.dep_ == "pobj"), thing)
            elif child.dep_ == "nsubjpass":
                thing = child
            elif child.dep_ == "agent":
                holder = next((c for c in child.children if c.dep_ == "pobj"), holder)
        if thing is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
            thing = verb.head  # "the 15th Finance Commission, chaired by N. K. Singh"
        if holder is not None and thing is not None and holder.pos_ in ("NOUN", "PROPN"):
            found.append(RoleClaim(verb, holder, thing))
    return found


def gives_a_role(sent: Span) -> bool:
    """Whether a sentence has a verb of holding a role ("chairs", "is headed by")."""
    verbs = role_verbs()
    return any(t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX") for t in sent)


def phrase(head: Token) -> Span:
    """A holder's or a thing's name: the head with its modifiers and 'of' phrase ("The Finance
    Minister of the Union"), not its clauses, appositions or conjuncts."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in _PHRASE_DEPS and (child.dep_ != "prep" or child.lower_ == "of"):
                tokens.append(child)
                stack.append(child)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = head.doc
    while start < end - 1 and doc[start].dep_ == "det":
        start += 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2  # "Vice-President": the parser hangs 'Vice' on the hyphen
    return doc[start:end]


def _head_and_modifiers(words: list[str]) -> tuple[str, frozenset[str]]:
    """'finance minister of union' -> ('minister', {finance, union})."""
    raw = [w for w in words if w]
    head = raw[-1]
    return head, frozenset(w for w in raw if w != head)


def _office(head: str) -> bool:
    return head.rstrip("s") in _role_nouns() or head in _role_nouns()


def another_holder(written: str, expected: Sequence[str]) -> bool:
    """Whether a holder is surely not the fact's (nor one of its spellings): an office another
    office, a name another name; False when they are not of a kind."""
    return all(_differs(written, name) for name in expected)


def _differs(written: str, expected: str) -> bool:
    mine, theirs = _ordered(written), _ordered(expected)
    if not mine or not theirs:
        return False
    head, modifiers = _head_and_modifiers(mine)
    their_head, their_modifiers = _head_and_modifiers(theirs)
    if _office(head) != _office(their_head):
        return False  # an office and a person's name: "Nirmala Sitharaman" may be the minister
    if not _office(head):
        # names: "NK Singh" is N. K. Singh, "Y. V. Reddy" is not (initials are no evidence)
        full = {w for w in mine if len(w.replace(".", "")) > 2}
        return not full & {w for w in theirs if len(w.replace(".", "")) > 2}
    if modifiers & their_modifiers:
        return False  # "the Finance Minister of India"
    same_head = head.rstrip("s") == their_head.rstrip("s")
    return not (same_head and not (modifiers and their_modifiers))


def _ordered(text: str) -> list[str]:
    """Words of a holder with the head last: "Minister of Finance" -> [finance, minister]."""
    words = [w for w in re.split(r"\s+", text.strip().lower()) if w]
    if "of" in words:
        k = words.index("of")
        words = [*words[k + 1 :], *words[:k]]
    return [w.strip(".,") for w in words if w.strip(".,") and w not in _FUNCTION_WORDS]


def claims_a_role(fact: Fact) -> bool:
    """Whether a name fact's claim gives its name a role ("The Union Finance Minister chairs
    the Council", "chaired by N. K. Singh")."""
    if fact.expected.kind != "name":
        return False
    verbs = "|".join(sorted(role_verbs()))
    name = re.escape(str(fact.expected.value))
    return bool(
        re.search(
            rf"{name}\s+(?:{verbs})[a-z]*\b|\b(?:{verbs})[a-z]*\s+(?:over\s+)?by\s+(?:the\s+)?{name}",
            fact.claim,
            re.IGNORECASE,
        )
    )


def same_holder(written: str, expected: Sequence[str]) -> bool:
    """Whether a holder has every word of the fact's name or of one of its spellings, in any
    order ("the Finance Minister of the Union" is the Union Finance Minister)."""
    mine = set(_ordered(written))
    return any(set(_ordered(name)) <= mine for name in expected if _ordered(name))


def holders(
    doc: Doc, fact: Fact, mine: Sequence[TermMatch], negated: Mapping[int, str]
) -> tuple[tuple[Span, str] | None, Span | None]:
    """(another holder the answer gives the role over one of the fact's cues, with the sentence
    that says so; the fact's own holder so given): either None when there is none."""
    names = [str(fact.expected.value), *fact.expected.alternatives]
    cue_tokens = {i for m in mine if not m.negated for i in range(m.start, m.end)}
    right: Span | None = None
    if not cue_tokens:
        return None, None
    for claim in role_claims(doc):
        thing = phrase(claim.thing)
        if claim.thing.i not in cue_tokens and not any(t.i in cue_tokens for t in thing):
            continue
        if not _plain(claim.verb, negated) or any(c.dep_ == "conj" for c in claim.holder.children):
            continue
        holder = phrase(claim.holder)
        if any(t.i in negated for t in holder):
            continue
        if another_holder(holder.text, names):
            return (holder, quoted(claim.verb.sent.text)), right
        if right is None and same_holder(holder.text, names):
            right = holder
    return None, right


def _plain(verb: Token, negated: Mapping[int, str]) -> bool:
    """Whether the role is the writer's own plain claim: not denied, supposed, asked or under a
    modal, and not reported ("Some say that …": a complement clause)."""
    if verb.i in negated or verb.dep_ not in _CLAIM_DEPS:
        return False
    if any(c.dep_ == "neg" or c.tag_ == "MD" or c.dep_ == "mark" for c in verb.children):
        return False
    if verb.dep_ == "conj" and not _plain(verb.head, negated):
        return False
    return not verb.sent.text.rstrip().endswith("?")
