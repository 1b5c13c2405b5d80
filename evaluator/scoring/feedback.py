"""Feedback a mentor would give: what earned credit, the few changes worth most (each with its
worth in marks), a short examiner's comment, and the full list of improvement points.

Every gain is exact: a candidate change (a missing concept credited, a partial one completed, a
contradicted fact corrected, an introduction added, the word budget met...) is applied to the
answer's *features* (concept credits, structure signals, advisories, relevance) and the marks are
recomputed by the one arithmetic in :mod:`evaluator.scoring.marks`, with the structure score
recomputed by :func:`~evaluator.scoring.checks.structure.structure_score`. No re-parse: the cost
is a few hundred microseconds per answer. Wording lives in ``evaluator/data/feedback.yaml``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS

from evaluator.rubric.model import Question, Rubric
from evaluator.scoring.checks.advisories import factual_errors
from evaluator.scoring.checks.gaming import function_words
from evaluator.scoring.checks.structure import structure_score
from evaluator.scoring.marks import advisory_limits, dimension_score, final_marks
from evaluator.scoring.report import (
    Advisory,
    ConceptResult,
    DimensionResult,
    FactResult,
    Feedback,
    NextStep,
    StructureResult,
    says_the_point,
)
from evaluator.settings import feedback_settings, structure_settings

BUDGET_ADVISORIES = frozenset({"too_short", "over_limit"})
"""Advisories that say what the word-budget advice says (one of the two is kept, not both)."""
DIMENSION_CHARS = 48
"""Longest dimension label named in a step (derived rubrics join several headings into one)."""
_DIRECTIVE_SIGNALS = {
    "judgement": ("judgement", 1.0),
    "position": ("position", 1.0),
    "reasons": ("reason", 2.0),
    "critical": ("critical", 2.0),
    "proposals": ("proposal", 2.0),
}
"""Directive element -> the structure signal that meets it, and the value that meets it."""
_WORDING_SIDE = {"critical": "challenges", "proposals": "way_forward"}
"""Directive elements a dimension of this kind decides when the question has one."""
_LIFTABLE = frozenset({"copied_source", "keyword_stuffing", "repetition"})
"""Advisories whose cap or deduction a rewrite lifts: each gets a step worth what it costs."""
_AddStep = Callable[..., None]
"""Records a candidate step: (kind, text, (marks, unrounded marks), **NextStep fields)."""
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class MarksInputs:
    """The features an answer's marks were computed from, exactly as the engine used them."""

    rubric: Rubric
    question: Question
    concepts: list[ConceptResult]
    """The concepts of the question's dimensions."""
    structure: StructureResult
    bonus_count: int
    advisories: list[Advisory]
    relevance: float
    """The unrounded relevance score."""
    relevance_length: float
    """The length factor inside the relevance score (min(1, words / half the limit))."""
    focus: frozenset[str] | None = None
    """Concepts the question is about (its weightiest dimensions' and its model answer's): a step
    for another concept is shown only when no other step is left. None: every concept alike."""


_penalties = threading.local()


def subject_words(rubric: Rubric) -> frozenset[str]:
    """The rubric's subject names in lower case ('japan', 'japanese'), never praise on their own."""
    return frozenset(t.lower() for t in rubric.subject_terms)


def penalty_ids(rubric: Rubric) -> frozenset[str]:
    """The rubric's misconceptions (``penalty`` concepts): their credit is taken away. Kept for
    the last rubric seen (rubrics are frozen; feedback asks twice per answer)."""
    return _concept_kinds(rubric)[0]


def quiet_ids(rubric: Rubric) -> frozenset[str]:
    """Concepts never suggested to the learner, missing or denied: phrases `rubric tune` learned
    from a tutor's marks (a phrase that separated the marks is not a point to add: 'add Solar
    power' teaches keyword insertion) and denials ('add not land' means nothing). They still
    earn or cost marks, and the report lists them with their spans."""
    return _concept_kinds(rubric)[1]


def _concept_kinds(rubric: Rubric) -> tuple[frozenset[str], frozenset[str]]:
    slot = getattr(_penalties, "slot", None)
    if slot is None or slot[0] is not rubric:
        concepts = [c for _, c in rubric.concepts()]
        penalties = frozenset(c.id for c in concepts if c.penalty)
        quiet = frozenset(c.id for c in concepts if c.learned or c.denial)
        slot = _penalties.slot = (rubric, (penalties, quiet))
    return slot[1]


# --- text hygiene ----------------------------------------------------------------------------


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 paragraph', '3 paragraphs'."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def worth_text(gain: float, step: float) -> str:
    """'+1 mark', '+0.5 marks', or 'under 0.5 marks' for a gain below one rounding step."""
    if gain <= 0:
        return f"under {step:g} {'mark' if step == 1 else 'marks'}"
    return f"+{gain:g} {'mark' if gain == 1 else 'marks'}"


