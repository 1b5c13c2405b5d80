"""Phrases that separate a tutor's high marks from low, mined from one question's graded answers.

:func:`answer_ngrams` lists an answer's word n-grams (1-3 tokens, keyed by lower-case lemmas, the
forms matching looks terms up by); :func:`learn_phrases` keeps those enough answers use and
selects by inner cross-validation (one-standard-error rule) how many to keep: a ridge regression
of the tutor's marks on the rubric's own marks plus the phrase indicators, for a few phrase counts
and strengths. Each kept phrase is a :class:`LearnedPhrase`; a negative coefficient makes it a
penalty. :mod:`evaluator.tools.tune.concepts` writes them into the rubric.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from spacy.tokens import Doc, Token

from evaluator.scoring.checks.matching import cased_as
from evaluator.scoring.checks.matching.forms import degree_kept

__all__ = [
    "ALPHAS",
    "DENIAL_KEY",
    "MIN_SUPPORT",
    "PHRASE_COUNTS",
    "LearnedPhrase",
    "answer_ngrams",
    "learn_phrases",
]

PHRASE_COUNTS = (0, 2, 4, 8, 16, 32)
"""How many phrases the inner cross-validation may keep (0: the rubric as it is); never more than
one per eight graded answers."""
ALPHAS = (1.0, 4.0, 16.0)
"""Ridge strengths the inner cross-validation tries."""
MIN_SUPPORT = 3
"""A phrase must appear in at least this many graded answers."""
_NEGATIONS = frozenset({"not", "no", "never", "n't", "nothing", "none", "without", "nor"})
_YEAR = re.compile(r"(1[5-9]|20)\d\d")
"""A year is a fact the facts check, not a point: a phrase of years and stop words alone
('2015', 'in 2016') is never learned (trial 28a: a tuned rubric had praised "you wrote '2015'" for
a wrong date, and a sentence of years raised a poor answer by 1.5 marks)."""
_NUMBER = re.compile(r"[\d.,]+%?")
_LIGHT_VERBS = frozenset(
    {
        "provide",
        "make",
        "give",
        "take",
        "get",
        "use",
        "help",
        "allow",
        "let",
        "show",
        "become",
        "include",
        "seek",
        "aim",
        "try",
        "need",
        "keep",
        "put",
        "set",
        "go",
        "come",
        "see",
        "mean",
        "say",
        "lead",
    }
)
"""Verbs that say little alone: in an essay, one of them as a whole phrase ('provide', 14
answers of a tutor's 48) is a way of writing, not a point, and a learner shown "Covered:
provide" learns nothing (session 38's tutor trial). Inside a longer phrase ('provide for
adjudication') they stay."""
"""A bare figure: in an essay's phrases (``content_ends``) a figure alone, '41', is never learned
(trial 31b: a tuned Finance Commission rubric learned '41' from the 15th Commission's 41 percent,
and an answer of "Article 41 ... 41 states" went from 1 to 3 marks of 15, praised for '41'); with
its unit ('41 percent') it is a phrase like any other. Short answers keep bare figures ('0',
'1.5'), which often are the answer."""
DENIAL_KEY = "not "
"""Key prefix of a phrase found inside a negated clause (negation words are never in a key)."""


@dataclass(frozen=True)
class LearnedPhrase:
    """A phrase whose use goes with higher (or, for a penalty, lower) marks."""

    key: str
    """Lower-case lemmas joined by spaces."""
    phrase: str
    """The phrase as answers most often write it (the concept's cue)."""
    penalty: bool
    """Answers using it were marked lower: it costs credit."""
    support: int
    """Graded answers using it."""
    high: int
    """Of those, answers in the higher-marked half."""
    low: int
    """Of those, answers in the lower-marked half."""
    coefficient: float
    """Its coefficient in the selecting regression (marks as a share of the maximum)."""
    denial: bool = False
    """The phrase inside a negated clause ('not connected'): written as a ``denial`` concept."""

    @property
    def label(self) -> str:
        """How the concept is labelled: the phrase, or 'not <phrase>' for a denial."""
        return f"not {self.phrase}" if self.denial else self.phrase

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "phrase": self.label,
            "denial": self.denial,
            "penalty": self.penalty,
            "support": self.support,
            "high": self.high,
            "low": self.low,
            "coefficient": round(self.coefficient, 4),
        }


