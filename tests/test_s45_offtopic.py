"""Session 45: two defects left from session 44 (our own questions and answers; the real pipeline
and real files).

1. A short answer whose one word on the topic is used about something else ("Akbar built a
   water tank" to a question on what a seed needs) earned marks: the off-topic share needs 12
   content words. It now gets the off_topic advisory and no marks, while terse right answers
   ("Water, warmth and oxygen", "It needs water", one word) keep theirs.
2. ``rubric audit -q`` and a calibration set's question keys take a question as ``grade -q`` and
   ``batch`` do: its id in any case, its text or its number, with the same message for an
   unknown one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from quiz_support import derive_draft

from evaluator.cli import main
from evaluator.errors import QuestionNotFoundError
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.calibration import grade_calibration_set, read_calibration_set

SEED = "What does a seed need from its surroundings before it can germinate?"
SEED_REFERENCES = [
    "A seed needs water, warmth and oxygen to germinate.",
    "Water to swell, a warm temperature and oxygen for respiration.",
]
GAS = "Which gas do our muscles need to release energy in aerobic respiration?"
GAS_REFERENCES = ["Oxygen.", "Muscles use oxygen to release energy from glucose."]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The draft `rubric derive --reference ...` writes for a 3-mark short question."""
    folder = tmp_path_factory.mktemp("seed") / "seed"
    derive_draft(folder, SEED, SEED_REFERENCES, 3, 30)
    return load_rubric(folder / "rubric.yaml")


@pytest.fixture(scope="module")
def gas(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """A one-mark "Which gas ...?" question."""
    folder = tmp_path_factory.mktemp("gas") / "gas"
    derive_draft(folder, GAS, GAS_REFERENCES, 1, 10)
    return load_rubric(folder / "rubric.yaml")


def _graded(rubric: LoadedRubric, text: str) -> Any:
    return evaluate(text, rubric, rubric.rubric.questions[0].id)


# --- 1. a short answer's one word used about something else ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Akbar built a water tank near his fort.",
        "Last summer we swam in the water at Niagara Falls.",
    ],
)
def test_a_lone_common_word_in_an_answer_about_something_else_earns_nothing(
    seed: LoadedRubric, text: str
) -> None:
    report = _graded(seed, text)
    assert report.marks == 0
    (advisory,) = [a for a in report.advisories if a.code == "off_topic"]
    assert "shares only “water” with the question" in advisory.message
    assert advisory.effect == "marks set to 0"
    assert report.advisory_codes().count("off_topic") == 1  # said once


@pytest.mark.parametrize(
    "text",
    [
        "Water, warmth and oxygen.",
        "It needs water.",
        "Water.",
        "water",
        # the sentence of its point says nothing else: the rest is an aside, not another subject
        "Water. I cannot remember the other two, sorry.",
        "Water from the rain.",
    ],
)
def test_terse_right_answers_keep_their_marks(seed: LoadedRubric, text: str) -> None:
    report = _graded(seed, text)
    assert report.marks > 0
    assert "off_topic" not in report.advisory_codes()


@pytest.mark.parametrize("text", ["Oxygen", "oxygen.", "It is oxygen."])
def test_a_one_word_right_answer_to_which_gas_keeps_its_mark(gas: LoadedRubric, text: str) -> None:
    report = _graded(gas, text)
    assert report.marks == report.max_marks
    assert "off_topic" not in report.advisory_codes()


def test_an_answer_sharing_no_word_with_the_question_is_not_named_for_one(
    seed: LoadedRubric,
) -> None:
    """The advisory names the one word a rubric term matched: with none, it has nothing to
    name (the answer earns nothing anyway)."""
    report = _graded(seed, "Akbar built a huge tank near his fort.")
    assert report.marks == 0
    assert "off_topic" not in report.advisory_codes()


# --- 2. audit and calibration take a question as grade -q does -------------------------------


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def two_questions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test of two questions, q1 (seed) and q2 (gas), merged as a teacher does."""
    root = tmp_path_factory.mktemp("test")
    derive_draft(root / "q1", SEED, SEED_REFERENCES, 3, 30)
    derive_draft(root / "q2", GAS, GAS_REFERENCES, 1, 10)
    done = _invoke("rubric", "merge", str(root / "q1"), str(root / "q2"), "--out", str(root / "t"))
    assert done.exit_code == 0, done.output
    return root / "t" / "rubric.yaml"


@pytest.mark.parametrize("label", ["q2", "Q2", "2", "Question 2", GAS, GAS.upper()])
def test_audit_takes_a_question_by_id_number_or_text(two_questions: Path, label: str) -> None:
    done = _invoke("rubric", "audit", str(two_questions), "-q", label, "--json")
    assert done.exit_code in (0, 1), done.output  # 1: an attack reached the threshold
    audited = [a["question"] for a in json.loads(done.stdout)["questions"]]
    assert audited == ["q2"]


def test_audit_and_grade_say_the_same_for_an_unknown_question(
    two_questions: Path, tmp_path: Path
) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("Oxygen.", encoding="utf-8")
    audit = _invoke("rubric", "audit", str(two_questions), "-q", "q7")
    grade = _invoke("grade", str(answer), "--rubric", str(two_questions), "-q", "q7")
    assert audit.exit_code == grade.exit_code == 2
    assert "has no question 'q7'; questions: q1, q2" in audit.stderr
    assert audit.stderr == grade.stderr


def _calibration_set(folder: Path, key: str) -> Path:
    (folder / key).mkdir(parents=True)
    (folder / key / "good.md").write_text("Oxygen.", encoding="utf-8")
    (folder / "bands.yaml").write_text(
        f"questions:\n  {key!r}:\n    good: {{band: [90, 100], reason: the gas, named}}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("key", ["q2", "Q2", "2"])
def test_a_calibration_set_names_its_question_as_grade_q_does(
    two_questions: Path, tmp_path: Path, key: str
) -> None:
    loaded = load_rubric(two_questions)
    answers = read_calibration_set(_calibration_set(tmp_path, key), loaded)
    (result,) = grade_calibration_set(loaded, answers)
    assert result.answer.question == "q2"
    assert result.in_band


def test_a_calibration_key_naming_no_question_lists_the_questions(
    two_questions: Path, tmp_path: Path
) -> None:
    loaded = load_rubric(two_questions)
    with pytest.raises(QuestionNotFoundError, match="has no question 'q7'; questions: q1, q2"):
        read_calibration_set(_calibration_set(tmp_path, "q7"), loaded)