def clip(text: str, limit: int) -> str:
    """The text on one line, cut at a word boundary with an ellipsis when longer than ``limit``
    (never mid-word, never '….')."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    kept = cut[:space] if space > limit // 3 else text[:limit]
    return kept.rstrip(" ,;:.-–—…") + "…"


@lru_cache(maxsize=8192)
def normalised(text: str) -> str:
    """Text reduced to lower-case words, to find advice that says the same thing."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _label_is_note(label: str, note: str) -> bool:
    """A label that only repeats the start of its note (derived rubrics label a concept by its
    note's first words, sometimes cut): most of its words open the note, in order."""
    head, body = normalised(label).split(), normalised(note).split()
    if not head or not body:
        return False
    common = 0
    for a, b in zip(head, body, strict=False):
        if a != b:
            break
        common += 1
    return common == min(len(head), len(body)) or common >= max(3, 0.6 * len(head))


@lru_cache(maxsize=4096)
def _step_label(label: str, note: str, limit: int) -> tuple[str, str]:
    """(the label a step names the concept by, the note shown beside it): the note itself,
    quoted, when the label only repeats it. Cached: a rubric's concepts recur in every answer."""
    if _label_is_note(label, note) or not label.strip():
        return f"“{clip(note, limit)}”", (
            "" if len(_SPACE.sub(" ", note).strip()) <= limit else note
        )
    return clip(label, limit), note


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def unique(lines: Iterable[str]) -> list[str]:
    """The lines without those that repeat an earlier one (after normalisation)."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = normalised(line)
        if key and key not in seen:
            seen.add(key)
            kept.append(line)
    return kept


# --- candidate changes and their worth ---------------------------------------------------------


class _Scorer:
    """Marks of the answer with one feature changed, by the one marks arithmetic."""

    def __init__(self, inputs: MarksInputs) -> None:
        self.inputs = inputs
        rubric, question = inputs.rubric, inputs.question
        self.dimension_ids = [q.id for q in question.dimensions]
        self.earned = dict.fromkeys(self.dimension_ids, 0.0)
        self.possible = dict.fromkeys(self.dimension_ids, 0.0)
        self.penalties = penalty_ids(rubric)
        self.quiet = quiet_ids(rubric)
        for concept in inputs.concepts:
            if concept.dimension in self.earned:
                self.earned[concept.dimension] += (
                    self._sign(concept) * concept.weight * concept.credit
                )
                if concept.id not in self.penalties:
                    self.possible[concept.dimension] += concept.weight
        self.expected = {d: rubric.expected_weight(question, d) for d in self.dimension_ids}
        self.scores = {d: self._score(d, self.earned[d]) for d in self.dimension_ids}
        self.signals = dict(inputs.structure.signals)
        self._by_score: dict[tuple[str, float], tuple[float, float]] = {}
        self._structure: dict[tuple[tuple[float, ...], tuple[tuple[str, float], ...]], float] = {}
        self.base, self.base_unrounded = self.marks()

    def _sign(self, concept: ConceptResult) -> int:
        return -1 if concept.id in self.penalties else 1

    def _score(self, dimension: str, earned: float) -> float:
        short = self.inputs.question.kind == "short"  # every concept of a short answer counts
        saturation = 1.0 if short else self.inputs.rubric.scoring.saturation
        return dimension_score(
            earned,
            self.possible[dimension],
            self.expected[dimension],
            saturation,
            linear=self.inputs.question.intercept is not None,
        )

    def marks(
        self,
        *,
        scores: Mapping[str, float] | None = None,
        signals: Mapping[str, float] | None = None,
        advisories: list[Advisory] | None = None,
        relevance: float | None = None,
    ) -> tuple[float, float]:
        """(rounded, unrounded) marks with the given features in place of the answer's."""
        inputs = self.inputs
        scores = self.scores if scores is None else scores
        signals = self.signals if signals is None else signals
        # candidates that change only the concepts (or only the budget's advisories) share a
        # structure score: it is a function of the signals and the dimension scores
        key = (tuple(scores.values()), tuple(signals.items()))
        structure = self._structure.get(key)
        if structure is None:
            structure = structure_score(signals, inputs.question, inputs.rubric, scores).score
            self._structure[key] = structure
        return final_marks(
            inputs.rubric,
            inputs.question,
            scores,
            structure,
            inputs.bonus_count,
            inputs.advisories if advisories is None else advisories,
            inputs.relevance if relevance is None else relevance,
        )

    def _score_with(self, concept: ConceptResult, credit: float) -> float:
        """The concept's dimension score with its credit changed."""
        change = self._sign(concept) * concept.weight * (credit - concept.credit)
        return self._score(concept.dimension, self.earned[concept.dimension] + change)

    def scores_with(self, concept: ConceptResult, credit: float) -> dict[str, float]:
        """The dimension scores with one concept's credit changed."""
        return {**self.scores, concept.dimension: self._score_with(concept, credit)}

    def with_credit(self, concept: ConceptResult, credit: float) -> tuple[float, float]:
        """Marks with one concept's credit changed."""
        score = self._score_with(concept, credit)
        if score == self.scores[concept.dimension]:  # a full (or empty) dimension stays so
            return self.base, self.base_unrounded
        key = (concept.dimension, score)
        found = self._by_score.get(key)
        if found is None:  # concepts of one weight in one dimension score alike
            scores = dict(self.scores)
            scores[concept.dimension] = score
            found = self._by_score[key] = self.marks(scores=scores)
        return found

    def with_signals(self, **changes: float) -> tuple[float, float]:
        """Marks with structure signals changed."""
        return self.marks(signals={**self.signals, **changes})


