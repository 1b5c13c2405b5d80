"""The marks arithmetic, in one place: features of an answer (dimension scores, structure,
relevance, bonus keywords, advisories) -> marks out of the question's maximum.

Grading calls :func:`compute_marks` once per answer; tuning calls :func:`raw_score` and
:func:`marks_from_raw` over arrays of answers and candidate ceilings and curves. Both paths run
this code, so the marks a tuned rubric is fitted to are the marks it gives.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from evaluator.rubric.model import Question, Rubric, ScoringSettings
from evaluator.scoring.report import Advisory, Arithmetic

ROUNDING_EPSILON = 1e-9
"""Absorbs binary noise on the step grid, so 6.25 rounds to 6.5 every time."""


class RawScore(NamedTuple):
    """The weighted parts of an answer's score before the mapping to marks (unrounded)."""

    content: float
    breadth: float
    bonus: float
    raw: float
    """(shares . parts) / sum of shares + bonus, clipped to [0, 1]."""


class MarksMapping(NamedTuple):
    """The raw score mapped to marks: the curve, the marks before advisories, the final marks."""

    curved: Any
    before_advisories: Any
    marks: Any
    capped: Any
    """Whether an advisory's cap lowered the marks (they then round down, never past the cap)."""


def raw_score(
    settings: ScoringSettings,
    dimension_weights: Mapping[str, float],
    dimension_scores: Mapping[str, float],
    structure: float,
    bonus_count: int,
    relevance: float = 0.0,
    *,
    short: bool = False,
) -> RawScore:
    """Weighted coverage, breadth, structure and relevance, plus the bonus, as a share in [0, 1].

    A short answer (``short=True``) is content only: raw is the weighted coverage."""
    s = settings
    total = sum(dimension_weights.values())
    weights = dimension_weights
    content = sum(weights[d] * dimension_scores.get(d, 0.0) for d in weights) / total
    if short:
        return RawScore(content, 0.0, 0.0, min(1.0, max(0.0, content)))
    touched = sum(1 for d in weights if dimension_scores.get(d, 0.0) >= s.breadth_threshold)
    breadth = touched / len(weights)
    bonus = min(s.bonus_cap, s.bonus_per_keyword * bonus_count)
    shares = s.content_share + s.breadth_share + s.structure_share + s.relevance_share
    raw = (
        s.content_share * content
        + s.breadth_share * breadth
        + s.structure_share * structure
        + s.relevance_share * relevance
    ) / shares + bonus
    return RawScore(content, breadth, bonus, min(1.0, max(0.0, raw)))


class AdvisoryLimits(NamedTuple):
    """What the advisories do to the marks, in the order they apply."""

    cap: float | None
    """The lowest cap, a share of the maximum (None: no cap)."""
    penalty: float
    """The summed penalty, a share of the maximum (at most 1)."""
    deduction: float
    """The summed deduction, a share of the (capped) marks themselves (at most 1)."""


def advisory_limits(advisories: Iterable[Advisory]) -> AdvisoryLimits:
    """The advisories' lowest cap, summed penalty and summed deduction."""
    fired = list(advisories)
    cap = min((a.cap for a in fired if a.cap is not None), default=None)
    return AdvisoryLimits(
        cap, min(1.0, sum(a.penalty for a in fired)), min(1.0, sum(a.deduction for a in fired))
    )


