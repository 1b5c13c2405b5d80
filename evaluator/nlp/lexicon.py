"""Word forms that mean the same word: British/American spelling and a Snowball stem; and the
English words the pipeline knows (to tell a misspelling from a word).

Matching looks every rubric term and every answer token up by its ``stem_form`` as well as its
lower case and lemma, so 'behaviour' matches 'behaviors', 'simulate' matches 'simulation' and
'simulated', and 'secure' matches 'security'. Both are pure functions of a word, cached.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
from spacy.language import Language

from evaluator.settings import lexicon_settings

__all__ = [
    "EnglishWords",
    "accent_folded",
    "american",
    "english_words",
    "fixed_expression_words",
    "ise_derivation",
    "list_marker_words",
    "people_of",
    "stem_form",
    "written_lemma",
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


def accent_folded(word: str) -> str:
    """The word with its accents taken off ('Shinzō' -> 'Shinzo', 'café' -> 'cafe'): its NFKD
    form without the combining marks. A word written with the accents of its own language is
    no misspelling of the word without them."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_PEOPLE_SUFFIXES = frozenset({"n", "an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ic"})


def people_of(adjective: str, place: str) -> bool:
    """Whether ``adjective`` (lower case) is the adjective or the people of ``place``: 'lankan'
    of 'lanka', 'japanese' of 'japan', 'chinese' of 'china', 'pakistani' of 'pakistan'."""
    if len(place) < 4:
        return False
    for stem in (place, place[:-1]):
        if adjective.startswith(stem) and adjective[len(stem) :] in _PEOPLE_SUFFIXES:
            return True
    return False


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


_ISE_VERB = re.compile(r"(?P<base>[a-z]{4,}?)i[sz](?:e|es|ed|ing|ation|ations)")
_ISE_DROPS = ("", "e", "is", "y")
"""What a word loses when -ise/-ize makes a verb of it: 'symbol' (symbolise), 'fertile'
(fertilise), 'photosynthesis' (photosynthesise), 'memory' (memorise)."""


@lru_cache(maxsize=20_000)
def ise_derivation(word: str, of: str) -> bool:
    """Whether ``word`` is a verb in -ise or -ize made of the word ``of`` (or its inflection, or
    its noun in -isation): 'photosynthesise' of 'photosynthesis', 'memorised' of 'memory',
    'fertilisation' of 'fertile'. Such a verb is a word of its own, however few word lists hold
    it (WordNet has 'photosynthesis' but no 'photosynthesise'): it is no misspelling of ``of``,
    though the two have different stems ('photosynthes', 'photosynthesi')."""
    found = _ISE_VERB.fullmatch(word.lower())
    if found is None:
        return False
    base, target = found.group("base"), of.lower()
    return any(target == base + drop for drop in _ISE_DROPS)


