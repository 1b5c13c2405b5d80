"""The examiner's comment: what the answer does well, its biggest gap, and the directive."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from evaluator.scoring.feedback.strengths import credited_words, said_in
from evaluator.scoring.feedback.wording import as_sentence, in_quotes, in_sentence
from evaluator.scoring.report import (
    Advisory,
    ConceptResult,
    DimensionResult,
    NextStep,
    StructureResult,
)
from evaluator.settings import feedback_settings
from evaluator.text import fill, plural


def holding_codes(advisories: Iterable[Advisory], before: float, max_marks: float) -> list[str]:
    """The codes of the advisories that took the marks down, when one of them is a cap that
    lowered them (``before``: the marks before advisories): the binding caps and every penalty
    or deduction beside them (together they hold the marks where they are). None when no cap
    bound: a deduction alone leaves what the answer's words earned standing."""
    rows = ((a.code, a.cap, a.penalty, a.deduction) for a in advisories)
    return binding_and_holding(rows, before, max_marks)[1]


def binding_and_holding(
    advisories: Iterable[tuple[str, float | None, float, float]], before: float, max_marks: float
) -> tuple[set[str], list[str]]:
    """:func:`holding_codes` of advisories given as (code, cap, penalty, deduction), as a face
    reads them from a stored report: the codes of the caps that bound, and of every advisory
    holding the marks down with them (both empty when no cap bound)."""
    fired = list(advisories)
    binding = {
        code for code, cap, _, _ in fired if cap is not None and before > cap * max_marks + 1e-9
    }
    if not binding:
        return set(), []
    took = (
        code
        for code, _, penalty, deduction in fired
        if code in binding or penalty > 0 or deduction > 0
    )
    return binding, list(dict.fromkeys(took))


