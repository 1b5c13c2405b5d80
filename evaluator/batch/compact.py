"""Compact batch records: per answer only what varies, the rubric's constants once.

A full report repeats every concept's label and source note, the question, the model answer
and the pipeline for every answer (about 55 KB). A compact JSONL file starts its graded
records with one header record (``{"kind": "header", ...}``: the rubric's constants and the
engine's wording templates) and each graded record keeps only what varies (marks, dimension
scores, the concepts and facts that are not at their defaults with their evidence spans,
structure, advisories, and the ranked next steps). A sentence the engine rendered from a template
(structure feedback, a step, an advisory's message) is stored as the template's name and the
values that vary (:mod:`evaluator.batch.wording`). The strengths, the full list of improvement
points and the examiner's comment are not stored: they are rebuilt from the rest by the engine's
own feedback functions.

``compact_record`` checks every record it writes: when the expansion would not give back the
very same report it keeps the comment, and failing that the full report, so ``expand_records``
always returns exactly what ``--detail full`` would have written. The record format is
documented in docs/batch.md and docs/batch-record.schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from evaluator.batch.wording import Wording
from evaluator.errors import OutputError

if TYPE_CHECKING:
    from evaluator.batch.core import BatchResult
    from evaluator.rubric.loader import LoadedRubric

FORMAT = "mains-eval-batch-compact/2"
"""The ``format`` of a header record; bumped when the compact layout changes."""
READABLE_FORMATS = ("mains-eval-batch-compact/1", FORMAT)
"""Formats ``expand_records`` reads: version 1 (before the wording was coded) and this one."""
HEADER_KIND = "header"

# fields of a full report that the compact form stores in its own way (others are kept verbatim)
_HANDLED = frozenset(
    {
        "rubric", "question", "pipeline", "marks", "max_marks", "word_count", "dimensions",
        "concepts", "facts", "structure", "advisories", "feedback", "arithmetic",
        "bonus_keywords", "model_answer", "share",
    }
)  # fmt: skip
_MISSING_REASON = "not found in the answer"
_COVERED_REASON = "all cue groups found together"
_ARITHMETIC = (
    "content", "breadth", "structure", "relevance", "bonus", "raw", "curved",
    "before_advisories", "cap", "penalty",
)  # fmt: skip
_QUESTION_STRUCTURE = ("word_limit", "directive")
_STRUCTURE_MAPS = ("components", "signals")
"""Structure fields whose keys are the same in every report: a record gives their values."""
_CONCEPT_CONSTANTS = ("id", "label", "dimension", "weight", "groups_total", "source_note")
COMMON_REASONS = ("named directly",)
"""Concept reasons a compact record gives by their index in the header's ``reasons``."""
REASON_WORDING = {"negated": "mentioned only in a negated claim ('{cue}')"}
"""Concept reasons with a varying part (the engine's wording), coded by name."""
_ADVISORY_KEYS = ("code", "message", "effect", "cap", "penalty", "details")


