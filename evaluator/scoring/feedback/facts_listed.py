"""The checked facts every face lists under Facts (`grade`, the web result page, the batch HTML,
CSV and JSONL reports), decided in one place so that none of them tells a fact twice.

A sentence can state two facts of one point ("The 14th annual summit was held in 2022"): the
rubric checks the ordinal and the year apart, and each face had listed "correct: 14th" and
"correct: 2022" on lines of their own (session 48). Here the right facts of one point read from
one sentence share a line ("correct: 14th, 2022"), and so do the wrong ones read from one clause
("you wrote 13th and 2021 in “…”; the source notes say 14th and 2022": each wrong value with
what the notes give for it, the clause quoted once). A right and a wrong fact of one sentence
keep a line each, so the learner sees plainly which value is wrong. A right fact the strengths
already tell (:func:`~.strengths.told_in_strengths`) is not listed.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    by_key: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for fact in report.get("facts") or []:
        status = fact.get("status")
        if status not in ("supported", "contradicted"):
            continue
        if status == "supported" and told_in_strengths(str(fact.get("claim")), strengths):
            continue  # praised under what worked: said once
        sentence = fact.get("sentence")
        # a report stored before facts recorded their sentence: each fact is its own line,
        # unless it says what another of its point's does word for word
        where = tuple(sentence) if sentence else ("said", fact.get("message"))
        key = (fact.get("concept"), status, where)
        by_key.setdefault(key, []).append(fact)  # a dict keeps the order of first facts
    return [
        _line(part, labels)
        for group in by_key.values()
        for part in (_by_clause(group) if group[0].get("status") == "contradicted" else [group])
    ]


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


def _line(facts: list[Mapping[str, Any]], labels: Mapping[Any, str]) -> dict[str, Any]:
    """One listed line for the facts of one point, status and sentence (a wrong fact's: and
    clause), in the report's order but for a longer clause that leads."""
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
    sentence = first.get("sentence")
    return {
        "status": status,
        "concept": concept,
        "label": labels.get(concept, ""),
        "facts": [str(f.get("id")) for f in facts],
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