def written_lemma(text: str, lemma: str, pos: str = "NOUN") -> str:
    """How a drafted cue writes a word: its lemma in lower case, unless a noun's lemma is
    another word than the one written (a verb's lemma may differ from its past: "went", "go").

    The pipeline reads "taxes" as the plural of "taxis" and "data" as "datum": a cue "taxis"
    would neither read as the notes' word to a tutor nor match an answer's "tax" (terms match
    by stem as well, and "taxis" stems to 'taxi'), so the written word stands. A plural in
    "-sses" whose lemma only drops the "s" ("cesses" -> "cesse") is the word without "-es"."""
    lower, base = text.lower(), lemma.lower()
    if lower.endswith("sses") and base == lower[:-1]:
        return lower[:-2]
    if pos == "NOUN" and base.isalpha() and lower.isalpha() and stem_form(base) != stem_form(lower):
        return lower
    return base


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
    takes off a word ('-ies' -> '-y', '-ing' -> '', '-ed' -> '-e'...), each with the words it
    may be taken off: the lemmas of the parts of speech whose rule it is (and the stop words and
    ``known_words``). '-er' makes comparatives of adjectives, so 'warter' is no form of the noun
    'wart' but a misspelling (a pupil's "warter" for water)."""

    words: frozenset[str] = frozenset()
    endings: tuple[tuple[str, str, frozenset[str]], ...] = ()

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
            lower.endswith(ending) and lower[: len(lower) - len(ending)] + base in bases
            for ending, base, bases in self.endings
            if ending and len(lower) > len(ending) + 2
        )

    def _written(self, word: str) -> bool:
        """Whether a word is one of them, or one of them with an ending spelt as English spells
        it ('governments', 'receives', 'closed'; not 'createed', 'closeds')."""
        words = self.words
        if word in words:
            return True
        if word.endswith("ies"):
            return word[:-3] + "y" in words
        if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
            return word[:-2] in words
        if word.endswith("s") and not word.endswith(("ss", "eds", "ings")):
            return word[:-1] in words
        for ending in ("ed", "ing"):
            if word.endswith(ending):
                base = word[: -len(ending)]
                if base.endswith(("ed", "ing")):
                    return False
                return (
                    (base in words and not base.endswith("e"))
                    or base + "e" in words
                    or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in words)
                    or (base.endswith("i") and base[:-1] + "y" in words)
                )
        if word.endswith("ly"):
            return word[:-2] in words
        return False

    def _compound(self, lower: str) -> bool:
        """Whether a word is a prefix and a word ('unpickled', 'geostrategic') or two words
        ('floodwaters'), each written as English writes it."""
        if any(lower.startswith(p) and self.knows(lower[len(p) :]) for p in _PREFIXES):
            return True
        return any(
            lower[:i] in self.words and self.knows(lower[i:]) for i in range(3, len(lower) - 2)
        )

    def meant(self, lower: str) -> str | None:
        """The one English word a lower-case word it does not know is most likely a slip for,
        or None. Only the slips writers make in words they know, the first letter kept: a letter
        doubled or not ('comission', 'aggresive'); in words of six letters or more two
        neighbours swapped ('recieve'), in words of seven or more one vowel for another
        ('importent', 'permanant'); failing those, in words of six or more a doubled consonant
        moved to another ('tarrif', 'tommorow'); failing those, in words of eight or more one
        letter left out or added ('goverment'). None when no such edit, or more than one word,
        fits: a guess is never offered as the word meant."""
        if len(lower) < MEANT_MIN_LEN or not lower.isalpha() or self.knows(lower):
            return None
        if lower.endswith(_COINED_ENDINGS):
            return None  # coined, not slipped: 'securitised', 'tokenise'
        found = self._fitting(lower, _slips(lower))
        if not found:  # a doubled consonant written at another's place: 'tarrif'
            found = self._fitting(lower, _moved_double(lower))
        if not found and not self._compound(lower):
            # a letter away from a word, but a prefix and a word is coined: 'unpickled'
            found = self._fitting(lower, _dropped_or_added(lower))
        return found.pop() if len(found) == 1 else None

    def one_edit_from(self, lower: str) -> bool:
        """Whether a word it knows is one edit (a letter left out, added or changed, or two
        neighbours swapped) from ``lower``: then a lower-case non-word is read two slips away
        from a rubric word only if no plain word is nearer ("chause" is cause misspelt before
        it is change)."""
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        edits = {head + tail[1:] for head, tail in splits if tail}
        edits |= {head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1}
        edits |= {head + c + tail[1:] for head, tail in splits if tail for c in _LETTERS}
        edits |= {head + c + tail for head, tail in splits for c in _LETTERS}
        edits.discard(lower)
        return any(map(self.knows, edits))

    def _fitting(self, lower: str, edits: Iterator[str]) -> set[str]:
        return {e for e in edits if e != lower and e[:1] == lower[:1] and self._written(e)}


