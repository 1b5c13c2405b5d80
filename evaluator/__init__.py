"""Mains Answer Evaluator: deterministic, explainable grading of UPSC Mains answers against
keyword and concept rubrics, using spaCy."""

__version__ = "0.1.0"

__all__ = ["__version__"]
