"""Session 49: a cue word that is only a modifier inside the name of a body the rubric writes
("GST" in "the GST Council", "Security" in "the UN Security Council") names that body, not
itself: "The GST Council is important for taxes" says nothing of the states giving up their
power to tax to GST. A name that names its parts keeps their credit ("the Quad Vaccine
Partnership" is the Quad's), and so does a body the rubric never names ("the Mumbai Metro Rail
Corporation" runs a metro)."""

from __future__ import annotations

import pytest
from probe_support import probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.matching.compiler import compile_rubric
from evaluator.scoring.engine import evaluate


def _status(loaded: LoadedRubric, nlp: Language, text: str) -> dict[str, str]:
    question = loaded.rubric.questions[0].id
    return {c.id: c.status for c in evaluate(text, loaded, question, nlp=nlp).concepts}


def test_gst_inside_the_gst_council_earns_no_part_of_the_surrender_point(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # it had earned half of the point that the states gave up their taxing powers to GST
    status = _status(federalism, nlp, "The GST Council is important for taxes.")
    assert status.get("gst-tax", "missing") == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "The states surrendered their taxing powers to GST.",
        "The GST Council sets the rates, and the states gave up much of their power to tax "
        "when they joined GST.",
    ],
)
def test_gst_named_for_itself_keeps_the_point(
    federalism: LoadedRubric, nlp: Language, text: str
) -> None:
    assert _status(federalism, nlp, text)["gst-tax"] in ("covered", "partial")


def test_the_bodies_a_rubric_names_are_read_when_it_is_compiled(
    federalism: LoadedRubric, india_japan: LoadedRubric, nlp: Language
) -> None:
    assert {"gst council", "finance commission"} <= compile_rubric(federalism, nlp).body_names
    names = compile_rubric(india_japan, nlp).body_names
    assert "security council" in names
    # a partnership, a forum or a summit is no body apart from the names in it
    assert not any("partnership" in n or "forum" in n or "summit" in n for n in names)


@pytest.mark.parametrize(
    ("question", "text", "point"),
    [
        # the Quad's own programme: its name names the Quad
        (
            "indo-pacific-quad",
            "The Quad Vaccine Partnership delivered vaccines across the Indo-Pacific.",
            "quad-vaccines-health",
        ),
        ("indo-pacific-quad", "The Quad Leaders' Summit met in Tokyo in 2022.", "quad-cooperation"),
        # a body the rubric never names is left to the words of its name: a metro's company
        (
            "japan-development-partner",
            "The Mumbai Metro Rail Corporation runs on Japanese loans.",
            "oda-since-1958",
        ),
        # a country's own body is that country's
        (
            "japan-development-partner",
            "The Japan Bank for International Cooperation finances the bullet train.",
            "bullet-train",
        ),
    ],
)
def test_a_name_that_names_its_parts_keeps_their_credit(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, point: str
) -> None:
    status = {c.id: c.status for c in probe_report(india_japan, nlp, question, text).concepts}
    assert status.get(point) in ("covered", "partial")
