"""Session 48: the notes' place in an order ("Japan is the second country … to hold a 2+2 with
India") supports the fact only when the answer gives it to Japan; given to another name
("Australia was the second country to hold a 2+2 with India") it is wrong, and never praised."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

P2 = "2plus2-significance"
FACT = "japan-second-partner"


@pytest.mark.parametrize(
    "text",
    [
        "Australia was the second country to hold a 2+2 with India.",
        "Australia became India's second 2+2 partner.",
        "France became India's second 2+2 partner.",
        "After the US, Australia became India's second 2+2 partner.",
        "Russia became the second country to hold a ministerial 2+2 with India.",
        "The United States became India's second 2+2 partner.",
    ],
)
def test_the_notes_place_given_to_another_is_wrong_and_not_praised(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    (fact,) = [f for f in report.facts if f.id == FACT]
    assert (fact.status, fact.found) == ("contradicted", "second")
    assert "gives another what the source notes say: Japan is the second country" in fact.message
    assert not any("Accurate fact" in s for s in report.feedback.strengths)
    (concept,) = [c for c in report.concepts if c.id == "japan-second-2plus2-partner"]
    assert concept.status != "covered"


@pytest.mark.parametrize(
    "text",
    [
        "India's second 2+2 partner was Australia.",
        "The US was the second country to hold a 2+2 with India.",
    ],
)
def test_other_false_holders_are_at_least_not_praised(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    assert [f.status for f in report.facts if f.id == FACT] != ["supported"]
    assert not any("Accurate fact" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    "text",
    [
        "Japan was the second country to hold a 2+2 with India.",
        "After the US, Japan became India's second 2+2 partner.",
        "India's second 2+2 partner was Japan.",
        "Japan, after the US, was the second country to hold a 2+2 with India.",
        "The second nation to hold a ministerial 2+2 with India was Japan, after America.",
        "India made Japan its second 2+2 partner after the US.",
        "The US was India's first 2+2 partner and Japan its second.",
    ],
)
def test_the_place_given_to_japan_is_still_supported(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    assert [f.status for f in report.facts if f.id == FACT] == ["supported"]
    assert_never_called_wrong(report)


@pytest.mark.parametrize(
    "text",
    [
        # another order: Japan's own 2+2 partners (Australia came after the US there)
        "Australia was the second country to hold a 2+2 with Japan.",
        "Australia was the second country to join the Quad.",
        "Japan was India's second 2+2 partner; Australia came third.",
        "Australia is India's second-largest source of coal.",
    ],
)
def test_other_orders_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, P2, text))


# the same for a rank by size: "Japan is the fifth-largest source of FDI in India", "India is
# the largest recipient of Japanese ODA"
ECONOMIC = "pyq-2013-economic"


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("Singapore is the fifth-largest source of FDI in India.", "fdi-rank"),
        ("Mauritius is the fifth-largest source of FDI in India.", "fdi-rank"),
        ("Bangladesh is the largest recipient of Japanese ODA.", "oda-recipient-rank"),
    ],
)
def test_a_rank_given_to_another_is_wrong_and_not_praised(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str
) -> None:
    report = probe_report(india_japan, nlp, ECONOMIC, text)
    (fact,) = [f for f in report.facts if f.id == fact_id]
    assert fact.status == "contradicted"
    assert not any("Accurate fact" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("Japan is the fifth-largest source of FDI in India.", "fdi-rank"),
        ("Japan ranks as the fifth-largest source of FDI in India.", "fdi-rank"),
        (
            "Japan, after Mauritius, Singapore, the US and the Netherlands, is the "
            "fifth-largest source of FDI in India.",
            "fdi-rank",
        ),
        ("India is the largest recipient of Japanese ODA.", "oda-recipient-rank"),
        ("The largest recipient of Japanese ODA is India.", "oda-recipient-rank"),
    ],
)
def test_a_rank_given_to_the_facts_subject_is_still_supported(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str
) -> None:
    report = probe_report(india_japan, nlp, ECONOMIC, text)
    assert [f.status for f in report.facts if f.id == fact_id] == ["supported"]
    assert_never_called_wrong(report)


@pytest.mark.parametrize(
    "text",
    [
        "Singapore is the second-largest source of FDI in India.",
        "Mauritius is the largest source of FDI in India.",
        "Singapore and Mauritius are the two largest sources of FDI in India.",
    ],
)
def test_other_ranks_of_other_names_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, ECONOMIC, text))
