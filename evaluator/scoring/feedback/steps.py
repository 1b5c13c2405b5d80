"""The next steps: every candidate change to the answer (a missing concept credited, a partial
one completed, a contradicted fact corrected, an introduction added, the word budget met...),
each worth its exact gain in marks (:class:`~evaluator.scoring.feedback.worth.Scorer`), ranked
and spread over the dimensions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from evaluator.scoring.checks.advisories import factual_errors
from evaluator.scoring.checks.structure import closes_with_verdict, word_budget
from evaluator.scoring.feedback.wording import (
    clip,
    in_sentence,
    normalised,
    plural,
    step_label,
    worth_text,
)
from evaluator.scoring.feedback.worth import Change, MarksInputs, ReferenceGap, Scorer
from evaluator.scoring.marks import advisory_limits
from evaluator.scoring.report import (
    Advisory,
    ConceptResult,
    DimensionResult,
    FactResult,
    NextStep,
    says_the_point,
)
from evaluator.settings import feedback_settings, structure_settings
from evaluator.text import fill

BUDGET_ADVISORIES = frozenset({"too_short", "over_limit"})
"""Advisories that say what the word-budget advice says (one of the two is kept, not both)."""
DIMENSION_CHARS = 48
"""Longest dimension label named in a step (derived rubrics join several headings into one)."""


def step_dimension(label: str) -> str:
    """A dimension's label as a step names it, inside a sentence: cut to
    :data:`DIMENSION_CHARS`, a leading determiner lower-cased ("(the GST Council: not in the
    answer yet)"; trial s46 read "(The GST Council: ..."), as the comment names it."""
    return in_sentence(clip(label, DIMENSION_CHARS))


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
_LIFTABLE = frozenset(
    {
        "copied_source",
        "keyword_stuffing",
        "fact_list",
        "one_sided",
        "missing_part",
        "repetition",
        "not_english",
    }
)
"""Advisories whose cap or deduction a rewrite lifts: each gets a step worth what it costs."""
_AddStep = Callable[..., None]
"""Records a candidate step: (kind, text, (marks, unrounded marks), change, **NextStep fields)."""


class _Candidate(NamedTuple):  # a tuple: about 50 are made per answer
    step: NextStep
    unrounded_gain: float
    order: int
    potential: float = 0.0
    """What the step is worth once a length cap that holds the marks is gone (0 otherwise): it
    orders the points a capped answer should add, whose gains now all round to nothing."""


def rank_next_steps(
    inputs: MarksInputs, dimensions: list[DimensionResult], facts: list[FactResult]
) -> tuple[list[NextStep], list[NextStep]]:
    """(the next steps shown, the rest): every change that gains marks, best first, the shown
    ones spread over dimensions (one concept per dimension while other steps remain)."""
    settings = feedback_settings()
    words = settings.steps
    limit_chars = settings.label_chars
    scorer = Scorer(inputs)
    labels = {d.id: d.label for d in dimensions}
    touched = {d.id for d in dimensions if d.score >= inputs.rubric.scoring.breadth_threshold}
    candidates: list[_Candidate] = []

    full_marks = scorer.base >= inputs.question.max_marks - 1e-9
    # a length cap that holds the marks: every point's own gain rounds to nothing, so points
    # are ordered by what they earn once the answer is long enough (trial 29c: a defence
    # exercise came before the way forward on a challenges question)
    uncapped = (
        [a for a in inputs.advisories if a.code not in BUDGET_ADVISORIES]
        if _held_by_length_cap(inputs, scorer)
        else None
    )
    uncapped_base = scorer.marks(advisories=uncapped)[1] if uncapped is not None else 0.0
    potentials: dict[str, float] = {}  # concept id -> its step's potential
    changes: dict[int, Change] = {}  # id of a step -> what it changes

    def add(
        kind: str, text: str, result: tuple[float, float], change: Change, **extra: str
    ) -> None:
        marks, unrounded = result
        gain = unrounded - scorer.base_unrounded
        # an answer at full marks can gain nothing, however its unrounded marks would move (a
        # tuned short answer's cut points give 3 of 3 from 2.3: it was told to develop five
        # points, each worth +0); a point a length cap holds whole gains nothing alone, but is a
        # step once the cap is gone (its potential): after the word budget's step, it is worth
        # what it adds there (s49: a too-short answer's one step was the word budget)
        held = potentials.get(extra.get("target", ""), 0.0) if kind != "fact" else 0.0
        if (gain <= 1e-9 and held <= 1e-9) or full_marks:
            return
        rounded = round(max(0.0, marks - scorer.base), 2)
        step = NextStep(
            kind=kind,
            text=text,
            gain=rounded,
            marks_after=marks,
            worth=worth_text(rounded, inputs.rubric.step_of(inputs.question)),
            **extra,
        )
        changes[id(step)] = change
        candidates.append(_Candidate(step, gain, len(candidates), held))

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
        potential = 0.0
        if uncapped is not None and kind in ("concept", "develop"):
            scores = scorer.scores_with(concept, credit)
            potential = scorer.marks(scores=scores, advisories=uncapped)[1] - uncapped_base
        if result[1] - scorer.base_unrounded <= 1e-9 and potential <= 1e-9:
            continue  # gains nothing, nor once a length cap is gone: not worded
        dimension = dimension_names.get(concept.dimension)
        if dimension is None:
            dimension = dimension_names[concept.dimension] = step_dimension(
                labels.get(concept.dimension, concept.dimension)
            )
        label, detail = step_label(concept.label, concept.source_note, limit_chars)
        extra = {"target": concept.id, "dimension": concept.dimension, "detail": detail}
        if kind == "negated" and not label.startswith("“"):
            label = f"“{label}”"  # a label inside a sentence: 'Restate “Doubts about …”'
        elif not label.startswith("“"):
            label = in_sentence(label)  # 'Add the 2+2 dialogue', not 'Add The 2+2 dialogue'
        # a short answer's point made in part: the reference's words it leaves out, or its polarity
        gap = inputs.reference_gaps.get(concept.id) if kind == "develop" else None
        if gap is not None and gap.other_polarity:
            template = "develop_polarity"
        elif gap is not None and (gap.said or gap.denied):
            template = "develop_words"
        elif gap is not None:  # every word found: similar words, or words beyond the reference
            template = "develop_close"
        if kind != "fact":
            text = words[template].format(
                label=label, dimension=dimension, words=_gap_words(gap) if gap else ""
            )
            potentials[concept.id] = potential
            add(kind, text, result, Change(credits={concept.id: credit}), **extra)
        else:
            fact = contradicted.get(concept.id)
            message = (fact.message or fact.claim) if fact else concept.reason
            text = words["fact"].format(label=label, message=message.rstrip("."))
            change = Change(credits={concept.id: credit}, corrected=frozenset({concept.id}))
            add("fact", text, result, change, **extra)

    folded = _structure_candidates(inputs, scorer, add, points)
    for advisory in inputs.advisories:
        # a cap or deduction for how the answer is written: the learner can lift it (a copied
        # passage capped one answer from 6.4 to 2.5 and its only step was to cut 34 words)
        if advisory.code in _LIFTABLE and (
            advisory.cap is not None or advisory.penalty or advisory.deduction
        ):
            lifted = [a for a in inputs.advisories if a is not advisory]
            add(
                "advisory",
                fill(words[advisory.code], **advisory.details),
                scorer.marks(advisories=lifted),
                Change(lifted=frozenset({advisory.code})),
                target=advisory.code,
            )
    if folded:  # the word budget's step says to add this point: it is not a step of its own
        candidates = [c for c in candidates if c.step.target != folded]
    aside = _off_focus(inputs)
    ranked = sorted(
        candidates,
        key=lambda c: (
            -c.step.gain,
            c.step.target in aside,
            -c.potential,
            -c.unrounded_gain,
            c.order,
        ),
    )
    steps = _without_repeats([c.step for c in ranked], inputs.twins)
    shown, rest = _spread(steps, settings.shown, aside)
    shown, held = _one_point_under_off_topic_cap(shown, inputs)
    shown, rest = _lifts_first(shown, [*held, *rest], changes, scorer, facts)
    shown = _one_after_another(shown, changes, scorer, facts)
    return _at_limit(shown, inputs), rest


def _one_after_another(
    shown: list[NextStep],
    changes: Mapping[int, Change],
    scorer: Scorer,
    facts: Sequence[FactResult],
) -> list[NextStep]:
    """The steps shown, each worth what it adds to the steps above it, so the worths shown add
    up to what doing them all gives. Each step is worth its marks alone, but a dimension's marks
    saturate: three points of one dimension had each said "+2.5 marks" though only one could be
    had (trial s48). A step that lifts a cap already stands above the steps the cap holds
    (:func:`_lifts_first`).

    The first step is worth what it earns alone; the marks the others add together are shared
    out on the rounding grid by what each adds unrounded (:func:`_shared_out`), so no step
    claims the half mark that the rounding of the steps above it left over (session 49: "+1
    mark" for a point adding 0.6, below one adding 0.4 that read "under 0.5 marks"). A step
    adding under a rounding step says so ("under 0.5 marks").

    The steps below the first are ordered by what each adds to those above it
    (:func:`_by_what_each_adds`), so a step that adds little once the steps above are done, such
    as a second point of a dimension the step above already filled, goes below one that adds
    more (session 49: about 240 of the report digest's 800 reports showed a step "under 0.5
    marks" above one worth more)."""
    inputs = scorer.inputs
    rounding = inputs.rubric.step_of(inputs.question)

    def corrected(concepts: frozenset[str]) -> list[Advisory]:
        return _errors_corrected(inputs, facts, concepts)

    shown = _by_what_each_adds(shown, changes, scorer, corrected)

    done: list[Change] = []
    marks, unrounded = scorer.base, scorer.base_unrounded
    after: list[float] = []  # the marks with each step and those above it
    adds: list[float] = []  # what each step adds, unrounded
    for step in shown:
        change = changes.get(id(step))
        if change is not None:
            done.append(change)
            now, now_unrounded = scorer.with_changes(done, corrected)
            adds.append(max(0.0, now_unrounded - unrounded))
            marks, unrounded = max(now, marks), max(now_unrounded, unrounded)
        after.append(marks)
    gains = [0.0] * len(shown)
    movers = [i for i, step in enumerate(shown) if changes.get(id(step)) is not None]
    if movers:
        first = movers[0]
        gains[first] = after[first] - scorer.base
        shares = _shared_out(adds[1:], after[-1] - after[first], rounding)
        for i, share in zip(movers[1:], shares, strict=True):
            gains[i] = share
    worded = []
    total = scorer.base
    for i, step in enumerate(shown):
        if i not in movers:  # not a candidate of this ranking: as it was
            worded.append(step)
            continue
        total += gains[i]
        gain, marks = round(gains[i], 2), round(total, 2)
        if gain != step.gain or marks != step.marks_after:
            step = dataclasses.replace(
                step, gain=gain, marks_after=marks, worth=worth_text(gain, rounding)
            )
        worded.append(step)
    return worded


def _by_what_each_adds(
    shown: list[NextStep],
    changes: Mapping[int, Change],
    scorer: Scorer,
    corrected: Callable[[frozenset[str]], list[Advisory]],
) -> list[NextStep]:
    """The steps shown, each from the second on the one that adds most (unrounded) to the
    steps above it, the earlier of equals. The first step stays first, and so does each step at
    its place that lifts a cap (:func:`_lifts_first` put it above the steps the cap holds) or
    that changes nothing this ranking can score: the others are reordered between them."""
    capped = frozenset(a.code for a in scorer.inputs.advisories if a.cap is not None)
    pinned = {0} | {
        i
        for i, step in enumerate(shown)
        if (change := changes.get(id(step))) is None or change.lifted & capped
    }
    order: list[NextStep] = []
    done: list[Change] = []
    i = 0
    while i < len(shown):
        if i in pinned:
            run = [shown[i]]
        else:  # the steps up to the next one kept at its place
            end = min([j for j in pinned if j > i], default=len(shown))
            run = _greedy(shown[i:end], changes, scorer, corrected, done)
        order += run
        done += [change for step in run if (change := changes.get(id(step))) is not None]
        i += len(run)
    return order


def _greedy(
    run: list[NextStep],
    changes: Mapping[int, Change],
    scorer: Scorer,
    corrected: Callable[[frozenset[str]], list[Advisory]],
    done: list[Change],
) -> list[NextStep]:
    """The steps of ``run``, each the one adding most to ``done`` and those before it."""
    left = list(run)
    done = list(done)
    order = []
    while left:
        adds = [scorer.with_changes([*done, changes[id(s)]], corrected)[1] for s in left]
        best = max(range(len(left)), key=lambda k: (round(adds[k], 9), -k))
        step = left.pop(best)
        order.append(step)
        done.append(changes[id(step)])
    return order


def _shared_out(adds: Sequence[float], total: float, step: float) -> list[float]:
    """``total`` (a whole number of rounding ``step``s) shared out over steps that add ``adds``
    unrounded: each its whole steps, and the steps left over to those with the largest rest
    (the earlier of equals). Each gets its own unrounded worth rounded down or up to the grid,
    never more, and the shares add up to ``total``."""
    units = [int(a / step + 1e-9) for a in adds]
    left = round(total / step) - sum(units)
    rests = sorted(
        (i for i, a in enumerate(adds) if a - units[i] * step > 1e-9),
        key=lambda i: (-(adds[i] - units[i] * step), i),
    )
    for i in rests[: max(0, left)]:
        units[i] += 1
    return [u * step for u in units]


def _lifts_first(
    shown: list[NextStep],
    rest: list[NextStep],
    changes: Mapping[int, Change],
    scorer: Scorer,
    facts: Sequence[FactResult],
) -> tuple[list[NextStep], list[NextStep]]:
    """(the steps shown, the rest), a step that lifts a cap (writing to the word budget lifts
    ``too_short``; cutting to it, ``over_limit``) moved up to just before the first step whose
    marks that cap holds, from the rest if need be (the last shown step then goes back to the
    rest). Under a length cap a point to add had read "under 0.5 marks" and the word budget's
    step below it had claimed the point's marks as its own, or no step said what held them
    (session 49)."""
    capped = frozenset(a.code for a in scorer.inputs.advisories if a.cap is not None)
    lifters = [s for s in [*shown, *rest] if changes[id(s)].lifted & capped]
    if not lifters:
        return shown, rest

    def corrected(concepts: frozenset[str]) -> list[Advisory]:
        return _errors_corrected(scorer.inputs, facts, concepts)

    order, rest = list(shown), list(rest)
    done: list[Change] = []
    for i in range(len(order)):
        change = changes[id(order[i])]
        if not change.lifted & capped:
            lifter = next(
                (
                    s
                    for s in lifters
                    if s not in order[:i]
                    and _holds(
                        scorer,
                        done,
                        change,
                        changes[id(s)],
                        changes[id(s)].lifted & capped,
                        corrected,
                    )
                ),
                None,
            )
            if lifter is not None:
                if lifter in rest:
                    rest.remove(lifter)
                    rest.insert(0, order.pop())
                else:
                    order.remove(lifter)
                order.insert(i, lifter)
                change = changes[id(lifter)]
        done.append(change)
    return order, rest


def _holds(
    scorer: Scorer,
    done: Sequence[Change],
    change: Change,
    lift: Change,
    codes: frozenset[str],
    corrected: Callable[[frozenset[str]], list[Advisory]],
) -> bool:
    """Whether the caps of these advisory ``codes`` keep back some of what ``change`` adds to
    the changes ``done``, so that its marks show less, and the step that lifts them (``lift``)
    is worth as much there: a point still worth "+2.5 marks" under the cap stays above a word
    budget worth "+0.5 marks" (the step below it then comes after the words)."""
    if not codes:
        return False

    def adds(above: list[Change], step: Change) -> tuple[float, float]:
        marks, unrounded = scorer.with_changes([*above, step], corrected)
        before, before_unrounded = scorer.with_changes(above, corrected)
        return marks - before, unrounded - before_unrounded

    held = adds(list(done), change)
    free = adds([*done, Change(lifted=codes)], change)
    return (
        free[1] > held[1] + 1e-9
        and free[0] > held[0] + 1e-9
        and adds(list(done), lift)[0] >= held[0] - 1e-9
    )


def _one_point_under_off_topic_cap(
    shown: list[NextStep], inputs: MarksInputs
) -> tuple[list[NextStep], list[NextStep]]:
    """(the steps shown, those set aside): of the points an off-topic answer is told to add,
    the first alone when each reaches the off_topic cap by itself. Each is worth that much
    alone, but two are worth no more while the cap holds (session 46's trial: five "Add …: +1
    mark" steps under a cap of 1 mark); the rest stay in the full list."""
    cap = next(
        (a.cap for a in inputs.advisories if a.code == "off_topic" and a.cap is not None), None
    )
    if cap is None:
        return shown, []
    ceiling = cap * inputs.question.max_marks - 1e-9
    capped = [s for s in shown if s.kind in ("concept", "develop") and s.marks_after >= ceiling]
    if len(capped) < 2:
        return shown, []
    aside = {id(s) for s in capped[1:]}
    return [s for s in shown if id(s) not in aside], capped[1:]


def _at_limit(shown: list[NextStep], inputs: MarksInputs) -> list[NextStep]:
    """The steps, the first point to add or develop saying (once) that it replaces a weaker
    sentence when the answer already fills its word limit: added on top, its words cost more
    than it earns (trial 29c: two +0.5 steps followed gave +0, the answer then over the limit)."""
    count, limit = inputs.structure.word_count, inputs.structure.word_limit
    if not limit or count < limit:
        return shown
    for i, step in enumerate(shown):
        if step.kind in ("concept", "develop"):
            template = feedback_settings().steps["past_limit" if count > limit else "at_limit"]
            text = template.format(step=step.text, count=count, limit=limit)
            return [*shown[:i], dataclasses.replace(step, text=text), *shown[i + 1 :]]
    return shown


def _one_error_fewer(
    inputs: MarksInputs, facts: Sequence[FactResult], concept_id: str
) -> list[Advisory]:
    """The answer's advisories with the facts of one concept corrected: its
    ``factual_errors`` deduction recomputed (gone with the last wrong fact)."""
    return _errors_corrected(inputs, facts, frozenset({concept_id}))


def _errors_corrected(
    inputs: MarksInputs, facts: Sequence[FactResult], concepts: frozenset[str]
) -> list[Advisory]:
    """The answer's advisories with the facts of the given concepts corrected."""
    corrected = [f for f in facts if not (f.concept in concepts and f.status == "contradicted")]
    kept = [a for a in inputs.advisories if a.code != "factual_errors"]
    return kept + factual_errors(inputs.question, corrected)


def _off_focus(inputs: MarksInputs) -> frozenset[str]:
    """The question's concepts outside its focus (see ``MarksInputs.focus``)."""
    if inputs.focus is None:
        return frozenset()
    return frozenset(c.id for c in inputs.concepts if c.id not in inputs.focus)


def _structure_candidates(
    inputs: MarksInputs,
    scorer: Scorer,
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
    # a missing conclusion where a verdict is asked for is one step, the verdict's (below)
    close_with_verdict = closes_with_verdict(inputs.question, inputs.rubric, signals)
    for part in ("introduction", "conclusion", "points_or_headings"):
        if part == "conclusion" and close_with_verdict:
            continue
        if getattr(expect, part) and not signals.get(part):
            add(
                part,
                words[part],
                scorer.with_signals(**{part: 1.0}),
                Change(signals={part: 1.0}),
                target=part,
            )
    if signals["units"] < expect.min_paragraphs:
        text = words["paragraphs"].format(
            count=plural(expect.min_paragraphs, "paragraph") + " or points"
        )
        units = float(expect.min_paragraphs)
        add("paragraphs", text, scorer.with_signals(units=units), Change(signals={"units": units}))
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
        if element == "judgement" and close_with_verdict:
            add(
                element,
                words["judgement_with_conclusion"],
                scorer.with_signals(**{signal: value, "conclusion": 1.0}),
                Change(signals={signal: value, "conclusion": 1.0}),
                target=element,
            )
            continue
        add(
            element,
            text,
            scorer.with_signals(**{signal: value}),
            Change(signals={signal: value}),
            target=element,
        )
    return folded


def _budget_candidate(
    inputs: MarksInputs,
    scorer: Scorer,
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
    english = inputs.english_words
    if english is not None and limit:
        # an answer in another script: only its English words count (as the length advisory
        # says), so the step asks for English words
        count = english
        budget, _ = word_budget(count, limit)
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
        if english is not None:
            # a Hindi answer's first step had been a point to add: the words must be English
            template = f"{template}_english"
        text = words[template].format(
            more=target - count, room=limit - count, target=f"{bands.short:.0%}", limit=limit
        )
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
            label, _ = step_label(point.label, point.source_note, feedback_settings().label_chars)
            label = label if label.startswith("“") else in_sentence(label)
            text = words["with_point"].format(step=text, label=label)
    change = Change(
        credits={folded: 1.0} if folded else {},
        signals={"word_budget": 1.0},
        lifted=BUDGET_ADVISORIES,
        relevance=min(1.0, relevance),
    )
    add("word_budget", text, result, change, target="word_budget")
    return folded


def _held_by_length_cap(inputs: MarksInputs, scorer: Scorer) -> bool:
    """Whether a length advisory's cap keeps the marks from rising by a rounding step."""
    cap = advisory_limits(a for a in inputs.advisories if a.code in BUDGET_ADVISORIES).cap
    step = inputs.rubric.step_of(inputs.question)
    return cap is not None and scorer.base + step > cap * inputs.question.max_marks + 1e-9


def _without_repeats(
    steps: list[NextStep], twins: Mapping[str, frozenset[str]] | None = None
) -> list[NextStep]:
    """The steps, each said once: no two of the same words, and no point to add whose twin (the
    same point told another way, see ``engine.concept_twins``) a better step already adds
    (session 38's mentor trial had "Growing Chinese power and assertiveness" and "Balancing
    China's assertiveness" as two steps). The full list of improvement points, a tutor's
    inventory per dimension, keeps both."""
    seen: set[str] = set()
    added: set[str] = set()
    kept = []
    for step in steps:
        key = normalised(step.text)
        if key in seen:
            continue
        if step.kind == "concept" and step.target and twins:
            if added & twins.get(step.target, frozenset()):
                continue
            added.add(step.target)
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


GAP_WORDS = 6
"""The most reference words a step names."""


def _gap_words(gap: ReferenceGap) -> str:
    """What the reference answer has that the answer does not: 'has “release” and “point”, and
    rules out “push”'."""
    said = _listed(gap.said[:GAP_WORDS])
    denied = _listed(gap.denied[: max(1, GAP_WORDS - len(gap.said))])
    if said and denied:
        return f"has {said}, and rules out {denied}"
    return f"has {said}" if said else f"rules out {denied}"


def _listed(items: Sequence[str]) -> str:
    """“a”, “b” and “c”."""
    quoted = [f"“{w}”" for w in items]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"
