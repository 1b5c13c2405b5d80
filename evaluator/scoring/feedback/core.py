"""The feedback of one answer, put together from its parts."""

from __future__ import annotations

from collections.abc import Sequence

from evaluator.scoring.feedback.comment import examiner_comment, holding_codes, off_topic_cap
from evaluator.scoring.feedback.improvements import improvements_of
from evaluator.scoring.feedback.steps import rank_next_steps
from evaluator.scoring.feedback.strengths import fact_spellings, praise, subject_words
from evaluator.scoring.feedback.worth import MarksInputs, penalty_ids, quiet_ids
from evaluator.scoring.report import DimensionResult, FactResult, Feedback


def build_feedback(
    inputs: MarksInputs,
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    marks: float = 0.0,
    *,
    wrong: Sequence[tuple[int, int]] = (),
    before_advisories: float = 0.0,
) -> Feedback:
    """Strengths, the ranked next steps with their worth, the examiner's comment and the full
    list of improvement points; ``wrong``: the spans of the sentences that state a wrong fact,
    whose words are quoted as no strength; ``before_advisories``: the marks before any advisory
    (a cap that lowered them is named in the comment, and the strengths claim no marks)."""
    concepts = inputs.concepts
    next_steps, more_steps = rank_next_steps(inputs, dimensions, facts)
    penalties = penalty_ids(inputs.rubric)
    subject = subject_words(inputs.rubric)
    held_by = holding_codes(inputs.advisories, before_advisories, inputs.question.max_marks)
    praised = praise(
        concepts,
        dimensions,
        facts,
        penalties=penalties,
        subject=subject,
        wrong=wrong,
        held=bool(held_by),
        spellings=fact_spellings(inputs.rubric),
    )
    return Feedback(
        strengths=praised.lines,
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
            plain_worth=True,
            best_step=True,
            english_gap=any(a.code == "not_english" for a in inputs.advisories),
            marks=marks,
            names_first=True,
            wrong=wrong,
            held_by=held_by,
            below=praised.quoted,  # each word praised once: the strengths quote these
            off_topic_cap=off_topic_cap(inputs.advisories, inputs.question.max_marks),
        ),
        next_steps=next_steps,
        more_steps=more_steps,
    )
