"""Session 36: what the session's probes found, as a learner would meet it. The sentences are our
own."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

KEPT_BY_NOT_LETTING_IT_END = [
    # negation.yaml permitting_verbs: not letting something end keeps it
    ("japan-development-partner", "Japan would not let the bullet train project fail."),
    ("japan-development-partner", "Japan did not let the bullet train project stall."),
    # the tagger reads this 'lapse' as a noun, the object of 'let'
    ("japan-development-partner", "Japan declined to let the bullet train project lapse."),
    ("japan-development-partner", "Tokyo refused to let the bullet train project die."),
    (
        "japan-development-partner",
        "Japan would not allow the bullet train project to be abandoned.",
    ),
]


@pytest.mark.parametrize(
    ("question", "text"),
    KEPT_BY_NOT_LETTING_IT_END,
    ids=[t[:40] for _, t in KEPT_BY_NOT_LETTING_IT_END],
)
def test_not_letting_a_point_end_keeps_it(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert_never_called_wrong(report)
    assert next(c for c in report.concepts if c.id == "bullet-train").credit == 1.0


DENIALS = [
    # not letting something go ahead still denies it
    ("japan-development-partner", "Japan did not allow the bullet train project to proceed."),
    ("japan-development-partner", "Japan refused to let the bullet train go ahead."),
    ("japan-development-partner", "Japan did not let China fund the bullet train."),
]


@pytest.mark.parametrize(("question", "text"), DENIALS, ids=[d[1][:40] for d in DENIALS])
def test_not_letting_a_point_go_ahead_still_denies_it(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert "bullet-train" in called_wrong(_report(india_japan, nlp, question, text))


TRUE_SENTENCES = [
    # probe s36: 'reject' is a stance; what it rejects is taken as given
    ("indo-pacific-quad", "Both reject unilateral moves in the South China Sea."),
    (
        "challenges-way-forward",
        "India and Japan reject China's unilateral moves in the South China Sea.",
    ),
    ("indo-pacific-quad", "India and Japan reject China's nine-dash line and uphold UNCLOS."),
    (
        "defence-cooperation",
        "India and Japan reject the use of force to change borders and hold JIMEX regularly.",
    ),
    # a negative yes-no question asserts what it asks
    ("japan-development-partner", "Isn't Japan the largest bilateral donor to India?"),
    ("japan-development-partner", "Is Japan not the largest bilateral donor to India?"),
    ("defence-cooperation", "Doesn't Veer Guardian 2023 show how far defence ties have come?"),
    ("act-east-foip-northeast", "Didn't Japan fund roads and bridges in the Northeast?"),
    ("indo-pacific-quad", "Isn't the Quad's revival in 2017 a response to China?"),
    # 'nothing … better than', 'no … more than' put what follows first
    ("pyq-2019-contemporary", "Nothing illustrates trust better than the civil nuclear deal."),
    (
        "pyq-2019-contemporary",
        "Nothing better illustrates the trust than the civil nuclear deal of 2016.",
    ),
    (
        "japan-development-partner",
        "No project symbolises the partnership more than the bullet train.",
    ),
    (
        "2plus2-significance",
        "The talks covered the Indo-Pacific, to say nothing of economic security.",
    ),
    # a bare 'Act East' dates Act East (rubric 1.7.89), and a framework dates no event
    ("act-east-foip-northeast", "Act East (2014) grew out of Look East."),
    ("act-east-foip-northeast", "Since 2014 Act East has built on Look East."),
    (
        "act-east-foip-northeast",
        "Under the Act East Policy, Japan and India set up the forum in 2017.",
    ),
    # a clause on the cue itself describes it ("held between the two armies")
    (
        "defence-cooperation",
        "Dharma Guardian, held between the two armies, is distinct from JIMEX, a navy exercise.",
    ),
    # an adverb of exclusiveness takes the negation (adversarial probe s35)
    ("indo-pacific-quad", "The Quad is not a purely security forum."),
    ("indo-pacific-quad", "The Quad will not remain a purely security forum."),
    # the purchase denied, wanted or stalled is the point
    (
        "challenges-way-forward",
        "India has not bought the US-2 amphibious aircraft despite years of talks.",
    ),
    (
        "challenges-way-forward",
        "India wants to buy the US-2 amphibious aircraft, but the deal has stalled.",
    ),
    (
        "challenges-way-forward",
        "India bought Rafale jets from France, but the US-2 deal with Japan has stalled.",
    ),
    # the right service in a list the parser reads as an apposition stays right
    (
        "defence-cooperation",
        "Navies train in JIMEX and Malabar, armies in Dharma Guardian, air forces in Shinyuu "
        "Maitri and Veer Guardian.",
    ),
]


@pytest.mark.parametrize(
    ("question", "text"), TRUE_SENTENCES, ids=[t[:40] for _, t in TRUE_SENTENCES]
)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


STILL_DENIED = [
    (
        "japan-development-partner",
        "Japan is not the largest bilateral donor to India.",
        "largest-bilateral-donor",
    ),
    ("pyq-2020-quad-trade-bloc", "India did not reject RCEP.", "rcep-osaka-divergence"),
    ("indo-pacific-quad", "The Quad is not a security forum.", "shared-groupings"),
    ("act-east-foip-northeast", "Act East (2016) grew out of Look East.", "act-east-policy"),
]


@pytest.mark.parametrize(
    ("question", "text", "concept"), STILL_DENIED, ids=[d[1][:40] for d in STILL_DENIED]
)
def test_plain_denials_and_wrong_years_beside_them_still_count(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    assert concept in called_wrong(_report(india_japan, nlp, question, text))


def test_a_rejection_still_states_what_a_denial_point_denies(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan, nlp, "pyq-2020-quad-trade-bloc", "India rejected the idea of a trade bloc."
    )
    assert next(c for c in report.concepts if c.id == "quad-not-trade-bloc").credit == 1.0


WRONG_DETAILS = [
    # a service written in another clause is the other exercise's (trial s36)
    (
        "defence-cooperation",
        "JIMEX is the joint army exercise, Dharma Guardian is a naval exercise.",
        "dharma-guardian-service",
    ),
    # the third meeting's place, however the meeting is named
    ("2plus2-significance", "The third meeting was held in Tokyo.", "third-meeting-place"),
    ("2plus2-significance", "The third 2+2 meeting was held in Tokyo.", "third-meeting-place"),
    (
        "2plus2-significance",
        "The third 2+2 ministerial meeting took place in Tokyo.",
        "third-meeting-place",
    ),
    # a rank of the ODA recipient (rubric 1.7.89)
    (
        "japan-development-partner",
        "India is only the fifth-largest recipient of Japanese ODA.",
        "oda-recipient-rank",
    ),
    # the stalled US-2 purchase said to have happened (rubric 1.7.90)
    (
        "challenges-way-forward",
        "India bought the US-2 amphibious aircraft in 2019.",
        "us2-not-bought",
    ),
    (
        "defence-cooperation",
        "The Indian Navy inducted the US-2 amphibious aircraft in 2020.",
        "us2-not-bought",
    ),
    # a full stop of an abbreviation ends no sentence (lexicon.yaml abbreviations)
    (
        "japan-development-partner",
        "The bullet train line is approx. 650 km long.",
        "bullet-train-length",
    ),
    ("pyq-2013-economic", "The currency swap is approx. USD 50 bn.", "swap-size"),
]


@pytest.mark.parametrize(
    ("question", "text", "fact"), WRONG_DETAILS, ids=[d[1][:40] for d in WRONG_DETAILS]
)
def test_a_wrong_detail_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert report.fact(fact).status == "contradicted"
    assert not any(s.startswith("Accurate fact") for s in report.feedback.strengths)


RIGHT_DETAILS = [
    (
        "japan-development-partner",
        "India has been the largest recipient of Japanese ODA loans since 2003-04.",
        "oda-recipient-rank",
    ),
    (
        "2plus2-significance",
        "The third meeting, held in New Delhi, focused on the Indo-Pacific.",
        "third-meeting-place",
    ),
    (
        "japan-development-partner",
        "The bullet train line is approx. 508 km long.",
        "bullet-train-length",
    ),
    (
        "defence-cooperation",
        "Dharma Guardian is an army exercise and JIMEX is a naval one.",
        "dharma-guardian-service",
    ),
]


@pytest.mark.parametrize(
    ("question", "text", "fact"), RIGHT_DETAILS, ids=[d[1][:40] for d in RIGHT_DETAILS]
)
def test_the_right_detail_is_supported(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    assert _report(india_japan, nlp, question, text).fact(fact).status == "supported"


def test_another_groups_third_meeting_is_no_claim_about_the_2plus2(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan, nlp, "2plus2-significance", "The Quad's third meeting was held in Tokyo."
    )
    assert report.fact("third-meeting-place").status != "contradicted"


def test_a_denial_after_an_abbreviation_stays_in_its_sentence(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    for text in (
        "Japan does not fund metros, incl. the Delhi Metro.",
        "It is not true that Japan, esp. under Abe, funded the Delhi Metro.",
    ):
        report = _report(india_japan, nlp, "japan-development-partner", text)
        assert "metro-projects" in called_wrong(report), text
    # a restatement after 'viz.' or 'i.e.' is a claim of its own, outside the negation
    for text in (
        "The ACSA does not require either side to fight for the other, viz. it is only a "
        "logistics pact.",
        "The ACSA does not require either side to fight for the other, i.e. it is only a "
        "logistics pact.",
    ):
        assert_never_called_wrong(_report(india_japan, nlp, "defence-cooperation", text))
    sentences = list(nlp("The swap is approx. USD 75 bn. It steadies the rupee.").sents)
    assert [s.text for s in sentences] == [
        "The swap is approx. USD 75 bn.",
        "It steadies the rupee.",
    ]


def test_an_ordinal_that_opens_a_list_item_ranks_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial s36: "Second," had been praised as "Japan is the second country … to hold a 2+2"
    report = evaluate(
        "The 2+2 dialogue matters for many reasons. First, it helps both discuss security. "
        "Second, it improves defence relations between the two countries.",
        india_japan,
        "2plus2-significance",
        nlp=nlp,
    )
    assert report.fact("japan-second-partner").status == "absent"
    assert next(c for c in report.concepts if c.id == "japan-second-2plus2-partner").credit == 0
    # the rank written as a claim still counts
    stated = _report(
        india_japan,
        nlp,
        "2plus2-significance",
        "Second, Japan is the second country after the US to hold a 2+2 with India.",
    )
    assert stated.fact("japan-second-partner").status == "supported"


def test_the_mumbai_metro_is_no_terror_attack(india_japan: LoadedRubric, nlp: Language) -> None:
    # rubric 1.7.89 (trial s36): the Mumbai metro is no 26/11
    def credit(question: str, text: str, concept: str) -> float:
        report = _report(india_japan, nlp, question, text)
        return next(c for c in report.concepts if c.id == concept).credit

    metro = "Both countries condemn terrorism. Japan also funds the Mumbai metro."
    assert credit("2plus2-significance", metro, "terrorism-cross-border") < 1
    attacks = "Both condemned terrorism, including the Mumbai attacks of 2008."
    assert credit("2plus2-significance", attacks, "terrorism-cross-border") == 1


WAY_FORWARD_HEADED = """India and Japan are close partners, but their ties face hurdles.