class _Candidate(NamedTuple):  # a tuple: about 50 are made per answer
    step: NextStep
    unrounded_gain: float
    order: int


def rank_next_steps(
    inputs: MarksInputs, dimensions: list[DimensionResult], facts: list[FactResult]
) -> tuple[list[NextStep], list[NextStep]]:
    """(the next steps shown, the rest): every change that gains marks, best first, the shown
    ones spread over dimensions (one concept per dimension while other steps remain)."""
    settings = feedback_settings()
    words = settings.steps
    limit_chars = settings.label_chars
    scorer = _Scorer(inputs)
    labels = {d.id: d.label for d in dimensions}
    touched = {d.id for d in dimensions if d.score >= inputs.rubric.scoring.breadth_threshold}
    candidates: list[_Candidate] = []

    full_marks = scorer.base >= inputs.question.max_marks - 1e-9

    def add(kind: str, text: str, result: tuple[float, float], **extra: str) -> None:
        marks, unrounded = result
        gain = unrounded - scorer.base_unrounded
        # an answer at full marks can gain nothing, however its unrounded marks would move (a
        # tuned short answer's cut points give 3 of 3 from 2.3: it was told to develop five
        # points, each worth +0)
        if gain <= 1e-9 or full_marks:
            return
        rounded = round(max(0.0, marks - scorer.base), 2)
        step = NextStep(
            kind=kind,
            text=text,
            gain=rounded,
            marks_after=marks,
            worth=worth_text(rounded, inputs.rubric.scoring.rounding),
            **extra,
        )
        candidates.append(_Candidate(step, gain, len(candidates)))

    contradicted = {f.concept: f for f in facts if f.status == "contradicted"}
    partial_credit = inputs.rubric.scoring.partial_credit
    dimension_names: dict[str, str] = {}
    points: list[ConceptResult] = []  # points to add, for the word budget's step
    for concept in inputs.concepts:
        if concept.id in scorer.quiet:
            # learned from marks or a denial: not a point to add, and, as a penalty, a phrase
            # of low-marked answers ('solar' in a solar answer), not a misconception to drop
            continue
        if concept.id in scorer.penalties:  # a misconception: never suggested; dropping it pays
            if concept.credit <= 0:
                continue
            template, kind, credit = "misconception", "misconception", 0.0
        elif concept.status == "missing" or not says_the_point(concept):
            template = "concept" if concept.dimension in touched else "concept_new_dimension"
            kind, credit = "concept", 1.0
        elif concept.status in ("partial", "negated"):
            template = kind = "develop" if concept.status == "partial" else "negated"
            credit = 1.0
        elif concept.status == "contradicted":
            template = kind = "fact"
            # the credit the concept had before its fact was contradicted
            credit = 1.0 if concept.groups_matched >= concept.groups_total else partial_credit
        else:
            continue
        if kind == "concept":
            # a point to add, even when a cap leaves it nothing alone: the word budget's step
            # may name it
            points.append(concept)
        if kind == "fact":
            # corrected, the fact earns its point back and lifts its share of the deduction
            result = scorer.marks(
                scores=scorer.scores_with(concept, credit),
                advisories=_one_error_fewer(inputs, facts, concept.id),
            )
        else:
            result = scorer.with_credit(concept, credit)
        if result[1] - scorer.base_unrounded <= 1e-9:
            continue  # gains nothing: not worded (add would drop it)
        dimension = dimension_names.get(concept.dimension)
        if dimension is None:
            dimension = dimension_names[concept.dimension] = clip(
                labels.get(concept.dimension, concept.dimension), DIMENSION_CHARS
            )
        label, detail = _step_label(concept.label, concept.source_note, limit_chars)
        extra = {"target": concept.id, "dimension": concept.dimension, "detail": detail}
        if kind == "negated" and not label.startswith("“"):
            label = f"“{label}”"  # a label inside a sentence: 'Restate “Doubts about …”'
        if kind != "fact":
            text = words[template].format(label=label, dimension=dimension)
            add(kind, text, result, **extra)
        else:
            fact = contradicted.get(concept.id)
            message = (fact.message or fact.claim) if fact else concept.reason
            text = words["fact"].format(label=label, message=message.rstrip("."))
            add("fact", text, result, **extra)

    folded = _structure_candidates(inputs, scorer, add, points)
    for advisory in inputs.advisories:
        # a cap or deduction for how the answer is written: the learner can lift it (a copied
        # passage capped one answer from 6.4 to 2.5 and its only step was to cut 34 words)
        if advisory.code in _LIFTABLE and (advisory.cap is not None or advisory.penalty):
            lifted = [a for a in inputs.advisories if a is not advisory]
            add(
                "advisory",
                words[advisory.code],
                scorer.marks(advisories=lifted),
                target=advisory.code,
            )
    if folded:  # the word budget's step says to add this point: it is not a step of its own
        candidates = [c for c in candidates if c.step.target != folded]
    aside = _off_focus(inputs)
    ranked = sorted(
        candidates,
        key=lambda c: (-c.step.gain, c.step.target in aside, -c.unrounded_gain, c.order),
    )
    steps = _without_repeats([c.step for c in ranked])
    return _spread(steps, settings.shown, aside)


