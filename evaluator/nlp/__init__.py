"""The one place that loads spaCy, with the token view, patterns, quantities and language check
the scoring checks build on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator import lazy_exports

if TYPE_CHECKING:
    from evaluator.nlp.pipeline import MODEL_PACKAGE, get_nlp, load_pipeline, pipeline_info

__all__ = [
    "MODEL_PACKAGE",
    "get_nlp",
    "load_pipeline",
    "pipeline_info",
]

__getattr__ = lazy_exports(
    globals(),
    {
        "MODEL_PACKAGE": "evaluator.nlp.pipeline",
        "get_nlp": "evaluator.nlp.pipeline",
        "load_pipeline": "evaluator.nlp.pipeline",
        "pipeline_info": "evaluator.nlp.pipeline",
    },
)
