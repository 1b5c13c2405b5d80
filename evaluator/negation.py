"""Negation scope (placeholder until the honest-scoring work lands): tokens governed by a
negated verb in the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc


def negation_scopes(doc: Doc) -> dict[int, str]:
    """Token index -> negation cue text, for every token inside a negated clause."""
    scopes: dict[int, str] = {}
    for token in doc:
        if token.dep_ == "neg":
            head = token.head
            for t in head.subtree:
                scopes.setdefault(t.i, token.text)
    return scopes
