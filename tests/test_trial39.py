"""Session 39: what probe s39 (300 sentences in the style of exam answers, and 64 more built
around negation) found, each beside the sentence of the same shape that must still be caught.
The sentences here are our own wording of the probe's patterns."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

TRUE = [
    # a bare auxiliary after a negated clause gives its predicate to another subject: what is
    # denied is the first subject, not the deed
    (
        "indo-pacific-quad",
        "The Quad leaders did not meet in 2017; only officials did, and the first leaders' "
        "summit came in 2021.",
    ),
    (
        "japan-development-partner",
        "The Eastern freight corridor was not funded by Japan; the Western corridor was.",
    ),
    (
        "japan-development-partner",
        "The Eastern freight corridor was not built with Japanese loans, but the Western one was.",
    ),
    # what another party lacks or is says nothing of the India–Japan CEPA
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad has no Article 5, no secretariat and no free trade agreement.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad is not a free trade agreement but a strategic forum."),
    # the partner a thing is denied with is given, and a clause on it is its own claim
    (
        "pyq-2020-quad-trade-bloc",
        "India has no free trade agreement with the United States, which is why the Quad cannot "
        "be called a trade bloc.",
    ),
]


@pytest.mark.parametrize(("question", "text"), TRUE)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


def test_a_no_on_the_subject_keeps_the_named_group_it_acts_on(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # a 'no' on the subject denies its deed, not the named group the deed is done to
    text = "No free trade agreement binds the four Quad members together."
    report = _report(india_japan, nlp, "pyq-2020-quad-trade-bloc", text)
    assert report.concept("quad-cooperation").status == "covered"
    # a named thing that is no group of members is still denied with the deed
    text = "Neither side promotes the WPS agenda."
    report = _report(india_japan, nlp, "2plus2-significance", text)
    assert report.concept("women-peace-security").status == "negated"


def test_a_corrected_subject_keeps_the_deed(india_japan: LoadedRubric, nlp: Language) -> None:
    report = _report(
        india_japan,
        nlp,
        "japan-development-partner",
        "The Eastern freight corridor was not funded by Japan; the Western corridor was.",
    )
    assert report.concept("corridors-dfc-dmic").status == "covered"
    report = _report(
        india_japan,
        nlp,
        "indo-pacific-quad",
        "The Quad leaders did not meet in 2017; only officials did.",
    )
    assert report.concept("quad-origins").status == "covered"


WRONG = [
    # the same shapes without the auxiliary that corrects them still deny
    ("indo-pacific-quad", "The Quad leaders did not meet in 2017.", "quad-origins"),
    (
        "japan-development-partner",
        "The freight corridor was not funded by Japan; the World Bank funded it.",
        "corridors-dfc-dmic",
    ),
    # an India–Japan free trade agreement denied is still the CEPA denied
    (
        "pyq-2013-economic",
        "There is no free trade agreement between India and Japan.",
        "cepa-2011",
    ),
    # what the Quad is said to lack in the point's own words still denies it
    ("pyq-2020-quad-trade-bloc", "The Quad has no cooperation agenda.", "quad-cooperation"),
]


@pytest.mark.parametrize(("question", "text", "concept"), WRONG)
def test_the_same_shapes_still_deny(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    assert concept in called_wrong(_report(india_japan, nlp, question, text))


def test_what_the_topic_itself_lacks_is_still_denied(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    question = "pyq-2013-economic"
    for text in (
        "India and Japan have no free trade agreement.",
        "Japan has no free trade agreement with India.",
    ):
        assert _report(india_japan, nlp, question, text).concept("cepa-2011").status == "negated"


PLACES = [
    # a passive clause set beside the cue says where it met, as "was held in" does
    "The third 2+2, held in Tokyo in August 2024, focused on the Indo-Pacific.",
    "The third 2+2, which was held in Tokyo in August 2024, focused on the Indo-Pacific.",
    "Held in Tokyo in 2024, the third 2+2 focused on the Indo-Pacific.",
]


@pytest.mark.parametrize("text", PLACES)
def test_a_participle_beside_the_cue_names_its_place(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = _report(india_japan, nlp, "2plus2-significance", text)
    assert report.fact("third-meeting-place").status == "contradicted"


def test_a_participle_beside_the_cue_names_its_parties(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    question = "defence-cooperation"
    text = "Veer Guardian, conducted by the two navies, began in 2023."
    assert _report(india_japan, nlp, question, text).fact("veer-guardian-service").status == (
        "contradicted"
    )
    text = "Veer Guardian, first conducted by the two air forces in 2023, is now a regular drill."
    assert_never_called_wrong(_report(india_japan, nlp, question, text))
    text = "The third 2+2, held in New Delhi in August 2024, focused on the Indo-Pacific."
    report = _report(india_japan, nlp, "2plus2-significance", text)
    assert report.fact("third-meeting-place").status == "supported"


def test_a_country_that_stayed_out_is_no_member(india_japan: LoadedRubric, nlp: Language) -> None:
    question = "economic-security-supply-chains"
    text = (
        "Australia stayed out of the Supply Chain Resilience Initiative, which is limited to "
        "India and Japan."
    )
    assert _report(india_japan, nlp, question, text).fact("scri-members").status != "supported"
    text = "Australia joined India and Japan in the Supply Chain Resilience Initiative."
    assert _report(india_japan, nlp, question, text).fact("scri-members").status == "supported"


@pytest.mark.parametrize(
    "text",
    [
        "Defence enablers: the 2+2 steered the logistics pact between India and Japan.",
        "Cybersecurity and interlinkages between India and Japan are enablers of trust.",
    ],
)
def test_words_of_policy_writing_are_no_misspellings(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    # session 39's trial: "Defence enablers" had been told it misspelt 'enables'
    report = _report(india_japan, nlp, "2plus2-significance", text)
    assert not [a for a in report.advisories if a.code == "spelling"]


COMMENTED = """The statement is largely true, but the phrase "the time has come" suggests the \
ties have lagged their promise so far.

