"""Word forms that mean the same word: British/American spelling and a Snowball stem; and the
English words the pipeline knows (to tell a misspelling from a word).

Matching looks every rubric term and every answer token up by its ``stem_form`` as well as its
lower case and lemma, so 'behaviour' matches 'behaviors', 'simulate' matches 'simulation' and
'simulated', and 'secure' matches 'security'. Both are pure functions of a word, cached.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer
from spacy.language import Language

from evaluator.settings import lexicon_settings

__all__ = [
    "EnglishWords",
    "american",
    "english_words",
    "fixed_expression_words",
    "list_marker_words",
    "stem_form",
]


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


@cache
def _fixed_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """``lexicon.yaml``'s fixed expressions as word tuples, by their first word."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for expression in lexicon_settings().fixed_expressions:
        words = tuple(expression.lower().split())
        if words:
            found.setdefault(words[0], []).append(words)
    return {first: tuple(group) for first, group in found.items()}


def fixed_expression_words(lowers: Sequence[str]) -> set[int]:
    """Indexes of the words of ``lowers`` (an answer's lower-case words) inside a set phrase of
    ``lexicon.yaml``'s ``fixed_expressions`` ('on balance'): words that are no rubric cue."""
    by_first = _fixed_by_first()
    if by_first.keys().isdisjoint(lowers):
        return set()
    inside: set[int] = set()
    for k, word in enumerate(lowers):
        for words in by_first.get(word, ()):
            if tuple(lowers[k : k + len(words)]) == words:
                inside.update(range(k, k + len(words)))
    return inside


_MARKER_PUNCTUATION = frozenset({",", ":"})


def list_marker_words(lowers: Sequence[str], opens: Sequence[bool]) -> list[int]:
    """Indexes of the words of ``lowers`` that mark a list: one of ``lexicon.yaml``'s
    ``list_markers`` that opens its sentence (``opens``) and is followed by a comma or colon
    ('Second, ...'). Such a word is no rubric cue."""
    markers = lexicon_settings().list_markers
    return [
        k
        for k in range(len(lowers) - 1)
        if opens[k] and lowers[k + 1] in _MARKER_PUNCTUATION and lowers[k] in markers
    ]


@dataclass(frozen=True)
class EnglishWords:
    """The lower-case English words a pipeline knows, and the regular endings its lemmatizer
    takes off a word ('-ies' -> '-y', '-ing' -> '', '-ed' -> '-e'...)."""

    words: frozenset[str] = frozenset()
    endings: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def knows(self, lower: str, lemma: str = "") -> bool:
        """Whether a lower-case word is one of them: itself, its lemma, its American spelling,
        or the word without a regular ending (a word tagged as a name keeps its ending in the
        lemma: 'Markets', 'Disputes')."""
        words = self.words
        if lower in words or lemma in words or american(lower) in words:
            return True
        return any(
            lower.endswith(ending) and lower[: len(lower) - len(ending)] + base in words
            for ending, base in self.endings
            if ending and len(lower) > len(ending) + 2
        )


_words: dict[int, EnglishWords] = {}
_words_lock = threading.Lock()


def english_words(nlp: Language) -> EnglishWords:
    """The English words the pipeline's lemmatizer knows: its lookup tables' lemmas (WordNet's
    nouns, verbs, adjectives and adverbs, about 90,000), irregular forms, the language's stop
    words ('because', 'although', which WordNet leaves out) and the words of Indian English that
    ``lexicon.yaml`` lists (``known_words``: 'mantri', 'yojana'), with its rules' endings. A word
    it does not know is not an English word: matching may read it as a misspelt rubric word.
    Empty when the pipeline has no such tables (then no word is taken for a misspelling). Built
    once per pipeline."""
    key = id(nlp)
    with _words_lock:
        found = _words.get(key)
        if found is None:
            found = _lemmatizer_words(nlp)
            _words[key] = found
    return found


def _lemmatizer_words(nlp: Language) -> EnglishWords:
    if "lemmatizer" not in nlp.pipe_names:
        return EnglishWords()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return EnglishWords()
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
    endings: set[tuple[str, str]] = set()
    if lookups.has_table("lemma_rules"):
        for rules in lookups.get_table("lemma_rules").values():
            for rule in rules:
                if len(rule) == 2 and str(rule[0]).isalpha():
                    endings.add((str(rule[0]), str(rule[1])))
    return EnglishWords(frozenset(words), tuple(sorted(endings)))


def other_verb_words(
    lemmas: Sequence[str], pos: Sequence[str], positions: Sequence[int]
) -> list[int]:
    """Indexes of the words (``lemmas[k]``, tagged ``pos[positions[k]]``) used as a verb whose
    verb means another thing than their noun (``lexicon.yaml``'s ``other_verbs``: 'deal with
    China'): no rubric cue there."""
    verbs = frozenset(lexicon_settings().other_verbs)
    if verbs.isdisjoint(lemmas):
        return []
    return [k for k, lemma in enumerate(lemmas) if lemma in verbs and pos[positions[k]] == "VERB"]
