"""Compact batch records: per answer only what varies, the rubric's constants once.

A full report repeats every concept's label and source note, the question, the model answer
and the pipeline for every answer (about 55 KB). A compact JSONL file starts its graded
records with one header record (``{"kind": "header", ...}``: the rubric's constants) and each
graded record keeps only what varies (marks, dimension scores, the concepts and facts that are
not at their defaults with their evidence spans, structure, advisories, and the examiner's comment
with the ranked next steps). The strengths and the full list of improvement points are not
stored: they are rebuilt from the rest by the engine's own feedback functions.

``compact_record`` checks every record it writes: when the expansion would not give back the
very same report it keeps the full report instead, so ``expand_records`` always returns exactly
what ``--detail full`` would have written. The record format is documented in docs/batch.md and
docs/batch-record.schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from evaluator.errors import OutputError

if TYPE_CHECKING:
    from evaluator.batch.core import BatchResult
    from evaluator.rubric.loader import LoadedRubric

FORMAT = "mains-eval-batch-compact/1"
"""The ``format`` of a header record; bumped when the compact layout changes."""
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
_CONCEPT_CONSTANTS = ("id", "label", "dimension", "weight", "groups_total", "source_note")
COMMON_REASONS = ("named directly",)
"""Concept reasons a compact record gives by their index in the header's ``reasons``."""


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
    """[start, end, text] per span; [start, end] when the record already gave that span's text."""
    spans: list[list[Any]] = []
    for e in evidence:
        key = (e["start"], e["end"])
        if seen.get(key) == e["text"]:
            spans.append([e["start"], e["end"]])
        else:
            seen.setdefault(key, e["text"])
            spans.append([e["start"], e["end"], e["text"]])
    return spans


def _evidence(spans: list[list[Any]], seen: dict[tuple[int, int], str]) -> list[dict[str, Any]]:
    evidence = []
    for span in spans:
        start, end = span[0], span[1]
        text = span[2] if len(span) > 2 else seen[(start, end)]
        seen.setdefault((start, end), text)
        evidence.append({"start": start, "end": end, "text": text})
    return evidence


_STEP_KEYS = ("kind", "text", "gain", "marks_after", "worth", "target", "dimension", "detail")


_CONCEPT_TEMPLATES = ("concept", "concept_new_dimension", "develop", "negated")
"""Step wordings that name a concept and its dimension: the header can say them again."""


def _step_defaults(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    """What a step's fields are when the header and the marks already say them: its marks after
    and worth (from its gain), a concept step's dimension, source note and (for the usual
    wordings) its text; other steps have no dimension or note."""
    from evaluator.scoring.feedback import DIMENSION_CHARS, _step_label, clip, worth_text
    from evaluator.settings import feedback_settings

    gain = step["gain"]
    derived = {
        "marks_after": round(marks + gain, 2),
        "worth": worth_text(gain, header["rounding"]),
    }
    concept = next((c for c in header["concepts"] if c["id"] == step["target"]), None)
    if concept is None:
        return {**derived, "dimension": "", "detail": ""}
    label, detail = _step_label(
        concept["label"], concept["source_note"], feedback_settings().label_chars
    )
    defaults = {**derived, "dimension": concept["dimension"], "detail": detail}
    template = step.get("template")
    if template in _CONCEPT_TEMPLATES:
        labels = {d["id"]: d["label"] for d in question["dimensions"]}
        dimension = clip(labels.get(concept["dimension"], concept["dimension"]), DIMENSION_CHARS)
        defaults["text"] = (
            feedback_settings().steps[template].format(label=label, dimension=dimension)
        )
    return defaults


def _compact_step(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    for template in _CONCEPT_TEMPLATES:  # a usual wording is stored by its name
        defaults = _step_defaults({**step, "template": template}, header, question, marks)
        if defaults.get("text") == step["text"]:
            break
    else:
        template, defaults = None, _step_defaults(step, header, question, marks)
    kept = {k: v for k, v in step.items() if k not in defaults or v != defaults[k]}
    return {**kept, "template": template} if template else kept


def _expand_step(
    step: dict[str, Any], header: dict[str, Any], question: dict[str, Any], marks: float
) -> dict[str, Any]:
    full = {**_step_defaults(step, header, question, marks), **step}
    return {k: full[k] for k in _STEP_KEYS if k in full}


def compact_report(report: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """What varies in one report, given its header (see docs/batch.md for the layout)."""
    question = header["questions"][report["question"]["id"]]
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
            entry += [credit, reasons.index(reason) if reason in reasons else reason]
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
        compact["advisories"] = report["advisories"]
    if report["bonus_keywords"]:
        compact["bonus_keywords"] = report["bonus_keywords"]
    feedback = report["feedback"]
    steps: dict[str, Any] = {}
    if feedback.get("comment"):
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
    from evaluator.scoring.feedback import improvements_of, strengths_of
    from evaluator.scoring.report import (
        Advisory,
        ConceptResult,
        DimensionResult,
        Evidence,
        FactResult,
        StructureResult,
    )

    question = header["questions"][compact["question"]]
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
    if "word_count" not in given.get("signals", {"word_count": None}):
        given["signals"] = {"word_count": compact["word_count"], **given["signals"]}
    given["word_count"] = compact["word_count"]
    for name in _QUESTION_STRUCTURE:
        given[name] = question["question"][name]
    order = [f.name for f in fields(StructureResult)]  # the report's key order
    structure = {k: given[k] for k in order if k in given}
    structure.update((k, v) for k, v in given.items() if k not in structure)
    arithmetic = dict(zip(_ARITHMETIC, compact["arithmetic"], strict=True))
    arithmetic["formula"] = compact.get("formula", question["formula"])
    advisories = compact.get("advisories", [])

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
    penalties = frozenset(c["id"] for c in header["concepts"] if c.get("penalty"))
    feedback = {
        "strengths": strengths_of(
            concept_results, dimension_results, fact_results, penalties=penalties
        ),
        "improvements": improvements_of(
            concept_results,
            dimension_results,
            fact_results,
            StructureResult(**structure),
            [Advisory(**a) for a in advisories],
            penalties=penalties,
        ),
        "comment": steps.get("comment", ""),
        "next_steps": [
            _expand_step(step, header, question, compact["marks"])
            for step in steps.get("next_steps", [])
        ],
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
    try:
        compact = compact_report(report, header)
        expected = {**report, "feedback": {**report["feedback"], "more_steps": []}}
        same = _json(expand_report(compact, header)) == _json(expected)
    except (KeyError, TypeError, ValueError):
        same = False
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
            if record.get("format") != FORMAT:
                raise OutputError(
                    f"unknown compact format {record.get('format')!r} (this version reads {FORMAT})"
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