def _one_error_fewer(
    inputs: MarksInputs, facts: Sequence[FactResult], concept_id: str
) -> list[Advisory]:
    """The answer's advisories with the facts of one concept corrected: its
    ``factual_errors`` deduction recomputed (gone with the last wrong fact)."""
    corrected = [f for f in facts if not (f.concept == concept_id and f.status == "contradicted")]
    kept = [a for a in inputs.advisories if a.code != "factual_errors"]
    return kept + factual_errors(inputs.question, corrected)


def _off_focus(inputs: MarksInputs) -> frozenset[str]:
    """The question's concepts outside its focus (see ``MarksInputs.focus``)."""
    if inputs.focus is None:
        return frozenset()
    return frozenset(c.id for c in inputs.concepts if c.id not in inputs.focus)


def _structure_candidates(
    inputs: MarksInputs,
    scorer: _Scorer,
    add: _AddStep,
    points: Sequence[ConceptResult] = (),
) -> str | None:
    """Introduction, conclusion, points, paragraphs, word budget and the directive's elements;
    the id of a point the word budget's step names (see :func:`_budget_candidate`), if any."""
    words = feedback_settings().steps
    expect = inputs.rubric.structure
    signals = scorer.signals
    if not signals.get("word_count"):
        return None
    for part in ("introduction", "conclusion", "points_or_headings"):
        if getattr(expect, part) and not signals.get(part):
            add(part, words[part], scorer.with_signals(**{part: 1.0}), target=part)
    if signals["units"] < expect.min_paragraphs:
        text = words["paragraphs"].format(
            count=plural(expect.min_paragraphs, "paragraph") + " or points"
        )
        add("paragraphs", text, scorer.with_signals(units=float(expect.min_paragraphs)))
    folded = _budget_candidate(inputs, scorer, add, points)
    kinds = {d.id: d.kind for d in inputs.rubric.dimensions}
    qkinds = {kinds.get(q.id) for q in inputs.question.dimensions}
    elements: list[str] = []
    for directive in [inputs.question.directive, *inputs.question.extra_directives]:
        elements += structure_settings().directives.get(directive, ["breadth"])
    for element in dict.fromkeys(elements):
        if element not in _DIRECTIVE_SIGNALS:
            continue  # content and breadth are met by concepts, ranked above
        if element in _WORDING_SIDE and _WORDING_SIDE[element] in qkinds:
            continue  # a dimension decides it: its concepts are the steps
        signal, value = _DIRECTIVE_SIGNALS[element]
        given = signals.get(signal, 0.0)
        if given >= value:
            continue
        # one reason given of the two asked for: ask for another, not for reasons
        text = words["reasons_more"] if element == "reasons" and given >= 1 else words[element]
        if element == "judgement" and signals.get("conclusion"):
            text = words["judgement_in_conclusion"]  # not "close with": it has a close
        add(element, text, scorer.with_signals(**{signal: value}), target=element)
    return folded


