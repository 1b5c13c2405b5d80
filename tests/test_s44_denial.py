"""Session 44: a short answer that denies what the reference affirms earns nothing of it.

A teacher's class test (session 43) gave marks to answers that deny the reference ("It does not
need carbon dioxide or water" earned 1.75 of 2 against "Plants need carbon dioxide and water"),
while a right answer with a "no" in it must keep its marks. Drafts by `rubric derive`, graded
with the real spaCy model; references and answers in our own words (a germination test)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric


def derived(folder: Path, references: list[str], question: str, max_marks: int = 2) -> LoadedRubric:
    result = derive_rubric(
        "",
        references=references,
        question=question,
        source_notes="refs.md",
        max_marks=max_marks,
        word_limit=40,
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.md").write_text(" || ".join(references), encoding="utf-8")
    (folder / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def grade(loaded: LoadedRubric, text: str):
    return evaluate(text, loaded, loaded.rubric.questions[0].id)


@pytest.fixture(scope="module")
def needs(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    return derived(
        tmp_path_factory.mktemp("needs"),
        ["Seeds need water and warmth to germinate.", "Water from the soil and a warm place."],
        "What two things does a seed need before it will germinate?",
    )


@pytest.fixture(scope="module")
def pigment(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    return derived(
        tmp_path_factory.mktemp("pigment"),
        ["Haemoglobin."],
        "Name the red pigment in blood that carries oxygen.",
        max_marks=1,
    )


@pytest.mark.parametrize(
    "answer",
    [
        "Seeds do not need water or warmth.",
        "A seed does not use water or warmth, it uses light.",
    ],
)
def test_an_answer_denying_the_reference_earns_nothing(needs: LoadedRubric, answer: str) -> None:
    report = grade(needs, answer)
    point = report.concepts[0]
    assert report.marks == 0
    assert point.status == "negated" and point.credit == 0
    assert "denies what the reference states" in point.reason
    # and the learner is told so, not asked to add what the answer already names
    assert any("denies it" in step.text for step in report.feedback.next_steps)


def test_the_same_words_affirmed_keep_their_marks(needs: LoadedRubric) -> None:
    report = grade(needs, "Seeds need water and warmth.")
    assert report.marks >= 1.5
    assert "negation" not in report.concepts[0].reason


def test_a_one_word_reference_denied_earns_nothing(pigment: LoadedRubric) -> None:
    assert grade(pigment, "It is not haemoglobin.").marks == 0
    assert grade(pigment, "Haemoglobin carries oxygen in red blood cells.").marks == 1


def test_a_denial_of_another_claim_keeps_the_polarity_factor(tmp_path: Path) -> None:
    """'not in the same circuit as lamp C' denies a sameness the reference never states: the
    milder polarity factor, not a reversal (SemEval's experts mark such answers right)."""
    loaded = derived(
        tmp_path,
        ["Lamps A and B are in a closed circuit with the cell."],
        "Why do lamps A and B stay lit when lamp C breaks?",
    )
    point = grade(loaded, "Lamps A and B are not in the same circuit as lamp C.").concepts[0]
    assert point.credit > 0 and point.status != "negated"


def test_a_denial_under_if_is_a_condition(tmp_path: Path) -> None:
    loaded = derived(
        tmp_path,
        ["A test is fair when only one variable is changed."],
        "How do you make a test fair?",
    )
    point = grade(loaded, "If you change more than one variable, the test is not fair.").concepts[0]
    assert point.credit > 0 and point.status != "negated"


def test_without_and_no_are_both_negative_in_a_reference(tmp_path: Path) -> None:
    """ "Without oxygen there is no burning": derive lists both words as said in the negative
    (they were read as asserted, a double negation in a Mains essay), so the right answer
    "there was no oxygen, so no burning" keeps its polarity."""
    loaded = derived(
        tmp_path,
        ["Without oxygen there is no burning, so no heat is given out."],
        "The candle under the jar went out. Why?",
        max_marks=3,
    )
    concept = loaded.rubric.concepts()[0][1]
    assert {"oxygen", "burning"} <= {t.lower() for t in concept.negated} or {
        "oxygen",
        "burn",
    } <= set(concept.negated)
    point = grade(loaded, "There was no oxygen left, so no burning.").concepts[0]
    assert "negation" not in point.reason and point.credit > 0


def test_a_frame_before_a_negated_clause_is_not_denied(tmp_path: Path) -> None:
    loaded = derived(
        tmp_path,
        ["In the cold the seeds could not germinate."],
        "Why did the seeds in the fridge stay as they were?",
    )
    concept = loaded.rubric.concepts()[0][1]
    assert "cold" not in concept.negated
    assert "germinate" in concept.negated


def test_a_learned_phrase_inside_a_denial_earns_nothing(tmp_path: Path) -> None:
    """A tuned (linear) rubric's learned phrase 'water' is denied with the need that acts on it:
    it no longer rescues an answer that denies the reference."""
    (tmp_path / "refs.md").write_text("Seeds need water and warmth.", encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(
        """id: seeds
title: Seeds
version: 0.1.1
source_notes: refs.md
scoring:
  saturation: 1.0
  rounding: 0.25
dimensions:
- id: answer
  label: Answer
  concepts:
  - id: answer
    label: Seeds need water and warmth
    weight: 1.0
    credit: proportional
    cues: [[seed], [need], [water], [warmth]]
    echo: [seed, need]
    note: Seeds need water and warmth.
- id: learned-q1
  label: Learned from the tutor's marks
  concepts:
  - id: learned-water
    label: water
    weight: 0.5
    cues: [[water]]
    note: "Learned from 12 graded answers: an answer that writes 'water' earns 0.5 marks."
questions:
- id: q1
  text: What do seeds need to germinate?
  directive: state
  kind: short
  max_marks: 2
  word_limit: 30
  intercept: 0.1
  dimensions:
  - id: answer
  - id: learned-q1
""",
        encoding="utf-8",
    )
    loaded = load_rubric(tmp_path / "rubric.yaml")
    denied = grade(loaded, "Seeds do not need water or warmth.")
    learned = next(c for c in denied.concepts if c.id == "learned-water")
    assert learned.status == "negated" and learned.credit == 0
    assert denied.marks == 0
    right = grade(loaded, "Seeds need water and warmth.")
    assert next(c for c in right.concepts if c.id == "learned-water").credit == 1
    assert right.marks >= 1.5


def test_a_graded_example_denied_keeps_the_polarity_factor(
    tmp_path: Path, needs: LoadedRubric
) -> None:
    """The reversal is the reference's: a graded answer `rubric tune` keeps as an example is no
    statement of the truth, and its words said the other way are a different answer, which the
    polarity factor already tells apart (SemEval Beetle's tuning part: reversing examples too
    cost 0.003 AUC and 0.010 QWK against the bag of words)."""
    import yaml

    data = yaml.safe_load((needs.path).read_text(encoding="utf-8"))
    reference = data["dimensions"][0]
    example = copy.deepcopy(reference["concepts"][0])
    example.update(id="example-1", label="A graded answer", exemplar=True)
    data["dimensions"].append(
        {"id": "examples", "label": "Examples", "weight": 1, "concepts": [example]}
    )
    data["questions"][0]["dimensions"].append({"id": "examples", "weight": 1})
    (tmp_path / "refs.md").write_text((needs.path.parent / "refs.md").read_text(), "utf-8")
    (tmp_path / "rubric.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with_example = load_rubric(tmp_path / "rubric.yaml")
    report = grade(with_example, "Seeds do not need water or warmth.")
    points = {c.id: c for c in report.concepts}
    # the reference: denied, nothing
    assert points[reference["concepts"][0]["id"]].status == "negated"
    assert points[reference["concepts"][0]["id"]].credit == 0
    # the example: its words said the other way, the polarity factor's share
    assert points["example-1"].status != "negated" and points["example-1"].credit > 0
