"""Derive: draft a rubric from a document's notes (sections become dimensions, points concepts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.tools.derive.core import DerivedRubric, derive_rubric, derive_rubric_file

__all__ = [
    "DerivedRubric",
    "derive_rubric",
    "derive_rubric_file",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "DerivedRubric": "evaluator.tools.derive.core",
        "derive_rubric": "evaluator.tools.derive.core",
        "derive_rubric_file": "evaluator.tools.derive.core",
    },
)
