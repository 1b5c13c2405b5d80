"""Anti-gaming and input advisories (placeholder until the honest-scoring work lands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from evaluator.matching import CompiledRubric, TermMatch
from evaluator.report import Advisory, ConceptResult, StructureResult
from evaluator.rubric import Question
from evaluator.rubric_loader import LoadedRubric


@dataclass(frozen=True)
class AdvisoryContext:
    """Everything the advisories may look at for one answer."""

    text: str
    doc: Doc
    word_count: int
    question: Question
    loaded: LoadedRubric
    compiled: CompiledRubric
    matches: Sequence[TermMatch]
    concepts: Sequence[ConceptResult]
    structure: StructureResult


def detect_advisories(ctx: AdvisoryContext) -> list[Advisory]:
    """The advisories that fire for this answer, in a stable order."""
    advisories: list[Advisory] = []
    if ctx.word_count == 0:
        advisories.append(
            Advisory("empty", "The answer is empty: write your answer and submit again.",
                     "marks set to 0", cap=0.0)
        )
    return advisories