Challenges: trade is small and one-sided, Indian goods find it hard to enter Japan, projects
are delayed by land problems, and the two differ over Russia.

Way forward: India should simplify its rules for investors. Both sides should hold regular talks
on trade barriers. Japan should open its market to Indian food and medicines. The two should also
work together on technology.

In conclusion, the relationship is strong but needs work on its economic side."""

FACTS_ONLY = """India and Japan are close partners. Japan funds the Delhi Metro and the bullet
train. Many Indian IT professionals now live in Japan. Japanese green technology is used in Indian
factories. The two navies hold JIMEX every year, and the armies hold Dharma Guardian.

In conclusion, the relationship is strong."""


def test_a_way_forward_is_judged_by_what_the_answer_proposes(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial s36: four 'should' sentences under a "Way forward:" heading had been told to add a
    # way forward, and measures named only as facts had passed as one
    asked = "'Suggest' asks for a way forward: add"
    general = "'Suggest' asks for a way forward: your proposals stay general"
    headed = evaluate(WAY_FORWARD_HEADED, india_japan, "challenges-way-forward", nlp=nlp)
    assert not any(asked in line for line in headed.structure.feedback)
    assert any(general in line for line in headed.structure.feedback)
    facts = evaluate(FACTS_ONLY, india_japan, "challenges-way-forward", nlp=nlp)
    assert any(asked in line for line in facts.structure.feedback)
    assert "suggest: way forward: measures named, none proposed" in facts.structure.directive_notes