def answer_ngrams(
    doc: Doc,
    *,
    content_ends: bool = True,
    stem_keys: bool = False,
    denials: bool = False,
    spelling: Mapping[int, str] | None = None,
) -> dict[str, str]:
    """The answer's n-grams of 1-3 word tokens: lemma key -> as written.

    Tokens inside a negated clause are left out (matching gives a negated mention no credit), and
    so are n-grams that contain a negation word, and (``content_ends``) n-grams that begin or end
    with a stop word; without ``content_ends`` only n-grams of stop words alone are left out
    ('in series', 'the gap': short answers turn on such words), and, in either form, n-grams of
    several words that begin or end on a conjunction or end on a determiner ('and water'). With
    ``stem_keys`` the key is the words' stems (the forms matching also looks cues up by), so
    'connected' and 'connection' are one phrase, as grading will treat them. With ``denials`` an
    n-gram wholly inside a negated clause is kept too, keyed :data:`DENIAL_KEY` + its key ('not
    connect'): a ``denial`` concept credits exactly those mentions. ``spelling`` maps token
    indexes to the rubric word a misspelt token is read as
    (:func:`~evaluator.scoring.checks.matching.spelling_corrections`): 'seperated' is learned
    as 'separated', one phrase with the answers that spell it right. A letter with its full stop
    in one token ("bulb c.") is the letter, and no phrase runs on past it (:func:`_stopped`).
    """
    return _ngrams(
        doc, content_ends=content_ends, stem_keys=stem_keys, denials=denials, spelling=spelling
    )[0]


def _ngrams(
    doc: Doc,
    *,
    content_ends: bool,
    stem_keys: bool,
    denials: bool,
    spelling: Mapping[int, str] | None,
) -> tuple[dict[str, str], set[str]]:
    """:func:`answer_ngrams`, and the keys of the answer's other n-grams that grading would
    credit as a learned phrase of that key: those left out only for what they are (a stop word
    at an end, a word of a joint, across sentences), not for where they stand (negated or not).
    A phrase learned from other answers is in these answers too ('goes out' is in "the bulbs
    go out", though 'go out' is stop words alone; 'bulb a' is in "bulb a doesnt light", where
    the parser reads 'a' as an article)."""
    from evaluator.nlp.lexicon import stem_form
    from evaluator.scoring.checks.negation import negation_scopes

    negated = negation_scopes(doc)
    fixed = spelling or {}
    stop = _stop_words(doc)
    words = []
    for token in doc:
        usable = (
            not token.is_punct
            and not token.is_space
            and re.search(r"\w", token.text) is not None
            and (denials or token.i not in negated)
            and token.lower_ not in _NEGATIONS
        )
        words.append(token if usable else None)
    found: dict[str, str] = {}
    elsewhere: set[str] = set()
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            if any(t is None for t in part):
                continue
            tokens = [t for t in part if t is not None]
            inside = [t.i in negated for t in tokens]
            if any(inside) and not all(inside):
                continue  # half asserted, half denied: neither kind of concept would match it
            key, plain = (
                " ".join(_lemma(t, fixed, degree).replace("-", "") for t in tokens)
                for degree in (True, False)
            )
            if stem_keys:
                key = " ".join(stem_form(word) for word in key.split())
                plain = " ".join(stem_form(word) for word in plain.split())
            if inside[0]:
                key, plain = DENIAL_KEY + key, DENIAL_KEY + plain
            if _learnable(tokens, stop, content_ends):
                found.setdefault(key, _phrase_text(tokens, fixed))
            else:
                elsewhere.add(key)
            # a superlative is learned as written, and still credits a cue of its plain word
            # ("the closest lamp" earns a learned 'closed', whose lemma is 'close')
            elsewhere.add(plain)
    return found, elsewhere - found.keys()


