"""Session 48: a point opened by any common bullet is read as one opened by '-'. spaCy's small
model had tagged '•' as a verb and '○' as the sentence's root, so "• JIMEX is the bilateral army
exercise" went unread while "- JIMEX is …" was reported."""

from __future__ import annotations

import pytest
from probe_support import OPENING, assert_never_called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

P2 = "2plus2-significance"
BULLETS = ["•", "◦", "▪", "*", "–", "○", "●", "■", "►", "➢", "→", "✓", "1.", "a)", "(a)", "i."]


def _facts(loaded: LoadedRubric, nlp: Language, text: str) -> list[tuple[str, str]]:
    report = evaluate(text, loaded, P2, nlp=nlp)
    return sorted((f.id, f.status) for f in report.facts if f.status != "absent")


@pytest.mark.parametrize("bullet", BULLETS)
@pytest.mark.parametrize("opening", ["", OPENING + "\n", "Defence ties:\n"])
def test_a_wrong_service_after_any_bullet_is_caught(
    india_japan: LoadedRubric, nlp: Language, bullet: str, opening: str
) -> None:
    text = f"{opening}{bullet} JIMEX is the bilateral army exercise."
    assert ("jimex-service", "contradicted") in _facts(india_japan, nlp, text)


@pytest.mark.parametrize("bullet", ["◦", "•"])
@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("The first 2+2 was held in Tokyo in 2022.", ["first-2plus2-place", "first-2plus2-year"]),
        ("The new consulate will open in Osaka.", ["new-consulate-city"]),
    ],
)
def test_other_wrong_facts_after_a_bullet_are_read_as_after_a_hyphen(
    india_japan: LoadedRubric, nlp: Language, bullet: str, sentence: str, wrong: list[str]
) -> None:
    found = _facts(india_japan, nlp, f"{bullet} {sentence}")
    assert found == _facts(india_japan, nlp, f"- {sentence}")
    assert [f for f, status in found if status == "contradicted"] == wrong


TRUE_POINTS = [
    "JIMEX is the naval exercise of the two countries.",
    "Dharma Guardian brings the two armies together.",
    "The first 2+2 was held in New Delhi in 2019.",
    "Japan was India's second 2+2 partner after the US.",
    "The civil nuclear agreement was signed in 2016.",
    "The swap arrangement is worth US$75 billion.",
    "Malabar brings together the navies of the four Quad countries.",
]


@pytest.mark.parametrize("bullet", ["•", "○", "▪", "➢", "1."])
def test_true_points_after_any_bullet_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, bullet: str
) -> None:
    text = "\n".join(f"{bullet} {point}" for point in TRUE_POINTS)
    assert_never_called_wrong(probe_report(india_japan, nlp, P2, "\n" + text))


def test_the_message_quotes_the_point_without_its_bullet(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate("○ JIMEX is the bilateral army exercise.", india_japan, P2, nlp=nlp)
    (fact,) = [f for f in report.facts if f.id == "jimex-service"]
    assert "“JIMEX is the bilateral army exercise" in fact.message


@pytest.mark.parametrize("bullet", ["○", "●", "✓"])
def test_points_opened_by_other_bullets_are_counted_as_points(
    india_japan: LoadedRubric, nlp: Language, bullet: str
) -> None:
    points = "\n".join(f"{bullet} {point}" for point in TRUE_POINTS[:4])
    dashed = "\n".join(f"- {point}" for point in TRUE_POINTS[:4])
    structure = evaluate(points, india_japan, P2, nlp=nlp).structure
    assert structure.points == evaluate(dashed, india_japan, P2, nlp=nlp).structure.points == 4