def marks_from_raw(
    raw: Any,
    max_marks: Any,
    *,
    ceiling: Any,
    curve: Any,
    cap: Any,
    penalty: Any,
    step: Any,
    cuts: Sequence[float] | None = None,
    deduction: Any = 0.0,
) -> MarksMapping:
    """``max_marks * ceiling * raw**curve``, capped, less the deduction (a share of those marks)
    and the penalty (a share of the maximum), rounded to ``step``;
    with ``cuts`` (a linear question's ``cut_points``, plain floats only), turned into
    ``max_marks / len(cuts)`` for every cut point reached instead, never past a cap.

    Works on floats and on numpy arrays that broadcast together (tuning passes a grid of
    ceilings and curves against every answer); ``cap`` is ``inf`` where no advisory caps."""
    arrays = any(
        isinstance(v, np.ndarray) for v in (raw, max_marks, ceiling, curve, cap, penalty, deduction)
    )
    # one formula for both; plain floats skip numpy's per-call cost (grading and the ranked next
    # steps call this about 20 times an answer)
    ops = np if arrays else _FloatOps
    curved = raw**curve
    before = max_marks * ceiling * curved
    limit = cap * max_marks
    capped = limit < before
    marks = ops.maximum(0.0, ops.minimum(before, limit) * (1.0 - deduction) - penalty * max_marks)
    # a cap is a ceiling: rounding must not lift the marks past it (15% of 15 is 2.0, not 2.5);
    # adding 0.0 is exact, so a capped mark rounds down with the same sums as the rest
    half = ops.where(capped, 0.0, 0.5)
    rounded = ops.floor(marks / step + half + ROUNDING_EPSILON) * step
    # ... nor may rounding up a mark just under the cap (1.34 under a cap of 1.35 is 1.0, not
    # 1.5: else an answer that lost a point scored above the same answer capped with it)
    if arrays:
        rounded = np.minimum(rounded, np.floor(limit / step + ROUNDING_EPSILON) * step)
    elif limit != math.inf:
        rounded = min(rounded, math.floor(limit / step + ROUNDING_EPSILON) * step)
    # ... nor past the maximum, when the step does not divide it (a step of 0.8 of 3 marks had
    # given "3.2 / 3 (107%)"; hostile trial 33)
    rounded = ops.minimum(rounded, max_marks)
    if cuts and not arrays:
        size = float(max_marks) / len(cuts)
        reached = sum(1 for c in cuts if marks + ROUNDING_EPSILON >= c) * size
        if capped:  # the cap stays a ceiling: at most the whole steps below it
            reached = min(reached, math.floor(max(0.0, marks) / size + ROUNDING_EPSILON) * size)
        rounded = round(reached, 6)
    return MarksMapping(curved, before, rounded if arrays else float(rounded), capped)


class _FloatOps:
    """The four numpy functions :func:`marks_from_raw` uses, for plain floats."""

    maximum = staticmethod(max)
    minimum = staticmethod(min)
    floor = staticmethod(math.floor)

    @staticmethod
    def where(condition: bool, yes: float, no: float) -> float:
        return yes if condition else no


def marks_formula(rubric: Rubric, question: Question) -> str:
    """The marks arithmetic of a question in words (the same for every answer to it)."""
    s = rubric.scoring
    step = rubric.step_of(question)
    if question.intercept is not None:
        ending = f"rounded to {step}"
        if question.cut_points:
            size = question.max_marks / len(question.cut_points)
            cuts = ", ".join(f"{c:g}" for c in question.cut_points)
            unit = "mark" if size == 1 else "marks"
            ending = f"then {size:g} {unit} for each cut point reached ({cuts})"
        return (
            f"{'short answer, ' if question.kind == 'short' else ''}linear: marks = "
            f"{question.intercept:g} + sum of weight * credit "
            f"(penalties subtract; 0 when no concept is found), clipped to "
            f"[0, {question.max_marks}], then advisories, "
            f"{ending}"
        )
    if question.kind == "short":
        return (
            f"short answer: marks = {question.max_marks} * content, then advisories, "
            f"rounded to {step}"
        )
    shares = s.content_share + s.breadth_share + s.structure_share + s.relevance_share
    return (
        f"raw = ({s.content_share}*content + {s.breadth_share}*breadth + "
        f"{s.structure_share}*structure + {s.relevance_share}*relevance) / {shares:g} + bonus; "
        f"marks = {question.max_marks} * {s.ceiling} * raw^{s.curve}, then advisories, "
        f"rounded to {step}"
    )


def dimension_score(
    earned: float,
    possible: float,
    expected: float | None,
    saturation: float,
    *,
    linear: bool = False,
) -> float:
    """A dimension's score in [0, 1]: weighted credit over what saturates it (the dimension's
    ``expected`` weight, else ``saturation`` times all its concepts' weight). Misconceptions
    (penalty concepts) can make ``earned`` negative: the score never goes below zero.

    In a linear short question (``linear``: the question has an ``intercept``) the score is the
    signed marks its concepts earn, unclipped: the question's sum is clipped once."""
    if linear:
        return earned
    full = expected or saturation * possible
    return min(1.0, max(0.0, earned / full)) if full > 0 else 0.0


