"""Shared fixtures: the spaCy pipeline and the bundled rubric are loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.nlp import get_nlp
from evaluator.rubric_loader import LoadedRubric, load_rubric

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real scoring pipeline, loaded once."""
    return get_nlp()


@pytest.fixture(scope="session")
def india_japan() -> LoadedRubric:
    """The bundled India–Japan rubric."""
    return load_rubric("india-japan")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data."""
    return DATA
