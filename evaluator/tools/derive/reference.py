"""`rubric derive` for reference answers: one short-answer concept credited in proportion.

A tutor's reference answers (one or several correct phrasings of the same answer) become one
concept with ``credit: proportional``: every content word of a phrasing (nouns, names, verbs,
adjectives, adverbs, numbers) is a cue group; words that repeat the question are ``echo`` terms
(they weigh ``scoring.echo_weight``); a word's WordNet synonyms and, for a noun, the words WordNet
calls kinds of it that end in it ('sunlight' of 'light'; when the database is installed, see
:mod:`evaluator.tools.derive.synonyms`) join its group; each further reference is an
``alternative``, and a phrasing stating a negation is marked ``negative_claim``, with the cue
words inside the negation's scope listed as ``negated``. The question is ``kind: short``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.nlp.lexicon import stem_form, written_lemma
from evaluator.rubric.model import ALSO_CORRECT, PHRASINGS_JOIN
from evaluator.scoring.checks.negation import negation_scopes, undenied_words
from evaluator.scoring.checks.negation_short import short_answer_scopes
from evaluator.scoring.checks.proportional import CONTENT_POS
from evaluator.settings import lexicon_settings, negation_settings
from evaluator.tools.derive.formulas import formula_spans
from evaluator.tools.derive.synonyms import kinds, synonyms

MAX_SYNONYMS = 3
"""WordNet synonyms added to a content word's cue group (most frequent senses first)."""
SHORT_ROUNDING = 0.25
"""Marks step of a short answer: fine enough that proportional credit shows."""


COMMON_SHARE = 1 / 3
"""A word in at least this share of a question's points (and in three or more) is its topic's:
an ``echo`` term of every point, so that shared topic words alone earn little of any point."""


