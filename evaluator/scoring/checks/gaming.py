"""Measurements behind the anti-gaming advisories: pure functions of the parsed answer and the
rubric, cheap enough to run on every answer. Per-rubric work (the topic vocabulary, the source
notes' word runs) is cached by rubric fingerprint and question id.
"""

from __future__ import annotations

import itertools
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from evaluator.nlp.docview import DocView, view
from evaluator.rubric.fingerprint import WORDS, run_hashes
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import ALSO_CORRECT, PHRASINGS_JOIN, Question
from evaluator.scoring.checks.matching import TermMatch
from evaluator.settings import advisory_settings

_WORDS = WORDS  # the fingerprint's own word cutting, so its hashes meet the answer's
_TOPIC_WORD = re.compile(r"[a-z]{3,}")
_VERBS = frozenset({"VERB", "AUX"})
_LINKS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "PRON", "DET"})
_GLUE = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "AUX", "PART"})
"""Function words (see :attr:`ListShape.bare_run`)."""
"""Words that relate terms to each other (verbs, prepositions, subordinators, pronouns,
determiners): a sentence has them, and so does a point in note form ('Japan's support to India's
defence manufacturing'); a list of terms has almost none."""
_SEPARATORS = frozenset({",", ";", "and", "&", "/", "|", "·", "•"})


@cache
def function_words() -> frozenset[str]:
    """``advisories.yaml``'s function words (lower case): left out of topic and overlap
    measures, and never quoted as what earned credit."""
    return frozenset(str(w) for w in advisory_settings().function_words)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # crude but symmetric: applied to both sides, so 'exercises' meets 'exercise'
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# --- per-rubric caches ----------------------------------------------------------------------

_cache_lock = threading.Lock()
_topic_cache: dict[tuple[str, str], frozenset[str]] = {}
_shingle_cache: dict[tuple[str, int], frozenset[tuple[str, ...]]] = {}


def question_topic_stems(loaded: LoadedRubric, question: Question) -> frozenset[str]:
    """Stemmed content words of the question, the source notes and the rubric's own text.

    Not :func:`relevance.topic_lemmas`: this one is per question, includes cues, aliases and fact
    claims, and is built by a regex and a suffix stemmer, with no pipeline, so the off-topic and
    stuffing advisories stay cheap and independent of the tagger. Both feed the marks, so merging
    them would change them (the report digest shows it)."""
    key = (loaded.fingerprint, question.id)
    with _cache_lock:
        cached = _topic_cache.get(key)
    if cached is not None:
        return cached
    rubric = loaded.rubric
    parts = [question.text, loaded.source_notes, rubric.title, rubric.description]
    for dimension, concept in rubric.concepts():
        parts += [dimension.label, concept.label, concept.note, *concept.aliases]
        parts += [t for group in concept.cues for t in group]
    parts += [f.claim for f in rubric.facts]
    stop = frozenset(advisory_settings().function_words)
    words = _TOPIC_WORD.findall(" ".join(parts).lower())
    vocabulary = frozenset(_stem(w) for w in words if w not in stop)
    with _cache_lock:
        _topic_cache[key] = vocabulary
    return vocabulary


def source_shingles(loaded: LoadedRubric, size: int) -> frozenset[tuple[str, ...]]:
    """Every run of ``size`` consecutive words of the source notes."""
    key = (loaded.fingerprint, size)
    with _cache_lock:
        cached = _shingle_cache.get(key)
    if cached is not None:
        return cached
    words = _WORDS.findall(loaded.source_notes.lower())
    shingles = frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    with _cache_lock:
        _shingle_cache[key] = shingles
    return shingles


# --- measurements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicOverlap:
    """How much of the answer's content belongs to the question's topic."""

    content_words: int
    overlap: float
    terms: int
    """Distinct rubric terms asserted."""
    concepts: int
    """Concepts credited (fully or in part)."""