def _learnable(tokens: list[Token], stop: frozenset[int], content_ends: bool) -> bool:
    """Whether these tokens make a phrase to learn (see :func:`answer_ngrams`)."""
    if _clitic(tokens[0]):
        # the tail the tokenizer splits off "dont", "thats" does not begin a phrase
        # ('nt' alone, 'nt swim away'), though it stays inside one: "dont swim"
        return False
    # 'and defence', 'foreign and' are not phrases: both ends must be content words
    if len(tokens[0].text) < 2 and tokens[0].i in stop:
        return False
    if content_ends and (tokens[0].i in stop or tokens[-1].i in stop or len(tokens[0].text) < 2):
        return False
    if len(tokens) > 1 and _dangles(tokens[0], tokens[-1]):
        return False  # 'and water', 'cells because', 'Metal is a': not phrases
    if all(t.i in stop or _YEAR.fullmatch(t.text) for t in tokens):
        return False  # stop words alone, or a year with them
    if content_ends and all(t.i in stop or _NUMBER.fullmatch(t.text) for t in tokens):
        return False  # a bare figure ('41') is a fact, not a point of an essay
    if content_ends and len(tokens) == 1 and tokens[0].lemma_.lower() in _LIGHT_VERBS:
        return False  # 'provide' alone says nothing an essay's point is about
    # a phrase does not run across sentences
    return not (any(t.is_sent_start for t in tokens[1:]) or any(map(_stopped, tokens[:-1])))


_CONJUNCTIONS = frozenset({"CCONJ", "SCONJ"})
"""Parts of speech no learned phrase of several words begins or ends on (short answers too), nor
ends on a determiner: the phrase is then a word with a joint to words it left out. A teacher's
tuned rubric had learned 'and water' (+0.41 marks), and "carbon monoxide and water" earned it
as a right answer's words; 'cells because', 'Metal is a' (session 44). A determiner may begin
one ('the gap'). Beetle's tuning AUC gain +0.0228 -> +0.0236, QWK +0.054 -> +0.055; every
determiner at either end, +0.0219 / +0.044 (docs/validity.md, session 44)."""


def _dangles(first: Token, last: Token) -> bool:
    """Whether a phrase of several words from ``first`` to ``last`` dangles (see
    :data:`_CONJUNCTIONS`)."""
    return first.pos_ in _CONJUNCTIONS or last.pos_ in _CONJUNCTIONS or last.pos_ == "DET"


MISSPELT_STOP_MIN = 5
"""A misspelt stop word is read as one only from this many letters ('beacuse', 'thier')."""


