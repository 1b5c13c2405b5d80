"""Is the answer English? Another script (Devanagari, Tamil, Arabic...) is recognised by Unicode
range; a Latin-script answer in another language (romanised Hindi, French...) by its function
words. The lists live in ``evaluator/data/language.yaml``."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from evaluator.settings import language_settings

_LATIN_WORD = re.compile(r"[^\W\d_]+")
_BEYOND_LATIN = re.compile(r"[^\x00-\u036f]")


@dataclass(frozen=True)
class LanguageGuess:
    """What the language check found."""

    english: bool
    script: str
    """'Latin' or the other script's name, e.g. 'Devanagari'."""
    language: str
    """'English', or the likely language(s), e.g. 'Hindi, Marathi or Nepali'."""
    share: float
    """Share of letters in the other script, or of words that are the other language's
    function words."""


@dataclass(frozen=True)
class _Tables:
    ranges: tuple[tuple[int, int, str, str], ...]
    others: dict[str, frozenset[str]]
    script_share: float
    min_words: int
    other_share: float
    languages_of: dict[str, tuple[str, ...]]
    """Function word -> the languages (English included) it belongs to."""


_ENGLISH = "\x00english"  # a key no language in the data file can have


@cache
def _tables() -> _Tables:
    data = language_settings()
    ranges = tuple(
        (int(lo), int(hi), str(s.name), str(s.languages))
        for s in data.scripts
        for lo, hi in s.ranges
    )
    t = data.thresholds
    english = frozenset(str(w) for w in data.english_stopwords)
    others = {str(k): frozenset(str(w) for w in v) for k, v in data.other_languages.items()}
    languages_of: dict[str, list[str]] = {}
    for word in english:
        languages_of.setdefault(word, []).append(_ENGLISH)
    for name, stopwords in others.items():
        for word in stopwords:
            languages_of.setdefault(word, []).append(name)
    return _Tables(
        ranges=ranges,
        others=others,
        script_share=float(t.script_share),
        min_words=int(t.min_words),
        other_share=float(t.other_share),
        languages_of={w: tuple(names) for w, names in languages_of.items()},
    )


def detect_language(text: str) -> LanguageGuess:
    """Guess whether an answer is English, and if not, which script or language it is in."""
    tables = _tables()
    letters = 0
    counts: dict[tuple[str, str], int] = {}
    # a dash or a curly quote is beyond Latin too: letters are counted at C speed, and only the
    # characters beyond Latin (U+0370 on) are looked up in the script ranges
    beyond = _BEYOND_LATIN.findall(text)
    if beyond:
        letters = sum(map(str.isalpha, text))
    for ch in beyond:
        if not ch.isalpha():
            continue
        code = ord(ch)
        for lo, hi, name, languages in tables.ranges:
            if lo <= code <= hi:
                counts[(name, languages)] = counts.get((name, languages), 0) + 1
                break
    if counts:
        (name, languages), n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if n / letters >= tables.script_share:
            return LanguageGuess(False, name, languages, round(n / letters, 3))
    written = Counter(_LATIN_WORD.findall(text))
    total = sum(written.values())
    if total < tables.min_words:
        return LanguageGuess(True, "Latin", "English", 0.0)
    # one dictionary lookup per distinct word counts every language at once
    hits: dict[str, int] = dict.fromkeys(tables.others, 0)
    hits[_ENGLISH] = 0
    for word, count in written.items():
        for name in tables.languages_of.get(word.lower(), ()):
            hits[name] += count
    english = hits[_ENGLISH] / total
    best_name, best_share = "", 0.0
    for name in sorted(tables.others):
        share = hits[name] / total
        if share > best_share:
            best_name, best_share = name, share
    if best_share >= tables.other_share and best_share > english:
        return LanguageGuess(False, "Latin", best_name, round(best_share, 3))
    return LanguageGuess(True, "Latin", "English", round(english, 3))