def _budget_candidate(
    inputs: MarksInputs,
    scorer: _Scorer,
    add: _AddStep,
    points: Sequence[ConceptResult] = (),
) -> str | None:
    """The word budget met: the budget component in full, the length advisories gone, and the
    relevance's length factor at one (its topic share unchanged).

    When a length cap holds the marks (a too-short answer whose next rounding step lies above
    its cap), no point added alone can show in the marks, and more words alone add little: the
    words have to carry content. The step then names the point worth most once the cap is gone
    ("...; for instance, add X") and is worth the two together; that point's own step is
    dropped (its id is returned)."""
    words = feedback_settings().steps
    structure = inputs.structure
    limit = structure.word_limit
    count = structure.word_count
    budget = structure.word_budget
    if budget == "within" or not limit:
        return None
    bands = structure_settings().budget
    advisories = [a for a in inputs.advisories if a.code not in BUDGET_ADVISORIES]
    if budget == "over_limit":
        text = words["over_limit"].format(fewer=count - limit, limit=limit)
        relevance = inputs.relevance
    else:
        target = max(round(bands.short * limit), 1)
        template = "too_short" if budget == "too_short" else "short"
        text = words[template].format(more=target - count, target=f"{bands.short:.0%}", limit=limit)
        length = inputs.relevance_length
        relevance = inputs.relevance / length if length > 0 else inputs.relevance
    signals = {**scorer.signals, "word_budget": 1.0}

    def met(scores: Mapping[str, float] | None = None) -> tuple[float, float]:
        # the marks with the budget met (and, given ``scores``, a point added as well)
        return scorer.marks(
            scores=scores, signals=signals, advisories=advisories, relevance=min(1.0, relevance)
        )

    result = met()
    folded = None
    if budget != "over_limit" and points and _held_by_length_cap(inputs, scorer):
        # the most unrounded marks; the first of equals
        with_point, point = max(
            ((met(scorer.scores_with(c, 1.0)), c) for c in points), key=lambda f: f[0][1]
        )
        if with_point[0] > result[0]:
            result, folded = with_point, point.id
            label, _ = _step_label(point.label, point.source_note, feedback_settings().label_chars)
            text = words["with_point"].format(step=text, label=label)
    add("word_budget", text, result, target="word_budget")
    return folded


def _held_by_length_cap(inputs: MarksInputs, scorer: _Scorer) -> bool:
    """Whether a length advisory's cap keeps the marks from rising by a rounding step."""
    cap, _ = advisory_limits(a for a in inputs.advisories if a.code in BUDGET_ADVISORIES)
    step = inputs.rubric.scoring.rounding
    return cap is not None and scorer.base + step > cap * inputs.question.max_marks + 1e-9


def _without_repeats(steps: list[NextStep]) -> list[NextStep]:
    seen: set[str] = set()
    kept = []
    for step in steps:
        key = normalised(step.text)
        if key not in seen:
            seen.add(key)
            kept.append(step)
    return kept


def _spread(
    steps: list[NextStep], shown: int, aside: frozenset[str] = frozenset()
) -> tuple[list[NextStep], list[NextStep]]:
    """The best ``shown`` steps, spread over dimensions: among steps worth the same, a second
    concept of a dimension comes after the first concept of every other dimension (two concepts
    of one untouched dimension each claim the breadth gain, but only one is needed for it). A
    concept ``aside`` (off the question's focus) comes after the steps worth the same, and is
    shown only when no other step is left (the rest stay in the full list)."""
    repeats: dict[str, int] = {}
    keys = {}
    for rank, step in enumerate(steps):
        seen = repeats.get(step.dimension, 0) if step.dimension else 0
        if step.dimension:
            repeats[step.dimension] = seen + 1
        keys[id(step)] = (-step.gain, step.target in aside, seen, rank)
    ordered = sorted(steps, key=lambda s: keys[id(s)])
    # the steps shown are the question's own; the others only when it has none left
    first = [s for s in ordered if s.target not in aside][:shown]
    first = first or ordered[:shown]
    chosen = {id(s) for s in first}
    return sorted(first, key=lambda s: keys[id(s)]), [s for s in ordered if id(s) not in chosen]


# --- strengths, improvements, comment -----------------------------------------------------------


def _inside(word: str, phrase: str) -> bool:
    """Whether ``word`` is ``phrase`` or whole words of it, in any case ("Global Partnership"
    in "Special Strategic and Global Partnership")."""
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", phrase.lower()) is not None


