"""The forms a token is looked up by (lower case, lemma, case-sensitive form, stem), the same for
a rubric term's tokens and an answer's, and what may make it a misspelling."""

from __future__ import annotations

from evaluator.nlp.lexicon import stem_form

# Tokens that carry no meaning for matching: "rules-based" == "rules based", quotes ignored.
SKIP_TEXT = frozenset({"-", "–", "—", "‐", "'", '"', "‘", "’", "“", "”", "`"})
_CASE_SENSITIVE_MAX = 3
FUZZY_MIN_LEN = 5
"""Shorter words are never read as misspelt names, nor as misspellings of longer words."""
WORD_MIN_LEN = 4
"""A lower-case word of four letters that is no English word may be a misspelling of a rubric
word of four letters ("boyl the leef" for "boil the leaf"); shorter ones never are."""
# what forms() says a token may be a misspelling of (bit flags)
NO_SPELLING = 0
NAME_SPELLING = 1
"""A capitalised word outside the rubric's vocabulary: maybe one of its names, misspelt."""
WORD_SPELLING = 2
"""A word that is no English word the pipeline knows: maybe any rubric word, misspelt."""
START_SPELLING = 4
"""A word of four letters capitalised ('Boyl') that is no English word: maybe a rubric word of four
letters, misspelt, when only its place at a sentence's start capitalises it (see
``terms._sentence_cased``); elsewhere it may be a name and is left alone."""
Forms = tuple[str, str, str, int, bool, str]
"""(lower case, lemma, case-sensitive form, spelling flags, begins a term, stem form): see
:meth:`~evaluator.scoring.checks.matching.compiled.CompiledRubric.forms`."""
SKIP: Forms = ("", "", "", NO_SPELLING, False, "")
"""The forms of a space or a quote: never a token of a term."""

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        # a word processor's quotes: notes typed in one derive "Karnataka’s" ('’s' a token of
        # its own), which an answer typed with a straight apostrophe never matched, nor the
        # reverse (trial 38); read both as the straight ones
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
"""Typographic ligatures a PDF pastes ("deﬁcit", "ﬁrms"): read as their letters; and curly
quotes and apostrophes as straight ones."""


def normal_form(form: str) -> str:
    """The form with its ligatures spelt out, its curly quotes straight and, unless it is one,
    without hyphens."""
    if not form.isascii():
        form = form.translate(_LIGATURES)
    if len(form) > 1 and ("-" in form or "‐" in form):
        return form.replace("-", "").replace("‐", "")
    return form


def token_forms(text: str, lemma: str) -> tuple[str, str, str]:
    """(lower case, lemma, case-sensitive form) of a token: the keys of the three indexes, the
    same for a rubric term's tokens and an answer's.

    A letter and a full stop ("C.") is the letter: spaCy keeps "C." whole as an initial, so
    "through STAR-C." at the end of a sentence would not match the term "STAR-C". So is a
    number with letters and a full stop: "under Article 279A." ends on the article's number."""
    if len(text) >= 2 and text[-1] == "." and _initial_or_numbered(text[:-1]):
        text = text[:-1]
        lemma = lemma.rstrip(".") or text
    lower = normal_form(text.lower())
    return lower, normal_form(lemma), "=" + text if case_sensitive(text) else lower


def _initial_or_numbered(word: str) -> bool:
    """A letter ('C'), or letters and digits with a digit ('279A', '246A')."""
    if len(word) == 1:
        return word.isalpha()
    return word.isalnum() and any(ch.isdigit() for ch in word) and word.isascii()


def degree_kept(lower: str, lemma: str) -> str:
    """The lemma, except that a superlative keeps its degree (the lemmatizer reads "largest" as
    "large"). A rubric's superlative states a rank, so its lemma key is the superlative; an
    answer's superlative still says the quality, so an answer's lemma key stays the plain lemma
    and only its stem key keeps the degree: "the hardest rock" matches the cue ``hard``, and
    "Toyota has large plants" no longer matches ``largest``. Comparatives ("higher") keep their
    lemma: answers write "a high pitch" for "a higher pitch"."""
    if lower != lemma and lower.isalpha() and lower.endswith("est"):
        return lower
    return lemma


_STEM_MIN_LEN = 4
"""Shorter words are matched by their lemma only: stems of short words collide ('us'/'use')."""


def stem_key(text: str, lemma: str) -> str:
    """The stem index key of a token: the stem of its lemma for ordinary lower-case words of four
    letters or more; "" (no stem lookup) for acronyms, numbers and short words."""
    if len(text) < _STEM_MIN_LEN or not text.isalpha() or not text[1:].islower():
        return ""
    return stem_form(lemma if lemma.isalpha() else text.lower())


def skippable_text(text: str) -> bool:
    """Whether a token is a space, a dash or a quote: never a token of a term."""
    return text.isspace() or text in SKIP_TEXT


def case_sensitive(text: str) -> bool:
    """Whether a word is a short all-capital acronym ('US', 'UN'), matched only in capitals."""
    return 2 <= len(text) <= _CASE_SENSITIVE_MAX and text.isalpha() and text.isupper()
