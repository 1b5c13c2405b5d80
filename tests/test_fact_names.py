"""Names said wrongly (engine 0.9.99, rubric 1.7.58): a name fact's `contrary` descriptions,
given to the cue itself, contradict it ("JIMEX is an army exercise"); the same words near the
name, negated, reported, supposed or asked do not. The sentences are our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, check_rubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import FactResult

QUESTION = "pyq-2020-quad-trade-bloc"
OPENING = "India and Japan are close partners. "

# (a wrong sentence, the fact it contradicts, the words the report quotes)
WRONG = [
    ("JIMEX is an army exercise.", "jimex-service", "army"),
    ("JIMEX, an air force drill, is held every year.", "jimex-service", "air force"),
    ("Dharma Guardian is a naval exercise between the two countries.",
     "dharma-guardian-service", "naval"),
    ("Malabar is an army exercise with the US and Australia.", "malabar-service", "army"),
    ("JIMEX and Malabar are army exercises.", "malabar-service", "army"),
    ("The Quad is a military alliance with a secretariat.", "quad-form", "military alliance"),
    ("The Quad has become a security alliance of four democracies.", "quad-form",
     "security alliance"),
    ("India is a member of the RCEP.", "india-outside-rcep", "member of the RCEP"),
    # learner trial 27a (rubric 1.7.60)
    ("Malabar is a bilateral exercise only between India and Japan.", "malabar-members",
     "bilateral exercise"),
    ("India and Japan are both permanent members of the UN Security Council.",
     "unsc-permanent-seats", "permanent members of the UN Security Council"),
]  # fmt: skip

# (a true sentence, or one that is not the writer's claim, and the fact it must not contradict)
LEFT_ALONE = [
    # negated
    ("The Quad is a diplomatic grouping, not a military alliance.", "quad-form"),
    ("The Quad is not a military alliance.", "quad-form"),
    ("The Quad is neither a military alliance nor a trade bloc.", "quad-form"),
    ("The Quad is no NATO.", "quad-form"),
    ("India is not a member of RCEP.", "india-outside-rcep"),
    ("India is a member of the Quad, not of RCEP.", "india-outside-rcep"),
    # reported, supposed, possible, asked
    ("China claims that the Quad is an Asian NATO.", "quad-form"),
    ("Beijing has long viewed the Quad as an Asian NATO.", "quad-form"),
    ("If the Quad became a military alliance, China would react.", "quad-form"),
    ("The Quad could become a military alliance in future.", "quad-form"),
    ("Is the Quad a military alliance?", "quad-form"),
    ("Some fear that JIMEX is an air force show of strength.", "jimex-service"),
    # near the name, but describing something else
    ("Dharma Guardian (army) and JIMEX (navy) are regular exercises.", "jimex-service"),
    ("JIMEX is a naval exercise and Dharma Guardian an army one.", "jimex-service"),
    ("The army exercise Dharma Guardian and the naval exercise JIMEX build trust.",
     "jimex-service"),
    ("Japan is a member of RCEP while India stayed out.", "india-outside-rcep"),
    ("India, a member of the Quad, stayed out of RCEP.", "india-outside-rcep"),
    # hoped for, or once so
    ("India and Japan are aspiring permanent members of the UN Security Council.",
     "unsc-permanent-seats"),
    ("Malabar, once a bilateral drill, now has four navies.", "malabar-members"),
    ("Malabar began as a bilateral exercise between India and the US in 1992.",
     "malabar-members"),
    ("Japan is a permanent member of the G7 and India is a member of the G20.",
     "unsc-permanent-seats"),
    ("India and Japan are not permanent members of the Security Council.",
     "unsc-permanent-seats"),
    # a loose word the notes do not call wrong
    ("The Quad is an alliance of four democracies.", "quad-form"),
]  # fmt: skip

# (a true sentence, the fact it supports)
SUPPORTED = [
    ("JIMEX is a naval exercise.", "jimex-service"),
    ("Dharma Guardian is a joint army exercise.", "dharma-guardian-service"),
    ("Veer Guardian, the first air exercise, was held in 2023.", "veer-guardian-service"),
    ("The Quad remains an informal grouping.", "quad-form"),
]  # fmt: skip


def _fact(
    loaded: LoadedRubric, nlp: Language, sentence: str, fact: str, question: str = QUESTION
) -> FactResult:
    report = evaluate(OPENING + sentence, loaded, question, nlp=nlp)
    return {f.id: f for f in report.facts}[fact]


# session 28 (engine 0.9.105, rubric 1.7.63), asked of the challenges question: what a verb
# says of its subject ("India joined RCEP"), and two more wrong descriptions of Japan
CHALLENGES = "challenges-way-forward"
WRONG_28 = [
    ("India joined RCEP in 2020.", "india-outside-rcep", "joined RCEP"),
    ("India has signed RCEP.", "india-outside-rcep", "signed RCEP"),
    ("India and Japan joined RCEP.", "india-outside-rcep", "joined RCEP"),
    ("Japan is India's largest trading partner.", "japan-not-top-trader",
     "largest trading partner"),
    ("Japan is a member of BRICS.", "japan-not-brics", "member of BRICS"),
    ("India and Japan are BRICS members.", "japan-not-brics", "BRICS members"),
]  # fmt: skip
LEFT_ALONE_28 = [
    # 'RCEP' qualifies the talks: India did take part in the negotiations
    ("India was part of the RCEP negotiations until 2019.", "india-outside-rcep"),
    ("India joined the RCEP talks in 2013 but walked out in 2019.", "india-outside-rcep"),
    ("India refused to join RCEP.", "india-outside-rcep"),
    ("India never joined RCEP.", "india-outside-rcep"),
    ("India may join RCEP later.", "india-outside-rcep"),
    ("Japan joined RCEP, but India stayed away.", "india-outside-rcep"),
    # a rank or a share is no first place
    ("Japan is India's 12th largest trading partner.", "japan-not-top-trader"),
    ("Japan is India's fifth-largest trading partner.", "japan-not-top-trader"),
    ("Japan is one of India's largest trading partners.", "japan-not-top-trader"),
    ("China, not Japan, is India's largest trading partner.", "japan-not-top-trader"),
    ("Japan is India's largest development partner.", "japan-not-top-trader"),
    ("Japan was once India's largest trading partner in Asia.", "japan-not-top-trader"),
    ("Japan is not a member of BRICS.", "japan-not-brics"),
    ("Japan is wary of BRICS.", "japan-not-brics"),
]  # fmt: skip
# a rank by size is not the order of the 2+2 partners ("the second country to hold a 2+2")
RANK_28 = [
    "Japan is India's 12th largest trading partner.",
    "Japan is India's fifth-largest trading partner.",
]


@pytest.mark.parametrize(("sentence", "fact", "quoted"), WRONG_28)
def test_a_wrong_deed_or_description_of_india_or_japan_is_caught(
    india_japan: LoadedRubric, nlp: Language, sentence: str, fact: str, quoted: str
) -> None:
    result = _fact(india_japan, nlp, sentence, fact, CHALLENGES)
    assert result.status == "contradicted"
    assert result.found == quoted


@pytest.mark.parametrize(("sentence", "fact"), LEFT_ALONE_28)
def test_a_true_or_unclaimed_sentence_about_rcep_trade_or_brics_is_left_alone(
    india_japan: LoadedRubric, nlp: Language, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, sentence, fact, CHALLENGES).status != "contradicted"


@pytest.mark.parametrize("sentence", RANK_28)
def test_a_rank_by_size_is_not_the_order_of_the_2plus2_partners(
    india_japan: LoadedRubric, nlp: Language, sentence: str
) -> None:
    result = _fact(india_japan, nlp, sentence, "japan-second-partner", "2plus2-significance")
    assert result.status != "contradicted", result.message


@pytest.mark.parametrize(("sentence", "fact", "quoted"), WRONG)
def test_a_contrary_description_is_caught(
    india_japan: LoadedRubric, nlp: Language, sentence: str, fact: str, quoted: str
) -> None:
    result = _fact(india_japan, nlp, sentence, fact)
    assert result.status == "contradicted"
    assert result.found == quoted
    assert result.message.startswith(f"you wrote {quoted} in “")


@pytest.mark.parametrize(("sentence", "fact"), LEFT_ALONE)
def test_a_sentence_that_does_not_claim_it_is_left_alone(
    india_japan: LoadedRubric, nlp: Language, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, sentence, fact).status != "contradicted"


@pytest.mark.parametrize(("sentence", "fact"), SUPPORTED)
def test_the_name_itself_is_supported(
    india_japan: LoadedRubric, nlp: Language, sentence: str, fact: str
) -> None:
    assert _fact(india_japan, nlp, sentence, fact).status == "supported"


def test_a_wrong_service_costs_the_point_and_is_said_once(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    right = evaluate(OPENING + "JIMEX is a naval exercise.", india_japan, QUESTION, nlp=nlp)
    wrong = evaluate(OPENING + "JIMEX is an army exercise.", india_japan, QUESTION, nlp=nlp)
    status = {c.id: c.status for c in wrong.concepts}
    assert status["jimex"] == "contradicted"
    assert {c.id: c.status for c in right.concepts}["jimex"] == "covered"
    steps = [s.text for s in [*wrong.feedback.next_steps, *wrong.feedback.more_steps]]
    about = [text for text in steps if "JIMEX" in text]
    assert len(about) == 1, steps
    assert about[0].startswith("Correct the fact on JIMEX"), about


def test_contrary_is_for_names_only(tmp_path: Path) -> None:
    text = """
id: t
title: T
version: "1"
dimensions:
  - id: d
    label: D
    concepts:
      - id: c
        label: C
        cues: [[treaty]]
facts:
  - id: f
    concept: c
    claim: The treaty was signed in 1952.
    cues: [treaty]
    expected: {kind: year, value: 1952, contrary: ["1951"]}
questions:
  - id: q
    text: Discuss the treaty.
    max_marks: 10
    word_limit: 150
    dimensions: [{id: d}]
"""
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    problems = check_rubric(path)
    assert any("name facts only" in p.message for p in problems), problems
