"""Web trial 27b (engine 0.9.100, rubric 1.7.59) and learner trial 27a (engine 0.9.101, rubric
1.7.60): what a learner saw that was wrong. The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.structure import paragraphs_of
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "


def _status(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> dict[str, str]:
    return {c.id: c.status for c in evaluate(text, loaded, question, nlp=nlp).concepts}


@pytest.mark.parametrize(
    "text",
    [
        OPENING + "{% raw %} Malabar {% endraw %}",
        OPENING + "Tarang Shakti drew planes % from many air forces.",
    ],
)
def test_a_percent_sign_after_no_number_is_no_percent(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    # '%' is the rubric's synonym of 'percent': template syntax once earned half of the point on
    # Japan making 30% of the aircraft in India
    assert (
        _status(india_japan, nlp, text, "defence-cooperation")["aircraft-30-percent"] == "missing"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Japan will make 30% of its planes in India.",
        "Japan will make thirty % of its planes in India.",
    ],
)
def test_a_percent_sign_after_a_number_is_a_percent(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert (
        _status(india_japan, nlp, OPENING + text, "defence-cooperation")["aircraft-30-percent"]
        == "covered"
    )


def test_japan_as_first_2plus2_partner_before_the_united_states_is_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = OPENING + (
        "Japan was the first country with which India held 2+2 talks, before the United States."
    )
    facts = {f.id: f for f in evaluate(text, india_japan, "2plus2-significance", nlp=nlp).facts}
    assert facts["japan-second-partner"].status == "contradicted"


PARAGRAPHS_ONE_ENTER_EACH = (
    "India and Japan have deepened defence ties since 2006 and 2014.\n"
    "First, the logistics pact was signed in September 2020, so each navy can refuel at the "
    "other's bases.\n"
    "Second, the first ministerial 2+2 was held in New Delhi in November 2019.\n"
    "Third, exercises have multiplied: JIMEX at sea and Dharma Guardian on land.\n"
    "Fourth, the two work on defence technology, for example the UNICORN mast.\n"
    "However, joint production has been slow.\n"
    "In conclusion, defence ties are now a pillar of the partnership.\n"
)


def test_paragraphs_typed_with_one_enter_each_are_paragraphs() -> None:
    assert len(paragraphs_of(PARAGRAPHS_ONE_ENTER_EACH)) == 7


def test_a_hard_wrapped_paragraph_stays_one() -> None:
    wrapped = (
        "India and Japan have deepened defence ties since 2006, and the\n"
        "logistics pact of 2020 lets each navy refuel at the other's bases,\n"
        "while exercises such as JIMEX and Dharma Guardian build trust.\n"
    )
    assert len(paragraphs_of(wrapped)) == 1


def test_points_opened_first_second_third_need_no_sub_headings(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(PARAGRAPHS_ONE_ENTER_EACH, india_japan, "defence-cooperation", nlp=nlp)
    assert report.structure.paragraphs == 7
    assert report.structure.uses_points_or_headings
    assert report.structure.has_conclusion
    steps = [s.kind for s in [*report.feedback.next_steps, *report.feedback.more_steps]]
    assert "points_or_headings" not in steps
    assert "paragraphs" not in steps


def test_a_decimal_written_in_words_is_no_wrong_figure(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # its digits after 'point' had been read as "eight five billion" against US$22.85 billion
    text = OPENING + "Trade was worth twenty-two point eight five billion US dollars in 2023-24."
    facts = {f.id: f for f in evaluate(text, india_japan, "challenges-way-forward", nlp=nlp).facts}
    assert facts["trade-value"].status != "contradicted"
    wrong = OPENING + "Trade was worth nine billion US dollars in 2023-24."
    facts = {f.id: f for f in evaluate(wrong, india_japan, "challenges-way-forward", nlp=nlp).facts}
    assert facts["trade-value"].status == "contradicted"


def test_a_vostok_exercise_not_welcomed_states_the_friction(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = (
        OPENING + "India's participation in the Russian Vostok exercise was not welcomed by Tokyo."
    )
    assert _status(india_japan, nlp, text, "challenges-way-forward")["vostok-kuril"] == "covered"