def topic_overlap(
    doc: Doc,
    loaded: LoadedRubric,
    question: Question,
    matches: Sequence[TermMatch],
    concepts: int = 0,
) -> TopicOverlap:
    """Share of the answer's content words found in the topic vocabulary, and rubric term hits."""
    vocabulary = question_topic_stems(loaded, question)
    stop = function_words()
    tokens = view(doc)
    hits = total = 0
    for low, lemma, alpha in zip(tokens.lower, tokens.lemma, tokens.alpha, strict=True):
        if not alpha or len(low) < 3 or low in stop:
            continue
        total += 1
        if _stem(low) in vocabulary or _stem(lemma) in vocabulary:
            hits += 1
    terms = len({m.term for m in matches if not m.negated})
    share = hits / total if total else 0.0
    return TopicOverlap(total, round(share, 4), terms, concepts)


@dataclass(frozen=True)
class LoneMatch:
    """A short answer whose one word on the question's topic stands among words that are not."""

    word: str
    """The one word of the answer that a rubric term matched ('water')."""
    others: tuple[str, ...]
    """The content words of its sentence, none of them in the question, its notes or the
    rubric ('Akbar', 'built', 'tank')."""
    names: tuple[str, ...] = ()
    """Names (proper nouns) in its sentence that the question, notes and rubric never write
    ('Akbar'): who or what the sentence is about instead."""


def lone_match(
    doc: Doc, loaded: LoadedRubric, question: Question, matches: Sequence[TermMatch]
) -> LoneMatch | None:
    """The answer's only word on the topic, when rubric terms match one word of it and every
    other content word of the answer is outside the question's vocabulary (its text, notes and
    rubric: :func:`question_topic_stems`); None otherwise. "Akbar built a water tank" shares
    "water" with a question on photosynthesis and nothing else (and names Akbar, whom the
    question never names); "It needs water" shares "needs" too."""
    asserted = [m for m in matches if not m.negated]
    if not asserted:
        return None
    vocabulary = question_topic_stems(loaded, question)
    stop = function_words()
    tokens = view(doc)
    matched = set(itertools.chain.from_iterable(range(m.start, m.end) for m in asserted))
    words: set[str] = set()
    foreign: list[int] = []
    for i, (low, lemma, alpha, wordlike) in enumerate(
        zip(tokens.lower, tokens.lemma, tokens.alpha, tokens.wordlike, strict=True)
    ):
        if i in matched:
            if wordlike and low not in stop:
                words.add(lemma if alpha else low)
            continue
        if not alpha or len(low) < 3 or low in stop:
            continue
        if _stem(low) in vocabulary or _stem(lemma) in vocabulary:
            return None  # something else it says belongs to the question
        foreign.append(i)
    if len(words) != 1:
        return None
    sentences = {(doc[i].sent.start, doc[i].sent.end) for i in matched}
    near = [i for i in foreign if any(start <= i < end for start, end in sentences)]
    # a capital the writer drops elsewhere ("Bulb A and bulb C") opens a sentence, not a name
    lowered = {t.text for t in doc if t.is_lower}
    names = tuple(
        dict.fromkeys(
            doc[i].text
            for i in near
            if doc[i].pos_ == "PROPN" and doc[i].is_title and doc[i].lower_ not in lowered
        )
    )
    others: dict[str, str] = {}
    for i in near:
        others.setdefault(doc[i].lower_, doc[i].text)  # "Bulb" and "bulb" are one word
    return LoneMatch(next(iter(words)), tuple(others.values()), names)