Why now: China's rise and shaky supply chains push two democracies with no border dispute \
and matching economies closer, and Japan's capital meets India's scale.

What holds it back: trade trails politics, and Japanese firms find Indian rules hard.

Comment: the partnership turns global only when trade and people catch up with strategy."""


def test_an_opening_that_weighs_the_statement_and_a_comment_label_frame_an_answer(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # session 39's trial: such an answer had been told to add an introduction and a conclusion
    report = evaluate(COMMENTED, india_japan, "pyq-2019-contemporary", nlp=nlp)
    assert report.structure.has_introduction and report.structure.has_conclusion
    steps = [s.text for s in report.feedback.next_steps + report.feedback.more_steps]
    assert not any("introduction" in s.lower() or "conclusion" in s.lower() for s in steps)
    # 'Comment on …' at a line's start heads no conclusion
    text = COMMENTED.replace("Comment: the partnership", "Comment on the partnership: it")
    report = evaluate(text, india_japan, "pyq-2019-contemporary", nlp=nlp)
    assert not report.structure.has_conclusion


LOOSE = [
    # session 39's trial: points credited from words that make another point
    (
        "economic-security-supply-chains",
        "The pandemic showed how fragile supply chains through China had become.",
        "quad-vaccines-health",
    ),
    (
        "economic-security-supply-chains",
        "A Clean Energy Partnership of 2022 covers green hydrogen and batteries.",
        "quad-climate-maritime",
    ),
]


@pytest.mark.parametrize(("question", "text", "concept"), LOOSE)
def test_a_quad_point_is_not_credited_from_another_partnership(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    assert _report(india_japan, nlp, question, text).concept(concept).credit == 0


KEPT = [
    (
        "pyq-2020-quad-trade-bloc",
        "During the pandemic the Quad shared vaccine doses across the Indo-Pacific.",
        "quad-vaccines-health",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "Quad working groups cover climate change and disaster relief.",
        "quad-climate-maritime",
    ),
]


@pytest.mark.parametrize(("question", "text", "concept"), KEPT)
def test_the_quad_points_in_their_own_words_still_count(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    assert _report(india_japan, nlp, question, text).concept(concept).status == "covered"


PRAISE_ONLY = """Defence ties have become a pillar of the Special Strategic and Global Partnership.