def _credited_words(
    concepts: Iterable[ConceptResult],
    limit: int = 4,
    subject: frozenset[str] = frozenset(),
    quoted: AbstractSet[str] = frozenset(),
    nested: bool = True,
) -> list[str]:
    """The answer's words that earned these concepts, the most telling first; words already
    ``quoted`` (by another strength) only when there are no others. ``nested``: a word inside
    a longer one quoted ("Quality Infrastructure" beside "Partnership for Quality
    Infrastructure") or holding one ("foreign ministers" after "ministers"), or the same in
    another case, counts as quoted (a compact batch file of an older format passes False)."""
    words: list[str] = []
    for concept in concepts:
        words += concept.matched
    unique_words = list(dict.fromkeys(w.strip() for w in words if w.strip()))
    if nested:  # one spelling of a phrase, the first written, where it was first written
        spelt: dict[str, str] = {}
        for word in unique_words:
            spelt.setdefault(word.lower(), word)
        unique_words = list(spelt.values())
    # a match of function words only ('Both', a cue for 'both countries'), one lower-case stop
    # word ('together', a cue for cooperation in the Quad; not 'third' or 'US'), or the topic's
    # own name ('Japanese', which every answer writes), tells the learner nothing: quoted only
    # when nothing else earned the credit
    function = function_words()
    telling = [
        w
        for w in unique_words
        if not set(w.lower().split()) <= function
        and not (w in STOP_WORDS and not like_num(w))
        and w.lower() not in subject
    ]
    unique_words = telling or unique_words
    if nested:
        fresh = [w for w in unique_words if not any(_inside(w, q) or _inside(q, w) for q in quoted)]
    else:
        fresh = [w for w in unique_words if w not in quoted]
    unique_words = fresh or unique_words
    # the most telling first: 'free and open Indo-Pacific' before 'Quad'
    ranked = sorted(unique_words, key=lambda w: (-len(w), unique_words.index(w)))
    if nested:  # "development" says nothing "development assistance" has not said
        kept: list[str] = []
        for word in ranked:
            if not any(_inside(word, longer) for longer in kept):
                kept.append(word)
        ranked = kept
    return ranked[:limit]


