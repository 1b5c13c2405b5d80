"""Session 47, the user trial of the bundled India–Japan rubric (facts): a wrong city in the new
consulate's own "in …" phrase, or a wrong host of the third 2+2, is caught, whatever verb
carries the sentence; the right city is supported, and other consulates, meetings and events in
the same cities are left alone. A fact's message quotes the clause without the point's bullet or
number. A year said in words ("nineteen fifty-eight") is read as the year it names."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong, probe_report
from spacy.language import Language

from evaluator.nlp.quantities import extract_quantities
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.fact_parse import quoted
from evaluator.scoring.engine import evaluate

P2 = "2plus2-significance"
DEF = "defence-cooperation"
DEV = "japan-development-partner"

WRONG_PLACE = [
    ("new-consulate-city", "They praised India's decision to open a new consulate in Osaka."),
    ("new-consulate-city", "The two ministers welcomed the new consulate in Osaka."),
    ("new-consulate-city", "India decided to open a new consulate in Osaka."),
    ("new-consulate-city", "India plans to open a new consulate in Kobe."),
    ("third-meeting-place", "Tokyo hosted the third 2+2."),
    ("third-meeting-place", "Tokyo hosted the third 2+2 meeting."),
    # the place after the verb is the meeting's, no rank narrowed by it
    ("first-2plus2-year", "The first 2+2 was held in Tokyo in 2022."),
]

RIGHT_PLACE = [
    ("new-consulate-city", "They praised India's decision to open a new consulate in Fukuoka."),
    ("new-consulate-city", "The two ministers welcomed the new consulate in Fukuoka."),
    ("new-consulate-city", "India decided to open a new consulate in Fukuoka."),
    ("third-meeting-place", "New Delhi hosted the third 2+2."),
    ("third-meeting-place", "Delhi hosted the third 2+2 meeting."),
    ("third-meeting-place", "The third 2+2 in New Delhi focused on defence equipment."),
]

NOT_THE_FACT = [
    "Japan has a consulate in Osaka.",
    "India already runs a consulate in Osaka.",
    "Besides its consulate in Osaka, India is opening a new consulate in Fukuoka.",
    "The Quad foreign ministers met in Tokyo in 2024.",
    "Tokyo hosted the Olympics.",
    "Tokyo hosted the Olympics, and New Delhi hosted the third 2+2.",
    "India has no new consulate in Osaka.",
    "India may open a new consulate in Osaka.",
    "India dropped the idea of a new consulate in Osaka.",
    "Is India opening a new consulate in Osaka?",
    "If India opened a new consulate in Osaka, trade would grow.",
    # a place after a rank may narrow it: the first of the meetings held in Tokyo
    "The first India-Japan 2+2 in Tokyo took place in 2022.",
    "The first 2+2 in Tokyo came in 2022, three years after the New Delhi round.",
]


@pytest.mark.parametrize(("fact", "text"), WRONG_PLACE)
def test_a_wrong_city_of_the_cue_is_caught(
    fact: str, text: str, india_japan: LoadedRubric, nlp: Language
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    assert fact in called_wrong(report)
    result = next(f for f in report.facts if f.id == fact)
    assert "the source notes say" in result.message


@pytest.mark.parametrize(("fact", "text"), RIGHT_PLACE)
def test_the_right_city_is_supported(
    fact: str, text: str, india_japan: LoadedRubric, nlp: Language
) -> None:
    report = probe_report(india_japan, nlp, P2, text)
    assert_never_called_wrong(report)
    assert next(f for f in report.facts if f.id == fact).status == "supported"


@pytest.mark.parametrize("text", NOT_THE_FACT)
def test_other_consulates_meetings_and_unclaimed_places_are_left_alone(
    text: str, india_japan: LoadedRubric, nlp: Language
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, P2, text))


@pytest.mark.parametrize(
    ("question", "point", "fact"),
    [
        (DEF, "- JIMEX is the bilateral army exercise of India and Japan.", "jimex-service"),
        (DEF, "* JIMEX is the bilateral army exercise of India and Japan.", "jimex-service"),
        (P2, "1. The new consulate in Osaka will serve Indians in Kyushu.", "new-consulate-city"),
        (P2, "(a) The third 2+2 was held in Tokyo.", "third-meeting-place"),
        (DEV, "- Japanese aid to India began in 1965.", "oda-start"),
    ],
)
def test_the_quoted_clause_has_no_bullet_or_number(
    question: str, point: str, fact: str, india_japan: LoadedRubric, nlp: Language
) -> None:
    answer = "India and Japan have built strong ties.\n" + point + "\nThey meet every year."
    report = evaluate(answer, india_japan, question, nlp=nlp)
    result = next(f for f in report.facts if f.id == fact)
    assert result.status == "contradicted"
    words = point.split(" ", 1)[1]
    quote = result.message.split("“", 1)[1].split("”", 1)[0]
    assert words.startswith(quote)
    assert result.clause == quote


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Aid began in nineteen fifty-eight.", 1958),
        ("The pact was signed in two thousand and fourteen.", 2014),
        ("The summit met in twenty twenty-two.", 2022),
        ("In March nineteen fifty-eight, the first loan came.", 1958),
        ("The talks ran from nineteen fifty-eight to nineteen sixty.", 1960),
        ("The hall was built in nineteen oh five.", 1905),
    ],
)
def test_a_year_said_in_words_is_read_as_a_year(text: str, year: int, nlp: Language) -> None:
    years = [q.value for q in extract_quantities(nlp(text)) if q.kind == "year"]
    assert year in years


@pytest.mark.parametrize(
    "text",
    [
        "There were twenty five ships in the drill.",
        "In twenty twenty-two soldiers trained.",
        "They sent nineteen fifty-eight times.",
        "It lasted twenty five years.",
    ],
)
def test_a_count_in_words_stays_a_count(text: str, nlp: Language) -> None:
    assert not [q for q in extract_quantities(nlp(text)) if q.kind == "year"]


def test_oda_start_reads_a_year_said_in_words(india_japan: LoadedRubric, nlp: Language) -> None:
    right = probe_report(
        india_japan, nlp, DEV, "Japan's aid to India started in nineteen fifty-eight."
    )
    assert_never_called_wrong(right)
    assert next(f for f in right.facts if f.id == "oda-start").status == "supported"
    wrong = probe_report(
        india_japan, nlp, DEV, "Japan's aid to India started in nineteen sixty-eight."
    )
    assert "oda-start" in called_wrong(wrong)


@pytest.mark.parametrize(
    ("clause", "quote"),
    [
        ("- JIMEX is a naval drill", "JIMEX is a naval drill"),
        ("12) The CEPA came into force in 2011", "The CEPA came into force in 2011"),
        ("(b) Abe spoke in 2007", "Abe spoke in 2007"),
        (
            "A. P. J. Abdul Kalam visited Japan in 2006",
            "A. P. J. Abdul Kalam visited Japan in 2006",
        ),
        ("-5% was the fall in trade", "-5% was the fall in trade"),
    ],
)
def test_a_quote_loses_a_marker_but_no_words(clause: str, quote: str) -> None:
    assert quoted(clause) == quote
