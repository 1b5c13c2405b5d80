"""The parts of a compact record: evidence spans, the usual reasons and fact messages, the ranked
next steps and the advisories, each less what the header (or the rest of the record) says."""

from __future__ import annotations

import json
from typing import Any

from evaluator.batch.compact.header import (
    DEDUCTION_FORMAT,
    REFERENCE_QUOTE_FORMAT,
    TIDY_STEPS_FORMAT,
    format_version,
    wordings,
)
from evaluator.text import fill

_MISSING_REASON = "not found in the answer"
_COVERED_REASON = "all cue groups found together"
_ADVISORY_KEYS = ("code", "message", "effect", "cap", "penalty", "deduction", "details")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _partial_reason(groups: int, total: int) -> str:
    return f"{groups} of {total} cue groups found together"


def default_reason(status: str, groups: int, total: int) -> str:
    """The concept checker's usual reason for a status (a record stores any other)."""
    if status == "covered":
        return _COVERED_REASON
    if status == "partial":
        return _partial_reason(groups, total)
    return _MISSING_REASON


def fact_message(
    status: str, found: str | None, evidence: list[dict[str, Any]], expected: str
) -> str:
    """The fact checker's usual sentence for a status (a record stores any other)."""
    if status == "supported":
        return f"correct: {found}"
    if status == "contradicted":
        return f"you wrote {found}; the source notes say {expected}"
    if evidence:
        return (
            f"you mention {evidence[0]['text']} without the figure; the source notes say {expected}"
        )
    return ""


def default_credit(status: str, partial_credit: float) -> float:
    """The usual credit of a status: 1 covered, the rubric's partial credit, else 0."""
    if status == "partial":
        return partial_credit
    return 1.0 if status == "covered" else 0.0


def spans_of(evidence: list[dict[str, Any]], seen: dict[tuple[int, int], str]) -> list[list[Any]]:
    """[start, text] per span (its end is start + the text's length), [start, end, text] when it
    is not, and [start, end] when the record already gave that span's text."""
    spans: list[list[Any]] = []
    for e in evidence:
        start, end, text = e["start"], e["end"], e["text"]
        if seen.get((start, end)) == text:
            spans.append([start, end])
            continue
        seen.setdefault((start, end), text)
        spans.append([start, text] if end - start == len(text) else [start, end, text])
    return spans


def evidence_of(spans: list[list[Any]], seen: dict[tuple[int, int], str]) -> list[dict[str, Any]]:
    """The report's evidence (start, end, text) of a record's spans."""
    evidence = []
    for span in spans:
        if isinstance(span[1], str):
            start, text = span
            end = start + len(text)
        else:
            start, end = span[0], span[1]
            text = span[2] if len(span) > 2 else seen[(start, end)]
        seen.setdefault((start, end), text)
        evidence.append({"start": start, "end": end, "text": text})
    return evidence


_STEP_KEYS = ("kind", "text", "gain", "marks_after", "worth", "target", "dimension", "detail")


def question_context(question: dict[str, Any], word_count: int) -> dict[str, str]:
    """Template values every answer to a question shares (or its record already gives)."""
    asked = question["question"]
    return {
        "limit": str(asked["word_limit"]),
        "directive": str(asked["directive"]).capitalize(),
        "words": str(word_count),
    }