def _stop_words(doc: Doc) -> frozenset[int]:
    """Indexes of the answer's stop words, and of words that are no English word the pipeline
    knows but one edit from a stop word of five letters or more, with its first letter
    ('beacuse', 'becuase', 'thier'): a tutor's tuned rubric had learned "beacuse" as a phrase
    worth +0.071 marks (trial s40t)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA
    from spacy.lang.en.stop_words import STOP_WORDS

    from evaluator.nlp.lexicon import english_words
    from evaluator.nlp.pipeline import get_nlp

    # 'a.' of "bulb a." is the article's letter to the stop-word list: read as 'a' it is one
    stop = {t.i for t in doc if t.is_stop or (_stopped(t) and t.text[0].lower() in STOP_WORDS)}
    unknown = [t for t in doc if not t.is_stop and t.is_alpha and len(t.text) >= MISSPELT_STOP_MIN]
    if unknown:
        english = english_words(get_nlp())
        by_letter = _long_stop_words()
        stop.update(
            t.i
            for t in unknown
            if not english.knows(t.lower_, t.lemma_.lower())
            and process.extractOne(
                t.lower_, by_letter.get(t.lower_[0], ()), scorer=OSA.distance, score_cutoff=1
            )
        )
    return frozenset(stop)


@cache
def _long_stop_words() -> dict[str, tuple[str, ...]]:
    """Stop words of :data:`MISSPELT_STOP_MIN` letters or more, by first letter."""
    from spacy.lang.en.stop_words import STOP_WORDS

    by_letter: dict[str, list[str]] = {}
    for word in sorted(STOP_WORDS):
        if len(word) >= MISSPELT_STOP_MIN and word.isalpha():
            by_letter.setdefault(word[0], []).append(word)
    return {letter: tuple(words) for letter, words in by_letter.items()}


def _stopped(token: Token) -> bool:
    """A letter or digit with a full stop in one token ('c.', 'B.'): the tokenizer keeps the
    stop on a one-letter word as on an initial, and the sentence runs on past it ("bulb c.
    bulb b is out"). Matching reads it as the letter alone; so does the learner, and no phrase
    runs on past it (Beetle: a learned 'C.' credited in 71 answers, learned from 8)."""
    text = token.text
    return len(text) == 2 and text[1] == "." and text[0].isalnum()


def _lemma(token: Token, fixed: Mapping[int, str], degree: bool = True) -> str:
    """A token's key word: the rubric word a misspelling is read as, the letter of a
    :func:`_stopped` token, else its lower-case lemma, a superlative keeping its ``degree`` as
    a learned cue does in matching (:func:`~evaluator.scoring.checks.matching.forms.degree_kept`):
    the cue 'closest' is no match for "closer", so the two are not one phrase (a tuned Beetle
    rubric's 'closest', learned from three answers, was credited in two)."""
    word = fixed.get(token.i)
    if word is not None:
        return word
    if _stopped(token):
        return token.text[0].lower()
    lemma = token.lemma_.lower()
    return degree_kept(token.lower_, lemma) if degree else lemma


def _phrase_text(tokens: list[Token], fixed: Mapping[int, str]) -> str:
    """The phrase as written: words apart, a split tail joined to its word ("dont swim", not
    'do nt swim', which a teacher read in a tuned rubric)."""
    text = ""
    for token in tokens:
        if text and not _clitic(token):
            text += " "
        text += _written(token, fixed)
    return text


_CLITICS = frozenset({"nt", "s", "d", "ll", "m", "re", "ve", "t"})


def _clitic(token: Token) -> bool:
    """The tail the tokenizer splits off a word written without its apostrophe ("dont" is "do"
    + "nt", "thats" is "that" + "s")."""
    return (
        token.lower_ in _CLITICS
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
        and token.doc[token.i - 1].is_alpha
    )


def _written(token: Token, fixed: Mapping[int, str]) -> str:
    """A token as a phrase writes it: as the answer spells it, or the rubric word it is read as
    (capitalised as the answer wrote it)."""
    word = fixed.get(token.i)
    if word is None:
        return token.text[0] if _stopped(token) else str(token.text)
    return cased_as(word, token.text)


def learn_phrases(
    docs: Sequence[Doc],
    shares: Sequence[float],
    credits: np.ndarray,
    *,
    exclude: frozenset[str] = frozenset(),
    seed: int = 0,
    per_answer: float = 1 / 8,
    one_se: bool = True,
    counts: Sequence[int] = PHRASE_COUNTS,
    min_support: int = MIN_SUPPORT,
    min_share: float = 0.02,
    content_ends: bool = True,
    base_scale: float = 1.0,
    stem_keys: bool = False,
    denials: bool = False,
    spellings: Sequence[Mapping[int, str]] | None = None,
) -> list[LearnedPhrase]:
    """Phrases that improve a ridge regression of ``shares`` on ``credits`` (inner cross-validated).

    Args:
        docs: parsed graded answers of one question.
        shares: the tutor's marks as a share of the maximum.
        credits: what the rubric as it is says of each answer (rows): its marks as a share,
            or its concept credits.
        exclude: lemma keys not to learn (the question's own words, say).
        per_answer: at most this many phrases per graded answer.
        one_se: keep the fewest phrases within one standard error of the best (else the best).
        counts: the phrase counts the inner cross-validation tries.
        min_support: a phrase must appear in at least this many graded answers.
        min_share: ... and in at least this share of them.
        content_ends: phrases begin and end with content words (see :func:`answer_ngrams`).
        stem_keys: phrases are keyed by stems (see :func:`answer_ngrams`).
        base_scale: ``credits`` are multiplied by this, so the ridge shrinks what the rubric
            already knows less than the phrases.
        denials: phrases inside negated clauses are learned too, as denials ('not connected').
        spellings: per answer, the misspelt tokens and the rubric words grading reads them as
            (see :func:`answer_ngrams`).
    """
    y = np.asarray(shares, dtype=float)
    n = len(y)
    both = [
        _ngrams(
            doc,
            content_ends=content_ends,
            stem_keys=stem_keys,
            denials=denials,
            spelling=spellings[row] if spellings is not None else None,
        )
        for row, doc in enumerate(docs)
    ]
    grams = [found for found, _ in both]
    # a phrase is learned from the n-grams that make one, and counted wherever grading will
    # credit it: a learned 'goes out' is in "the bulbs go out" too (session 45)
    learnable = {k for g in grams for k in g}
    present = [g.keys() | (elsewhere & learnable) for g, elsewhere in both]
    support: Counter[str] = Counter(k for p in present for k in p)
    least = max(min_support, int(min_share * n))
    keys = sorted(k for k, c in support.items() if least <= c <= n - least and k not in exclude)
    if n < 10 or not keys or np.ptp(y) == 0:
        return []
    # phrases used by exactly the same answers say the same thing: keep the most readable one
    # (no stop word inside, then the longest, then the first in order)
    same: dict[frozenset[int], str] = {}
    for key in sorted(keys, key=lambda k: (tuple(-v for v in _readability(k)), k)):
        users = frozenset(row for row, found in enumerate(present) if key in found)
        same.setdefault(users, key)
    keys = sorted(same.values())
    index = {k: i for i, k in enumerate(keys)}
    indicators = np.zeros((n, len(keys)))
    for row, found in enumerate(present):
        for key in found:
            if key in index:
                indicators[row, index[key]] = 1.0
    base = base_scale * np.asarray(credits, dtype=float).reshape(n, -1)

    def ranked(rows: np.ndarray) -> np.ndarray:
        # correlation of each indicator with the marks, on these rows only
        x = indicators[rows] - indicators[rows].mean(axis=0)
        t = y[rows] - y[rows].mean()
        denom = np.sqrt((x**2).sum(axis=0) * (t**2).sum()) + 1e-12
        return np.argsort(-np.abs(x.T @ t / denom), kind="stable")

    def design(rows: np.ndarray, chosen: np.ndarray) -> np.ndarray:
        return np.hstack([base[rows], indicators[rows][:, chosen]])

    folds = min(5, n // 4)
    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    splits = list(splitter.split(indicators))
    results: list[tuple[int, float, float, float]] = []  # (count, alpha, mean error, its SE)
    for count in [c for c in counts if c <= max(0, int(n * per_answer))]:
        for alpha in ALPHAS if count else ALPHAS[:1]:
            errors = []
            for train, test in splits:
                chosen = ranked(train)[:count]
                model = Ridge(alpha=alpha).fit(design(train, chosen), y[train])
                errors.append(float(((model.predict(design(test, chosen)) - y[test]) ** 2).mean()))
            mean = float(np.mean(errors))
            results.append((count, alpha, mean, float(np.std(errors) / np.sqrt(len(errors)))))
    # the one-standard-error rule: the fewest phrases (then the strongest ridge) whose error is
    # within one standard error of the best, because a small graded set rewards luck
    _, _, best_mean, best_se = min(results, key=lambda r: r[2])
    best_se = best_se if one_se else 0.0
    count, alpha, _, _ = min(
        (r for r in results if r[2] <= best_mean + best_se), key=lambda r: (r[0], -r[1])
    )
    if count == 0:
        return []
    every = np.arange(n)
    chosen = ranked(every)[:count]
    model = Ridge(alpha=alpha).fit(design(every, chosen), y)
    coefficients = model.coef_[base.shape[1] :]
    order = np.argsort(-y, kind="stable")
    high = np.zeros(n, dtype=bool)
    high[order[: max(1, n // 2)]] = True
    learned = []
    for column, coefficient in zip(chosen, coefficients, strict=True):
        if abs(coefficient) < 1e-6:
            continue
        key = keys[column]
        written = Counter(g[key] for g in grams if key in g).most_common(1)[0][0]
        used = indicators[:, column] > 0
        learned.append(
            LearnedPhrase(
                key=key,
                phrase=written,
                penalty=bool(coefficient < 0),
                support=int(used.sum()),
                high=int((used & high).sum()),
                low=int((used & ~high).sum()),
                coefficient=float(coefficient),
                denial=key.startswith(DENIAL_KEY),
            )
        )
    return learned


def _readability(key: str) -> tuple[int, int]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = key.split()
    return (0 if any(w in STOP_WORDS for w in words) else 1, len(words))
