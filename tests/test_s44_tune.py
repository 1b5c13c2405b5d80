"""Session 44: tuning a test of several short questions on a small graded set.

Session 43's teacher tuned five photosynthesis questions from 20 marked answers each: the
command's own held-out rows said two questions got worse, and the rubric it wrote had tuned them
all the same. A question tuning makes no better now keeps its rubric as it was. Our own questions
and answers (a science quiz: a falling apple, a cold metal spoon).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from quiz_support import MARKS, write_quiz
from spacy.language import Language

from evaluator.rubric.loader import load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.graded import read_graded_csv
from evaluator.tools.tune import tune_rubric, write_tuned_rubric

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def quiz(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, Any]:
    """The quiz, its marks, and the rubric `rubric tune quiz --graded marks.csv --out
    tuned/rubric.yaml` writes."""
    root = tmp_path_factory.mktemp("science-quiz")
    folder, graded, qid = write_quiz(root)
    merged = load_rubric(folder)
    result = tune_rubric(merged, read_graded_csv(graded), nlp=nlp, source_name=str(graded))
    written = write_tuned_rubric(result, root / "tuned" / "rubric.yaml")
    return {
        "root": root,
        "merged": merged,
        "qid": qid,
        "graded": graded,
        "result": result,
        "tuned": load_rubric(written),
    }


def test_a_question_tuning_made_no_better_keeps_its_rubric(
    quiz: dict[str, Any], nlp: Language
) -> None:
    apple, spoon = quiz["qid"]["apple"], quiz["qid"]["spoon"]
    result, merged, tuned = quiz["result"], quiz["merged"], quiz["tuned"]
    # the apple question as the draft had it: no intercept, no learned phrases or graded
    # answers as examples, its point at the draft's weight
    question = tuned.rubric.question(apple)
    assert question.intercept is None
    assert [d.id for d in question.dimensions] == [
        d.id for d in merged.rubric.question(apple).dimensions
    ]
    draft = {c.id: c.weight for _, c in merged.rubric.concepts()}
    for dimension in question.dimensions:
        for concept in tuned.rubric.counted(question, dimension.id):
            assert not concept.learned and not concept.exemplar
            assert concept.weight == draft[concept.id]
    # ... and every answer to it, marked or new, gets the draft's marks (rounded as the draft
    # rounds them, though the tuned rubric rounds the other question to the tutor's whole marks)
    assert tuned.rubric.scoring.rounding == 1
    new = ["Gravity, and a bit of magnetism from the Earth, pull the apple to the ground."]
    for answer in [*MARKS["apple"], *new]:
        before = evaluate(answer, merged, apple, nlp=nlp).marks
        assert evaluate(answer, tuned, apple, nlp=nlp).marks == before, answer
    assert result.kept_as_was == [apple]
    # the spoon question, which tuning improved held out, is tuned
    assert tuned.rubric.question(spoon).intercept is not None
    assert result.question_status(spoon) == "tuned"


def test_tune_says_per_question_which_it_kept(quiz: dict[str, Any], mains_eval: Run) -> None:
    apple, spoon = quiz["qid"]["apple"], quiz["qid"]["spoon"]
    args = ["rubric", "tune", str(quiz["root"] / "quiz"), "--graded", str(quiz["graded"])]
    table = mains_eval(*args)
    assert table.returncode == 0, table.stderr
    rows = {line.split()[0]: line for line in table.stdout.splitlines() if line.startswith("  ")}
    assert rows[apple].endswith(": no better held out: kept as it was"), rows[apple]
    assert rows[spoon].endswith(": tuned"), rows[spoon]
    said = " ".join(table.stderr.split())
    assert (
        f"Tuning did not make {apple} agree better with your marks on held-out folds, so the "
        "tuned rubric keeps it as it was" in said
    )
    data = json.loads(mains_eval(*args, "--json").stdout)
    assert data["per_question"][apple]["tuned"] is False
    assert data["per_question"][apple]["status"] == "no better held out: kept as it was"
    assert data["per_question"][spoon]["tuned"] is True
    # the concept table lists nothing of the question kept as it was
    assert not [c for c in data["concepts"] if c["id"].startswith(apple)]


def test_no_learned_phrase_begins_or_ends_on_a_joining_word(
    quiz: dict[str, Any], nlp: Language
) -> None:
    """Session 44: a learned phrase that begins or ends on a determiner or a conjunction ('and
    water', 'Metal is a') is a word with a joint, and a wrong answer earned marks through it
    ("carbon monoxide and water" got 2 of 2 through 'and water')."""
    spoon = quiz["qid"]["spoon"]
    tuned = quiz["tuned"]
    phrases = [
        c.label for _, c in tuned.rubric.concepts() if c.learned and not c.exemplar and c.cues
    ]
    assert phrases  # the spoon question learned phrases from the marks
    joints = {"a", "an", "the", "this", "and", "or", "but", "because", "so", "as", "if"}
    for label in phrases:
        words = label.lower().removeprefix("not ").split()
        assert len(words) == 1 or not {words[0], words[-1]} & joints, label
    # a wrong answer is not praised as "like answers the tutor marked high" for 'Metal is a'
    report = evaluate("Metal is a heavy thing.", tuned, spoon, nlp=nlp)
    praised = [c.label for c in report.concepts if c.credit > 0 and c.id.startswith("learned-")]
    assert "Metal is a" not in praised and not any(p.endswith(" a") for p in praised), praised


def test_a_short_answers_phrases_have_no_joint_at_their_ends(nlp: Language) -> None:
    """The phrases a short question learns from (stop words at their ends allowed: 'in
    series', 'the gap') leave out 'and water' and 'cells because', which a teacher's tuned
    rubric had learned; the words they join are still phrases."""
    from evaluator.tools.tune.phrases import answer_ngrams

    found = answer_ngrams(
        nlp("Carbon dioxide and water, in the palisade cells because of the light."),
        content_ends=False,
        stem_keys=False,
    )
    assert {"carbon dioxide", "water", "the palisade", "in the palisade", "palisade cell"} <= set(
        found
    )
    assert not {"and water", "dioxide and", "cell because", "because of", "of the"} & set(found)