Exercises: the navies train together in JIMEX and in Malabar with the United States and \
Australia, the armies in Dharma Guardian, and the air forces first flew together in Veer \
Guardian in 2023.

Agreements: the Acquisition and Cross-Servicing Agreement, signed in 2020, lets each side \
refuel and supply the other's ships and aircraft, and the 2+2 meetings of the foreign and \
defence ministers give the ties political direction.

Technology: Japan is transferring UNICORN antenna technology for Indian warships.

In sum, defence cooperation now spans every service and keeps growing every year."""

LIMITS = """

Limits: co-production is still small, the US-2 aircraft deal has stalled, and Japan's \
export rules slow joint projects."""


def test_a_praise_only_answer_to_examine_loses_a_fifth(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # session 39: two mentors' held-out trials gave praise-only answers 35% of the maximum
    # where the tool gave 50%
    question = "defence-cooperation"
    praise = evaluate(PRAISE_ONLY, india_japan, question, nlp=nlp)
    sided = [a for a in praise.advisories if a.code == "one_sided"]
    assert len(sided) == 1 and sided[0].deduction == pytest.approx(0.2)
    assert "'Examine' asks you to weigh both sides" in sided[0].message
    steps = [s.text for s in praise.feedback.next_steps]
    assert steps[0].startswith("Add the other side")
    assert "other side of the question" in praise.feedback.comment
    balanced = evaluate(PRAISE_ONLY + LIMITS, india_japan, question, nlp=nlp)
    assert not [a for a in balanced.advisories if a.code == "one_sided"]
    assert balanced.marks > praise.marks
    # one sentence that weighs a limit is the other side too (the batch test's answer had been
    # marked one-sided: 'modest' and 'slowly' were no critical markers)
    weighed = PRAISE_ONLY + "\n\nHowever, joint production remains modest and moves slowly."
    report = evaluate(weighed, india_japan, question, nlp=nlp)
    assert not [a for a in report.advisories if a.code == "one_sided"]
    # the learner's step is worth what the deduction costs
    undeducted = praise.arithmetic.before_advisories
    assert praise.marks <= round(undeducted * 0.8 * 2) / 2 + 1e-9


def test_a_comment_question_and_an_off_topic_answer_are_not_marked_one_sided(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # 'comment' asks for a view: the calibration's model answers agree without a limit
    report = evaluate(PRAISE_ONLY, india_japan, "pyq-2019-contemporary", nlp=nlp)
    assert not [a for a in report.advisories if a.code == "one_sided"]
    other = (
        "Groundwater feeds most Indian farms. Wells have multiplied since the 1970s, and cheap "
        "power for pumps has drawn the water table down in Punjab and Haryana every year."
    )
    report = evaluate(other, india_japan, "defence-cooperation", nlp=nlp)
    codes = [a.code for a in report.advisories]
    assert "off_topic" in codes and "one_sided" not in codes


HINDI_LIMITS = (
    "चुनौतियाँ भी कम नहीं हैं: रक्षा उपकरणों का संयुक्त उत्पादन अभी बहुत कम है, यूएस-2 विमान सौदा "
    "रुका हुआ है, और जापान के निर्यात नियम संयुक्त परियोजनाओं को धीमा करते हैं। "
) * 4


def test_an_answer_whose_other_side_is_in_another_language_is_not_called_one_sided(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the critical markers are English words: an answer that weighs the limits in Hindi is told
    # to write in English, not that it names no challenge
    text = PRAISE_ONLY + "\n\n" + HINDI_LIMITS
    codes = evaluate(text, india_japan, "defence-cooperation", nlp=nlp).advisory_codes()
    assert "not_english" in codes and "one_sided" not in codes
