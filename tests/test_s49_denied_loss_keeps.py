"""Session 49: a denied loss keeps what it names. "The Gram Sabha did not give up its say under
PESA" says the Gram Sabha has its say, as "has kept its say" does; it had earned nothing of the
point on the Gram Sabha under PESA, read as "a negated other relation" of the things the point
names ("NITI Aayog has not matched the Planning Commission in funding states", which still
earns and denies nothing)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def _status(loaded: LoadedRubric, nlp: Language, text: str) -> dict[str, str]:
    question = loaded.rubric.questions[0].id
    return {c.id: c.status for c in evaluate(text, loaded, question, nlp=nlp).concepts}


@pytest.mark.parametrize(
    "text",
    [
        "The Gram Sabha has not given up its right to be consulted before land is acquired "
        "under PESA.",
        "The Gram Sabha did not give up its say under PESA.",
        "The Gram Sabha did not abandon its say under PESA.",
    ],
)
def test_a_denied_loss_keeps_the_point_it_names(
    panchayat: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _status(panchayat, nlp, text)["pesa-gram-sabha"] == "covered"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("NITI Aayog has not matched the Planning Commission in funding states.", "missing"),
        ("NITI Aayog did not replace the Planning Commission.", "negated"),
        ("States did not give up their power to tax under GST.", "negated"),
    ],
)
def test_a_denied_comparison_or_a_points_own_loss_reads_as_before(
    federalism: LoadedRubric, nlp: Language, text: str, status: str
) -> None:
    point = "gst-tax" if "GST" in text else "niti-planning-commission"
    assert _status(federalism, nlp, text).get(point, "missing") == status