def off_topic_cap(advisories: Iterable[Advisory], max_marks: float) -> float | None:
    """The marks an off_topic advisory caps the answer at, when one fired (bound or not)."""
    cap = next((a.cap for a in advisories if a.code == "off_topic" and a.cap is not None), None)
    return None if cap is None else cap * max_marks


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
    plain_worth: bool = False,
    best_step: bool = False,
    english_gap: bool = False,
    marks: float = 0.0,
    names_first: bool = False,
    wrong: Sequence[tuple[int, int]] = (),
    held_by: Sequence[str] = (),
    below: Mapping[str, Sequence[str]] | None = None,
    tidy_words: bool = True,
    off_topic_cap: float | None = None,
) -> str:
    """Two or three sentences: what the answer does well, its biggest gap, the directive. The
    rubric's ``subject`` names are quoted as a strength only when nothing else earned it;
    ``nested``: as for :func:`~evaluator.scoring.feedback.strengths.strengths_of`;
    ``length_gap``: a first step about the word budget is called the answer's length (engine
    0.9.42; before, its form); ``capped_by``: the codes of the advisories that cap the marks,
    named when no step can raise them;
    ``directive_marked``: the directive's fit counts in the marks (not for a short answer or a
    linear question, whose comment leaves it out; compact format 10); ``own_first``: the
    strength is a dimension with a point of the rubric's own credited when there is one, not
    the learned phrases or graded examples of a tuned rubric (compact format 10);
    ``plain_worth``: no "biggest gap" for a first step worth under one rounding step, no form
    praised when the structure scores 0, no "does part of that (0%)" (engine 0.9.80; before,
    those words were said whatever the worth; a compact file of an older format passes
    False); ``best_step``: the first step's dimension is "its best next step", not "its
    biggest gap" (engine 0.9.156, compact format 13; an emptier dimension may offer steps worth
    no more); ``english_gap``: the answer is written in another language (its ``not_english``
    advisory), so a first step about the word budget, which asks for English words, is called
    its language, not its length (engine 0.9.191, compact format 15); ``marks``: the answer's
    marks, said to come from its topic when no point earned credit (engine 0.9.194, compact
    format 15; before, "no point earns credit" stood beside 1.5 marks unexplained);
    ``names_first``, ``wrong``: as for
    :func:`~evaluator.scoring.feedback.strengths.credited_words` (the strength is then the best
    dimension with words written outside the wrong sentences); ``held_by``: the codes of the
    advisories holding the marks down when a cap bound (:func:`holding_codes`): the words
    quoted "matched" points rather than "earned credit", and the advisories and the ``marks``
    they leave are named once (compact format 18; before, "The answer earns credit with
    'water'" stood beside 0 marks); ``tidy_words``: a dimension named inside a sentence reads
    "the GST Council", not "The GST Council", and one mark "is" for the topic (compact format
    21, session 46; before, "Its 1 mark so far are ..."); ``off_topic_cap``: the marks an
    off_topic advisory caps the answer at, when one fired: a first point that reaches the cap
    is said to be worth that much while the answer stays off its subject, and the directive is
    not done "in part" (compact format 21, session 46; before, "the answer does part of that
    (25%)" of a monsoon answer to a federalism question)."""
    words = feedback_settings().comment
    sentences: list[str] = []

    def named(label: str) -> str:
        return in_sentence(label) if tidy_words else label

    candidates = dimensions
    if own_first:
        own = {c.dimension for c in concepts if c.credit > 0 and not (c.learned or c.penalty)}
        candidates = [d for d in dimensions if d.id in own] or dimensions
    ranked = sorted(candidates, key=lambda d: (d.score, d.weight, d.id), reverse=True)
    best = ranked[0] if ranked else None

    def quoted(dimension: DimensionResult) -> list[str]:
        if dimension.score <= 0:
            return []
        return credited_words(
            [
                c
                for c in concepts
                if c.dimension == dimension.id
                and c.credit > 0
                # a tuned rubric's phrase of low-marked answers is no strength
                and not (own_first and (c.learned or c.penalty))
            ],
            3,
            subject,
            nested=nested,
            names_first=names_first,
            wrong=wrong,
        )

    credited = quoted(best) if best else []
    only_wrong = False
    if wrong and not credited:  # its words are all in sentences that state a wrong fact
        best, credited = next(((d, w) for d in ranked[1:] if (w := quoted(d))), (best, []))
        only_wrong = not credited and any(c.credit > 0 for c in concepts)
    # a question of one dimension (a short answer's "Answer"): no dimension to name as strongest
    single = len(dimensions) == 1
    held = bool(held_by) and best is not None and bool(credited)
    # the strengths below quote these words: the comment is their summary, not a second quote
    pointed = False
    if below is not None and best is not None and credited:
        said = [w for words in below.values() for w in words]
        fresh = [w for w in credited if not said_in(w, said)]
        pointed = best.id in below or not fresh
        credited = credited if pointed else fresh
    if best is not None and credited and held:
        # a cap lowered the marks: the words matched points, but did not earn what they would
        matched = sum(
            1
            for c in concepts
            if c.dimension == best.id
            and c.credit > 0
            and not (own_first and (c.learned or c.penalty))
        )
        holding = fill(
            words["held"],
            count=len(held_by),
            codes=", ".join(code.replace("_", " ") for code in held_by),
            marks=f"{marks:g}",
        )
        strength = words["strength_one_held"] if single else words["strength_held"]
        if pointed:
            strength = words["strength_one_held_below" if single else "strength_held_below"]
        sentences.append(
            fill(
                strength,
                dimension=named(best.label),
                words=in_quotes(credited),
                points=fill(words["held_points"], count=matched),
                held=holding,
            )
        )
    elif best is not None and credited:
        strength = words["strength_one"] if single else words["strength"]
        if pointed:
            strength = words["strength_one_below" if single else "strength_below"]
        sentences.append(strength.format(dimension=named(best.label), words=in_quotes(credited)))
    elif only_wrong:
        sentences.append(words["strength_wrong"])
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
        if len(parts) >= 2 and (structure.score > 0 or not plain_worth):
            sentences.append(words["strength_structure"].format(parts=", ".join(parts)))
        elif len(parts) >= 2 and not learned:
            # the shape earns nothing while nothing earns content (Structure: 0%): no strength
            sentences.append(words["structure_unpaid"].format(parts=", ".join(parts)))
        elif learned:
            # a tuned rubric's marks from phrases and examples: "does not yet earn credit for
            # any point" read as a contradiction of 2 marks of 3
            sentences.append(words["strength_learned"])
        else:
            sentences.append(words["no_strength"])
        if marks > 0 and not any(c.credit > 0 for c in concepts):
            # the marks of an answer no point earned: its relevance share (and bonus terms)
            topic = words["topic_marks"] if tidy_words else words["topic_marks_are"]
            sentences.append(fill(topic, marks=plural(marks, "mark"), count=marks))
    if next_steps:
        first = next_steps[0]
        where = next((named(d.label) for d in dimensions if d.id == first.dimension), None)
        if first.gain <= 0 and plain_worth:
            # no step is worth a rounding step alone: no "biggest gap" worth under half a mark
            if where and not single:
                sentences.append(words["small_gap"].format(dimension=where, worth=first.worth))
            else:
                sentences.append(words["small_gap_form"].format(worth=first.worth))
        elif (
            tidy_words
            and off_topic_cap is not None
            and first.kind in ("concept", "develop")
            and first.marks_after >= off_topic_cap - 1e-9
        ):
            cap = plural(off_topic_cap, "mark")
            sentences.append(words["gap_off_topic"].format(cap=cap, worth=first.worth))
        elif where and single:
            sentences.append(words["gap_one"].format(worth=first.worth))
        elif where:
            gap = words["gap"] if best_step else words["gap_biggest"]
            sentences.append(gap.format(dimension=where, worth=first.worth))
        elif first.kind == "word_budget" and english_gap:
            sentences.append(words["gap_english"].format(worth=first.worth))
        elif first.kind == "word_budget" and length_gap:
            sentences.append(words["gap_length"].format(worth=first.worth))
        elif first.kind == "advisory":
            # what the answer leaves out (one_sided, missing_part) has its own wording
            gap = words.get(f"gap_{first.target}", words["gap_advisory"])
            sentences.append(gap.format(worth=first.worth))
        else:
            sentences.append(words["gap_structure"].format(worth=first.worth))
    elif held:  # the sentence before has named what holds the marks
        sentences.append(fill(words["no_gap_held"], count=len(held_by)))
    elif capped_by:
        codes = ", ".join(code.replace("_", " ") for code in dict.fromkeys(capped_by))
        sentences.append(words["no_gap_capped"].format(codes=codes))
    else:
        sentences.append(words["no_gap"])
    if not directive_marked:
        return " ".join(as_sentence(s) for s in sentences)
    asks = feedback_settings().directive_asks
    ask = asks.get(directive, asks["default"])
    name = directive.capitalize()
    if structure.word_count and tidy_words and off_topic_cap is not None:
        # an answer about another subject does not do it for this question, even in part
        sentences.append(words["directive_none"].format(directive=name, ask=ask))
    elif structure.directive_fit >= 0.999:
        sentences.append(words["directive_met"].format(directive=name, ask=ask))
    elif structure.word_count and plain_worth and round(100 * structure.directive_fit) == 0:
        sentences.append(words["directive_none"].format(directive=name, ask=ask))
    elif structure.word_count:
        fit = f"{structure.directive_fit:.0%}"
        sentences.append(words["directive_part"].format(directive=name, ask=ask, fit=fit))
    return " ".join(as_sentence(s) for s in sentences)
