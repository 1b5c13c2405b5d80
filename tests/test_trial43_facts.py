"""Session 43, facts (probe of 381 true and 40 false sentences on India–Japan relations). The
true sentences the engine had called wrong are no longer: a rank counted after the names it
passes ("After the US, Japan was the first country …") or among a narrowed group ("Among Asian
countries, …"), a cleft's own clause ("It is the navies, not the armies, that train in JIMEX"),
a contrast that denies a name only what the notes deny it too ("The army exercise is Dharma
Guardian, not JIMEX"), a pair denied beside the subject that does it ("Neither the armies nor
the air forces take part in JIMEX; the navies do"), the sign '≠' for "is not", and a bracket
that labels the name before it, not the cue the parser hangs that name on. And wrong facts
that had gone unread are caught: who trains in an exercise, where India took part in Vostok,
the order of a "third country, after the US and Australia", the new consulate's city, the 14th
summit's year, a wrong year inside a list of upgrades, and the route of "the 508 km bullet
train". Each sentence is graded after a neutral opening (tests/probe_support.py)."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

P2 = "2plus2-significance"
DEF = "defence-cooperation"
C19 = "pyq-2019-contemporary"
DEV = "japan-development-partner"
IPQ = "indo-pacific-quad"
Q20 = "pyq-2020-quad-trade-bloc"

# true sentences the engine called wrong before session 43 (the probe's, and their variants)
TRUE_CALLED_WRONG = [
    # a rank counted after the names it passes: the second, counting the US
    (P2, "Apart from the US, Japan was the first country with which India held a ministerial 2+2."),
    (P2, "After the US, Japan was the first country to hold a ministerial 2+2 with India."),
    (P2, "Besides the US, Japan was the first partner with which India began a ministerial 2+2."),
    (P2, "Other than the US, Japan was the first country to hold a 2+2 with India."),
    # a rank among a group a modifier narrows
    (P2, "Among Asian countries, Japan was the first to hold a ministerial 2+2 with India."),
    (P2, "Of all Asian partners, Japan was the first to hold a 2+2 with India."),
    # a cleft's clause is said of its focus, not of the contrasted noun it hangs on
    (DEF, "It is the navies, not the armies, that train together in JIMEX."),
    (DEF, "It is the air forces, not the navies, that fly in Veer Guardian."),
    (C19, "It was Abe, not Modi, who gave the Confluence of Two Seas speech in 2007."),
    (DEV, "It is Japan, not China, that funds the bullet train."),
    # a name denied only what its fact's contrary descriptions say
    (DEF, "It is Dharma Guardian, not JIMEX, that brings the armies together."),
    (DEF, "The army exercise is Dharma Guardian, not JIMEX."),
    (DEF, "The armies train in Dharma Guardian, not in JIMEX."),
    (DEF, "Dharma Guardian, not JIMEX, brings the armies together."),
    (DEF, "Malabar, not Dharma Guardian, is the naval exercise."),
    (DEF, "The naval exercise is JIMEX, not Veer Guardian."),
    # a pair denied, the predicate given to another subject
    (DEF, "Neither the armies nor the air forces take part in JIMEX; the navies do."),
    # '≠' is "is not": what follows it is denied, not the Quad
    (Q20, "Quad ≠ military alliance: no treaty, no secretariat, no mutual-defence clause."),
    (Q20, "Quad ≠ trade bloc: no FTA, no tariff preferences."),
    # a bracket labels the name before it
    (DEF, "Exercises: JIMEX (since the navies began it), Malabar (with the US and Australia), "
          "Dharma Guardian (armies)."),
    (DEF, "Exercises: Malabar (with the US and Australia), Dharma Guardian (armies)."),
]  # fmt: skip

# false sentences the engine missed before session 43: (question, sentence, the fact now wrong)
FALSE_NOW_CAUGHT = [
    (DEF, "The armies of India and Japan train together in JIMEX.", "jimex-service"),
    (DEF, "The air forces of India and Japan take part in JIMEX.", "jimex-service"),
    (DEF, "The navies of Japan and India train in Dharma Guardian.", "dharma-guardian-service"),
    (IPQ, "India took part in Russia's Vostok exercise near the Senkakus, which angered Japan.",
     "vostok-place"),
    (IPQ, "India took part in Vostok near the Senkakus.", "vostok-place"),
    (IPQ, "India took part in Vostok in the South China Sea.", "vostok-place"),
    (P2, "Japan is the third country, after the US and Australia, with which India holds a 2+2.",
     "japan-second-partner"),
    (P2, "Japan is the third country after the US to hold a 2+2 with India.",
     "japan-second-partner"),
    (P2, "India is opening a new consulate in Nagoya.", "new-consulate-city"),
    (P2, "A new consulate will be opened in Kyoto.", "new-consulate-city"),
    (C19, "The 14th annual summit was held in March 2019.", "summit-14th-year"),
    (C19, "Ties became a Global Partnership in 2000, a Strategic and Global Partnership in 2008 "
          "and a Special Strategic and Global Partnership in 2014.",
     "strategic-global-partnership-year"),
    (DEV, "The 508 km bullet train will link Mumbai and Delhi.", "bullet-train-route"),
]  # fmt: skip

# right facts the new rules and facts now read (unread before)
NOW_SUPPORTED = [
    (P2, "Japan is the first country after the US to hold a 2+2 with India.",
     "japan-second-partner", "supported"),
    (P2, "India decided to open a new consulate in Fukuoka.", "new-consulate-city", "supported"),
    (C19, "The 14th annual summit was held in March 2022.", "summit-14th-year", "supported"),
]  # fmt: skip

# the same rules leave these alone, before and after: each beside a fixed case above
STILL_RIGHT = [
    (P2, "Japan is the second country after the US to hold a 2+2 with India.",
     "japan-second-partner", "supported"),
    (P2, "Among India's partners, Japan was the first to hold a 2+2.",
     "japan-second-partner", "contradicted"),
    (P2, "Japan was the first country to hold a 2+2 with India.",
     "japan-second-partner", "contradicted"),
    (DEF, "The navies train together in JIMEX.", "jimex-service", "supported"),
    (IPQ, "India took part in the Vostok exercise near the South Kuril Islands.",
     "vostok-place", "supported"),
    (P2, "India is opening a new consulate in Fukuoka.", "consulate-city", "supported"),
    (C19, "The 14th annual summit was held in March 2022.", "annual-summit-number", "supported"),
    (C19, "Ties became a Global Partnership in 2000, a Strategic and Global Partnership in 2006 "
          "and a Special Strategic and Global Partnership in 2014.",
     "strategic-global-partnership-year", "supported"),
    (C19, "Ties became a Strategic and Global Partnership in 2006.",
     "global-partnership-year", "absent"),
    (DEV, "The bullet train will link Mumbai and Ahmedabad.", "bullet-train-route", "supported"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence"), TRUE_CALLED_WRONG)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, question, sentence))


@pytest.mark.parametrize(("question", "sentence", "fact"), FALSE_NOW_CAUGHT)
def test_a_wrong_fact_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str
) -> None:
    report = probe_report(india_japan, nlp, question, sentence)
    assert fact in called_wrong(report)
    assert "factual_errors" in called_wrong(report)


@pytest.mark.parametrize(("question", "sentence", "fact", "status"), NOW_SUPPORTED + STILL_RIGHT)
def test_the_same_rules_leave_these_alone(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, fact: str, status: str
) -> None:
    report = probe_report(india_japan, nlp, question, sentence)
    assert next(f.status for f in report.facts if f.id == fact) == status


def test_a_rank_of_another_deed_is_no_2plus2_order(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """ "Japan was the third country to join the ISA" ranks the ISA's members: neither right nor
    wrong for Japan as India's second 2+2 partner (it had been told the notes say second)."""
    report = probe_report(india_japan, nlp, P2, "Japan was the third country to join the ISA.")
    assert next(f.status for f in report.facts if f.id == "japan-second-partner") == "absent"
    assert "factual_errors" not in called_wrong(report)


def test_a_claim_two_facts_share_is_praised_once(india_japan: LoadedRubric, nlp: Language) -> None:
    report = probe_report(india_japan, nlp, P2, "India is opening a new consulate in Fukuoka.")
    praised = [s for s in report.feedback.strengths if s.startswith("Accurate fact")]
    assert len(praised) == len(set(praised)) == 1
