"""Session 49: a place or a year of the rubric's own given to another is wrong in more shapes.

The notes' place in an order written on the subject side with the other name as the complement
("India's second 2+2 partner was Australia") or given by a verb of ranking ("Among India's 2+2
partners, Australia came second") is told wrong as "Australia was the second country …" is; a
year the notes give a compact of India and Japan, said of another pair ("Australia signed its
CEPA with India in 2011"), supports nothing and is told wrong when the compact is named."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.report import FactResult, Report

P2 = "2plus2-significance"
ECONOMIC = "pyq-2013-economic"
GIVES = "gives another what the source notes say"


def _fact(report: Report, fact_id: str) -> FactResult:
    (fact,) = [f for f in report.facts if f.id == fact_id]
    return fact


@pytest.mark.parametrize(
    "text",
    [
        "India's second 2+2 partner was Australia.",
        "The second 2+2 partner of India is Australia.",
        "Among India's 2+2 partners, Australia came second.",
        "Australia ranks second among India's 2+2 partners.",
    ],
)
def test_the_place_on_the_subject_side_given_to_another_is_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    fact = _fact(report, "japan-second-partner")
    assert (fact.status, fact.found) == ("contradicted", "second")
    assert f"{GIVES}: Japan is the second country" in fact.message
    assert not any("Accurate fact" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("The fifth-largest source of FDI in India is Singapore.", "fdi-rank"),
        ("Singapore ranks fifth among FDI sources in India.", "fdi-rank"),
        ("The largest recipient of Japanese ODA is Bangladesh.", "oda-recipient-rank"),
    ],
)
def test_a_rank_on_the_subject_side_given_to_another_is_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str
) -> None:
    report = probe_report(india_japan, nlp, ECONOMIC, text)
    assert GIVES in _fact(report, fact_id).message
    assert not any("Accurate fact" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("India's first 2+2 partner was Japan.", "first"),
        ("India's third 2+2 partner was Japan.", "third"),
    ],
)
def test_a_wrong_place_on_the_subject_side_of_japan_is_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str, found: str
) -> None:
    fact = _fact(probe_report(india_japan, nlp, P2, text), "japan-second-partner")
    assert (fact.status, fact.found) == ("contradicted", found)
    assert "the source notes say second" in fact.message


@pytest.mark.parametrize(
    "text",
    [
        "India's second 2+2 partner was Japan.",
        "Among India's 2+2 partners, Japan came second.",
        "After America, Jaapan became India's second 2+2 partner.",
        "Jaapan was India's second 2+2 partner.",
    ],
)
def test_the_place_given_to_japan_is_supported(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    assert _fact(report, "japan-second-partner").status == "supported"
    assert_never_called_wrong(report)


@pytest.mark.parametrize(
    "text",
    [
        # the owner of the subject is no holder: the US was India's first 2+2 partner
        "Japan's ally, the US, was India's first 2+2 partner.",
        "India's first 2+2 partner was Japan's ally, the US.",
        "India's first 2+2 partner was the US.",
        "The US came first among India's 2+2 partners.",
        "Among India's 2+2 partners, Japan came second and Australia third.",
    ],
)
def test_true_orders_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, P2, text))


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("Australia signed its CEPA with India in 2011.", "cepa-year"),
        ("Australia's CEPA with India was signed in 2011.", "cepa-year"),
        ("The CEPA between Australia and India was signed in 2011.", "cepa-year"),
        ("The CEPA was signed by Australia and India in 2011.", "cepa-year"),
        ("India signed the CEPA with Australia in 2011.", "cepa-year"),
        ("South Korea signed the CEPA with India in 2011.", "cepa-year"),
        ("Australia signed the ACSA with India in 2020.", "rpa-year"),
    ],
)
def test_a_compacts_year_given_to_another_pair_is_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str, fact_id: str
) -> None:
    report = probe_report(india_japan, nlp, ECONOMIC, text)
    fact = _fact(report, fact_id)
    assert fact.status == "contradicted"
    assert GIVES in fact.message
    assert not any("Accurate fact" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    "text",
    [
        # a compact of the kind, not named as the notes' one: maybe another pact (India and
        # Australia did sign a logistics pact in 2020), so neither praised nor told wrong
        "Australia signed a logistics pact with India in 2020.",
        "India and South Korea signed a CEPA in 2011.",
        "The US signed a semiconductor MoU with India in 2023.",
    ],
)
def test_a_compact_of_the_kind_with_another_pair_is_neither(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    report = probe_report(india_japan, nlp, ECONOMIC, text)
    assert_never_called_wrong(report)
    assert not any("Accurate fact" in s for s in report.feedback.strengths)


@pytest.mark.parametrize(
    "text",
    [
        "India and Japan signed the CEPA in 2011.",
        "Japan signed its CEPA with India in 2011.",
        "India signed CEPAs with Japan and Malaysia in 2011.",
        "South Korea signed its CEPA with India in 2009, two years before Japan's in 2011.",
        "Manmohan Singh and Naoto Kan signed the CEPA in 2011.",
        "India and Japan signed the ACSA in 2020.",
        # India's own policy, with another partner: no pair's deed
        "India launched the Act East Policy with ASEAN in 2014.",
    ],
)
def test_the_pairs_own_years_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, ECONOMIC, text))
