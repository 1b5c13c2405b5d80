"""Topic relevance: how much of an answer's content vocabulary belongs to the topic.

A fluent answer that stays on the topic but names nothing specific ("India and Japan cooperate in
defence, economy and culture") earns some marks from a UPSC examiner (10-25%); an answer on
another subject earns none. Relevance is the share of the answer's content words (nouns, proper
nouns, adjectives, verbs; no stop words) whose lemma appears in the rubric's own wording: its
source notes, concept notes and labels, and question texts.

An answer that never names the topic's subject (``subject.subject_names``, e.g. Japan) but
names other places or people the topic does not know is about another subject, and earns no
relevance credit: an India–Nepal answer shares much of an India–Japan answer's vocabulary, but
not its subject. A generic answer that names nobody ("the two countries") keeps its credit.

Relevance credit is for writing on the topic *and saying something true of it*: an answer most of
whose points are denied ("India and Japan are not members of the Quad") or stated with wrong facts
earns less of it (:func:`asserted_factor`). Such an answer is on the topic's words, but an
examiner gives it nothing for them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.nlp.pipeline import PerTextMemo, pipeline_cache_key
from evaluator.resources import read_cached_json, write_cached_json
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import names_subject

CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
OFF_TOPIC_BELOW = 0.35
"""Relevance at or below this share earns no relevance credit (answers on other subjects sit
near 0.3: ordinary words such as 'India' or 'country' are shared with any topic)."""
ON_TOPIC_FROM = 0.75
"""Relevance from this share earns full relevance credit (on-topic answers sit at 0.8-0.9)."""
OTHER_SUBJECT_NAMES = 3
"""Distinct proper nouns outside the topic's vocabulary that, in an answer naming none of the
topic's subject terms, show it is about another subject (an India–Nepal answer names a dozen)."""


ASSERTED_FOR_FULL = 0.5
"""Share of the points an answer touches that it must assert (not deny, not contradict) for full
relevance credit; below it the credit falls in proportion, to none for an answer that denies
every point it names. Honest answers deny next to nothing (0 false denials in the 221 true
statements of benchmarks/honest_corpus.py); the audit's every-claim-negated answer denies nearly
everything (docs/honest-scoring.md)."""
DENIED = frozenset({"negated", "contradicted"})
"""Concept statuses that say the answer denies the point or gets its facts wrong."""


def asserted_factor(statuses: Iterable[str]) -> float:
    """How much of the relevance credit an answer keeps, from the statuses of the rubric points it
    touches (misconceptions left out; missing points are ignored): 1 while at least
    :data:`ASSERTED_FOR_FULL` of them are asserted, falling in proportion below."""
    touched = [s for s in statuses if s != "missing"]
    if not touched:
        return 1.0
    asserted = sum(1 for s in touched if s not in DENIED) / len(touched)
    return min(1.0, asserted / ASSERTED_FOR_FULL)


@dataclass(frozen=True)
class Relevance:
    """The measurement and the credit it earns."""

    share: float
    """Share of content words found in the topic's vocabulary."""
    content_words: int
    score: float
    """Relevance credit in [0, 1] after the on/off-topic ramp and the length factor."""


_vocabularies: dict[tuple[str, int], frozenset[str]] = {}
_lock = threading.Lock()
CACHE_KIND = "topic-lemmas-v1"
"""Disk cache folder for topic vocabularies; bump the suffix when content_lemmas changes."""


def topic_lemmas(loaded: LoadedRubric, nlp: Language) -> frozenset[str]:
    """Content lemmas of the rubric's own wording (spaCy lemmas of its notes, concepts, questions
    and dimensions; not ``gaming.question_topic_stems``, the regex-stemmed per-question word list
    the advisories use).

    Building it runs the pipeline over about a thousand texts, so it is kept per process and on
    disk, keyed by the rubric's fingerprint and the exact pipeline: a new process reads it back
    instead of parsing the rubric again."""
    key = (loaded.fingerprint, id(nlp))
    with _lock:
        cached = _vocabularies.get(key)
        if cached is not None:
            return cached
        disk_key = pipeline_cache_key(nlp, loaded.fingerprint)
        stored = read_cached_json(CACHE_KIND, disk_key)
        if isinstance(stored, list) and all(isinstance(w, str) for w in stored):
            frozen = frozenset(stored)
        else:
            frozen = frozenset(_build_vocabulary(loaded, nlp))
            write_cached_json(CACHE_KIND, disk_key, sorted(frozen))
        _vocabularies[key] = frozen
        return frozen


def _build_vocabulary(loaded: LoadedRubric, nlp: Language) -> set[str]:
    rubric = loaded.rubric
    texts = [loaded.source_notes, rubric.title, rubric.description]
    texts += [f"{c.label}. {c.note}" for _, c in rubric.concepts()]
    texts += [q.text for q in rubric.questions]
    texts += [d.label + ". " + d.description for d in rubric.dimensions]
    # lemmas and parts of speech come from the tagger, lemmatizer and attribute ruler; the
    # parser (a third of the time) changes neither, so it is skipped here
    skip = [name for name in ("parser", "ner") if name in nlp.pipe_names]
    lemmas = _text_lemmas.of(nlp, texts, disable=skip)
    return {lemma for text_lemmas in lemmas.values() for lemma in text_lemmas}


def content_lemmas(doc: Doc) -> list[str]:
    """Lower-case lemmas of the content words of a doc."""
    tokens = view(doc)
    return [
        tokens.lemma[i]
        for i, text in enumerate(tokens.text)
        if tokens.alpha[i] and len(text) > 2 and not tokens.stop[i] and tokens.pos[i] in CONTENT_POS
    ]


_text_lemmas: PerTextMemo[tuple[str, ...]] = PerTextMemo(
    lambda doc: tuple(content_lemmas(doc)), limit=50_000
)


def length_factor(word_count: int, word_limit: int) -> float:
    """Short answers earn relevance in proportion: full from half the word limit."""
    return min(1.0, word_count / (0.5 * word_limit)) if word_limit else 1.0


def relevance(
    doc: Doc,
    vocabulary: frozenset[str],
    word_count: int,
    word_limit: int,
    subject: tuple[str, ...] = (),
) -> Relevance:
    """How on-topic the answer is; short answers earn proportionally less credit, and an answer
    about another subject (naming none of the ``subject`` names but other names) earns none."""
    lemmas = content_lemmas(doc)
    if not lemmas:
        return Relevance(0.0, 0, 0.0)
    share = sum(1 for lemma in lemmas if lemma in vocabulary) / len(lemmas)
    ramp = (share - OFF_TOPIC_BELOW) / (ON_TOPIC_FROM - OFF_TOPIC_BELOW)
    length = length_factor(word_count, word_limit)
    score = max(0.0, min(1.0, ramp)) * length
    if subject and not names_subject(doc, subject):
        tokens = view(doc)
        others = {
            tokens.lemma[i]
            for i, pos in enumerate(tokens.pos)
            if pos == "PROPN" and tokens.alpha[i] and tokens.lemma[i] not in vocabulary
        }
        if len(others) >= OTHER_SUBJECT_NAMES:
            score = 0.0
    return Relevance(round(share, 4), len(lemmas), round(score, 4))
