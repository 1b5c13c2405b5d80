"""Compact batch records: per answer only what varies, the rubric's constants once.

A full report repeats every concept's label and source note, the question, the model answer
and the pipeline for every answer (about 55 KB). A compact JSONL file starts its graded
records with one header record (``{"kind": "header", ...}``: the rubric's constants and the
engine's wording templates) and each graded record keeps only what varies (marks, dimension
scores, the concepts and facts that are not at their defaults with their evidence spans,
structure, advisories, and the ranked next steps). A sentence the engine rendered from a template
(structure feedback, a step, an advisory's message) is stored as the template's name and the
values that vary (:mod:`evaluator.batch.compact.wording`). The strengths, the full list of
improvement points and the examiner's comment are not stored: they are rebuilt from the rest by
the engine's own feedback functions.

``compact_record`` checks every record it writes: when the expansion would not give back the
very same report it keeps the comment, and failing that the full report, so ``expand_records``
always returns exactly what ``--detail full`` would have written. The record format is
documented in docs/batch.md and docs/batch-record.schema.json.

The package: ``header`` (the header record), ``wording`` (coded texts), ``parts`` (spans, steps,
advisories), ``layout`` (one report) and ``records`` (records and reading files back).
"""

from evaluator.batch.compact.header import (
    COMMON_REASONS,
    FORMAT,
    HEADER_KIND,
    READABLE_FORMATS,
    build_header,
    engine_wording,
    is_header,
)
from evaluator.batch.compact.layout import compact_report, expand_report
from evaluator.batch.compact.parts import default_credit
from evaluator.batch.compact.records import (
    compact_record,
    expand_records,
    full_record,
    read_lines,
    read_records,
    unknown_format,
)

__all__ = [
    "COMMON_REASONS",
    "FORMAT",
    "HEADER_KIND",
    "READABLE_FORMATS",
    "build_header",
    "compact_record",
    "compact_report",
    "default_credit",
    "engine_wording",
    "expand_records",
    "expand_report",
    "full_record",
    "is_header",
    "read_lines",
    "read_records",
    "unknown_format",
]
