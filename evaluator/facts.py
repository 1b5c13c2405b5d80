"""Fact checking (placeholder until the honest-scoring work lands): every fact is absent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from evaluator.matching import TermMatch
from evaluator.report import FactResult
from evaluator.rubric import Fact


def format_expected(fact: Fact) -> str:
    """The expected value written for people."""
    return fact.expected.display or str(fact.expected.value)


def check_facts(
    doc: Doc, facts: Sequence[Fact], cue_spans: Mapping[str, Sequence[TermMatch]]
) -> list[FactResult]:
    """Compare values near each fact's cues with the expected value."""
    return [
        FactResult(f.id, f.concept, f.claim, "absent", None, format_expected(f), [])
        for f in facts
    ]