def common_keys(points: Sequence[str], nlp: Language) -> frozenset[str]:
    """Content-word keys found in at least :data:`COMMON_SHARE` of the points (three or more)."""
    if len(points) < 3:
        return frozenset()
    counts: dict[str, int] = {}
    for doc in nlp.pipe(points):
        keys = {_key(t) for t in doc if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    least = max(3, COMMON_SHARE * len(points))
    return frozenset(k for k, n in counts.items() if n >= least)


def split_references(text: str) -> list[str]:
    """Reference answers written one per line or separated by '||' (blank lines ignored)."""
    parts = [p.strip() for line in text.splitlines() for p in line.split("||")]
    return [p for p in parts if p]


def _key(token: Any) -> str:
    return stem_form(token.lemma_.lower() if token.lemma_.isalpha() else token.lower_)


@dataclass(frozen=True)
class PhrasingCues:
    """What one reference answer gives a proportional concept's phrasing."""

    groups: list[list[str]]
    """One cue group per distinct content word, its lemma first (names as written)."""
    echo: list[str]
    """Cue terms that repeat the question."""
    negative: bool
    """The reference holds a negation word."""
    negated: list[str]
    """Cue terms the reference states inside a negation's scope ('push' in 'without pushing')."""


def phrasing_cues(doc: Doc, question_keys: set[str], *, similar: bool = True) -> PhrasingCues:
    """The cue groups, echo terms and negation of one reference answer: one group per distinct
    content word, written as its lemma (names as written); a word is negated where it first
    stands inside a negation's scope and is denied there (not the verb that opened it nor a
    subject the negation does not reach into: :func:`undenied_words`), as grading reads an
    answer's."""
    negators = set(negation_settings().clause_negators) | set(
        negation_settings().negating_prepositions
    )
    kept = frozenset(lexicon_settings().meaning_words)
    scopes = short_answer_scopes(doc, negation_scopes(doc))
    left_out = undenied_words(doc, scopes)
    groups: list[list[str]] = []
    echo: list[str] = []
    negated: list[str] = []
    seen: set[str] = set()
    formulas = formula_spans(doc)
    inside: set[int] = set()  # tokens of a substance's name or formula, one group already
    for token in doc:
        if token.i in formulas:
            # 'carbon dioxide' or 'CO2' is one cue group of the substance's forms (formulas.yaml)
            end, forms = formulas[token.i]
            inside.update(range(token.i, end))
            key = forms[0].lower()
            if key in seen:
                continue
            seen.add(key)
            written = next((f for f in forms if f.lower() == doc[token.i : end].text.lower()), "")
            term = written or forms[0]
            if token.i in scopes and token.i not in left_out:
                negated.append(term)
            groups.append([term, *(f for f in forms if f != term)])
            words = [t for t in doc[token.i : end] if t.is_alpha]
            if words and all(_key(t) in question_keys for t in words):
                echo.append(term)
            continue
        if token.i in inside:
            continue
        # 'the same height': a stop word that carries the point is a cue group of its own
        if token.pos_ not in CONTENT_POS or (token.is_stop and token.lower_ not in kept):
            continue
        if not (token.is_alpha or token.like_num):
            continue
        if token.pos_ == "PROPN" or token.like_num:
            term = token.text
        else:
            term = written_lemma(token.text, token.lemma_, token.pos_)
        key = _key(token)
        if key in seen or not term.strip():
            continue
        seen.add(key)
        if token.i in scopes and token.i not in left_out:
            negated.append(term)
        group = [term]
        if similar and token.pos_ in ("NOUN", "VERB", "ADJ", "ADV"):
            for synonym in synonyms(term, token.pos_):
                if len(group) > MAX_SYNONYMS:
                    break
                if stem_form(synonym) != key and synonym not in group:
                    group.append(synonym)
            # a kind of the thing says it ('sunlight' is light), never the reverse
            group.extend(k for k in kinds(term, token.pos_) if k not in group)
        groups.append(group)
        if key in question_keys:
            echo.append(term)
    negative = any(t.lower_ in negators for t in doc)
    if not inside and not any(g[0].isalpha() for g in groups):  # figures alone name no point
        return PhrasingCues([], [], negative, [])
    return PhrasingCues(groups, echo, negative, negated)


def reference_concept(
    references: Sequence[str],
    question: str | None,
    nlp: Language,
    common: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """The concept data of a set of reference answers, or None when none has a content word.
    ``common`` are word keys every point of the question shares (its topic's words): like the
    question's words, an answer repeats them whatever it says, so they are ``echo`` too."""
    question_keys = set(common)
    if question:
        question_keys |= {_key(t) for t in nlp(question) if t.is_alpha and not t.is_stop}
    phrasings = []
    for reference, doc in zip(references, nlp.pipe(references), strict=True):
        cues = phrasing_cues(doc, question_keys)
        if cues.groups:
            phrasings.append((reference, cues))
    if not phrasings:
        return None
    first, cues = phrasings[0]
    concept: dict[str, Any] = {
        "id": "answer",
        "label": answer_label(first),
        "credit": "proportional",
        **phrasing_data(cues),
    }
    if len(phrasings) > 1:
        concept["alternatives"] = [phrasing_data(c) for _, c in phrasings[1:]]
    first = first if first.endswith((".", "!", "?")) else first + "."
    note = (
        first
        if len(phrasings) == 1
        else first + ALSO_CORRECT + PHRASINGS_JOIN.join(r for r, *_ in phrasings[1:])
    )
    concept["note"] = note[:1000]
    return concept


def phrasing_data(cues: PhrasingCues) -> dict[str, Any]:
    """A phrasing's keys in rubric data: cues, and echo, negative_claim and negated when set."""
    return {
        "cues": cues.groups,
        **({"echo": cues.echo} if cues.echo else {}),
        **({"negative_claim": True} if cues.negative else {}),
        **({"negated": cues.negated} if cues.negated else {}),
    }


def answer_label(reference: str) -> str:
    """A concept label from an answer's text: its first ten words, capitalised."""
    words = re.sub(r"\s+", " ", reference).strip().rstrip(".").split()
    label = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return label[:1].upper() + label[1:]
