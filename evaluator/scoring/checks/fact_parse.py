"""Where a value and a cue sit in an answer's dependency parse, for :mod:`fact_claims` and
:mod:`fact_dates`: the token that attaches a value, the clause a token belongs to and that
clause's own tokens, and the token a cue hangs from."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from evaluator.nlp.pipeline import NUMBERING, bullets
from evaluator.nlp.quantities import Quantity

CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "ccomp", "parataxis", "acl", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
LINKING_VERBS = frozenset({"be", "become", "remain"})
"""Copulas whose two sides are one thing ("Japan was India's second 2+2 partner")."""
RANKING_VERBS = frozenset({"rank", "come", "stand", "place", "figure", "sit"})
"""Verbs that give their subject a place ("Japan ranks fifth", "Australia came second")."""


@cache
def _leading_marker() -> re.Pattern[str]:
    """A point's bullet or number before its words: "- ", "• ", "➢ ", "1. ", "2) ", "(a) " (not a
    name's initials: "A. P. J. Abdul Kalam")."""
    signs = "".join(re.escape(b) for b in sorted(bullets()))
    return re.compile(rf"^\s*(?:[{signs}]|\(?{NUMBERING}[.)])\s+(?![A-Z]\.)", re.IGNORECASE)


def quoted(text: str) -> str:
    """A clause as a fact's message quotes it back: without the bullet or number of the point it
    opens ("you wrote army in “JIMEX is …”", not "“- JIMEX is …”": session 47's user trial)."""
    text = text.strip()
    return _leading_marker().sub("", text, count=1) or text


def anchor(doc: Doc, q: Quantity) -> Token:
    """The token of a value that attaches it to the sentence (its head lies outside the value)."""
    for token in doc[q.start : q.end]:
        if not q.start <= token.head.i < q.end or token.head.i == token.i:
            return token
    return doc[q.start]


def clause_head(token: Token) -> Token:
    """The verb (or root) of the clause a token belongs to."""
    node = token
    while not heads_clause(node) and node.head is not node:
        node = node.head
    return node


def heads_clause(token: Token) -> bool:
    """Whether a token begins a clause of its own (a verb's clause, not a conjoined noun)."""
    # "signed the CEPA in 2016 and the nuclear deal in 2011": a conjoined noun is no clause
    if token.dep_ == "conj":
        return token.pos_ in ("VERB", "AUX")
    return token.dep_ in CLAUSE_DEPS


def clause_tokens(head: Token) -> list[Token]:
    """The tokens of a clause without its subordinate clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if not heads_clause(c) or c.dep_ == "xcomp")
    return out


def root_of(cue: Span) -> Token:
    """The token a cue's phrase hangs from (name facts read :func:`cue_head`, which mends a
    parse that hangs the phrase's modifiers outside it)."""
    return cue.root


def participle_after(clause: Token, noun: Token) -> bool:
    """Whether a subjectless participle clause stands right after a noun's phrase, set off by a
    comma, before the main clause's subject ("Since the first 2+2, **held in 2018**, defence
    ties have grown"): it says its thing of that noun, though the parser hangs it on the main
    verb (session 42). One after the subject ("Trade, boosted in 2015, grew") is the
    subject's."""
    doc = clause.doc
    start = clause.left_edge.i
    if (
        clause.dep_ != "advcl"
        or clause.tag_ != "VBN"
        or start != clause.i
        or start < 2
        or doc[start - 1].text != ","
        or doc[start - 2].i != noun.right_edge.i
        or any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    ):
        return False
    return all(
        start < c.i for c in clause.head.children if c.dep_ in SUBJECT_DEPS
    ) and not noun.is_ancestor(clause)


_MODIFIER_ROLES = frozenset(
    {"det", "amod", "compound", "nummod", "poss", "case", "punct", "advmod"}
)


def cue_head(span: Span) -> Token:
    """The cue's head word, as :func:`root_of` gives it, unless the parser hung a modifier
    outside the phrase ("The first ministerial 2+2 was held in Tokyo in 2019": 'The' and
    'first' on 'held'), when the word that plays the phrase's part in the clause is taken."""
    root = span.root
    if root.dep_ == "nmod" and _phrase_noun_after(span, root.head):
        # "The first India–Japan 2+2 ministerial was held in Tokyo": 'India' an nmod of
        # 'ministerial' (probe s35: the place went unchecked)
        return root.head
    heads = {t.head for t in span if not (span.start <= t.head.i < span.end)}
    if len(heads) == 1 and _phrase_noun_after(span, head := next(iter(heads))):
        # "The third 2+2 meeting was held in Tokyo": every word of the cue hangs on the noun
        # after it, whatever their roles ('+' an nmod; probe s36: the place went unchecked)
        return head
    if root.dep_ not in _MODIFIER_ROLES:
        return root
    outside = [
        t for t in span if not (span.start <= t.head.i < span.end) and t.dep_ not in _MODIFIER_ROLES
    ]
    if outside:
        return outside[0]
    head = root.head
    if root.dep_ in ("nummod", "amod") and _phrase_noun_after(span, head):
        # "The third 2+2 ministerial was held at Tokyo": the parser makes "2+2" a number of
        # 'ministerial', the noun that plays the phrase's part (probe s33)
        return head
    return root


def _phrase_noun_after(span: Span, head: Token) -> bool:
    """Whether ``head`` is the common noun right after the cue, which the cue modifies, or after
    the cue and other words of the same phrase ("third 2+2 ministerial meeting")."""
    if head.pos_ != "NOUN" or head.i < span.end:
        return False
    return all(
        t.head.i == head.i and t.dep_ in ("amod", "compound", "nmod")
        for t in span.doc[span.end : head.i]
    )


_DENYING = frozenset({"deny", "doubt", "dispute", "question", "ignore", "overlook"})


def emphatic(verb: Token) -> bool:
    """'No one can deny that …', 'nobody could doubt that …': a modal that asserts what follows
    with emphasis, not a supposition (adversarial probe s35: "No one can deny that the ACSA
    was signed in 2018" had left the wrong year unchecked)."""
    if verb.lemma_.lower() not in _DENYING:
        return False
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "nsubj"
        and (c.lower_ in ("nobody", "none") or any(d.lower_ == "no" for d in c.children))
        for c in verb.children
    )


def labels_a_line(token: Token) -> bool:
    """Whether a word opens its sentence or line (after a bullet) and a colon follows it: a
    label ("- Institutions: India, Japan and …")."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text != ":":
        return False
    first = token.left_edge  # "- Trade policy: …" is labelled by its two words
    while first.i > first.sent.start and doc[first.i - 1].text in bullets():
        first = doc[first.i - 1]
    return first.i == first.sent.start or doc[first.i - 1].is_space