def _step_defaults(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> tuple[dict[str, Any], dict[str, str]]:
    """What a step's fields are when the header and the marks already say them (its marks after
    and worth, from its gain; a concept step's dimension and source note; other steps have no
    dimension or note), and the values its wording may take from them (the concept's label and
    dimension as steps name them, the word limit)."""
    from evaluator.scoring.feedback.steps import DIMENSION_CHARS, step_dimension
    from evaluator.scoring.feedback.wording import clip, in_sentence, worth_text
    from evaluator.scoring.feedback.wording import step_label as _step_label
    from evaluator.settings import feedback_settings

    gain = step["gain"]
    derived = {
        "marks_after": round(marks + gain, 2),
        "worth": worth_text(gain, question.get("rounding", header["rounding"])),
    }
    context = {"limit": str(question["question"]["word_limit"])}
    concept = next((c for c in header["concepts"] if c["id"] == step.get("target")), None)
    if concept is None:
        return {**derived, "dimension": "", "detail": ""}, context
    label, detail = _step_label(
        concept["label"],
        concept["source_note"],
        feedback_settings().label_chars,
        # before format 14 a label that opened like its note was read as a copy of it
        own_labels=format_version(header) >= 14,
        # before format 17 a step quoted every reference answer of a note
        first_only=format_version(header) >= REFERENCE_QUOTE_FORMAT,
    )
    labels = {d["id"]: d["label"] for d in question["dimensions"]}
    dimension = labels.get(concept["dimension"], concept["dimension"])
    if format_version(header) >= TIDY_STEPS_FORMAT:
        # a label or dimension inside the step's sentence: "the GST Council" (session 47)
        context["label"] = label if label.startswith("“") else in_sentence(label)
        context["dimension"] = step_dimension(dimension)
    else:
        context["label"] = label
        context["dimension"] = clip(dimension, DIMENSION_CHARS)
    return {**derived, "dimension": concept["dimension"], "detail": detail}, context


def compact_step(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    """A ranked step less what the header and the marks say, its wording coded."""
    defaults, context = _step_defaults(step, header, question, marks)
    kept = {
        k: v for k, v in step.items() if k != "text" and (k not in defaults or v != defaults[k])
    }
    text = wordings(header)["steps"].encode(step["text"], context)
    if text != [step["kind"]]:  # a wording named like its kind, all from the context, is implied
        kept["text"] = text
    return kept


def expand_step(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    """The report's step of a compact one (format 1 or 2)."""
    defaults, context = _step_defaults(step, header, question, marks)
    text = step.get("text", [step.get("template", step["kind"])])  # version 1 named "template"
    full = {**defaults, **step, "text": wordings(header)["steps"].decode(text, context)}
    return {k: full[k] for k in _STEP_KEYS if k in full}


CAP_UNUSED = "cap_unused"
"""The key of the header's effect wording that holds :func:`_cap_unused`'s words (no advisory
has this code)."""


def _advisory_defaults(advisory: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """An advisory's message and effect as the header's templates render them from its details
    and cap (when they do)."""
    templates = header.get("wording") or {}  # version 1 stored every advisory whole
    code = advisory["code"]
    defaults: dict[str, Any] = {}
    message = templates.get("advisories", {}).get(code)
    effect = templates.get("effects", {}).get(code)
    try:
        if message is not None:
            defaults["message"] = fill(message, **advisory.get("details", {}))
        if effect is not None:
            defaults["effect"] = effect.format(cap=advisory.get("cap"))
    except (KeyError, IndexError, TypeError, ValueError):
        pass  # the advisory keeps its own wording
    return defaults


def _advisory_values(header: dict[str, Any]) -> dict[str, Any]:
    """An advisory's cap, penalty, deduction (format 16 on) and details when a record leaves
    them out."""
    if format_version(header) >= DEDUCTION_FORMAT:
        return {"cap": None, "penalty": 0.0, "deduction": 0.0, "details": {}}
    return {"cap": None, "penalty": 0.0, "details": {}}


def _cap_unused(header: dict[str, Any]) -> str | None:
    """The words a cap the marks were already within adds to its effect (format 15 on)."""
    unused = (header.get("wording") or {}).get("effects", {}).get(CAP_UNUSED)
    return unused if isinstance(unused, str) else None


def compact_advisory(advisory: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """The advisory less what its header's templates and the usual values say (a cap the marks
    were within is ``unbound: true``, its effect's added words left to the header)."""
    unused = _cap_unused(header)
    effect = advisory.get("effect")
    if unused and isinstance(effect, str) and effect.endswith(f" {unused}"):
        advisory = {**advisory, "effect": effect[: -len(unused) - 1], "unbound": True}
    defaults = {**_advisory_values(header), **_advisory_defaults(advisory, header)}
    return {
        k: v
        for k, v in advisory.items()
        if k == "code" or k not in defaults or _json(v) != _json(defaults[k])
    }


def expand_advisory(advisory: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """The report's advisory of a compact one, its fields in the report's order."""
    given = {**_advisory_values(header), **advisory}
    unbound = given.pop("unbound", False)
    full = {**_advisory_defaults(given, header), **given}
    unused = _cap_unused(header)
    if unbound and unused:
        full["effect"] = f"{full['effect']} {unused}"
    return {
        **{k: full[k] for k in _ADVISORY_KEYS if k in full},
        **{k: v for k, v in full.items() if k not in _ADVISORY_KEYS},
    }
