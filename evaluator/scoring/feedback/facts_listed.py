"""The checked facts every face lists under Facts (`grade`, the web result page, the batch HTML,
CSV and JSONL reports), decided in one place so that none of them tells a fact twice.

A sentence can state two facts of one point ("The 14th annual summit was held in 2022"): the
rubric checks the ordinal and the year apart, and each face had listed "correct: 14th" and
"correct: 2022" on lines of their own (session 48). Here the right facts of one point read from
one sentence share a line ("correct: 14th, 2022"), and so do the wrong ones read from one clause
("you wrote 13th and 2021 in “…”; the source notes say 14th and 2022": each wrong value with
what the notes give for it, the clause quoted once). A right fact of a point read from a
sentence where another fact of that point is wrong is told on the wrong one's line, by its value
alone ("…; the source notes say New Delhi; third is right"): its own claim, "The meeting in New
Delhi was the third India–Japan 2+2", holds the very value the answer got wrong (session 49;
before, it was listed as "supported" with that claim). A right fact the strengths already tell
(:func:`~.strengths.told_in_strengths`) is not listed, nor one the strengths left out as another
right fact of its point and sentence they tell says all of it ("Malabar is a naval exercise"
beside "… the four Quad navies": the notes' own alternatives fold "naval" and "navies").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from evaluator.scoring.feedback.strengths import told_in_strengths

__all__ = ["facts_listed"]


def facts_listed(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The lines a face lists under Facts for a report (as JSON), in the report's order of
    facts. Each line is a dict: ``status`` (supported or contradicted), ``concept`` and its
    ``label``, ``facts`` (the ids of the facts it tells), ``claim`` (the one claim they make,
    else the point's label), ``found`` and ``expected`` (the values, one per distinct pair),
    ``sentence`` (the ``[start, end)`` span of the answer's sentence they were read from, None
    in a report stored before facts recorded it), ``clause`` and ``message`` (what the face
    prints after the claim)."""
    feedback = report.get("feedback") or {}
    strengths = set(feedback.get("strengths") or [])
    labels = {c.get("id"): str(c.get("label") or "") for c in report.get("concepts") or []}
    checked = [
        f for f in report.get("facts") or [] if f.get("status") in ("supported", "contradicted")
    ]
    told = {
        id(f): f.get("status") == "supported" and told_in_strengths(str(f.get("claim")), strengths)
        for f in checked
    }
    wrong_points = {f.get("concept") for f in checked if f.get("status") == "contradicted"}
    wrong_at = {(f.get("concept"), _where(f)) for f in checked if f.get("status") == "contradicted"}
    told_at = {(f.get("concept"), _where(f)) for f in checked if told[id(f)]}
    by_key: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    right_beside: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for fact in checked:
        status = fact.get("status")
        at = (fact.get("concept"), _where(fact))
        if told[id(fact)]:
            continue  # praised under what worked: said once
        if status == "supported" and fact.get("concept") not in wrong_points and at in told_at:
            continue  # the strengths left it out: a right fact they tell says all of it
        if status == "supported" and at in wrong_at:
            right_beside.setdefault(at, []).append(fact)  # told by its value on the wrong line
            continue
        by_key.setdefault((at[0], status, at[1]), []).append(fact)  # in order of first facts
    lines = []
    for (concept, status, where), group in by_key.items():
        parts = _by_clause(group) if status == "contradicted" else [group]
        for n, part in enumerate(parts):
            right = right_beside.get((concept, where), []) if n == 0 else []
            lines.append(_line(part, labels, right))
    return lines


def _where(fact: Mapping[str, Any]) -> tuple[Any, ...]:
    """The sentence a fact was read from; for a report stored before facts recorded their
    sentence, its message (each fact is its own line, unless it says what another of its point's
    does word for word)."""
    sentence = fact.get("sentence")
    return tuple(sentence) if sentence else ("said", fact.get("message"))


def _by_clause(facts: list[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Wrong facts of one point and sentence, in parts that one clause quotes: a clause inside
    another ("… met in 2018 in Tokyo" and "… met in 2018 in Tokyo.") is quoted as the longer.
    Each part's clause is its first fact's (the longer one leads)."""
    parts: list[list[Mapping[str, Any]]] = []
    for fact in facts:
        mine = _bare(fact.get("clause"))
        for part in parts:
            theirs = _bare(part[0].get("clause"))
            if mine in theirs:
                part.append(fact)
                break
            if theirs in mine:
                part.insert(0, fact)
                break
        else:
            parts.append([fact])
    return parts


def _bare(clause: object) -> str:
    """A clause as compared with another: its closing punctuation left out."""
    return str(clause or "").rstrip(" .!?;:,")


def _line(
    facts: list[Mapping[str, Any]],
    labels: Mapping[Any, str],
    right: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """One listed line for the facts of one point, status and sentence (a wrong fact's: and
    clause), in the report's order but for a longer clause that leads; ``right``: the right
    facts of its point and sentence, told on a wrong line by their values ("third is right")."""
    first = facts[0]
    status = str(first.get("status"))
    concept = first.get("concept")
    pairs = list(dict.fromkeys((str(f.get("found")), str(f.get("expected"))) for f in facts))
    claims = list(dict.fromkeys(str(f.get("claim")) for f in facts))
    messages = list(dict.fromkeys(str(f.get("message") or "") for f in facts))
    clause = str(first.get("clause") or "")
    if len(messages) == 1 and messages[0]:
        message = messages[0]  # one fact, or several telling the same (two cues of one claim)
    elif status == "supported" and all(
        f.get("message") == f"correct: {f.get('found')}" for f in facts
    ):
        message = f"correct: {', '.join(found for found, _ in pairs)}"
    elif status == "contradicted" and all(map(_usual_wrong, facts)):
        wrote = " and ".join(found for found, _ in pairs)
        say = " and ".join(expected for _, expected in pairs)
        message = f"you wrote {wrote} in “{clause}”; the source notes say {say}"
    else:  # a wording of the checker's own: each said once, as it is
        message = "; ".join(m for m in messages if m)
    if not message and status == "supported":
        message = f"correct: {', '.join(found for found, _ in pairs)}"
    if not message:
        message = "; ".join(f"{found} (source notes: {expected})" for found, expected in pairs)
    said_right = list(dict.fromkeys(str(f.get("found")) for f in right))
    if said_right:
        message += f"; {' and '.join(said_right)} {'is' if len(said_right) == 1 else 'are'} right"
    sentence = first.get("sentence")
    return {
        "status": status,
        "concept": concept,
        "label": labels.get(concept, ""),
        "facts": [str(f.get("id")) for f in [*facts, *right]],
        "claim": claims[0] if len(claims) == 1 else labels.get(concept) or claims[0],
        "found": [found for found, _ in pairs],
        "expected": [expected for _, expected in pairs],
        "sentence": list(sentence) if sentence else None,
        "clause": clause,
        "message": message,
    }


def _usual_wrong(fact: Mapping[str, Any]) -> bool:
    """Whether a wrong fact's message is the checker's usual sentence for its value and clause."""
    return fact.get("message") == (
        f"you wrote {fact.get('found')} in “{fact.get('clause')}”; "
        f"the source notes say {fact.get('expected')}"
    )