def build_header(loaded: LoadedRubric, first_report: dict[str, Any]) -> dict[str, Any]:
    """The header record of a compact file: the rubric's constants (every question, concept and
    fact) and the pipeline, taken from the rubric and the run's first graded report."""
    from evaluator.scoring.marks import marks_formula

    rubric = loaded.rubric
    penalties = {c.id for _, c in rubric.concepts() if c.penalty}  # misconceptions, if tuned
    questions: dict[str, Any] = {}
    for question in rubric.questions:
        total = sum(q.weight for q in question.dimensions)
        dimensions = []
        for qdim in question.dimensions:
            dimension = rubric.dimension(qdim.id)
            dimensions.append(
                {
                    "id": dimension.id,
                    "label": dimension.label,
                    "max": round(question.max_marks * qdim.weight / total, 2),
                    "weight": qdim.weight,
                    "concepts_total": len(dimension.concepts),
                }
            )
        questions[question.id] = {
            "question": {
                "id": question.id,
                "text": question.text,
                "directive": question.directive,
                "max_marks": question.max_marks,
                "word_limit": question.word_limit,
            },
            "dimensions": dimensions,
            "formula": marks_formula(rubric, question),
            "model_answer": loaded.model_answers.get(question.id),
        }
    return {
        "kind": HEADER_KIND,
        "format": FORMAT,
        "partial_credit": rubric.scoring.partial_credit,
        "rounding": rubric.scoring.rounding,
        "reasons": list(COMMON_REASONS),
        "rubric": first_report["rubric"],
        "pipeline": first_report["pipeline"],
        "questions": questions,
        "concepts": [
            {
                **{k: c[k] for k in _CONCEPT_CONSTANTS},
                **({"penalty": True} if c["id"] in penalties else {}),
            }
            for c in first_report["concepts"]
        ],
        "facts": [
            {k: f[k] for k in ("id", "concept", "claim", "expected")} for f in first_report["facts"]
        ],
        "structure_keys": {
            key: [k for k in first_report["structure"][key] if k != "word_count"]
            for key in _STRUCTURE_MAPS
        },
        "wording": engine_wording(),
    }


def engine_wording() -> dict[str, dict[str, str]]:
    """The engine's templates a compact record names (see :mod:`evaluator.batch.wording`): the
    structure feedback, the next steps, the advisories' messages and effects, concept reasons."""
    from evaluator.scoring.checks.advisories import ADVISORY_CODES
    from evaluator.settings import advisory_settings, feedback_settings, structure_settings

    structure = structure_settings()
    advisories = advisory_settings()
    effects = {}
    for code in ADVISORY_CODES:
        effect = getattr(getattr(advisories, code), "effect", None)
        if isinstance(effect, str):
            effects[code] = effect
    return {
        "structure": {**structure.feedback.model_dump(), **structure.directive_feedback},
        "steps": dict(feedback_settings().steps),
        "advisories": {code: advisories.message_template(code) for code in ADVISORY_CODES},
        "effects": effects,
        "reasons": dict(REASON_WORDING),
    }


def is_header(record: dict[str, Any]) -> bool:
    """True for the header record of a compact file."""
    return record.get("kind") == HEADER_KIND


# --- one report --------------------------------------------------------------------------------


def _partial_reason(groups: int, total: int) -> str:
    return f"{groups} of {total} cue groups found together"


def _default_reason(status: str, groups: int, total: int) -> str:
    if status == "covered":
        return _COVERED_REASON
    if status == "partial":
        return _partial_reason(groups, total)
    return _MISSING_REASON


