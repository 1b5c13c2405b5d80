"""A learner trial of rubric 1.7.45: four wrong statements were credited (fixed in rubric 1.7.46).

Each wrong sentence is now contradicted (or no longer credited), the true sentence of the same
point is supported (or credited), and true sentences with other figures beside the new facts'
cue words are never contradicted. The facts come from the source notes' background sections
(first 2+2 in New Delhi in 2019, Japan a permanent Malabar member since 2015, the Mumbai–Ahmedabad
line about 508 km, India outside IPEF's trade pillar); the sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report


def _grade(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> Report:
    return evaluate(text, loaded, question, nlp=nlp)


def _contradicted(report: Report) -> list[str]:
    return [f"{f.id}: {f.message}" for f in report.facts if f.status == "contradicted"]


# (question, wrong sentence, fact, the value found, the point it belongs to)
WRONG = [
    ("2plus2-significance", "The first 2+2 meeting was held in Tokyo in 2017.",
     "first-2plus2-year", "2017", "secretary-level-upgrade"),
    ("japan-development-partner", "The 650 km Mumbai–Ahmedabad bullet train is funded by Japan.",
     "bullet-train-length", "650", "bullet-train"),
    ("japan-development-partner", "Japan is funding the 650-km-long bullet train.",
     "bullet-train-length", "650", "bullet-train"),
    ("japan-development-partner", "Japan is funding the 650 km MAHSR with a soft loan.",
     "bullet-train-length", "650", "bullet-train"),
    ("defence-cooperation", "Japan became a permanent member of Malabar in 2020",
     "malabar-japan-member-year", "2020", "malabar"),
]  # fmt: skip

# (question, true sentence, fact, the point it belongs to)
FIRST_2PLUS2 = [
    "The first 2+2 was held in New Delhi in November 2019.",
    "The first 2+2 meeting between India and Japan took place in 2019.",
    "In 2019 India and Japan held their first 2+2 meeting in New Delhi.",
]

RIGHT = [
    *(("2plus2-significance", text, "first-2plus2-year", None) for text in FIRST_2PLUS2),
    ("2plus2-significance",
     "The first ministerial 2+2 in 2019 was upgraded from a secretary-level dialogue.",
     "first-2plus2-year", "secretary-level-upgrade"),
    ("japan-development-partner", "The 508 km Mumbai–Ahmedabad line is funded by a JICA loan.",
     "bullet-train-length", "bullet-train"),
    ("japan-development-partner",
     "The 508-km Mumbai–Ahmedabad high-speed rail uses Shinkansen technology.",
     "bullet-train-length", "bullet-train"),
    ("japan-development-partner",
     "Japan is funding the 508 km high-speed rail between Mumbai and Ahmedabad.",
     "bullet-train-length", "bullet-train"),
    ("japan-development-partner", "Japan is funding the 500 km bullet train with a cheap loan.",
     "bullet-train-length", "bullet-train"),
    ("defence-cooperation", "Japan became a permanent member of Malabar in 2015",
     "malabar-japan-member-year", "malabar"),
    ("defence-cooperation", "Japan has been a regular member of Malabar since 2015.",
     "malabar-japan-member-year", "malabar"),
    ("defence-cooperation",
     "Japan first took part in Malabar in 2007 and became a permanent member in 2015.",
     "malabar-japan-member-year", "malabar"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "text", "fact", "found", "concept"), WRONG)
def test_a_wrong_fact_is_contradicted_and_earns_nothing(
    india_japan: LoadedRubric,
    nlp: Language,
    question: str,
    text: str,
    fact: str,
    found: str,
    concept: str,
) -> None:
    report = _grade(india_japan, nlp, text, question)
    result = report.fact(fact)
    assert result.status == "contradicted" and result.found == found
    assert report.concept(concept).credit == 0


@pytest.mark.parametrize(("question", "text", "fact", "concept"), RIGHT)
def test_the_right_fact_is_supported_and_credited(
    india_japan: LoadedRubric,
    nlp: Language,
    question: str,
    text: str,
    fact: str,
    concept: str | None,
) -> None:
    report = _grade(india_japan, nlp, text, question)
    assert report.fact(fact).status == "supported"
    if concept is not None:
        assert report.concept(concept).status == "covered"
    else:
        # the year of the first ministerial 2+2 is its fact, but the point is that the 2+2 grew
        # out of a secretary-level one, which these sentences do not say (engine 0.9.145: a fact
        # completes a point none of whose cues the answer writes only when its cue names it)
        assert report.concept("secretary-level-upgrade").status == "missing"
    assert _contradicted(report) == []


# ------------------------------------------------------------------ 1. the first and third 2+2


@pytest.mark.parametrize(
    "text",
    [
        # India's first 2+2 partner was the US: its year is no wrong year of Japan's first 2+2
        "India's first 2+2 was with the US in 2018.",
        "India held its first 2+2 with the US in 2018.",
        "India's first 2+2 dialogue was held with the US in 2018.",
        "The first India–US 2+2 meeting was held in New Delhi in 2018.",
        "The first 2+2 meeting with the US was held in 2018.",
        "India and the US held their first 2+2 in 2018.",
        "The first round of the ministerial dialogue took place in 2019.",
        "The 2+2 with Japan was upgraded in 2019 from a secretary-level dialogue that began in "
        "2010.",
    ],
)
def test_other_first_meetings_are_not_contradicted(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _contradicted(_grade(india_japan, nlp, text, "2plus2-significance")) == []


def test_third_2plus2_in_tokyo_is_not_credited_as_held_in_new_delhi(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "The third India-Japan 2+2 meeting was held in Tokyo in 2017."
    concept = _grade(india_japan, nlp, text, "2plus2-significance").concept("third-2plus2-meeting")
    # it names the third 2+2 (half the point) but not where it met: no longer "covered"
    assert concept.status != "covered"
    assert concept.credit <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "The third India–Japan 2+2 meeting was held in New Delhi.",
        "The third 2+2 ministerial meeting was held in New Delhi in 2024.",
        "Japan is India's second 2+2 partner after the US; the third meeting, in New Delhi, "
        "focused on the Indo-Pacific.",
        "The second 2+2 meeting was held in Tokyo in 2022, and the third met in New Delhi.",
    ],
)
def test_third_2plus2_in_new_delhi_is_covered(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = _grade(india_japan, nlp, text, "2plus2-significance")
    assert report.concept("third-2plus2-meeting").status == "covered"
    assert _contradicted(report) == []


# ------------------------------------------------------------------ 2. the bullet train's length


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("japan-development-partner", "The bullet train will run at 320 km per hour."),
        ("japan-development-partner", "The bullet train will run at 320 km/h."),
        ("japan-development-partner", "The bullet train will have 12 stations."),
        ("japan-development-partner", "The freight corridor is about 1,500 km long."),
        ("japan-development-partner", "Japan funds the 1,500 km long freight corridor."),
        ("japan-development-partner", "The Delhi Metro network is now about 390 km long."),
        ("japan-development-partner", "The Mumbai–Ahmedabad line is about 508 km long."),
        ("indo-pacific-quad", "India's coastline is about 7,500 km long."),
        ("indo-pacific-quad", "India has a 7,516 km long coastline facing the Indian Ocean."),
    ],
)
def test_other_lengths_and_figures_are_not_contradicted(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert _contradicted(_grade(india_japan, nlp, text, question)) == []


# ------------------------------------------------------------------ 3. Japan in Malabar


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("defence-cooperation", "In 2020 Malabar brought all four Quad navies together."),
        ("defence-cooperation", "Australia became a permanent member of Malabar in 2020."),
        (
            "defence-cooperation",
            "Malabar started in 1992 as an India–US exercise, and Japan became a regular member "
            "in 2015.",
        ),
        (
            "pyq-2019-contemporary",
            "Japan has sought to become a permanent member of the UN Security Council since 2004.",
        ),
    ],
)
def test_other_years_of_malabar_and_membership_are_not_contradicted(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert _contradicted(_grade(india_japan, nlp, text, question)) == []


# ----------------------------------------------------------- 4. India outside IPEF's trade pillar


@pytest.mark.parametrize(
    "text",
    [
        "India is not part of the trade pillar of IPEF",
        "India has not joined the trade pillar of the Indo-Pacific Economic Framework.",
        "IPEF sits outside the Quad and India skipped its trade pillar.",
    ],
)
def test_india_outside_the_ipef_trade_pillar_is_credited_not_negated(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    concept = _grade(india_japan, nlp, text, "pyq-2020-quad-trade-bloc").concept("quad-ipef")
    # (rubric 1.7.49, engine 0.9.67: a part presupposes its whole, so IPEF stands asserted;
    # "not part of the trade pillar" says little more of it than its name, hence partial)
    assert concept.status in ("covered", "partial")
    assert concept.credit > 0


def test_india_out_of_the_ipef_itself_is_still_a_denial(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """India is in IPEF (outside its trade pillar): 'India did not join the IPEF' is false,
    and was credited while quad-ipef was a negative claim (rubric 1.7.46-1.7.48)."""
    text = "India did not join the IPEF."
    concept = _grade(india_japan, nlp, text, "pyq-2020-quad-trade-bloc").concept("quad-ipef")
    assert concept.status == "negated" and concept.credit == 0


def test_the_ipef_denial_is_no_denial_in_the_challenges_question(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "India is not part of the trade pillar of IPEF"
    report = _grade(india_japan, nlp, text, "challenges-way-forward")
    assert [c.id for c in report.concepts if c.status == "negated"] == []


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("2plus2-significance", "They back a free and open Indo-Pacific and the Quad."),
        (
            "economic-security-supply-chains",
            "India and Japan work in the Quad on critical and emerging technologies.",
        ),
    ],
)
def test_backing_the_quad_and_its_technology_track_are_quad_cooperation(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    """The same trial (rubric 1.7.47): both sentences were told to add Quad cooperation."""
    report = evaluate(text, india_japan, question, nlp=nlp)
    assert report.concept("quad-cooperation").status == "covered"


@pytest.mark.parametrize(
    ("text", "concept", "status"),
    [
        (
            "The first 2+2 was held in New Delhi in November 2019.",
            "third-2plus2-meeting",
            "missing",
        ),
        ("The third 2+2 was held in New Delhi.", "third-2plus2-meeting", "covered"),
        (
            "Japan became only the second country, after the US, with which India holds a 2+2.",
            "japan-second-2plus2-partner",
            "covered",
        ),
        ("Japan is India's second 2+2 partner.", "japan-second-2plus2-partner", "covered"),
    ],
)
def test_another_meeting_earns_nothing_of_the_third(
    india_japan: LoadedRubric, nlp: Language, text: str, concept: str, status: str
) -> None:
    """The same trial (rubric 1.7.48): the first meeting earned half of the third's point."""
    assert (
        evaluate(text, india_japan, "2plus2-significance", nlp=nlp).concept(concept).status
        == status
    )
