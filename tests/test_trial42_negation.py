"""Session 42's user trials: two true statements misread by negation handling.

1. "Japan has not stayed out of Malabar; it is a permanent member" had denied the Malabar point:
   a negated verb of staying out (``absence_verbs``) affirms the subject's part, as a negated
   cancelling verb does, and reverses its clause for a point that is the staying out.
2. `rubric derive` had listed the verb of ending in "the infection is stopped fast" as a word the
   reference denies (learners were told it "rules out 'stop'"), and the subject of "without the
   person getting the disease" with the denied predicate. Our own wording; the real pipeline and
   the bundled rubric."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric


def _concept(rubric: LoadedRubric, text: str, question: str, concept: str):
    report = evaluate(text, rubric, question)
    return next(c for c in report.concepts if c.id == concept)


@pytest.mark.parametrize(
    "text",
    [
        "Japan has not stayed out of Malabar; it is a permanent member.",
        "Japan did not keep away from Malabar.",
        "Japan has not been excluded from Malabar.",
        "Japan has not opted out of Malabar.",
        "Japan refused to stay out of Malabar.",
    ],
)
def test_a_negated_staying_out_credits_the_exercise(india_japan: LoadedRubric, text: str) -> None:
    found = _concept(india_japan, text, "indo-pacific-quad", "malabar")
    assert found.status in ("covered", "partial")
    assert found.credit > 0
    assert "negated" not in found.reason


@pytest.mark.parametrize(
    "text", ["Japan has not joined Malabar.", "Japan did not take part in Malabar."]
)
def test_a_denied_joining_stays_denied(india_japan: LoadedRubric, text: str) -> None:
    assert _concept(india_japan, text, "indo-pacific-quad", "malabar").status == "negated"


def test_staying_out_is_not_made_taking_part(india_japan: LoadedRubric) -> None:
    """Plain "stayed out of" is not reversed (it is read as naming the exercise, as before)."""
    found = _concept(india_japan, "Japan stayed out of Malabar.", "indo-pacific-quad", "malabar")
    assert found.status != "covered"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("India has not stayed out of RCEP.", "negated"),
        ("India did not keep away from RCEP.", "negated"),
        ("India kept away from RCEP in 2019.", "covered"),
        ("India stayed out of RCEP.", "covered"),
    ],
)
def test_a_negated_staying_out_denies_the_staying_out_point(
    india_japan: LoadedRubric, text: str, status: str
) -> None:
    """The RCEP point is a negative claim ("India did not join RCEP"): not staying out is no
    such claim ("did not keep away from RCEP" had earned it in full)."""
    assert (
        _concept(india_japan, text, "indo-pacific-quad", "rcep-osaka-divergence").status == status
    )


QUESTION = "Explain how vaccines protect the body from disease."
MEMORY = (
    "Later, if the real germ gets in, the memory cells recognise it and the infection is "
    "stopped fast."
)
VACCINE = (
    "A vaccine contains a weakened or dead germ that trains the immune system without the "
    "person getting the disease"
)


@pytest.fixture
def vaccines(tmp_path: Path) -> LoadedRubric:
    result = derive_rubric(
        "",
        references=[MEMORY, VACCINE],
        question=QUESTION,
        source_notes="refs.md",
        max_marks=4,
        word_limit=60,
    )
    (tmp_path / "refs.md").write_text(" || ".join([MEMORY, VACCINE]), encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


def test_a_verb_of_ending_is_not_listed_as_denied(vaccines: LoadedRubric) -> None:
    concept = vaccines.rubric.concepts()[0][1]
    assert concept.negated == []
    assert not concept.negative_claim


def test_only_the_denied_predicate_is_listed_not_its_subject(vaccines: LoadedRubric) -> None:
    alternative = vaccines.rubric.concepts()[0][1].alternatives[0]
    assert alternative.negated == ["get", "disease"]


def _point(loaded: LoadedRubric, text: str):
    report = evaluate(text, loaded, loaded.rubric.questions[0].id)
    return report, report.concepts[0]


def test_the_learner_is_not_told_the_reference_rules_out_the_stopping(
    vaccines: LoadedRubric,
) -> None:
    report, _ = _point(vaccines, "The memory cells recognise the real germ later.")
    steps = " ".join(s.text for s in report.feedback.next_steps)
    assert "“stop”" in steps and "rules out" not in steps
    _, stated = _point(
        vaccines, "The memory cells recognise the germ later and the infection is stopped."
    )
    assert "negation differs" not in stated.reason


def test_denying_the_stopping_is_the_other_polarity(vaccines: LoadedRubric) -> None:
    _, found = _point(
        vaccines, "The memory cells recognise the germ later and the infection is not stopped."
    )
    assert "negation differs" in found.reason


def test_the_subject_of_a_denied_gerund_is_no_denial_in_the_answer(
    vaccines: LoadedRubric,
) -> None:
    """'without the person feeling ill' writes none of the reference's denied words: the
    person it names is not denied, so the polarity agrees."""
    _, found = _point(
        vaccines, "A weakened germ trains the immune system, without the person feeling ill."
    )
    assert "negation differs" not in found.reason
    _, wrong = _point(
        vaccines, "A dead germ trains the immune system so the person gets the disease."
    )
    assert "negation differs" in wrong.reason


SEEDS = (
    "# Seed germination\n\n"
    "- Seeds need water to germinate; the dry seeds did not sprout.\n"
    "- Warmth speeds germination: most seeds sprouted at 25 degrees.\n"
    "- Seeds need oxygen, so sealing them in airless jars stops germination.\n"
)


def test_a_clause_before_a_comma_and_so_is_not_what_a_verb_of_ending_denies(
    tmp_path: Path,
) -> None:
    """The parser hangs "Seeds need oxygen, so" on 'stops': the draft listed 'seed' and 'need'
    as denied, and its own notes, given as an answer, lost the point's polarity (0.6)."""
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.scoring.checks.negation import negation_scopes

    doc = get_nlp()("Seeds need oxygen, so sealing them in airless jars stops germination.")
    assert sorted(doc[i].text for i in negation_scopes(doc)) == ["germination", "stops"]
    notes = tmp_path / "notes.md"
    notes.write_text(SEEDS, encoding="utf-8")
    from evaluator.tools.derive.core import derive_rubric_file

    out = tmp_path / "seeds" / "rubric.yaml"
    derive_rubric_file(notes, out=out, max_marks=3)
    assert 'negated: ["germination"]' in out.read_text(encoding="utf-8")
    # the notes as one answer name germination twice, denied once: the point is made as said
    loaded = load_rubric(out)
    answer = " ".join(line[2:] for line in SEEDS.splitlines() if line.startswith("- "))
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id)
    point = next(c for c in report.concepts if "oxygen" in c.label.lower())
    assert point.status == "covered" and point.credit == 1.0, point.reason
