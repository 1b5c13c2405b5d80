"""Issue 13, credit: a concept is earned (or denied) by its own words in its own context; the
probes are the exact cases reported in the issue, on the bundled rubric."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report


def grade(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> Report:
    return evaluate(text, loaded, question, nlp=nlp)


def _denied(report: Report) -> list[str]:
    return [line for line in report.feedback.improvements if line.startswith("You deny")]


def test_issue13_probe_mumbai_inside_a_rail_line_earns_no_terrorism_credit(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "Japan is building the Mumbai-Ahmedabad high speed rail with Japanese loans."
    report = grade(india_japan, nlp, text, "2plus2-significance")
    assert report.concept("terrorism-cross-border").status == "missing"
    assert report.concept("terrorism-cross-border").credit == 0
    assert report.concept("oda-since-1958").status == "covered"  # the rail line's own concept


def test_issue13_probe_indian_navy_ships_are_not_japanese_ships(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = grade(
        india_japan, nlp, "Indian Navy ships exercise with Japan.", "2plus2-significance"
    )
    ships = next(c for c in report.concepts if c.label == "Maintenance of Japanese ships in India")
    assert ships.status == "missing" and ships.credit == 0


def test_another_countrys_ports_and_investment_earn_no_india_japan_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """'China's ports', 'Chinese investment': common nouns another country owns are that
    country's, not a joint India-Japan project in a third country."""
    text = "China's ports in Sri Lanka and Chinese investment in Bangladesh worry New Delhi."
    report = grade(india_japan, nlp, text, "challenges-way-forward")
    for point in ("third-country-cooperation", "bay-of-bengal-link", "quad-infrastructure"):
        assert report.concept(point).credit == 0, point
    # the same words, the partners' own, still earn the point
    report = grade(
        india_japan,
        nlp,
        "India and Japan are building ports in Sri Lanka together.",
        "challenges-way-forward",
    )
    assert report.concept("third-country-cooperation").status == "covered"


def test_a_country_the_point_names_keeps_its_possession(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """A point that names the country keeps what the country owns: Australia's navy in the
    Malabar exercise, Russian oil in the divergence over Ukraine."""
    report = grade(
        india_japan,
        nlp,
        "Australia's navy joins India and Japan in the Malabar exercise. Russian oil imports "
        "divide India and Japan after the Ukraine war.",
        "challenges-way-forward",
    )
    assert report.concept("malabar").status == "covered"
    assert report.concept("russia-ukraine-divergence").status == "covered"


def test_own_context_still_earns_credit(india_japan: LoadedRubric, nlp: Language) -> None:
    """The same words in their own context still count (the fix takes nothing away)."""
    report = grade(
        india_japan,
        nlp,
        "Both condemned the 26/11 Mumbai attacks and cross-border terrorism. "
        "Japanese ships are now repaired in Indian shipyards.",
        "2plus2-significance",
    )
    assert report.concept("terrorism-cross-border").status == "covered"
    ships = next(c for c in report.concepts if c.label == "Maintenance of Japanese ships in India")
    assert ships.credit > 0


def test_issue13_probe_a_rail_line_denial_is_not_a_denial_of_terrorism(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "Japan does not fund the Mumbai-Ahmedabad rail line."
    for question in ("2plus2-significance", "defence-cooperation"):
        report = grade(india_japan, nlp, text, question)
        assert report.concept("terrorism-cross-border").status == "missing"
        assert not any("terrorism" in line for line in _denied(report))


@pytest.mark.parametrize("question", ["challenges-way-forward", "defence-cooperation"])
def test_issue13_probe_us2_not_materialised_affirms_the_stalled_purchase(
    india_japan: LoadedRubric, nlp: Language, question: str
) -> None:
    text = "Deals such as the US-2 amphibious aircraft have not materialised."
    report = grade(india_japan, nlp, text, question)
    assert report.concept("us2-delay").status == "covered"
    assert report.concept("us2-delay").credit > 0
    assert _denied(report) == []


def test_denying_a_stalled_purchase_is_still_a_denial(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "The US-2 amphibious aircraft deal has not dragged on; it was signed quickly."
    report = grade(india_japan, nlp, text, "challenges-way-forward")
    assert report.concept("us2-delay").status == "negated"
    assert report.concept("us2-delay").credit == 0


@pytest.mark.parametrize(
    ("text", "question", "concept", "status"),
    [
        # "Global Partnership" inside the name of the 2014 upgrade is not the 2000 upgrade
        (
            "In 2014 the relationship was raised to a Special Strategic and Global Partnership.",
            "2plus2-significance",
            "partnership-upgrades",
            "missing",
        ),
        (
            "Ties became a Global Partnership in 2000 and were upgraded again in 2006.",
            "2plus2-significance",
            "partnership-upgrades",
            "covered",
        ),
        # the trade deficit with Japan is its own point, not trade below its potential
        (
            "India runs a lasting trade deficit with Japan.",
            "pyq-2013-economic",
            "trade-underdeveloped",
            "missing",
        ),
        (
            "India runs a lasting trade deficit with Japan, and its exporters use few CEPA "
            "preferences.",
            "pyq-2013-economic",
            "trade-deficit-cepa-use",
            "covered",
        ),
        (
            "Bilateral trade is far below its potential and modest compared with China.",
            "pyq-2013-economic",
            "trade-underdeveloped",
            "covered",
        ),
    ],
)
def test_a_cue_inside_the_name_of_another_point_of_its_dimension_is_that_points(
    india_japan: LoadedRubric, nlp: Language, text: str, question: str, concept: str, status: str
) -> None:
    found = grade(india_japan, nlp, text, question).concept(concept)
    assert found.status == status, found