def _question_marks(
    rubric: Rubric,
    question: Question,
    dimension_scores: Mapping[str, float],
    structure_score: float,
    bonus_count: int,
    advisories: Iterable[Advisory],
    relevance: float,
) -> tuple[RawScore, AdvisoryLimits, MarksMapping]:
    """(the raw score's parts, what the advisories do, the mapped marks) of a question:
    the one path from features to marks that grading and the ranked next steps share."""
    s = rubric.scoring
    # a short answer, or a linear question: marks = max_marks x raw (no UPSC ceiling or curve)
    short = question.kind == "short" or question.intercept is not None
    found = True
    if question.intercept is not None:
        # linear short answer: concept weights are marks and pass through unchanged; an answer
        # none of whose concepts earns or costs anything (off topic, or empty of content) gets
        # nothing: alone, a fitted intercept of 1.07 had rounded into 1 of 4 for an answer
        # about something else (session 44)
        found = any(score != 0 for score in dimension_scores.values())
        content = (
            (question.intercept + sum(dimension_scores.values())) / question.max_marks
            if found
            else 0.0
        )
        parts = RawScore(content, 0.0, 0.0, min(1.0, max(0.0, content)))
    else:
        weights = {q.id: q.weight for q in question.dimensions}
        parts = raw_score(
            s, weights, dimension_scores, structure_score, bonus_count, relevance, short=short
        )
    limits = advisory_limits(advisories)
    # a short answer: marks = max_marks x weighted concept credit (no UPSC ceiling or curve)
    ceiling, curve = (1.0, 1.0) if short else (s.ceiling, s.curve)
    mapped = marks_from_raw(
        parts.raw,
        question.max_marks,
        ceiling=ceiling,
        curve=curve,
        cap=float("inf") if limits.cap is None else limits.cap,
        penalty=limits.penalty,
        step=rubric.step_of(question),
        # (nothing found reaches no cut point either, wherever the fit put the first)
        cuts=question.cut_points if question.intercept is not None and found else None,
        deduction=limits.deduction,
    )
    return parts, limits, mapped


def final_marks(
    rubric: Rubric,
    question: Question,
    dimension_scores: Mapping[str, float],
    structure_score: float,
    bonus_count: int,
    advisories: Iterable[Advisory],
    relevance: float = 0.0,
) -> tuple[float, float]:
    """The marks (rounded, as graded) and the unrounded marks after advisories, without the
    report's arithmetic text: what :func:`compute_marks` gives, cheap enough to call once per
    candidate change (feedback ranks its next steps with it)."""
    _parts, limits, mapped = _question_marks(
        rubric, question, dimension_scores, structure_score, bonus_count, advisories, relevance
    )
    limit = float("inf") if limits.cap is None else limits.cap * question.max_marks
    unrounded = max(
        0.0,
        min(float(mapped.before_advisories), limit) * (1.0 - limits.deduction)
        - limits.penalty * question.max_marks,
    )
    return round(float(mapped.marks), 2), unrounded


def compute_marks(
    rubric: Rubric,
    question: Question,
    dimension_scores: dict[str, float],
    structure_score: float,
    bonus_count: int,
    advisories: list[Advisory],
    relevance: float = 0.0,
) -> tuple[Arithmetic, float]:
    """Weighted coverage, breadth and structure -> marks out of the question's maximum."""
    parts, limits, mapped = _question_marks(
        rubric, question, dimension_scores, structure_score, bonus_count, advisories, relevance
    )
    formula = marks_formula(rubric, question)
    arithmetic = Arithmetic(
        content=round(parts.content, 4),
        breadth=round(parts.breadth, 4),
        structure=round(structure_score, 4),
        relevance=round(relevance, 4),
        bonus=round(parts.bonus, 4),
        raw=round(parts.raw, 4),
        curved=round(float(mapped.curved), 4),
        before_advisories=round(float(mapped.before_advisories), 3),
        cap=limits.cap,
        penalty=round(limits.penalty, 4),
        deduction=round(limits.deduction, 4),
        formula=formula,
    )
    return arithmetic, round(float(mapped.marks), 2)