@dataclass(frozen=True)
class ListShape:
    """Signs that the answer is a list of terms, not sentences."""

    terms: int
    list_share: float
    """Share of the answer's term hits inside bare list sentences."""
    verb_rate: float
    link_rate: float
    """Words that relate terms (:data:`_LINKS`) per word."""
    term_share: float
    """Share of the answer's words inside rubric terms."""
    disorder: float
    """Impossible function-word bigrams per word (word salad)."""
    scrambled: float = 0.0
    """Share of the sentences that read as shuffled (:func:`_scrambled`)."""
    scrambled_sentences: int = 0
    disorder_breaks: int = 0
    """Impossible function-word bigrams in all (one is a slip: 'the the')."""
    bare_run: int = 0
    """The most words in a row with no function word (:data:`_GLUE`), figure or punctuation
    between them: English runs two to five ('Japanese green technology transfer'), rarely
    eight ('steep slope makes water flow faster causing more erosion'); a keyword dump runs on
    ('dense less dense expands lattice molecules iceberg lakes winter': 9)."""


def list_shape(doc: Doc, matches: Sequence[TermMatch]) -> ListShape:
    """Measure how list-like (or scrambled) the answer is."""
    cfg = advisory_settings().keyword_stuffing
    tokens = view(doc)
    asserted = [m for m in matches if not m.negated]
    words = sum(tokens.wordlike) or 1
    # sums over map() and compress() run at C speed: this reads every token of the answer
    verbs = sum(map(_VERBS.__contains__, itertools.compress(tokens.pos, tokens.wordlike)))
    links = sum(map(_LINKS.__contains__, itertools.compress(tokens.pos, tokens.wordlike)))
    run = bare_run = 0
    for pos, word, alpha in zip(tokens.pos, tokens.wordlike, tokens.alpha, strict=True):
        # a number in figures breaks a run ("2+2 talks 2019"), a number word does not: "…
        # venomous spines eggs thousands snapper grouper" is one run of fourteen
        if word and pos not in _GLUE and (pos != "NUM" or alpha):
            run += 1
            bare_run = max(bare_run, run)
        elif not word and pos == "SPACE":
            continue  # a space or line break inside a run keeps it going
        else:
            run = 0
    term_tokens = set(itertools.chain.from_iterable(range(m.start, m.end) for m in asserted))
    segments = _segments(tokens)
    segment_of = [0] * len(tokens.lower)
    for number, (start, end) in enumerate(segments):
        segment_of[start:end] = [number] * (end - start)
    by_segment: dict[int, list[TermMatch]] = {}
    for m in asserted:
        by_segment.setdefault(segment_of[m.start], []).append(m)
    in_list = 0
    for number, inside in by_segment.items():
        if len({m.term for m in inside}) < cfg.list_sentence_terms:
            continue
        start, end = segments[number]
        # a list has many separators (checked first: prose rarely has them), (almost) no verbs
        # (a tagger may call a listed term a verb by accident, hence the small allowance in
        # long lists) and is mostly rubric terms
        separators = sum(map(_SEPARATORS.__contains__, tokens.lower[start:end]))
        if separators < cfg.list_min_separators:
            continue
        seg_words = [k for k in range(start, end) if tokens.wordlike[k]]
        seg_verbs = sum(1 for k in seg_words if tokens.pos[k] in _VERBS)
        covered = sum(1 for k in seg_words if k in term_tokens)
        allowed = int(cfg.list_max_verb_rate * len(seg_words))
        # a separator every word or two is a list whatever its verbs: "keep, eat, grow, lay"
        # (a short-answer rubric's cues are lemmas, verbs among them); prose runs several words
        # between commas
        dense = separators >= cfg.list_separator_share * len(seg_words)
        if (seg_verbs <= allowed or dense) and covered >= cfg.list_sentence_term_share * len(
            seg_words
        ):
            if _details(tokens, start, end) >= cfg.list_detail_share * (separators + 1):
                continue  # items with a year or a gloss each: notes, not a dump of keywords
            in_list += len({m.start for m in inside})
    scrambled, counted = _scrambled(tokens)
    breaks = _disorder(tokens, doc)
    # places, not matches: a term inside a longer one ("2+2" in "2+2 talks") is one place
    places = len({m.start for m in asserted})
    return ListShape(
        terms=len({m.term for m in asserted}),
        list_share=round(in_list / places, 4) if asserted else 0.0,
        verb_rate=round(verbs / words, 4),
        link_rate=round(links / words, 4),
        term_share=round(sum(map(tokens.wordlike.__getitem__, term_tokens)) / words, 4),
        disorder=round(breaks / words, 4),
        scrambled=round(scrambled / max(1, counted), 4),
        scrambled_sentences=scrambled,
        disorder_breaks=breaks,
        bare_run=bare_run,
    )


