"""Session 47: a denial of a point's own relation earns nothing of that point (a tutor's trial on
the cooperative-federalism notes), and `rubric audit`'s negated attack denies what it claims to."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.audit import audit_question, negated

NITI = "niti-planning-commission"


def _credit(loaded: LoadedRubric, answer: str, nlp: Language, concept: str) -> float:
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return next(c.credit for c in report.concepts if c.id == concept)


@pytest.mark.parametrize(
    "denial",
    [
        "NITI Aayog did not replace the Planning Commission.",
        "NITI Aayog never replaced the Planning Commission.",
        "The Planning Commission was not replaced by NITI Aayog.",
        "NITI Aayog did not replace the Planning Commission on 1 January 2015.",
    ],
)
def test_a_denied_replacement_earns_nothing_of_the_replacement_point(
    federalism: LoadedRubric, nlp: Language, denial: str
) -> None:
    # trial s47: 'replace' keeps both bodies asserted when negated (a comparison), so the false
    # "NITI Aayog did not replace the Planning Commission" had earned the point in full
    assert _credit(federalism, denial, nlp, NITI) == 0


@pytest.mark.parametrize(
    "answer",
    [
        "NITI Aayog replaced the Planning Commission in 2015.",
        "NITI Aayog did not replace the Planning Commission until 2015.",
        "NITI Aayog did not replace the Planning Commission in 2014 but in 2015.",
        "NITI Aayog replaced the Planning Commission in 2015. Unlike the Planning Commission, "
        "NITI Aayog does not allocate funds.",
        "The Planning Commission was replaced by NITI Aayog, which does not allocate funds.",
    ],
)
def test_true_sentences_about_the_replacement_keep_the_point(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    assert _credit(federalism, answer, nlp, NITI) == 1


def test_a_denied_replacement_keeps_a_point_it_does_not_deny(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # what a denied replacement relates stays asserted for any other point: the Finance
    # Commission's article is no claim about replacing
    answer = (
        "NITI Aayog has not replaced the Finance Commission, which is set up under Article 280."
    )
    assert _credit(federalism, answer, nlp, "article-280") == 1


def test_a_fresh_draft_of_the_notes_passes_its_own_audit(federalism: LoadedRubric) -> None:
    # trial s47: the negated attack gained 36% of the notes' marks (threshold 35%) and the
    # audit of an untouched draft failed: two of its sentences were no denials (a noun-phrase
    # sentence kept its main claim; a complement denied twice), the NITI denial earned its
    # point, and the GST point was drafted as a lack ('lost revenue')
    audit = audit_question(federalism, federalism.rubric.questions[0].id)
    negated_attack = next(a for a in audit.attacks if a.attack == "negated")
    assert negated_attack.share < 0.2
    assert audit.passed


def test_the_negated_attack_denies_each_sentence_once(nlp: Language) -> None:
    # a sentence the parser reads as a noun phrase is denied whole, not only its 'which' clause
    text = negated(
        "Its criteria such as population and area balance equity with efficiency, which "
        "reduces fiscal imbalance.",
        nlp,
    )
    assert text.startswith("It is not true that")
    assert "does not reduce" not in text
    # what a denied verb reports is denied with it, not a second time
    text = negated("The commission recommended that 41% of the pool go to the states.", nlp)
    assert text == "The commission did not recommend that 41% of the pool go to the states."


def test_a_point_about_lost_revenue_is_no_lack(federalism: LoadedRubric, nlp: Language) -> None:
    # 'compensation for lost revenue' made the GST point a negative claim, so a denial of it
    # ("States did not give up their power to tax") was read as stating it
    point = next(c for _, c in federalism.rubric.concepts() if c.id == "gst-tax")
    assert not point.negative_claim
    answer = "States did not give up their power to tax when they joined GST."
    assert _credit(federalism, answer, nlp, "gst-tax") == 0
    answer = "States gave up their power to tax when they joined GST, so they depend on transfers."
    assert _credit(federalism, answer, nlp, "gst-tax") == 1


def test_a_denied_replacement_of_something_else_keeps_the_point(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # the denied clause names only NITI Aayog: it denies no replacement of the Planning
    # Commission, which the joined clause states
    answer = (
        "NITI Aayog has not replaced the plans of the states, and it took over from the "
        "Planning Commission."
    )
    assert _credit(federalism, answer, nlp, NITI) == 1
