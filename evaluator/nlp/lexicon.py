"""Word forms that mean the same word: British/American spelling and a Snowball stem.

Matching looks every rubric term and every answer token up by its ``stem_form`` as well as its
lower case and lemma, so 'behaviour' matches 'behaviors', 'simulate' matches 'simulation' and
'simulated', and 'secure' matches 'security'. Both are pure functions of a word, cached.
"""

from __future__ import annotations

from functools import cache, lru_cache

import snowballstemmer

from evaluator.settings import lexicon_settings

__all__ = ["american", "stem_form"]


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def american(word: str) -> str:
    """The American spelling of a lower-case word ('behaviour' -> 'behavior'); others as given."""
    settings = lexicon_settings()
    listed = settings.spelling.get(word)
    if listed is not None:
        return listed
    if len(word) >= settings.ise_min_length and "is" in word:
        for british, us in (("isation", "ization"), ("ising", "izing"), ("ised", "ized")):
            if word.endswith(british):
                base = word[: -len(british)] + "ise"
                if base not in settings.ise_keep:
                    return word[: -len(british)] + us
        if word.endswith(("ise", "ises")):
            base = word if word.endswith("ise") else word[:-1]
            if base not in settings.ise_keep:
                return word.replace("ise", "ize") if word.endswith("ise") else base[:-3] + "izes"
    return word


@lru_cache(maxsize=200_000)
def stem_form(word: str) -> str:
    """The Snowball stem of a word's American spelling: one key for its inflections and
    derivations ('simulation', 'simulated' -> 'simul'). Words that are not alphabetic (numbers,
    acronyms with digits) are returned lower-cased."""
    lower = word.lower()
    if not lower.isalpha():
        return lower
    stem = str(_stemmer().stemWord(american(lower)))
    # 'analysed', 'paralysing' (not listed, and their lemma may keep the British s)
    return stem[:-1] + "z" if stem.endswith("lys") else stem