def _details(tokens: DocView, start: int, end: int) -> int:
    """The details a list segment gives its items: bracketed glosses, and figures outside
    them ('ACSA (2020)', 'since 2012', 'US$ 75 billion'). A keyword dump names its terms bare."""
    found = depth = 0
    for k in range(start, end):
        text = tokens.text[k]
        if text == "(":
            if not depth:
                found += 1
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif not depth and tokens.pos[k] == "NUM" and any(ch.isdigit() for ch in text):
            found += 1
    return found


def _segments(tokens: DocView) -> list[tuple[int, int]]:
    """Sentences, further cut at line breaks (a point or a pasted list is its own unit)."""
    if not tokens.line_breaks:
        return list(tokens.sents)
    segments: list[tuple[int, int]] = []
    breaks = tokens.line_breaks
    for start, end in tokens.sents:
        begin = start
        for k in breaks[bisect_right(breaks, start) : bisect_left(breaks, end)]:
            segments.append((begin, k))
            begin = k
        if end > begin:
            segments.append((begin, end))
    return segments


def _scrambled(tokens: DocView) -> tuple[int, int]:
    """Sentences of four words or more that read as shuffled, and how many were read.

    A shuffled sentence's first word lands inside it ("projects The Corridor faces …") and a
    word from inside starts it ("… feasibility doubts Asia. to help Bring …"): a sentence that
    begins in lower case straight after a full stop on the same line (a bullet of its own may
    begin in lower case), or holds a capitalised function word after a word on its line.
    """
    inside = _disorder_tables().capitalised_inside
    text, lower, wordlike, line_of = tokens.text, tokens.lower, tokens.wordlike, tokens.line_of
    firsts = [next((k for k in range(s, e) if not text[k].isspace()), s) for s, e in tokens.sents]
    # a writer who begins no sentence with a capital ("india and japan is very good friends.
    # they both are democracy.") writes in lower case: a lower-case start says nothing of order
    capitalises = any(text[k][:1].isupper() for k in firsts)
    scrambled = counted = 0
    for (start, end), first in zip(tokens.sents, firsts, strict=True):
        if sum(wordlike[start:end]) < 4:
            continue
        counted += 1
        word = text[first]
        if (
            capitalises
            and word[:1].islower()
            and tokens.alpha[first]
            and first > 0
            and text[first - 1] in (".", "?", "!")
            and line_of[first - 1] == line_of[first]
        ):
            scrambled += 1
            continue
        for k in range(first + 1, end):
            if (
                text[k][:1].isupper()
                and lower[k] in inside
                and wordlike[k - 1]
                and line_of[k - 1] == line_of[k]
            ):
                scrambled += 1
                break
    return scrambled, counted


class DisorderTables(NamedTuple):
    """The word-order rules of ``advisories.yaml``'s ``disorder`` section, as sets."""

    determiners: frozenset[str]
    prepositions: frozenset[str]
    coordinators: frozenset[str]
    after_determiner: frozenset[str]
    """Words that cannot follow a determiner."""
    after_preposition: frozenset[str]
    after_coordinator: frozenset[str]
    enders: frozenset[str]
    """Words a sentence cannot end on."""
    heads: frozenset[str]
    """Every word a rule starts with (determiners, prepositions, coordinators)."""
    capitalised_inside: frozenset[str]


