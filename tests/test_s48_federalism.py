"""Session 48, the draft of the GST notes (the `federalism` fixture): a figure in the 'that'
clause of a verb of deciding is the decider's."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report


def _report(loaded: LoadedRubric, nlp: Language, text: str) -> Report:
    return evaluate(text, loaded, loaded.rubric.questions[0].id, nlp=nlp)


def _fact(report: Report, fact_id: str) -> tuple[str, str | None]:
    (fact,) = [f for f in report.facts if f.id == fact_id]
    return fact.status, fact.found


# the notes: "The 15th Finance Commission, chaired by N. K. Singh, recommended that 41% of the
# divisible pool go to the states." (42% was the 14th's share, so the commission must be named)
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The 15th Finance Commission recommended that 42 percent of taxes go to states.",
            "42 percent",
        ),
        (
            "The 15th Finance Commission recommended that 42% of the divisible pool go to the "
            "states.",
            "42%",
        ),
        (
            "The 15th Finance Commission proposed that 45% of the pool be given to the states.",
            "45%",
        ),
    ],
)
def test_a_wrong_share_in_a_recommendation_is_caught(
    federalism: LoadedRubric, nlp: Language, text: str, found: str
) -> None:
    report = _report(federalism, nlp, text)
    assert _fact(report, "15th-finance-commission-n-k-singh-percent") == ("contradicted", found)


@pytest.mark.parametrize(
    "text",
    [
        "The 15th Finance Commission recommended that 41% of the divisible pool go to the states.",
        "The 15th Finance Commission proposed that the states receive 41 percent of the pool.",
        "The 15th Finance Commission decided that states should get 41 per cent of the pool.",
        "The 15th Finance Commission recommended that the states' share be cut from 42% to 41%.",
        "The 14th Finance Commission recommended that 42% of the divisible pool go to the states; "
        "the 15th Finance Commission trimmed it to 41%.",
        # the commission unnamed: 42% was the 14th's
        "The Finance Commission recommended that 42 percent of taxes go to states.",
        # a saying, a denial and a supposition are no recommendation of the figure
        "The 15th Finance Commission noted that the states' share had been 42% before.",
        "The 15th Finance Commission did not recommend that 42% go to the states.",
        "If the 15th Finance Commission had recommended that 45% go to the states, the Centre "
        "would have had less.",
    ],
)
def test_true_recommendations_are_never_called_wrong(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(_report(federalism, nlp, text))


NITI = (
    "niti-planning-commission"  # "NITI Aayog replaced the Planning Commission …", cued by the names
)


def _credit(report: Report, concept_id: str) -> float:
    return next(c.credit for c in report.concepts if c.id == concept_id)


@pytest.mark.parametrize(
    "text",
    [
        "NITI Aayog has not matched the Planning Commission in funding states.",
        "NITI Aayog has not equalled the Planning Commission's spending power.",
    ],
)
def test_the_two_names_in_another_denied_relation_earn_nothing(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    report = _report(federalism, nlp, text)
    assert _credit(report, NITI) == 0.0
    assert_never_called_wrong(report)  # true: neither credit nor a denial of the point


@pytest.mark.parametrize(
    "text",
    [
        "NITI Aayog replaced the Planning Commission in 2015.",
        "NITI Aayog replaced the Planning Commission on 1 January 2015.",
        "NITI Aayog did not replace the Planning Commission until 2015.",
        "NITI Aayog took the place of the Planning Commission in 2015.",
        "In 2015 the Planning Commission gave way to NITI Aayog.",
        "NITI Aayog succeeded the Planning Commission; it has not matched the old body in funding "
        "states.",
    ],
)
def test_the_replacement_still_earns_the_point(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    report = _report(federalism, nlp, text)
    assert _credit(report, NITI) == 1.0
    assert_never_called_wrong(report)
