"""Session 32: true sentences that probe s32 found called wrong, and the false ones beside them
that must still be caught. The sentences are our own."""

from __future__ import annotations

import pytest
from probe_support import called_wrong as _called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

TRUE_SENTENCES = [
    # a claim reported and then refuted is not the writer's
    (
        "2plus2-significance",
        "Some claim Japan was India's first 2+2 partner, but the US came first.",
    ),
    (
        "pyq-2013-economic",
        "Many students write that CEPA was signed in 2008, which is wrong: it was signed in 2011.",
    ),
    (
        "challenges-way-forward",
        "Critics say Japan has abandoned the bullet train, but the project is still under way.",
    ),
    # the year of a predecessor, or of the changeover to a successor
    ("2plus2-significance", "Japan's first National Security Strategy dated from 2013."),
    (
        "act-east-foip-northeast",
        "Act East, which succeeded Look East in 2014, adds security and connectivity.",
    ),
    ("act-east-foip-northeast", "Look East gave way to Act East in 2014."),
    # who has sanctioned Russia, said right (rubric 1.7.81)
    ("challenges-way-forward", "Japan sanctioned Russia over Ukraine, but India did not."),
    ("challenges-way-forward", "India, unlike Japan, has not imposed sanctions on Russia."),
    (
        "pyq-2019-contemporary",
        "Neither India nor Japan holds a permanent seat on the UN Security Council.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad has no secretariat."),
    # another country's first 2+2 is no wrong year of Japan's
    ("2plus2-significance", "India began the format with the US: the first 2+2 was held in 2018."),
    # a line built and not yet in service (engine 0.9.164)
    ("japan-development-partner", "The bullet train is not yet running."),
]


@pytest.mark.parametrize(
    ("question", "text"), TRUE_SENTENCES, ids=[t[:40] for _, t in TRUE_SENTENCES]
)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert _called_wrong(report) == []
    assert not any(
        "denies" in line or "Correct the fact" in line for line in report.feedback.improvements
    )


FALSE_SENTENCES = [
    # the same claims stated as the writer's own, or reported and left standing
    ("2plus2-significance", "Japan was India's first 2+2 partner.", "japan-second-partner"),
    ("pyq-2013-economic", "Many students write that CEPA was signed in 2008.", "cepa-year"),
    ("act-east-foip-northeast", "Look East was launched in 2014.", "look-east-year"),
    ("2plus2-significance", "Japan's National Security Strategy dates from 2013.", "nss-year"),
    # who has sanctioned Russia, said wrong (rubric 1.7.81)
    (
        "challenges-way-forward",
        "India and Japan have both sanctioned Russia.",
        "india-no-russia-sanctions",
    ),
    (
        "challenges-way-forward",
        "India imposed sanctions on Russia in 2022.",
        "india-no-russia-sanctions",
    ),
    # seats and a secretariat neither has (rubric 1.7.82)
    (
        "pyq-2019-contemporary",
        "India and Japan both hold permanent seats on the UN Security Council.",
        "unsc-permanent-seats",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad has a permanent secretariat in Tokyo.", "quad-form"),
    # a country the claim names is the fact's own (engine 0.9.166); a partner in the singular
    # (rubric 1.7.83)
    (
        "economic-security-supply-chains",
        "India, Japan and Australia launched the SCRI in 2019.",
        "scri-year",
    ),
    (
        "pyq-2019-contemporary",
        "Japan became a Special Strategic and Global Partner of India in 2006.",
        "ssgp-year",
    ),
    # a beginning's claim is the first one's: "the first yen loan" keeps its year
    ("japan-development-partner", "Japan's first yen loan to India came in 1968.", "oda-start"),
]


@pytest.mark.parametrize(
    ("question", "text", "fact"), FALSE_SENTENCES, ids=[t[:40] for _, t, _ in FALSE_SENTENCES]
)
def test_the_false_sentences_beside_them_are_still_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert next(f for f in report.facts if f.id == fact).status == "contradicted"


UNEARNED = [
    # rubric 1.7.78: a word of the name, a figure or an ordinal elsewhere earns no point
    ("defence-cooperation", "India has more than 100 unicorn start-ups.", "unicorn-transfer", 0),
    (
        "defence-cooperation",
        "India has built new airports, and air traffic grew 15% in 2023.",
        "aircraft-30-percent",
        0,
    ),
    (
        "2plus2-significance",
        "The third edition of the Raisina Dialogue was held in New Delhi.",
        "third-2plus2-meeting",
        0.5,
    ),
    # rubric 1.7.79: a name alone
    (
        "2plus2-significance",
        "Fukuoka is famous for its ramen and its Hakata festival.",
        "fukuoka-consulate",
        0,
    ),
    (
        "pyq-2019-contemporary",
        "Ram Nath Kovind was India's 14th President.",
        "kovind-enthronement-2019",
        0,
    ),
    # engine 0.9.163: another pair's compact lends the point none of its words
    (
        "pyq-2019-contemporary",
        "India and France signed a civil nuclear agreement in 2008.",
        "civil-nuclear-2016",
        0,
    ),
    (
        "pyq-2019-contemporary",
        "France signed a civil nuclear cooperation agreement with India in 2008.",
        "civil-nuclear-2016",
        0,
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad countries signed a free trade agreement in 2023.",
        "cepa-2011",
        0,
    ),
    # the points themselves, in a learner's words
    (
        "pyq-2013-economic",
        "The two countries signed a free trade agreement in 2011.",
        "cepa-2011",
        1,
    ),
    (
        "defence-cooperation",
        "Dharma Guardian is held between the two armies.",
        "dharma-guardian",
        1,
    ),
    (
        "pyq-2019-contemporary",
        "India signed a civil nuclear agreement with Japan in 2016.",
        "civil-nuclear-2016",
        1,
    ),
    ("2plus2-significance", "India will open a new consulate in Fukuoka.", "fukuoka-consulate", 1),
    (
        "pyq-2019-contemporary",
        "President Kovind attended Emperor Naruhito's enthronement in Tokyo in 2019.",
        "kovind-enthronement-2019",
        1,
    ),
    (
        "defence-cooperation",
        "Japan will transfer the UNICORN to the Indian Navy.",
        "unicorn-transfer",
        1,
    ),
    (
        "defence-cooperation",
        "Japan has promised that 30% of its aircraft will be built in India.",
        "aircraft-30-percent",
        1,
    ),
    (
        "2plus2-significance",
        "The third 2+2 meeting was held in New Delhi in August 2024.",
        "third-2plus2-meeting",
        1,
    ),
]


@pytest.mark.parametrize(
    ("question", "text", "concept", "most"), UNEARNED, ids=[t[:40] for _, t, _, _ in UNEARNED]
)
def test_a_point_is_earned_by_what_it_says_not_by_a_word_of_it(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str, most: float
) -> None:
    result = _report(india_japan, nlp, question, text).concept(concept)
    if most == 1:
        assert result.status == "covered"
    else:
        assert result.credit <= most and result.status != "covered"


def test_a_line_said_not_to_run_without_yet_is_still_denied(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan, nlp, "japan-development-partner", "The bullet train does not run."
    )
    assert report.concept("bullet-train").status == "negated"