@cache
def _disorder_tables() -> DisorderTables:
    d = advisory_settings().disorder
    dets, preps, coords = (
        frozenset(d.determiners),
        frozenset(d.prepositions),
        frozenset(d.coordinators),
    )
    return DisorderTables(
        determiners=dets,
        prepositions=preps,
        coordinators=coords,
        after_determiner=frozenset(d.cannot_follow_determiner),
        after_preposition=frozenset(d.cannot_follow_preposition),
        after_coordinator=frozenset(d.cannot_follow_coordinator),
        enders=frozenset(d.cannot_end_sentence),
        heads=dets | preps | coords,
        capitalised_inside=frozenset(d.capitalised_inside),
    )


_NAMING = frozenset({"NOUN", "PROPN"})
"""A word after a determiner, or ending a sentence, tagged as one of these is a noun ('its
will', 'the can'), not the auxiliary the rule is about."""


def _disorder(tokens: DocView, doc: Doc) -> int:
    """Function-word bigrams English never writes, and sentences ending on a word no sentence
    ends on. A preposition that is a verb's particle ('brought in by'), a noun spelt like an
    auxiliary ('neither can impose its will.'), a demonstrative pronoun ('This is ...') and a
    capital A that labels a thing ('bulb A is') are English, not breaks."""
    rules = _disorder_tables()
    dets, preps, coords, heads = (
        rules.determiners,
        rules.prepositions,
        rules.coordinators,
        rules.heads,
    )
    after_det, after_prep, after_coord = (
        rules.after_determiner,
        rules.after_preposition,
        rules.after_coordinator,
    )
    enders = rules.enders
    kept = [i for i, space in enumerate(tokens.space) if not space]
    lowers = [tokens.lower[i] for i in kept]
    pos = tokens.pos
    breaks = 0
    # only pairs whose first word starts a rule are looked at (found at C speed)
    for k in itertools.compress(range(len(lowers) - 1), map(heads.__contains__, lowers)):
        a, b = lowers[k], lowers[k + 1]
        if a in dets and b in after_det:
            # 'This is cooperative federalism': a demonstrative standing alone is a pronoun;
            # 'Bulb A is on', 'so A is not affected': a capital A is a label, not the article
            breaks += (
                pos[kept[k + 1]] not in _NAMING
                and pos[kept[k]] != "PRON"
                and doc[kept[k]].text != "A"
            )
        elif a in preps and b in after_prep:
            breaks += doc[kept[k]].dep_ != "prt"
        elif a in coords and b in after_coord:
            breaks += 1
    wordlike = tokens.wordlike
    for start, end in tokens.sents:
        # words and numbers: "ties were upgraded in 2014." ends on 2014, not on "in"
        if sum(wordlike[start:end]) <= 3:
            continue
        last = next(k for k in range(end - 1, start - 1, -1) if wordlike[k])
        if tokens.lower[last] in enders and pos[last] not in _NAMING:
            breaks += 1
    return breaks


def bare_share(doc: Doc) -> float:
    """The share of an answer's sentences (of two words or more) that state no claim: no verb at
    all, only names, dates and figures ("ACSA signed 2020" has one; "Civil nuclear agreement
    November 2016" none)."""
    sentences = bare = 0
    for sent in doc.sents:
        if sum(t.is_alpha for t in sent) < 2:
            continue
        sentences += 1
        bare += not any(t.pos_ in ("VERB", "AUX") for t in sent)
    return bare / sentences if sentences else 0.0


@dataclass(frozen=True)
class CopyShare:
    """How much of the answer repeats the source notes word for word."""

    share: float
    copied: int
    words: int
    spans: tuple[tuple[int, int], ...] = ()
    """The copied stretches: (start, end) character offsets into the answer, in order, each
    from the first copied word to the last of a run (the spaces and punctuation between them
    included)."""