def _quoted(words: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


STRENGTH = 0.6
"""A dimension the answer earns at least this share of is a strength."""
WELL_COVERED = 0.9
"""From this share on it is 'well covered'; below, 'mostly covered' (at 60% of the dimension,
'well covered' told a learner there was nothing left to add)."""


def strengths_of(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    *,
    penalties: frozenset[str] = frozenset(),
    subject: frozenset[str] = frozenset(),
    well_covered: float = WELL_COVERED,
    distinct: bool = True,
    nested: bool = True,
) -> list[str]:
    """Dimensions well covered, each with the answer's own words that earned it; facts right.
    Misconceptions (``penalties``) are never a strength; the rubric's ``subject`` names (lower
    case) are quoted only when nothing else earned a dimension. ``well_covered``: the share of
    a dimension from which it is 'well covered' rather than 'mostly covered'; ``distinct``: a
    word one strength quotes is not quoted again by the next ("South China Sea" earns points
    in two dimensions) unless that dimension has no other; ``nested``: nor a word inside one
    quoted, nor the same in another case (a compact batch file of an older format passes its
    own)."""
    covered_in: dict[str, list[ConceptResult]] = {}
    for c in concepts:
        if c.id not in penalties and c.credit >= 1.0:
            covered_in.setdefault(c.dimension, []).append(c)
    strengths: list[str] = []
    quoted: set[str] = set()
    for dimension in dimensions:
        earned = covered_in.get(dimension.id, [])
        words = _credited_words(earned, subject=subject, quoted=quoted, nested=nested)
        if dimension.score >= STRENGTH and words:
            how = "well covered" if dimension.score >= well_covered else "mostly covered"
            strengths.append(f"{dimension.label}: {how} — you wrote {_quoted(words)}.")
            if distinct:
                quoted.update(words)
    for fact in facts:
        if fact.status == "supported":
            strengths.append(f"Accurate fact: {fact.claim}")
    return strengths


def improvements_of(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    structure: StructureResult,
    advisories: list[Advisory],
    *,
    missing_per_dimension: int = 2,
    max_missing: int = 8,
    penalties: frozenset[str] = frozenset(),
    quiet: frozenset[str] = frozenset(),
) -> list[str]:
    """Every improvement point, most valuable first, none repeated (the full list for tutors).
    A misconception (in ``penalties``) is never suggested; one the answer states is named. A
    ``quiet`` concept (learned from marks, or a denial) is never suggested nor called denied."""
    limit_chars = feedback_settings().label_chars
    improvements: list[str] = []
    for concept in concepts:
        if concept.id in penalties and concept.id not in quiet and concept.credit > 0:
            improvements.append(
                f"'{clip(concept.label, limit_chars)}' is a misconception and cost marks: "
                f"{concept.source_note}"
            )
    concepts = [c for c in concepts if c.id not in penalties and c.id not in quiet]
    labels = {d.id: d.label for d in dimensions}
    for fact in facts:
        if fact.status == "contradicted":
            improvements.append(f"Check your facts: {fact.message or fact.claim}")
    for concept in concepts:
        if concept.status == "negated":
            improvements.append(
                f"You deny '{clip(concept.label, limit_chars)}' ({concept.reason}); the source "
                f"notes say: {concept.source_note}"
            )
    missing_in: dict[str, list[ConceptResult]] = {}
    partial_in: dict[str, list[ConceptResult]] = {}
    for c in concepts:  # in answer order, per dimension
        if c.status == "missing":
            missing_in.setdefault(c.dimension, []).append(c)
        elif c.status == "partial":
            partial_in.setdefault(c.dimension, []).append(c)
    suggestions = 0
    for dimension in sorted(dimensions, key=lambda d: (d.score, d.id)):
        if dimension.score >= 1.0 or suggestions >= max_missing:
            continue
        missing = sorted(missing_in.get(dimension.id, []), key=lambda c: (-c.weight, c.id))[
            :missing_per_dimension
        ]
        for concept in missing[: max_missing - suggestions]:
            suggestions += 1
            improvements.append(f"{labels[dimension.id]}: {_add_point(concept, 'add')}")
        for concept in partial_in.get(dimension.id, [])[:1]:
            improvements.append(_add_point(concept, "Develop"))
    budget_advisory = any(a.code in BUDGET_ADVISORIES for a in advisories)
    for line in structure.feedback:
        # the length advisory says the same as the budget line, and says what it cost
        if budget_advisory and line.startswith("At ") and "-word limit" in line:
            continue
        if budget_advisory and line.startswith(f"At {structure.word_count} of "):
            continue
        improvements.append(line)
    improvements.extend(a.message for a in advisories)
    return unique(improvements)


def unsaid_improvements(report: Mapping[str, Any]) -> list[str]:
    """The improvement points of a report (as JSON) that nothing else in it says: not an
    advisory's message, and not a next step (or a further step) in other words, whether the
    step's own advice ("Put the body under short sub-headings ...") or the point it adds (the
    line ends with that concept's source note). What a face lists after the steps and the
    advisories, so its feedback never repeats itself. A report stored before steps existed
    keeps every point but the advisories. Nor a wrong fact's message ("Check your facts: you
    wrote 2018 ..."): every face that lists these points lists the wrong facts too."""
    feedback = report.get("feedback") or {}
    steps = [*(feedback.get("next_steps") or []), *(feedback.get("more_steps") or [])]
    notes = {
        str(c.get("id")): str(c.get("source_note") or "") for c in report.get("concepts") or []
    }
    said = {normalised(str(a.get("message") or "")) for a in report.get("advisories") or []}
    openings = [normalised(str(step.get("text") or "")) for step in steps]
    endings = [normalised(notes.get(str(step.get("target")), "")) for step in steps]
    # a point a step names in passing ("...; for instance, add Shinzo Abe's speech (2007)")
    chars = feedback_settings().label_chars
    for concept in report.get("concepts") or []:
        label = str(concept.get("label") or "")
        named = normalised(_step_label(label, notes.get(str(concept.get("id")), ""), chars)[0])
        if named and any(f"add {named}" in o for o in openings):
            endings.append(normalised(notes.get(str(concept.get("id")), "")))
    endings += [
        normalised(str(f.get("message") or f.get("claim") or ""))
        for f in report.get("facts") or []
        if f.get("status") == "contradicted"
    ]
    openings = [o for o in openings if o]
    endings = [e for e in endings if e]
    # an answer at full marks has no point to add or develop; a short answer or a linear
    # question is not marked on its form (its structure advice earns nothing)
    full = float(report.get("marks") or 0) >= float(report.get("max_marks") or 1) - 1e-9
    points = {normalised(n) for n in notes.values() if n} if full else set()
    essay = str((report.get("arithmetic") or {}).get("formula", "raw = ")).startswith("raw = ")
    form = set() if essay else {normalised(str(x)) for x in _structure_lines(report)}
    kept = []
    for line in feedback.get("improvements") or []:
        key = normalised(str(line))
        if key in form or any(key.endswith(p) for p in points):
            continue
        if key in said or any(key.startswith(o) for o in openings):
            continue
        if any(key.endswith(e) for e in endings):
            continue
        kept.append(str(line))
    return kept


def fact_step_head(text: str, message: str) -> str | None:
    """A step that corrects a fact, without the fact's message ('Correct the fact on Civil
    nuclear agreement (November 2016)'), for a face that lists the wrong facts apart: None
    when the step does not end with that message."""
    head, found, _ = text.partition(": " + message.rstrip("."))
    return head if found else None


def _structure_lines(report: Mapping[str, Any]) -> list[str]:
    """The structure feedback of a report (as JSON)."""
    return [str(x) for x in (report.get("structure") or {}).get("feedback") or []]


def _add_point(concept: ConceptResult, verb: str) -> str:
    """'add <label>. <note>', or the note alone when the label only repeats it."""
    note = concept.source_note.strip()
    if _label_is_note(concept.label, note):
        return f"{verb} {_sentence(note[:1].lower() + note[1:])}" if note else verb
    label = clip(concept.label, feedback_settings().label_chars)
    return f"{verb} {label}{':' if verb == 'Develop' else '.'} {note}".strip()


def examiner_comment(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    structure: StructureResult,
    next_steps: list[NextStep],
    directive: str,
    *,
    subject: frozenset[str] = frozenset(),
    nested: bool = True,
    length_gap: bool = True,
    capped_by: Sequence[str] = (),
    directive_marked: bool = True,
    own_first: bool = False,
) -> str:
    """Two or three sentences: what the answer does well, its biggest gap, the directive. The
    rubric's ``subject`` names are quoted as a strength only when nothing else earned it;
    ``nested``: as for :func:`strengths_of`; ``length_gap``: a first step about the word budget
    is called the answer's length (engine 0.9.42; before, its form); ``capped_by``: the codes
    of the advisories that cap the marks, named when no step can raise them;
    ``directive_marked``: the directive's fit counts in the marks (not for a short answer or a
    linear question, whose comment leaves it out; compact format 10); ``own_first``: the
    strength is a dimension with a point of the rubric's own credited when there is one, not
    the learned phrases or graded examples of a tuned rubric (compact format 10)."""
    words = feedback_settings().comment
    sentences: list[str] = []
    candidates = dimensions
    if own_first:
        own = {c.dimension for c in concepts if c.credit > 0 and not (c.learned or c.penalty)}
        candidates = [d for d in dimensions if d.id in own] or dimensions
    best = max(candidates, key=lambda d: (d.score, d.weight, d.id), default=None)
    credited = (
        _credited_words(
            [
                c
                for c in concepts
                if c.dimension == best.id
                and c.credit > 0
                # a tuned rubric's phrase of low-marked answers is no strength
                and not (own_first and (c.learned or c.penalty))
            ],
            3,
            subject,
            nested=nested,
        )
        if best and best.score > 0
        else []
    )
    if best is not None and credited:
        sentences.append(words["strength"].format(dimension=best.label, words=_quoted(credited)))
    else:
        parts = [
            name
            for name, present in (
                ("an introduction", structure.has_introduction),
                ("a conclusion", structure.has_conclusion),
                ("points or headings", structure.uses_points_or_headings),
            )
            if present
        ]
        learned = own_first and any(c.learned and c.credit > 0 and not c.penalty for c in concepts)
        if len(parts) >= 2:
            sentences.append(words["strength_structure"].format(parts=", ".join(parts)))
        elif learned:
            # a tuned rubric's marks from phrases and examples: "does not yet earn credit for
            # any point" read as a contradiction of 2 marks of 3
            sentences.append(words["strength_learned"])
        else:
            sentences.append(words["no_strength"])
    if next_steps:
        first = next_steps[0]
        where = next((d.label for d in dimensions if d.id == first.dimension), None)
        if where:
            sentences.append(words["gap"].format(dimension=where, worth=first.worth))
        elif first.kind == "word_budget" and length_gap:
            sentences.append(words["gap_length"].format(worth=first.worth))
        elif first.kind == "advisory":
            sentences.append(words["gap_advisory"].format(worth=first.worth))
        else:
            sentences.append(words["gap_structure"].format(worth=first.worth))
    elif capped_by:
        codes = ", ".join(code.replace("_", " ") for code in dict.fromkeys(capped_by))
        sentences.append(words["no_gap_capped"].format(codes=codes))
    else:
        sentences.append(words["no_gap"])
    if not directive_marked:
        return " ".join(_sentence(s) for s in sentences)
    asks = feedback_settings().directive_asks
    ask = asks.get(directive, asks["default"])
    name = directive.capitalize()
    if structure.directive_fit >= 0.999:
        sentences.append(words["directive_met"].format(directive=name, ask=ask))
    elif structure.word_count:
        fit = f"{structure.directive_fit:.0%}"
        sentences.append(words["directive_part"].format(directive=name, ask=ask, fit=fit))
    return " ".join(_sentence(s) for s in sentences)


def build_feedback(
    inputs: MarksInputs, dimensions: list[DimensionResult], facts: list[FactResult]
) -> Feedback:
    """Strengths, the ranked next steps with their worth, the examiner's comment and the full
    list of improvement points."""
    concepts = inputs.concepts
    next_steps, more_steps = rank_next_steps(inputs, dimensions, facts)
    penalties = penalty_ids(inputs.rubric)
    subject = subject_words(inputs.rubric)
    return Feedback(
        strengths=strengths_of(concepts, dimensions, facts, penalties=penalties, subject=subject),
        improvements=improvements_of(
            concepts,
            dimensions,
            facts,
            inputs.structure,
            inputs.advisories,
            penalties=penalties,
            quiet=quiet_ids(inputs.rubric),
        ),
        comment=examiner_comment(
            concepts,
            dimensions,
            inputs.structure,
            next_steps,
            inputs.question.directive,
            subject=subject,
            capped_by=[a.code for a in inputs.advisories if a.cap is not None],
            directive_marked=inputs.question.essay_marked,
            own_first=True,
        ),
        next_steps=next_steps,
        more_steps=more_steps,
    )
