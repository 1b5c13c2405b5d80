"""Structure and directive fit (placeholder until the honest-scoring work lands)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc

from evaluator.report import StructureResult
from evaluator.rubric import Question, Rubric

_WORD = re.compile(r"[^\W_](?:[\w'’.+-]*[^\W_])?")


def count_words(text: str) -> int:
    """Words as an examiner counts them: runs of letters or digits (hyphenated words count once)."""
    return len(_WORD.findall(text))


def paragraphs_of(text: str) -> list[str]:
    """Non-empty paragraphs (blank-line separated)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def analyse_structure(
    doc: Doc,
    text: str,
    *,
    question: Question,
    rubric: Rubric,
    dimension_scores: Mapping[str, float],
    word_count: int,
) -> StructureResult:
    """Paragraphs, introduction, conclusion, points, word budget and directive fit."""
    paragraphs = len(paragraphs_of(text))
    limit = question.word_limit
    budget = "within"
    if word_count < 0.5 * limit:
        budget = "too_short"
    elif word_count > 1.2 * limit:
        budget = "over_limit"
    score = min(1.0, paragraphs / rubric.structure.min_paragraphs) if paragraphs else 0.0
    return StructureResult(
        score=score,
        paragraphs=paragraphs,
        has_introduction=False,
        has_conclusion=False,
        uses_points_or_headings=False,
        word_count=word_count,
        word_limit=limit,
        word_budget=budget,
        directive=question.directive,
        directive_fit=0.0,
        components={"paragraphs": score},
    )
