"""Rubrics: the schema (pydantic, extra="forbid"), the loader with file:line errors, the writer
and the generated reference docs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.rubric.loader import (
        DuplicateRubric,
        LoadedRubric,
        available_rubrics,
        check_rubric,
        default_rubrics_dir,
        duplicate_rubrics,
        load_rubric,
        validate_rubric_data,
    )
    from evaluator.rubric.model import Concept, Dimension, Fact, Question, Rubric, ScoringSettings
    from evaluator.rubric.write import map_paths, rubric_yaml, write_rubric_atomically

__all__ = [
    "Concept",
    "Dimension",
    "DuplicateRubric",
    "Fact",
    "LoadedRubric",
    "Question",
    "Rubric",
    "ScoringSettings",
    "available_rubrics",
    "check_rubric",
    "default_rubrics_dir",
    "duplicate_rubrics",
    "load_rubric",
    "map_paths",
    "rubric_yaml",
    "validate_rubric_data",
    "write_rubric_atomically",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "Concept": "evaluator.rubric.model",
        "Dimension": "evaluator.rubric.model",
        "DuplicateRubric": "evaluator.rubric.loader",
        "Fact": "evaluator.rubric.model",
        "LoadedRubric": "evaluator.rubric.loader",
        "Question": "evaluator.rubric.model",
        "Rubric": "evaluator.rubric.model",
        "ScoringSettings": "evaluator.rubric.model",
        "available_rubrics": "evaluator.rubric.loader",
        "check_rubric": "evaluator.rubric.loader",
        "default_rubrics_dir": "evaluator.rubric.loader",
        "duplicate_rubrics": "evaluator.rubric.loader",
        "load_rubric": "evaluator.rubric.loader",
        "map_paths": "evaluator.rubric.write",
        "rubric_yaml": "evaluator.rubric.write",
        "validate_rubric_data": "evaluator.rubric.loader",
        "write_rubric_atomically": "evaluator.rubric.write",
    },
)
