"""Web trial 27b (engine 0.9.100, rubric 1.7.59) and learner trial 27a (engine 0.9.101, rubric
1.7.60): what a learner saw that was wrong. The sentences are our own."""

from __future__ import annotations

import math

import numpy as np
import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.structure import paragraphs_of
from evaluator.scoring.engine import evaluate
from evaluator.scoring.feedback.improvements import unsaid_improvements
from evaluator.scoring.marks import marks_from_raw
from evaluator.tools.tune.folds import rubric_words

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


def test_a_stance_denied_in_the_passive_denies_no_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "was not welcomed by Tokyo" says Tokyo's stance, not that India took no part in Vostok
    for sentence in (
        "India's participation in the Russian Vostok exercise was not welcomed by Tokyo.",
        "India's role in Vostok was not appreciated in Tokyo.",
    ):
        status = _status(india_japan, nlp, OPENING + sentence, "challenges-way-forward")
        assert status["vostok-kuril"] != "negated", sentence
    denied = OPENING + "India did not take part in the Vostok exercise."
    assert _status(india_japan, nlp, denied, "challenges-way-forward")["vostok-kuril"] == "negated"


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("India never joined RCEP and walked out of the negotiations.", "rcep-osaka-divergence"),
        ("India never joined RCEP and withdrew from the talks in 2019.", "rcep-osaka-divergence"),
    ],
)
def test_a_conjunct_that_states_a_negative_is_not_denied_by_never(
    india_japan: LoadedRubric, nlp: Language, sentence: str, concept: str
) -> None:
    # 'never joined ... and walked out' had been read as denying the walk-out too, so the RCEP
    # point was reported as denied
    assert _status(india_japan, nlp, OPENING + sentence, "pyq-2013-economic")[concept] == "covered"


JUDGELESS = """Japan as a development partner

Japan has lent India money for roads, railways and cities since 1958 and is its largest
bilateral donor.

Infrastructure
* JICA loans built the Delhi Metro, a model for other Indian cities.
* Japanese aid finances the Western Dedicated Freight Corridor.
* A JICA loan at 0.1 per cent interest pays for most of the Mumbai–Ahmedabad bullet train.

Investment
* Japan promised 5 trillion yen of public and private investment in 2022.
* Japan is the fifth largest source of FDI in India.

Hurdles
* Land acquisition delays have pushed the bullet train years behind schedule.
* Tax disputes and red tape slow Japanese firms.

Conclusion
Japanese money has built some of India's best infrastructure, and faster clearances will decide
how much more follows.
"""


def test_a_directive_step_is_not_repeated_among_the_other_points(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # learner trial 27a: "Turn your conclusion into a balanced verdict" as a step, and again
    # as "'Examine' needs a judgement: ... a balanced verdict" under the other points
    report = evaluate(JUDGELESS, india_japan, "japan-development-partner", nlp=nlp)
    steps = [*report.feedback.next_steps, *report.feedback.more_steps]
    assert any(s.kind == "judgement" for s in steps)
    assert any("needs a judgement" in line for line in report.feedback.improvements)
    unsaid = unsaid_improvements(report.to_dict())
    assert not [line for line in unsaid if "needs a judgement" in line], unsaid


def test_a_cap_is_a_ceiling_for_marks_just_under_it() -> None:
    # 1.34 marks under a cap of 1.35 (9% of 15) had rounded up to 1.5, so an answer that lost a
    # point (1.34 before the cap) outscored the same answer with it (1.55, capped: 1.0)
    below = marks_from_raw(1.34 / 15, 15, ceiling=1.0, curve=1.0, cap=0.09, penalty=0.0, step=0.5)
    above = marks_from_raw(1.55 / 15, 15, ceiling=1.0, curve=1.0, cap=0.09, penalty=0.0, step=0.5)
    assert below.marks == above.marks == 1.0
    grid = marks_from_raw(
        np.array([1.34, 1.55, 0.6]) / 15,
        15,
        ceiling=1.0,
        curve=1.0,
        cap=0.09,
        penalty=0.0,
        step=0.5,
    )
    assert list(grid.marks) == [1.0, 1.0, 0.5]
    uncapped = marks_from_raw(
        1.34 / 15, 15, ceiling=1.0, curve=1.0, cap=math.inf, penalty=0.0, step=0.5
    )
    assert uncapped.marks == 1.5


def test_keyword_stuffing_names_only_the_reasons_that_fired(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # a run of terms with no commas is no "bare list": the message had said "0% of its rubric
    # terms in bare lists" beside the reason that fired
    dump = (
        "Quad JIMEX Malabar Dharma Guardian ACSA SSGP 2014 2+2 dialogue Indo-Pacific ASEAN "
        "centrality rules-based order UNICORN CEPA 2011 currency swap ODA JICA Delhi Metro bullet "
        "train Act East Forum semiconductors critical minerals Vostok Kuril."
    )
    report = evaluate(dump, india_japan, "2plus2-significance", nlp=nlp)
    found = next(a for a in report.advisories if a.code == "keyword_stuffing")
    assert "verbs or linking words" in found.message
    assert "bare lists" not in found.message and "0%" not in found.message


@pytest.mark.parametrize(
    ("question", "sentence", "concept"),
    [
        # 'jointly' read 'joint': a command the Quad lacks denied its cooperation
        ("pyq-2020-quad-trade-bloc",
         "The Quad has no secretariat, no charter and no joint military command.",
         "quad-cooperation"),
        # 'not a single' negates the deed, as 'no' does, not the summits
        ("pyq-2020-quad-trade-bloc", "Not a single Quad summit has produced a trade deal.",
         "quad-origins"),
        # a problem that has not helped says nothing against what it did not help
        ("act-east-foip-northeast",
         "Myanmar's instability has not helped connectivity to the North East.",
         "bay-of-bengal-link"),
        ("act-east-foip-northeast",
         "Myanmar's instability has not helped connectivity to the North East.",
         "northeast-projects"),
    ],
)  # fmt: skip
def test_true_sentences_of_trial_27a_deny_no_point(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, concept: str
) -> None:
    assert _status(india_japan, nlp, OPENING + sentence, question)[concept] != "negated"


def test_a_deed_denied_of_a_point_itself_still_denies_it(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = OPENING + "Japan has not funded any road or bridge in the North East."
    status = _status(india_japan, nlp, text, "act-east-foip-northeast")
    assert status["northeast-projects"] == "negated"


def test_the_essay_form_learns_no_phrase_inside_the_rubrics_own_terms(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # web trial 27b: a tune learned 'air' (of "army, navy and air force") as a new point, and an
    # answer about air pollution was then told "well covered — you wrote 'air'"; on the bundled
    # graded set it learned 'defence' and 'exercises', then 'defence ministers'
    rubric = india_japan.rubric
    keys = rubric_words(rubric, rubric.question("defence-cooperation"), nlp)
    assert {"air", "exercise", "defence", "defence minister", "foreign and defence"} <= keys
    assert "pollution" not in keys and "air pollution" not in keys
