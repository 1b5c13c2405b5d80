"""A learner trial of engine 0.9.68 (rubric 1.7.49): six true sentences were told they were
wrong, and wrong years went unchecked when an answer named Japan and India by their capitals.

Each true sentence below is now never contradicted, and each wrong one still is (or now is),
so the fixes are not bought by checking less. The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "

# (question, a true sentence, the fact it was wrongly held to)
TRUE = [
    # a start year ("aid began in 1958") is contradicted only by a year stated as a beginning
    ("japan-development-partner",
     "In 2014 Japan pledged 3.5 trillion yen of public and private investment and ODA over five "
     "years.", "oda-start"),
    ("japan-development-partner", "Japanese ODA loans rose sharply after 2014.", "oda-start"),
    ("japan-development-partner", "Japanese aid was frozen in 1998 and resumed in 2001.",
     "oda-start"),
    ("defence-cooperation",
     "Japan took part in Malabar in 2007 as a non-permanent member, long before it joined the "
     "exercise for good.", "malabar-japan-member-year"),
    # a sentence that writes the notes' own year is never told it is wrong
    ("defence-cooperation",
     "A new Joint Declaration on Security Cooperation was adopted in 2025 to replace the older "
     "text of 2008.", "security-declaration-year"),
    # "as Crown Prince" dates a visit of another role
    ("pyq-2019-contemporary", "Emperor Akihito had also visited India as Crown Prince in 1960.",
     "emperor-visit-year"),
    # tourism is not the Year of Tourism Exchange
    ("pyq-2019-contemporary",
     "Japanese tourism to India collapsed in 2020 because of the pandemic but has since "
     "recovered.", "tourism-year"),
    # a second trial (engine 0.9.72): a successor, a change made to the thing, another noun or
    # a life event dates something else than the fact beside it
    ("defence-cooperation",
     "The Joint Declaration on Security Cooperation was replaced by a new declaration in 2025.",
     "security-declaration-year"),
    ("defence-cooperation", "A new Joint Declaration on Security Cooperation was adopted in 2025.",
     "security-declaration-year"),
    ("pyq-2019-contemporary",
     "Abe was honoured with the Padma Vibhushan a year before his death in 2022.", "padma-year"),
    ("pyq-2019-contemporary", "Abe died in 2022, a year after receiving the Padma Vibhushan.",
     "padma-year"),
    ("pyq-2019-contemporary",
     "The Strategic and Global Partnership was upgraded to a special one in 2014.",
     "strategic-global-partnership-year"),
    ("pyq-2019-contemporary",
     "The upgrade of ties in 2014 turned the Strategic and Global Partnership into a special one.",
     "strategic-global-partnership-year"),
    ("pyq-2019-contemporary", "The Global Partnership was raised to a strategic level in 2006.",
     "global-partnership-year"),
    ("pyq-2013-economic", "India signed a CEPA with the UAE in 2022.", "cepa-year"),
    ("pyq-2013-economic", "India signed a CEPA with the United Arab Emirates in 2022.",
     "cepa-year"),
    ("pyq-2019-contemporary",
     "The peace treaty India signed with Japan followed the San Francisco treaty of 1951.",
     "peace-treaty-year"),
    # a span inside the subject dates no beginning: aid given since 2002 funded metros
    ("japan-development-partner", "Japanese aid since 2002 has funded metros in many cities.",
     "oda-start"),
    # the first 2+2 of the country named last before the year: the US's, not Japan's
    ("2plus2-significance",
     "India began the format with the US: the first 2+2 was held in 2018, and it produced "
     "COMCASA and later BECA.", "first-2plus2-year"),
]  # fmt: skip

# (question, a wrong sentence, the fact that must catch it)
WRONG = [
    ("japan-development-partner", "Japan has given ODA to India since 1968.", "oda-start"),
    ("japan-development-partner", "Japanese aid to India began in 1968.", "oda-start"),
    ("defence-cooperation", "Japan became a permanent member of Malabar in 2020.",
     "malabar-japan-member-year"),
    ("2plus2-significance", "The first 2+2 meeting was held in Tokyo in 2017.",
     "first-2plus2-year"),
    ("2plus2-significance", "Unlike the US, Japan held the first 2+2 with India in 2016.",
     "first-2plus2-year"),
    # Tokyo and New Delhi name the rubric's own subject: a fact stated of them is checked
    ("japan-development-partner", "Tokyo has given ODA to India since 1968.", "oda-start"),
    ("pyq-2019-contemporary",
     "Tokyo and New Delhi signed a civil nuclear deal in 2010, despite India staying outside the "
     "NPT.", "civil-nuclear-year"),
    ("defence-cooperation", "Tokyo and New Delhi signed the ACSA in 2018.", "rpa-year"),
    ("pyq-2013-economic", "Tokyo and New Delhi brought CEPA into force in 2014.", "cepa-year"),
    ("pyq-2019-contemporary",
     "Tokyo and New Delhi raised their ties to a Special Strategic and Global Partnership in "
     "2016.", "ssgp-year"),
    ("pyq-2019-contemporary", "2022 was the India–Japan Year of Tourism Exchange.",
     "tourism-year"),
    # a name's first words belong to it: "Shinzo Abe" is the claim's Abe
    ("pyq-2019-contemporary", "Shinzo Abe received the Padma Vibhushan in 2019.", "padma-year"),
    ("pyq-2019-contemporary",
     "Prime Minister Shinzo Abe received the Padma Vibhushan in 2018.", "padma-year"),
    # a subject that names the event a year dates states its fact's year (engine 0.9.71)
    ("defence-cooperation",
     "The signing of ACSA in 2018 gave both navies access to each other's bases.", "rpa-year"),
    ("pyq-2019-contemporary",
     "Emperor Akihito and Empress Michiko's visit to India in 2016 showed Tokyo's regard for "
     "India.", "emperor-visit-year"),
    ("act-east-foip-northeast",
     "The creation of the Act East Forum in 2019 gave projects a home.", "act-east-forum-year"),
    # a change still dates what the thing became, and a year of another noun hides no error
    ("pyq-2019-contemporary", "Ties were upgraded to a Strategic and Global Partnership in 2008.",
     "strategic-global-partnership-year"),
    ("pyq-2019-contemporary",
     "Ties were raised to a Special Strategic and Global Partnership in 2016.", "ssgp-year"),
    ("defence-cooperation",
     "Japan became a permanent member of Malabar in 2017, two years after the 2015 Chennai "
     "floods.", "malabar-japan-member-year"),
    ("pyq-2019-contemporary",
     "The civil nuclear agreement was signed in 2014, two years before the demonetisation of "
     "2016.", "civil-nuclear-year"),
    ("defence-cooperation",
     "The logistics pact was signed in 2018, and Malabar brought in all four Quad navies in 2020.",
     "rpa-year"),
    ("pyq-2019-contemporary", "India signed a separate peace treaty with Japan in 1951.",
     "peace-treaty-year"),
    # ACSA by its full name (rubric 1.7.50)
    ("defence-cooperation", "The Acquisition and Cross-Servicing Agreement was signed in 2018.",
     "rpa-year"),
]  # fmt: skip


def _statuses(loaded: LoadedRubric, nlp: Language, question: str, sentence: str) -> dict:
    report = evaluate(OPENING + sentence, loaded, question, nlp=nlp)
    return {f.id: f for f in report.facts}


@pytest.mark.parametrize(("question", "sentence", "fact"), TRUE)
def test_a_true_sentence_is_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    found = _statuses(india_japan, nlp, question, sentence)[fact]
    assert found.status != "contradicted", found.message


@pytest.mark.parametrize(("question", "sentence", "fact"), WRONG)
def test_a_wrong_year_is_still_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    found = _statuses(india_japan, nlp, question, sentence)[fact]
    assert found.status == "contradicted", found.message


def test_a_non_permanent_seat_is_no_permanent_seat(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """'non-permanent' is one word: its 'permanent' fills no cue group of UNSC reform."""
    question = "pyq-2019-contemporary"

    def reform(sentence: str) -> tuple[str, int]:
        report = evaluate(OPENING + sentence, india_japan, question, nlp=nlp)
        found = next(c for c in report.concepts if c.id == "g4-unsc-reform")
        return found.status, found.groups_matched

    elected = reform("Both have served as non-permanent members of the UNSC many times.")
    seeking = reform("Both want permanent members' seats in the UNSC.")
    assert elected[1] < seeking[1]


def test_under_used_preferences_state_the_point(india_japan: LoadedRubric, nlp: Language) -> None:
    text = OPENING + "CEPA's tariff preferences remain under-used by Indian exporters."
    report = evaluate(text, india_japan, "pyq-2013-economic", nlp=nlp)
    assert next(c for c in report.concepts if c.id == "trade-deficit-cepa-use").status == "covered"
