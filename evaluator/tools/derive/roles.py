"""Facts of who holds a role: "The Union Finance Minister chairs the Council" drafts a name fact
(the Union Finance Minister, cued by the GST Council), so an answer giving the chair to another
("The Prime Minister chairs the GST Council") is told the notes say otherwise (session 47; see
:mod:`evaluator.scoring.checks.fact_roles`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from evaluator.scoring.checks.fact_roles import phrase, role_claims

_NAME_RUN = r"[A-Z0-9][\w.'-]*(?:\s+(?:and|of|for|on)\s+[A-Z][\w.'-]*|\s+[A-Z0-9][\w.'-]*)*"
"""A run of capitalised words, with 'and', 'of', 'for' or 'on' inside ("Goods and Services Tax
Council")."""


def role_facts(
    concept_id: str,
    unit: str,
    groups: list[list[str]],
    doc: Doc | None,
    context: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """A name fact for each holder the unit gives a role over a named thing. The thing is the
    fact's cue: its own name ("the 15th Finance Commission, chaired by N. K. Singh"), or, for a
    bare noun ("chairs the Council"), the names ending in that noun the ``context`` writes (the
    section's heading and text: 'GST Council', 'Goods and Services Tax Council'). A thing with
    no name, or a holder with no capital letter, drafts none."""
    if doc is None:
        return []
    facts: list[dict[str, Any]] = []
    for claim in role_claims(doc):
        holder = phrase(claim.holder).text.strip()
        if not any(c.isupper() for c in holder):
            continue
        thing = phrase(claim.thing)
        words = [t for t in thing if t.dep_ != "det"]
        if not words:
            continue
        name = thing.doc[words[0].i : words[-1].i + 1].text
        if len(words) > 1 and any(t.text[:1].isupper() or t.like_num for t in words[:-1]):
            cues = [name]
        else:
            cues = _names_ending_in(claim.thing.text, context)
        if not cues or any(holder.lower() in c.lower() for c in cues):
            continue
        expected: dict[str, Any] = {"kind": "name", "value": holder}
        spellings = next((g for g in groups if holder in g), [])
        others = [s for s in spellings if s != holder]
        if others:
            expected["alternatives"] = others
        facts.append(
            {
                "id": f"{concept_id}-{claim.verb.lemma_.lower()}",
                "concept": concept_id,
                "claim": unit,
                "cues": cues,
                "expected": expected,
            }
        )
    return facts[:1]


def _names_ending_in(noun: str, context: Sequence[str]) -> list[str]:
    """The names of several words ending in ``noun`` the context writes, without 'The'."""
    if not noun[:1].isupper():
        return []
    found: list[str] = []
    pattern = re.compile(rf"(?<![\w.'-])({_NAME_RUN}\s+{re.escape(noun)})\b")
    for text in context:
        for m in pattern.finditer(text):
            name = re.sub(r"^(?:The|A|An)\s+", "", m.group(1))
            if name.lower() != noun.lower() and name not in found:
                found.append(name)
    return found