MEANT_MIN_LEN = 5
"""Shorter words are never taken for slips (:meth:`EnglishWords.meant`)."""
_VOWELS = "aeiou"
_PREFIXES = ("un", "re", "de", "dis", "non", "pre", "co", "mis", "anti", "sub", "bio", "geo")
_COINED_ENDINGS = tuple(
    f"{stem}{ending}"
    for stem in ("is", "iz")
    for ending in ("e", "ed", "es", "ing", "ation", "ations")
)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _slips(word: str) -> Iterator[str]:
    """The words ``word`` would be with one slip undone: a letter doubled or not, two
    neighbours swapped (six letters or more), a vowel for another (seven or more)."""
    n = len(word)
    for i, letter in enumerate(word):
        yield word[: i + 1] + word[i:]
        if i + 1 < n and word[i + 1] == letter:
            yield word[:i] + word[i + 1 :]
        elif i + 1 < n and n >= 6:
            yield word[:i] + word[i + 1] + letter + word[i + 2 :]
        if n >= 7 and letter in _VOWELS:
            yield from (word[:i] + v + word[i + 1 :] for v in _VOWELS if v != letter)


def _moved_double(word: str) -> Iterator[str]:
    """The words ``word`` (six letters or more) would be with a doubled consonant written single
    and another consonant doubled instead ('tarrif' -> 'tariff', 'tommorow' -> 'tomorrow')."""
    n = len(word)
    if n < 6:
        return
    for i in range(n - 1):
        if word[i] == word[i + 1] and word[i] not in _VOWELS:
            single = word[:i] + word[i + 1 :]
            for j, letter in enumerate(single):
                if letter not in _VOWELS and j != i:
                    yield single[: j + 1] + single[j:]


def _dropped_or_added(word: str) -> Iterator[str]:
    """The words ``word`` (eight letters or more) would be with one letter after its first
    taken out or put in."""
    n = len(word)
    if n < 8:
        return
    for i in range(1, n + 1):
        if i < n:
            yield word[:i] + word[i + 1 :]
        yield from (word[:i] + c + word[i:] for c in _LETTERS)


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


def lemmatizer_table(nlp: Language, name: str) -> Mapping[Any, Any]:
    """One of the pipeline lemmatizer's lookup tables ('lemma_index', 'lemma_exc',
    'lemma_rules': part of speech -> its entries), or an empty mapping when the pipeline has no
    lemmatizer or no such table."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table(name):
        return {}
    return lookups.get_table(name)


_nouns: dict[int, frozenset[str]] = {}


def common_nouns(nlp: Language) -> frozenset[str]:
    """The nouns the pipeline's lemmatizer knows, lower case (WordNet's: 'council', 'commission';
    some names too, 'japan' of lacquer): empty when it has no lookup tables. Built once per
    pipeline."""
    key = id(nlp)
    with _words_lock:
        found = _nouns.get(key)
    if found is not None:
        return found
    nouns = lemmatizer_table(nlp, "lemma_index").get("noun", ())
    found = frozenset(w.lower() for w in nouns if isinstance(w, str))
    with _words_lock:
        _nouns[key] = found
    return found


def _lemmatizer_words(nlp: Language) -> EnglishWords:
    if "lemmatizer" not in nlp.pipe_names:
        return EnglishWords()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return EnglishWords()
    words: set[str] = {w.lower() for w in nlp.Defaults.stop_words}
    words.update(w.lower() for w in lexicon_settings().known_words)
    extra = frozenset(words)  # no part of speech: any ending may be taken off them
    lemmas_of: dict[Any, frozenset[str]] = {}  # part of speech -> its lemmas
    for pos, lemmas in lookups.get_table("lemma_index").items():
        lemmas_of[pos] = frozenset(w.lower() for w in lemmas if isinstance(w, str))
        words.update(lemmas_of[pos])
    if lookups.has_table("lemma_exc"):
        for forms in lookups.get_table("lemma_exc").values():
            if isinstance(forms, dict):
                for form, lemmas in forms.items():
                    words.add(str(form).lower())
                    words.update(str(w).lower() for w in lemmas)
    endings: dict[tuple[str, str], frozenset[str]] = {}
    if lookups.has_table("lemma_rules"):
        for pos, rules in lookups.get_table("lemma_rules").items():
            for rule in rules:
                if len(rule) == 2 and str(rule[0]).isalpha():
                    rule_key = (str(rule[0]), str(rule[1]))
                    bases = endings.get(rule_key, extra)
                    endings[rule_key] = bases | lemmas_of.get(pos, frozenset(words))
    return EnglishWords(frozenset(words), tuple((*k, endings[k]) for k in sorted(endings)))


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