def copy_share(text: str, loaded: LoadedRubric, size: int) -> CopyShare:
    """Share of the answer's words inside runs of ``size`` words shared with the source notes, or
    with the document the rubric came from (through its hashed fingerprint, if it has one)."""
    words = _WORDS.findall(text.lower())
    shingles = source_shingles(loaded, size)
    covered = [False] * len(words)
    # every run of `size` words, built and looked up at C speed; most answers share none
    runs = zip(*(words[k:] for k in range(size)), strict=False)  # the shorter slices end it
    shared = list(map(shingles.__contains__, runs))
    for i in itertools.compress(range(len(shared)), shared):
        covered[i : i + size] = [True] * size
    n = loaded.source_shingle
    if loaded.source_hashes and len(words) >= n:
        found = map(loaded.source_hashes.__contains__, run_hashes(words, n))
        for i in itertools.compress(itertools.count(), found):
            covered[i : i + n] = [True] * n
    copied = sum(covered)
    share = round(copied / len(words), 4) if words else 0.0
    spans = _copied_spans(text, covered) if copied else ()
    return CopyShare(share, copied, len(words), spans)


def _copied_spans(text: str, covered: list[bool]) -> tuple[tuple[int, int], ...]:
    """The character offsets of each run of covered words (the words of ``_WORDS`` in the
    lower-cased text, as :func:`copy_share` cut them)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        origin: list[int] | None = None  # every character lower-cases to one: offsets agree
    else:  # 'İ' lower-cases to two characters: map the lowered offsets back to the answer's
        origin = []
        for index, char in enumerate(text):
            origin.extend([index] * len(char.lower()))
        origin.append(len(text))
    spans: list[list[int]] = []
    previous = False
    for match, inside in zip(_WORDS.finditer(lowered), covered, strict=True):
        if inside and previous:
            spans[-1][1] = match.end()  # the run goes on
        elif inside:
            spans.append([match.start(), match.end()])
        previous = inside
    if origin is not None:
        spans = [[origin[start], origin[end - 1] + 1] for start, end in spans]
    return tuple(_whole_words(text, start, end) for start, end in spans)


_OPENERS = frozenset("([{\"“‘'«")
_JOINERS = frozenset("-\u2010\u2011'\u2019%")  # hyphens, apostrophes, percent


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A copied run widened to whole words as written: the shared words are cut at hyphens and
    symbols ('indo', 'pacific'), but a quoted run should not begin inside 'Indo-Pacific' or end
    inside 'US$75.5'."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    while end < len(text) and (
        text[end].isalnum()
        or text[end] in _JOINERS
        or (text[end] in ".,$" and end + 1 < len(text) and text[end + 1].isalnum())
    ):
        end += 1
    return start, end


@dataclass(frozen=True)
class Repetition:
    """Repeated sentences and lexical diversity."""

    sentences: int
    repeats: int
    share: float
    mattr: float
    """Moving-average type/token ratio (1.0 when the answer is too short to measure)."""


def repetition(doc: Doc) -> Repetition:
    """Count sentences that repeat an earlier one (exactly or nearly) and measure diversity."""
    cfg = advisory_settings().repetition
    near = cfg.near_duplicate
    minimum = cfg.min_sentence_words
    tokens = view(doc)
    lowers, wordlike = tokens.lower, tokens.wordlike
    seen_exact: set[tuple[str, ...]] = set()
    seen_sets: list[tuple[frozenset[str], int]] = []
    sentences = repeats = 0
    for start, end in tokens.sents:
        words = tuple([lowers[k] for k in range(start, end) if wordlike[k]])
        if len(words) < minimum:
            continue
        sentences += 1
        bag = frozenset(words)
        size = len(bag)
        if words in seen_exact or (len(seen_sets) <= 200 and _near_any(bag, size, seen_sets, near)):
            repeats += 1
        else:
            seen_exact.add(words)
            seen_sets.append((bag, size))
    alpha_words = [low for low, a in zip(tokens.lower, tokens.alpha, strict=True) if a]
    return Repetition(
        sentences,
        repeats,
        round(repeats / sentences, 4) if sentences else 0.0,
        round(_mattr(alpha_words, cfg.mattr_window, cfg.min_words_for_mattr), 4),
    )


def _near_any(
    bag: frozenset[str], size: int, seen: list[tuple[frozenset[str], int]], near: float
) -> bool:
    """Whether the word set overlaps an earlier one by ``near`` or more (Jaccard).

    |A & B| >= near * |A | B|, with |A | B| = |A| + |B| - |A & B|; the overlap is at most the
    smaller size, so sizes that cannot reach ``near`` are passed over without a set operation.
    """
    for other, other_size in seen:
        total = size + other_size
        smaller = min(size, other_size)
        if smaller < near * (total - smaller):
            continue
        common = len(bag & other)
        if common >= near * (total - common):
            return True
    return False


def _mattr(tokens: list[str], window: int, minimum: int) -> float:
    if len(tokens) < max(window, minimum):
        return 1.0
    counts: dict[str, int] = {}
    for t in tokens[:window]:
        counts[t] = counts.get(t, 0) + 1
    total = len(counts)
    for i in range(window, len(tokens)):
        out, into = tokens[i - window], tokens[i]
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        counts[into] = counts.get(into, 0) + 1
        total += len(counts)
    return total / (len(tokens) - window + 1) / window


_STEP_WORDS = frozenset({"and", "then"})
_HYPHENS = frozenset({"-", "‐", "–"})
_CLAUSE_END = re.compile(r"[.;!?]+(?=\s|$)|,?\s+then\s+", re.IGNORECASE)


def step_items(doc: Doc, matches: Sequence[TermMatch]) -> int | None:
    """The items of an answer written as a list of steps ("Boil leaf, ethanol, iodine ->
    blue-black": four), cut at punctuation (not a hyphen inside a word), 'and' and 'then'; None
    when an item names no rubric term (asserted), so it is no list of the reference's steps."""
    tokens = view(doc)
    starts = {m.start for m in matches if not m.negated}
    items = 0
    words = named = False
    for k, (lower, wordlike) in enumerate(zip(tokens.lower, tokens.wordlike, strict=True)):
        if tokens.space[k] and "\n" not in tokens.text[k]:
            continue
        if _joins_words(tokens, k) or (wordlike and lower not in _STEP_WORDS):
            words = True
            named = named or k in starts
            continue
        if words:  # an item ends here
            if not named:
                return None
            items += 1
        words = named = False
    if words and not named:
        return None
    return items + words


def _joins_words(tokens: DocView, k: int) -> bool:
    """Whether token ``k`` is a hyphen inside a word ('blue-black'), not a dash or an arrow."""
    if tokens.lower[k] not in _HYPHENS or not 0 < k < len(tokens.lower) - 1:
        return False
    before = tokens.idx[k - 1] + len(tokens.text[k - 1]) == tokens.idx[k]
    return before and tokens.idx[k] + len(tokens.text[k]) == tokens.idx[k + 1]


def reference_steps(loaded: LoadedRubric, question: Question) -> int:
    """How many steps the question's reference states: the sentences and clauses (cut at a
    full stop, a semicolon or 'then') of its points' notes, the longest phrasing of each (a
    derived short answer's note is its reference answers; graded answers kept as examples and
    phrases learned from marks are no reference)."""
    steps = 0
    for dimension in question.dimensions:
        for concept in loaded.rubric.counted(question, dimension.id):
            if concept.exemplar or concept.learned or concept.penalty or not concept.note:
                continue
            first, _, others = concept.note.partition(ALSO_CORRECT)
            phrasings = [first, *(others.split(PHRASINGS_JOIN) if others else [])]
            steps += max(
                sum(1 for part in _CLAUSE_END.split(p) if any(c.isalpha() for c in part))
                for p in phrasings
            )
    return steps
