"""Word forms that mean the same word: British/American spelling and a Snowball stem; and the
English words the pipeline knows (to tell a misspelling from a word).

Matching looks every rubric term and every answer token up by its ``stem_form`` as well as its
lower case and lemma, so 'behaviour' matches 'behaviors', 'simulate' matches 'simulation' and
'simulated', and 'secure' matches 'security'. Both are pure functions of a word, cached.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache

import snowballstemmer
from spacy.language import Language

from evaluator.settings import lexicon_settings

__all__ = ["american", "english_words", "stem_form"]


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


_words: dict[int, frozenset[str]] = {}
_words_lock = threading.Lock()


def english_words(nlp: Language) -> frozenset[str]:
    """The lower-case English words the pipeline's lemmatizer knows: its lookup tables' lemmas
    (WordNet's nouns, verbs, adjectives and adverbs, about 90,000), irregular forms, the
    language's stop words ('because', 'although', which WordNet leaves out) and the words of
    Indian English that ``lexicon.yaml`` lists (``known_words``: 'mantri', 'yojana'). A word
    outside them, whose lemma is outside them too, is not an English word the pipeline knows:
    matching may read it as a misspelt rubric word. Empty when the pipeline has no such tables
    (then no word is taken for a misspelling). Built once per pipeline."""
    key = id(nlp)
    with _words_lock:
        found = _words.get(key)
        if found is None:
            found = _lemmatizer_words(nlp)
            _words[key] = found
    return found


def _lemmatizer_words(nlp: Language) -> frozenset[str]:
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    words: set[str] = {w.lower() for w in nlp.Defaults.stop_words}
    words.update(w.lower() for w in lexicon_settings().known_words)
    for lemmas in lookups.get_table("lemma_index").values():
        words.update(w.lower() for w in lemmas if isinstance(w, str))
    if lookups.has_table("lemma_exc"):
        for forms in lookups.get_table("lemma_exc").values():
            if isinstance(forms, dict):
                for form, lemmas in forms.items():
                    words.add(str(form).lower())
                    words.update(str(w).lower() for w in lemmas)
    return frozenset(words)