def _fact_message(
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
    if status == "partial":
        return partial_credit
    return 1.0 if status == "covered" else 0.0


def _spans(evidence: list[dict[str, Any]], seen: dict[tuple[int, int], str]) -> list[list[Any]]:
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


def _evidence(spans: list[list[Any]], seen: dict[tuple[int, int], str]) -> list[dict[str, Any]]:
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
_wordings_slot: list[Any] = [None, None]


def wordings(header: dict[str, Any]) -> dict[str, Wording]:
    """The header's templates by kind of text, kept for the last header seen (one per file). A
    version 1 header has none: its steps were named by the engine's own wording."""
    if _wordings_slot[0] is not header:
        templates = header.get("wording") or engine_wording()
        _wordings_slot[1] = {kind: Wording(t) for kind, t in templates.items()}
        _wordings_slot[0] = header
    found: dict[str, Wording] = _wordings_slot[1]
    return found


def _question_context(question: dict[str, Any], word_count: int) -> dict[str, str]:
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
    from evaluator.scoring.feedback import DIMENSION_CHARS, _step_label, clip, worth_text
    from evaluator.settings import feedback_settings

    gain = step["gain"]
    derived = {
        "marks_after": round(marks + gain, 2),
        "worth": worth_text(gain, header["rounding"]),
    }
    context = {"limit": str(question["question"]["word_limit"])}
    concept = next((c for c in header["concepts"] if c["id"] == step.get("target")), None)
    if concept is None:
        return {**derived, "dimension": "", "detail": ""}, context
    label, detail = _step_label(
        concept["label"], concept["source_note"], feedback_settings().label_chars
    )
    labels = {d["id"]: d["label"] for d in question["dimensions"]}
    context["label"] = label
    context["dimension"] = clip(
        labels.get(concept["dimension"], concept["dimension"]), DIMENSION_CHARS
    )
    return {**derived, "dimension": concept["dimension"], "detail": detail}, context


def _compact_step(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    defaults, context = _step_defaults(step, header, question, marks)
    kept = {
        k: v for k, v in step.items() if k != "text" and (k not in defaults or v != defaults[k])
    }
    text = wordings(header)["steps"].encode(step["text"], context)
    if text != [step["kind"]]:  # a wording named like its kind, all from the context, is implied
        kept["text"] = text
    return kept


def _expand_step(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    defaults, context = _step_defaults(step, header, question, marks)
    text = step.get("text", [step.get("template", step["kind"])])  # version 1 named "template"
    full = {**defaults, **step, "text": wordings(header)["steps"].decode(text, context)}
    return {k: full[k] for k in _STEP_KEYS if k in full}


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
            defaults["message"] = message.format(**advisory.get("details", {}))
        if effect is not None:
            defaults["effect"] = effect.format(cap=advisory.get("cap"))
    except (KeyError, IndexError, TypeError, ValueError):
        pass  # the advisory keeps its own wording
    return defaults


def _advisory_values() -> dict[str, Any]:
    """An advisory's cap, penalty and details when a record leaves them out."""
    return {"cap": None, "penalty": 0.0, "details": {}}


def _compact_advisory(advisory: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """The advisory less what its header's templates and the usual values say."""
    defaults = {**_advisory_values(), **_advisory_defaults(advisory, header)}
    return {
        k: v
        for k, v in advisory.items()
        if k == "code" or k not in defaults or _json(v) != _json(defaults[k])
    }


def _expand_advisory(advisory: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    given = {**_advisory_values(), **advisory}
    full = {**_advisory_defaults(given, header), **given}
    return {
        **{k: full[k] for k in _ADVISORY_KEYS if k in full},
        **{k: v for k, v in full.items() if k not in _ADVISORY_KEYS},
    }


def compact_report(
    report: dict[str, Any], header: dict[str, Any], *, keep_comment: bool = False
) -> dict[str, Any]:
    """What varies in one report, given its header (see docs/batch.md for the layout). The
    examiner's comment is left to be rebuilt from the rest unless ``keep_comment``."""
    question = header["questions"][report["question"]["id"]]
    wording = wordings(header)
    order = {c["id"]: n for n, c in enumerate(header["concepts"])}
    seen: dict[tuple[int, int], str] = {}
    concepts: list[list[Any]] = []
    cue_hits: list[int | list[int]] = []
    for concept in report["concepts"]:
        index = order[concept["id"]]
        status, groups = concept["status"], concept["groups_matched"]
        spans = _spans(concept["evidence"], seen)
        reason = concept["reason"]
        default = _default_reason(status, groups, concept["groups_total"])
        if status == "missing" and not spans and reason == default and not concept["credit"]:
            if groups:  # some cue words, never together
                cue_hits.append(index if groups == 1 else [index, groups])
            continue
        entry: list[Any] = [index, status, groups, spans]
        credit = concept["credit"]
        if reason != default or credit != default_credit(status, header["partial_credit"]):
            reasons = header["reasons"]
            coded = (
                reasons.index(reason) if reason in reasons else wording["reasons"].encode(reason)
            )
            entry += [credit, coded]
        concepts.append(entry)
    fact_order = {f["id"]: n for n, f in enumerate(header["facts"])}
    facts = []
    for f in report["facts"]:
        if (
            f["status"] == "absent"
            and f["found"] is None
            and not f["evidence"]
            and not f["message"]
        ):
            continue
        entry = [fact_order[f["id"]], f["status"], f["found"], _spans(f["evidence"], seen)]
        clause = f.get("clause", "")
        usual = _fact_message(f["status"], f["found"], f["evidence"], f["expected"])
        if f["message"] != usual or clause:
            entry.append(f["message"])  # only when it is not the usual sentence, or has a clause
        if clause:
            entry.append(clause)  # the clause a contradiction was read from
        facts.append(entry)
    structure = {
        k: v
        for k, v in report["structure"].items()
        if k not in _QUESTION_STRUCTURE and k != "word_count"
    }
    signals = structure.get("signals")
    if isinstance(signals, dict) and signals.get("word_count") == report["word_count"]:
        structure["signals"] = {k: v for k, v in signals.items() if k != "word_count"}
    for key in _STRUCTURE_MAPS:  # the same keys in every report: their values only
        if isinstance(structure.get(key), dict) and list(structure[key]) == header.get(
            "structure_keys", {}
        ).get(key):
            structure[key] = list(structure[key].values())
    if isinstance(structure.get("feedback"), list):
        context = _question_context(question, report["word_count"])
        names = [d["label"] for d in question["dimensions"]]
        structure["feedback"] = [
            wording["structure"].encode(line, context, names) for line in structure["feedback"]
        ]
    arithmetic = report["arithmetic"]
    compact: dict[str, Any] = {
        "question": report["question"]["id"],
        "marks": report["marks"],
        "word_count": report["word_count"],
        "dimensions": [
            [d["marks"], d["score"], d["concepts_covered"]] for d in report["dimensions"]
        ],
        "concepts": concepts,
        "cue_hits": cue_hits,
        "facts": facts,
        "structure": structure,
        "arithmetic": [arithmetic[k] for k in _ARITHMETIC],
    }
    if arithmetic["formula"] != question["formula"]:
        compact["formula"] = arithmetic["formula"]
    if report["advisories"]:
        compact["advisories"] = [_compact_advisory(a, header) for a in report["advisories"]]
    if report["bonus_keywords"]:
        compact["bonus_keywords"] = report["bonus_keywords"]
    feedback = report["feedback"]
    steps: dict[str, Any] = {}
    if keep_comment:  # else the engine's examiner_comment rebuilds it from the rest
        steps["comment"] = feedback["comment"]
    if feedback.get("next_steps"):  # what every face shows; a concept's note is in the header
        steps["next_steps"] = [
            _compact_step(step, header, question, report["marks"])
            for step in feedback["next_steps"]
        ]
    if steps:  # the ranked steps vary per answer and need the whole rubric to recompute
        compact["steps"] = steps
    for key, value in report.items():
        if key not in _HANDLED:
            compact[key] = value  # a field added after this module was written
    return compact


def expand_report(compact: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """The full report (``Report.to_dict()``) of a compact one and its header."""
    from evaluator.scoring.feedback import examiner_comment, improvements_of, strengths_of
    from evaluator.scoring.report import (
        Advisory,
        ConceptResult,
        DimensionResult,
        Evidence,
        FactResult,
        NextStep,
        StructureResult,
    )

    question = header["questions"][compact["question"]]
    wording = wordings(header)
    max_marks = question["question"]["max_marks"]
    dimensions = [
        {
            "id": const["id"],
            "label": const["label"],
            "marks": marks,
            "max": const["max"],
            "score": score,
            "weight": const["weight"],
            "concepts_covered": covered,
            "concepts_total": const["concepts_total"],
        }
        for const, (marks, score, covered) in zip(
            question["dimensions"], compact["dimensions"], strict=True
        )
    ]
    entries = {entry[0]: entry[1:] for entry in compact["concepts"]}
    seen: dict[tuple[int, int], str] = {}
    hits: dict[int, int] = {}
    for hit in compact.get("cue_hits", []):
        index, groups = (hit[0], hit[1]) if isinstance(hit, list) else (hit, 1)
        hits[index] = groups
    partial_credit = header["partial_credit"]
    concepts = []
    for index, const in enumerate(header["concepts"]):
        entry = entries.get(index)
        status, groups, spans = entry[:3] if entry else ("missing", hits.get(index, 0), [])
        if entry and len(entry) > 3:
            credit, reason = entry[3:5]
            if isinstance(reason, int):
                reason = header["reasons"][reason]
            elif isinstance(reason, list):
                reason = wording["reasons"].decode(reason)
        else:
            credit, reason = default_credit(status, partial_credit), None
        evidence = _evidence(spans, seen)
        concepts.append(
            {
                "id": const["id"],
                "label": const["label"],
                "dimension": const["dimension"],
                "status": status,
                "credit": credit,
                "weight": const["weight"],
                "evidence": evidence,
                "matched": [e["text"] for e in evidence],
                "groups_matched": groups,
                "groups_total": const["groups_total"],
                "source_note": const["source_note"],
                "reason": reason or _default_reason(status, groups, const["groups_total"]),
            }
        )
    found_facts = {entry[0]: entry[1:] for entry in compact["facts"]}
    facts = []
    for index, const in enumerate(header["facts"]):
        status, found, spans, *given = found_facts.get(index, ("absent", None, [], ""))
        evidence = _evidence(spans, seen)
        message = given[0] if given else _fact_message(status, found, evidence, const["expected"])
        facts.append(
            {
                "id": const["id"],
                "concept": const["concept"],
                "claim": const["claim"],
                "status": status,
                "found": found,
                "expected": const["expected"],
                "evidence": evidence,
                "message": message,
                "clause": given[1] if len(given) > 1 else "",
            }
        )
    given = dict(compact["structure"])
    given["word_count"] = compact["word_count"]
    for key in _STRUCTURE_MAPS:
        if isinstance(given.get(key), list):
            given[key] = dict(zip(header["structure_keys"][key], given[key], strict=True))
    if "word_count" not in given.get("signals", {"word_count": None}):
        given["signals"] = {"word_count": compact["word_count"], **given["signals"]}
    if isinstance(given.get("feedback"), list):
        context = _question_context(question, compact["word_count"])
        names = [d["label"] for d in question["dimensions"]]
        given["feedback"] = [
            wording["structure"].decode(line, context, names) for line in given["feedback"]
        ]
    for name in _QUESTION_STRUCTURE:
        given[name] = question["question"][name]
    order = [f.name for f in fields(StructureResult)]  # the report's key order
    structure = {k: given[k] for k in order if k in given}
    structure.update((k, v) for k, v in given.items() if k not in structure)
    arithmetic = dict(zip(_ARITHMETIC, compact["arithmetic"], strict=True))
    arithmetic["formula"] = compact.get("formula", question["formula"])
    advisories = [_expand_advisory(a, header) for a in compact.get("advisories", [])]

    # strengths and improvement points are rebuilt by the engine from the results, exactly as
    # they were first built; the comment and the ranked steps are stored
    relevant = {d["id"] for d in dimensions}
    dimension_of = {c["id"]: c["dimension"] for c in concepts}
    concept_results = [
        ConceptResult(**{**c, "evidence": [Evidence(**e) for e in c["evidence"]]})
        for c in concepts
        if c["dimension"] in relevant
    ]
    dimension_results = [DimensionResult(**d) for d in dimensions]
    fact_results = [
        FactResult(**{**f, "evidence": [Evidence(**e) for e in f["evidence"]]})
        for f in facts
        if dimension_of.get(f["concept"]) in relevant
    ]
    steps = compact.get("steps", {})
    next_steps = [
        _expand_step(step, header, question, compact["marks"])
        for step in steps.get("next_steps", [])
    ]
    structure_result = StructureResult(**structure)
    if "comment" in steps or header["format"] != FORMAT:
        comment = steps.get("comment", "")  # version 1 kept every comment (none when empty)
    else:  # rebuilt by the engine, exactly as it was first built
        comment = examiner_comment(
            concept_results,
            dimension_results,
            structure_result,
            [NextStep(**step) for step in next_steps],
            question["question"]["directive"],
        )
    penalties = frozenset(c["id"] for c in header["concepts"] if c.get("penalty"))
    feedback = {
        "strengths": strengths_of(
            concept_results, dimension_results, fact_results, penalties=penalties
        ),
        "improvements": improvements_of(
            concept_results,
            dimension_results,
            fact_results,
            structure_result,
            [Advisory(**a) for a in advisories],
            penalties=penalties,
        ),
        "comment": comment,
        "next_steps": next_steps,
        "more_steps": [],  # the further steps are kept by --detail full only
    }
    report: dict[str, Any] = {
        "rubric": header["rubric"],
        "question": question["question"],
        "pipeline": header["pipeline"],
        "marks": compact["marks"],
        "max_marks": max_marks,
        "word_count": compact["word_count"],
        "dimensions": dimensions,
        "concepts": concepts,
        "facts": facts,
        "structure": structure,
        "advisories": advisories,
        "feedback": feedback,
        "arithmetic": arithmetic,
        "bonus_keywords": compact.get("bonus_keywords", []),
        "model_answer": question["model_answer"],
    }
    for key, value in compact.items():
        if key not in report and key not in ("question", "formula", "cue_hits", "steps"):
            report[key] = value
    report["share"] = round(compact["marks"] / max_marks, 4) if max_marks else 0.0
    return report


# --- records -------------------------------------------------------------------------------------


def full_record(result: BatchResult) -> dict[str, Any]:
    """One result with its full report: id, source, question, warning, error, report."""
    return {
        "id": result.id,
        "source": result.source,
        "question": result.question,
        "warning": result.warning,
        "error": result.error,
        "report": result.report,
    }


def compact_record(result: BatchResult, header: dict[str, Any]) -> dict[str, Any]:
    """One result in compact form (``graded`` instead of ``report``), or the full record when
    the compact form would not expand back to the very same report (less the further steps
    behind 'more', which only ``--detail full`` keeps)."""
    record = full_record(result)
    report = record.pop("report")
    if report is None:
        return record
    expected = _json({**report, "feedback": {**report["feedback"], "more_steps": []}})
    same = False
    for keep_comment in (False, True):  # the comment is stored only when it is not rebuilt
        try:
            compact = compact_report(report, header, keep_comment=keep_comment)
            same = _json(expand_report(compact, header)) == expected
        except (KeyError, IndexError, TypeError, ValueError):
            same = False
        if same:
            break
    if same:
        if compact["question"] == record["question"]:
            del compact["question"]  # the record's own question
        record["graded"] = compact
        for key in ("warning", "error"):
            if record[key] is None:
                del record[key]
    else:
        record["report"] = report
    return record


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def expand_records(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Full records (with ``report``) from the records of a batch JSONL file, compact or full:
    headers are consumed, compact records expanded with the latest header, full ones passed on."""
    header: dict[str, Any] | None = None
    for record in records:
        if is_header(record):
            if record.get("format") not in READABLE_FORMATS:
                raise OutputError(
                    f"unknown compact format {record.get('format')!r} (this version reads "
                    f"{', '.join(READABLE_FORMATS)}: a newer mains-eval wrote it)"
                )
            header = record
            continue
        if "graded" in record:
            if header is None:
                raise OutputError("a compact record comes before any header record")
            graded = dict(record["graded"])
            graded.setdefault("question", record.get("question"))
            expanded = {k: record.get(k) for k in ("id", "source", "question", "warning", "error")}
            expanded["report"] = expand_report(graded, header)
            record = expanded
        else:
            record.setdefault("report", None)
        yield record


def read_records(path: str, *, expand: bool = True) -> Iterator[dict[str, Any]]:
    """The records of a batch JSONL file (expanded to full reports unless ``expand=False``),
    skipping a torn last line."""
    raw = read_lines(path)
    return expand_records(raw) if expand else raw


def read_lines(path: str) -> Iterator[dict[str, Any]]:
    """The raw records of a JSONL file (headers included), skipping a torn last line."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break  # an unfinished line from an interrupted run
            if line.strip():
                yield json.loads(line)
