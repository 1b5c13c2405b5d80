"""Facts of who holds what: "The Union Finance Minister chairs the Council" drafts a name fact
(the Union Finance Minister, cued by the GST Council), so an answer giving the chair to another
("The Prime Minister chairs the GST Council") is told the notes say otherwise (see
:mod:`evaluator.scoring.checks.fact_roles`); "the Centre holds one-third of the votes and the
states two-thirds" drafts a percent fact of each holder's share of the votes, so the shares
swapped are wrong (session 47)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from evaluator.nlp.quantities import shares
from evaluator.scoring.checks.fact_roles import phrase, role_claims
from evaluator.tools.derive.terms import Term, balanced

_NAME_RUN = r"[A-Z0-9][\w.'-]*(?:\s+(?:and|of|for|on)\s+[A-Z][\w.'-]*|\s+[A-Z0-9][\w.'-]*)*"
"""A run of capitalised words, with 'and', 'of', 'for' or 'on' inside ("Goods and Services Tax
Council")."""
_WORD_BREAK = re.compile(r"[\s-]+")


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
            # with the other spellings its cue group gives it ('Fifteenth Finance Commission')
            cues = next((list(g) for g in groups if name in g), [name])
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


def chair_names_the_body(
    groups: list[list[str]], terms: list[Term], doc: Doc | None
) -> list[list[str]]:
    """A point's cue groups with the person the unit names as a named body's chair or head
    written as another name of the body, in the body's group, beside a detail of what the point
    says: "The 15th Finance Commission, chaired by N. K. Singh, recommended that 41% of the
    divisible pool go to the states" is cued [15th Finance Commission | N. K. Singh] + [divisible
    pool], so "the commission chaired by N. K. Singh recommended 41% ..." earns it as a tutor
    credits it, and neither name alone does (session 49: cued [15th Finance Commission] + [N. K.
    Singh], the point needed both names). A person only (the recogniser's PERSON), never an
    office ("chaired by the Prime Minister" names no council); the groups unchanged where the
    unit has no such claim or no detail to cue beside the names."""
    if doc is None:
        return groups
    for claim in role_claims(doc):
        person = next((e for e in doc.ents if e.label_ == "PERSON" and claim.holder in e), None)
        if person is None:
            continue
        thing = phrase(claim.thing).text.lower()
        body = next((g for g in groups if g[0].lower() in thing), None)
        held = next((g for g in groups if person.text in g), None)
        if body is None or held is None or body is held:
            continue
        merged = [*body, *(c for c in held if c not in body)]
        out = [merged if g is body else g for g in groups if g is not held]
        if len(out) == 1:
            used = {w for g in groups for c in g for w in _WORD_BREAK.split(c.lower())}
            detail = next(
                (t for t in terms if t.score >= 1.0 and not set(_WORD_BREAK.split(t.key)) & used),
                None,
            )
            if detail is None:
                return groups
            out.append([balanced(detail.text), *detail.mates][:3])
        return out
    return groups


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


def share_facts(concept_id: str, unit: str, doc: Doc | None) -> list[dict[str, Any]]:
    """A percent fact for each holder of a split the unit states: two or more shares, each what
    a verb's subject holds ("the Centre holds one-third of the votes and the states together
    hold two-thirds"), cued by the holder, with the noun they are shares of as the unit (an
    answer's share counts only in a sentence naming it: "the states get 41% of the pool" is no
    share of the votes). Nothing for a single share or one with no holder."""
    if doc is None:
        return []
    split: list[tuple[str, float, str, str | None]] = []  # (holder, share, as written, of what)
    for value, start, end in shares(unit):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        share = span[-1]
        verb = share.head
        if share.dep_ != "dobj" or verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        of = next((c for c in share.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = (
            next((c.lemma_.lower() for c in of.children if c.dep_ == "pobj"), None) if of else None
        )
        split.append((phrase(subject).text, value, span.text, whole))
    wholes = {w for *_, w in split if w}
    holders = {h.lower() for h, *_ in split}
    if len(split) < 2 or len(wholes) != 1 or len(holders) != len(split):
        return []
    (whole,) = wholes
    ids = [_share_id(concept_id, holder, k) for k, (holder, *_) in enumerate(split)]
    if len(set(ids)) != len(ids):
        ids = [_share_id(concept_id, "", k) for k in range(len(split))]
    return [
        {
            "id": fact_id,
            "concept": concept_id,
            "claim": unit,
            "cues": [holder],
            "expected": {
                "kind": "percent",
                "value": round(value, 1),
                "unit": whole,
                "tolerance": 0.5,
                "display": written,
            },
        }
        for fact_id, (holder, value, written, _) in zip(ids, split, strict=True)
    ]


def _share_id(concept_id: str, holder: str, k: int) -> str:
    """'one-third-two-thirds-centre-share'; the share's place when the holder has no letters."""
    slug = re.sub(r"[^a-z0-9]+", "-", holder.lower()).strip("-")[:20].strip("-") or str(k + 1)
    return f"{concept_id}-{slug}-share"
