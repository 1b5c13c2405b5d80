"""Mains Answer Evaluator: deterministic, explainable grading of UPSC Mains answers against
keyword and concept rubrics, using spaCy.

The library is a house of subpackages (see docs/architecture.md): ``rubric`` (model, loader,
writer), ``nlp`` (the one place that loads spaCy), ``scoring`` (engine, marks, report) with
``scoring.checks``, ``batch``, ``tools`` (the tutor verbs) and ``cli``. Each exports a short API
from its ``__init__``; the heavy ones lazily, so importing a name costs only what it needs."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__version__ = "0.9.273"

__all__ = ["__version__", "lazy_exports", "noun", "plural"]


def lazy_exports(namespace: dict[str, Any], exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``name`` from ``exports[name]`` (a module path) on
    first use and keeps it in the package, so ``from evaluator.scoring import evaluate`` works
    without importing spaCy until then. ``namespace`` is the package's ``globals()``."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__


__getattr__ = lazy_exports(globals(), {"noun": "evaluator.text", "plural": "evaluator.text"})
