"""A test of several short questions in one rubric (session 43's teacher trial).

The teacher derived one draft per question (`rubric derive --reference ...`), every draft with the
ids ``answer``/``answer``, and merged five of them by hand, since ``batch`` and ``tune`` take one
rubric. ``rubric merge`` joins them; a notes file that sets several questions is no longer drafted
as one question without a word; a short question's report holds its own points only (it had held
every other question's, q1's credited in a q4 answer), and so do ``rubric diff``'s explanations and
``rubric tune``'s concept table. Our own questions and answers (a Year 8 photosynthesis test).
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from quiz_support import derive_draft
from spacy.language import Language

from evaluator.batch.compact import build_header, compact_record, expand_records, full_record
from evaluator.batch.core import grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.errors import RubricError
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive.parse import several_questions
from evaluator.tools.merge import merge_rubrics, write_merged

Run = Callable[..., subprocess.CompletedProcess[str]]

QUESTIONS = {
    "q1": (
        "What are the two raw materials a plant needs for photosynthesis?",
        [
            "Plants need carbon dioxide and water for photosynthesis.",
            "Carbon dioxide from the air and water from the soil.",
        ],
        2,
        30,
    ),
    "q2": (
        "Name the green pigment in leaves that absorbs light for photosynthesis.",
        ["Chlorophyll.", "The green pigment is chlorophyll, found in chloroplasts."],
        1,
        15,
    ),
    "q3": (
        "In which cells of a leaf does most photosynthesis happen, and why there?",
        [
            "In the palisade cells, because they are near the top of the leaf and contain the "
            "most chloroplasts.",
            "Palisade mesophyll cells, which are packed with chloroplasts and get the most light.",
        ],
        2,
        40,
    ),
}
"""Folder -> (question, reference answers, marks, word limit): each derived as a tutor would with
`rubric derive --reference A --reference B --question Q --max-marks M --word-limit W
--out FOLDER/rubric.yaml`."""

ANSWERS = {
    "q1": {
        "Carbon dioxide and water.": 2,
        "The plant needs carbon dioxide from the air and water from the soil.": 2,
        "Water and chlorophyll from the leaves.": 1,
        "Carbon dioxide.": 1,
        "Sunlight and chlorophyll.": 0,
        "Oxygen and glucose.": 0,
        "Water from the soil and light.": 1,
        "It needs carbon dioxide and water, and light from the sun.": 2,
    },
    "q2": {
        "Chlorophyll.": 1,
        "The green pigment is chlorophyll.": 1,
        "Chloroplasts.": 0,
        "It is called carbon dioxide.": 0,
        "Chlorophyll, which absorbs light in the palisade cells.": 1,
        "The green pigment is chlorophyll; plants also need carbon dioxide and water.": 1,
        "Glucose.": 0,
        "Palisade cells.": 0,
    },
    "q3": {
        "In the palisade cells, because they have the most chloroplasts.": 2,
        "Palisade mesophyll cells near the top of the leaf get the most light.": 2,
        "Spongy mesophyll cells because they have air spaces.": 0,
        "In the roots, where water comes in.": 0,
        "In the guard cells.": 0,
        "Palisade cells, which are full of chlorophyll and need carbon dioxide and water.": 1,
        "The palisade layer.": 1,
        "In the leaf cells with chloroplasts.": 1,
    },
}
"""Answers to each question with a tutor's marks; some write another question's words."""


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory, mains_eval: Run) -> dict[str, Any]:
    """Three drafts (q1/, q2/, q3/), merged with `rubric merge q1 q2 q3 --out test`."""
    root = tmp_path_factory.mktemp("class-test")
    for folder, (question, references, marks, words) in QUESTIONS.items():
        derive_draft(root / folder, question, references, marks, words)
    merged = mains_eval(
        "rubric", "merge", *(str(root / f) for f in QUESTIONS), "--out", str(root / "test")
    )
    own = {f: load_rubric(root / f) for f in QUESTIONS}
    return {"root": root, "merge": merged, "own": own, "merged": load_rubric(root / "test")}


def _qid(trial: dict[str, Any], folder: str) -> str:
    """The id of a draft's question in the merged rubric: its folder's name (session 44)."""
    assert folder in {q.id for q in trial["merged"].rubric.questions}
    return folder


def _own_qid(trial: dict[str, Any], folder: str) -> str:
    """The id of the question in its own draft (derived from its text)."""
    question: str = trial["own"][folder].rubric.questions[0].id
    return question


# --- 1. rubric merge -----------------------------------------------------------------------


def test_merge_writes_a_rubric_that_checks(trial: dict[str, Any], mains_eval: Run) -> None:
    merge = trial["merge"]
    assert merge.returncode == 0, merge.stderr
    assert "3 questions" in merge.stdout and "check it with" in merge.stdout
    # every draft's 'answer' dimension and concept clashed: each is its question's now, said so
    for folder in QUESTIONS:
        qid = _qid(trial, folder)
        assert f"{folder}: ids another rubric uses too are prefixed: dimension and concept " \
            f"'answer' -> '{qid}-answer'" in merge.stderr  # fmt: skip
    check = mains_eval("rubric", "check", str(trial["root"] / "test"))
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith(
        "ok: test v0.1.0: 3 dimensions, 3 concepts, 0 facts, 3 questions"
    )
    rubric = trial["merged"].rubric
    assert [q.id for q in rubric.questions] == [_qid(trial, f) for f in QUESTIONS]
    for question in rubric.questions:
        assert [d.id for d in question.dimensions] == [f"{question.id}-answer"]
    notes = trial["merged"].source_notes
    assert all(r in notes for _, refs, _, _ in QUESTIONS.values() for r in refs)


def test_merged_questions_grade_as_their_own_rubrics(trial: dict[str, Any], nlp: Language) -> None:
    merged: LoadedRubric = trial["merged"]
    every = [a for answers in ANSWERS.values() for a in answers]
    for folder in QUESTIONS:
        own: LoadedRubric = trial["own"][folder]
        qid = _qid(trial, folder)
        for answer in every:  # its own answers and the other questions'
            alone = evaluate(answer, own, _own_qid(trial, folder), nlp=nlp)
            joined = evaluate(answer, merged, qid, nlp=nlp)
            assert joined.marks == alone.marks, (folder, answer)
            assert [(c.status, c.credit, c.reason) for c in joined.concepts] == [
                (c.status, c.credit, c.reason) for c in alone.concepts
            ], (folder, answer)
            assert [a.code for a in joined.advisories] == [a.code for a in alone.advisories]


def test_merge_refuses_scoring_settings_that_differ(
    trial: dict[str, Any], tmp_path: Path, mains_eval: Run
) -> None:
    tuned = tmp_path / "q2-tuned"
    tuned.mkdir()
    data = yaml.safe_load((trial["root"] / "q2" / "rubric.yaml").read_text(encoding="utf-8"))
    data["scoring"]["rounding"] = 1.0  # what `rubric tune` writes for whole marks
    (tuned / "rubric.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tuned / "rubric-references.md").write_text("Chlorophyll.", encoding="utf-8")
    result = mains_eval(
        "rubric", "merge", str(trial["root"] / "q1"), str(tuned), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 2  # one message, one hint
    assert "settings differ: scoring.rounding (0.25 in q1; 1 in q2)" in result.stderr
    assert "make them agree (edit `scoring:`" in result.stderr
    assert not (tmp_path / "out").exists()


def _rubric(folder: Path, data: dict[str, Any], files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def _mains(rubric_id: str, topic: str) -> dict[str, Any]:
    """A small rubric of one short question whose ids every copy shares: a dimension counted in
    part, a fact, a part naming a dimension, a tuned question's learned dimension, a model answer
    (a Mains question is not merged: session 44)."""
    return {
        "id": rubric_id,
        "title": f"{topic} and trade",
        "version": "1",
        "source_notes": "notes.md",
        "subject_terms": ["Asia"],
        "dimensions": [
            {
                "id": "economy",
                "label": "Economy",
                "concepts": [
                    {"id": "cepa", "label": "CEPA", "cues": [["CEPA"]], "note": "CEPA (2011)."},
                    {"id": "trade", "label": "Trade", "cues": [["trade"]], "note": "Trade grew."},
                ],
            },
            {
                "id": "learned-q",
                "label": "Learned",
                "concepts": [
                    {
                        "id": "learned-swap",
                        "label": "swap",
                        "cues": [["swap"]],
                        "note": "Learned from 40 graded answers (9 high, 1 low of the 10 using "
                        "it): answers that write 'swap' were marked higher.",
                    }
                ],
            },
        ],
        "facts": [
            {
                "id": "cepa-year",
                "concept": "cepa",
                "claim": "CEPA came into force in 2011.",
                "cues": ["CEPA"],
                "expected": {"kind": "year", "value": 2011},
            }
        ],
        "questions": [
            {
                "id": "q",
                "text": f"Discuss {topic}'s trade.",
                "directive": "discuss",
                "kind": "short",
                "max_marks": 10,
                "word_limit": 150,
                "model_answer": "model-answers/q.md",
                "dimensions": [
                    {"id": "economy", "concepts": ["cepa"]},
                    {"id": "learned-q"},
                ],
                "parts": [{"label": "trade", "named_by": ["trade"], "dimension": "economy"}],
            }
        ],
    }


def test_merge_rewrites_every_id_reference(tmp_path: Path) -> None:
    files = {"notes.md": "Notes on {topic}.", "model-answers/q.md": "A model answer on {topic}."}
    sources = [
        _rubric(
            tmp_path / name,
            _mains(name, topic),
            {k: v.format(topic=topic) for k, v in files.items()},
        )
        for name, topic in (("japan", "Japan"), ("korea", "Korea"))
    ]
    merged = merge_rubrics(sources, rubric_id="asia")
    rubric = merged.rubric
    assert [q.id for q in rubric.questions] == ["japan-q", "korea-q"]
    japan = rubric.question("japan-q")
    assert [(d.id, d.concepts) for d in japan.dimensions] == [
        ("japan-q-economy", ["japan-q-cepa"]),
        ("learned-japan-q", []),  # a tuned question's learned dimension follows its id
    ]
    assert japan.parts[0].dimension == "japan-q-economy"
    assert [(f.id, f.concept) for f in rubric.facts] == [
        ("japan-q-cepa-year", "japan-q-cepa"),
        ("korea-q-cepa-year", "korea-q-cepa"),
    ]
    learned = rubric.dimension("learned-korea-q").concepts[0]
    assert learned.id == "learned-korea-q-swap" and learned.learned  # the prefix still says so
    assert rubric.subject_terms == ["Asia"]  # the inputs' agree (one list for the whole rubric)
    assert merged.model_answers == {
        "model-answers/japan-q.md": "A model answer on Japan.",
        "model-answers/korea-q.md": "A model answer on Korea.",
    }
    assert any("question ids another rubric has too are prefixed: 'q' -> 'japan-q'" in r
               for r in merged.renamed)  # fmt: skip
    path = write_merged(merged, tmp_path / "asia")
    loaded = load_rubric(path)
    assert loaded.model_answers["korea-q"] == "A model answer on Korea."
    assert "## japan-q\n\nNotes on Japan." in loaded.source_notes
    assert "## korea-q\n\nNotes on Korea." in loaded.source_notes
    assert loaded.question_notes == {"japan-q": "Notes on Japan.", "korea-q": "Notes on Korea."}
    with pytest.raises(RubricError, match="given twice"):
        merge_rubrics([sources[0], sources[0] / "rubric.yaml"])


# --- 2. a document of several questions ----------------------------------------------------

CLASS_TEST = """\
# Year 8 science class test: Photosynthesis (5 marks)

q1 (2 marks, 30 words): What are the two raw materials a plant needs for photosynthesis?
  Ref A: Plants need carbon dioxide and water for photosynthesis.
  Ref B: Carbon dioxide from the air and water from the soil.

q2 (1 mark, 15 words): Name the green pigment in leaves that absorbs light.
  Ref A: Chlorophyll.

q3 (2 marks, 40 words): In which cells of a leaf does most photosynthesis happen?
  Ref A: In the palisade cells, which contain the most chloroplasts.
"""


def test_derive_warns_on_a_document_of_several_questions(tmp_path: Path, mains_eval: Run) -> None:
    source = tmp_path / "questions.md"
    source.write_text(CLASS_TEST, encoding="utf-8")
    result = mains_eval("rubric", "derive", str(source), "--out", str(tmp_path / "x.yaml"))
    assert result.returncode == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert "questions.md sets 3 numbered questions (q1, q2, q3)" in warning
    assert "--reference" in warning and "mains-eval rubric merge" in warning
    draft = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert draft.startswith("# NOTE: questions.md sets 3 numbered questions")


@pytest.mark.parametrize(
    "text",
    [
        # study notes with headings and a numbered list of points
        "# India and Japan\n\n## Defence\n\n1. Malabar is a naval exercise (since 2015).\n"
        "2. The 2+2 dialogue began in 2019.\n\n## Economy\n\n1. CEPA came into force in 2011.\n",
        # a paper of questions without answers (nothing to draft points from: notes' past
        # questions, say)
        "1. Discuss the monsoon. (10 marks)\n2. Explain its failure. (15 marks)\n",
        # notes with two past questions at their end, and no answers
        "# The monsoon\n\nThe monsoon brings most of India's rain between June and September. "
        "It is driven by the heating of land.\n\nIt fails now and then, and farms suffer. "
        "Reservoirs store its water.\n\nDams and canals spread the water.\n\nGroundwater is "
        "pumped in dry years.\n\n## Past questions\n\n1. Discuss the monsoon (10 marks)\n"
        "2. Explain its failure (15 marks)\n",
        # one question with its key elements and mark scheme (a prompt)
        "Explain how to test a leaf for starch (4 marks).\n\n## Key elements\n\n- Boil the leaf.\n"
        "- Add iodine.\n\n## Marking\n\n4 marks: four key elements.\n",
    ],
)
def test_notes_and_prompts_are_not_several_questions(text: str) -> None:
    assert several_questions(text) == []


def test_several_questions_are_found_in_their_usual_layouts() -> None:
    assert several_questions(CLASS_TEST) == ["q1", "q2", "q3"]
    numbered = (
        "1. What gas do plants take in? (1 mark)\nAnswer: Carbon dioxide.\n\n"
        "2. What gas do they give out? (1 mark)\nAnswer: Oxygen.\n"
    )
    assert several_questions(numbered) == ["1", "2"]
    headed = (
        "## Question 1\nWhat is a cell?\nThe unit of life.\n"
        "## Question 2\nWhat is a leaf?\nThe organ of photosynthesis.\n"
    )
    assert several_questions(headed) == ["Question 1", "Question 2"]


# --- 3. a short question's report, diff and tune --------------------------------------------


def test_a_short_questions_json_report_holds_only_its_own_points(
    trial: dict[str, Any], tmp_path: Path, mains_eval: Run
) -> None:
    qid = _qid(trial, "q3")
    answer = tmp_path / "answer.txt"
    answer.write_text("Spongy mesophyll cells because they have air spaces.", encoding="utf-8")
    result = mains_eval(
        "grade", str(answer), "-r", str(trial["root"] / "test"), "-q", qid, "--json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [c["id"] for c in report["concepts"]] == [f"{qid}-answer"]
    assert {c["dimension"] for c in report["concepts"]} == {d["id"] for d in report["dimensions"]}


def test_short_question_reports_survive_compact_batch_records(
    trial: dict[str, Any], nlp: Language
) -> None:
    merged: LoadedRubric = trial["merged"]
    items = [
        BatchItem(n, f"a{n}", "t", _qid(trial, folder), answer)
        for n, (folder, answer) in enumerate(
            (f, a) for f, answers in ANSWERS.items() for a in answers
        )
    ]
    graded = grade_items(items, merged)
    header = build_header(merged, graded[0].report or {})
    records = [compact_record(r, header) for r in graded]
    expanded = list(expand_records([header, *records]))
    full = [full_record(r) for r in graded]
    for back, whole in zip(expanded, full, strict=True):
        assert back["report"]["concepts"] == whole["report"]["concepts"]
        assert back["report"]["marks"] == whole["report"]["marks"]


def test_diff_explains_a_move_by_the_questions_own_points(
    trial: dict[str, Any], tmp_path: Path, mains_eval: Run
) -> None:
    merged = trial["root"] / "test"
    data = yaml.safe_load((merged / "rubric.yaml").read_text(encoding="utf-8"))
    q1, q2 = _qid(trial, "q1"), _qid(trial, "q2")
    for dimension in data["dimensions"]:
        if dimension["id"] == f"{q1}-answer":
            dimension["concepts"][0]["weight"] = 3.0  # moves no q1 mark: a share of one point
        if dimension["id"] == f"{q2}-answer":
            dimension["concepts"].append(
                {"id": "pigment", "label": "Pigment", "cues": [["pigment"]], "note": "Pigment."}
            )
    data["version"] = "0.1.1"
    new = tmp_path / "new"
    new.mkdir()
    (new / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (new / "source-notes.md").write_text(trial["merged"].source_notes, encoding="utf-8")
    shutil.copytree(merged / "notes", new / "notes")  # each question's own notes
    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer"])
        for n, answer in enumerate(ANSWERS["q2"]):
            writer.writerow([f"q2-{n}", q2, answer])
    result = mains_eval("rubric", "diff", str(merged), str(new), "--answers", str(answers),
                        "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    changes = [c for c in json.loads(result.stdout)["changes"] if c["delta"]]
    # "The green pigment is chlorophyll; plants also need carbon dioxide and water." writes q1's
    # words: its move is the new pigment point's, never q1's point (weight 1 -> 3)
    assert any("pigment: new concept, covered" in c for ch in changes for c in ch["causes"])
    for change in changes:  # (an answer without the word moves too: its point is half of two)
        assert all(cause.startswith(("pigment:", f"{q2}-answer:")) for cause in change["causes"])


def test_tune_measures_a_concept_on_its_own_questions_answers(
    trial: dict[str, Any], tmp_path: Path, mains_eval: Run
) -> None:
    graded = tmp_path / "marks.csv"
    with graded.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "mark"])
        for folder, answers in ANSWERS.items():
            for n, (answer, mark) in enumerate(answers.items()):
                writer.writerow([f"{folder}-{n}", _qid(trial, folder), answer, mark])
    result = mains_eval(
        "rubric", "tune", str(trial["root"] / "test"), "--graded", str(graded),
        "--no-learn", "--folds", "3", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    concepts = {c["id"]: c for c in data["concepts"]}
    tuned = [f for f in ANSWERS if data["per_question"][_qid(trial, f)]["tuned"]]
    assert tuned
    for folder in tuned:  # (a question tuning made no better is kept as it was: session 44)
        answers = ANSWERS[folder]
        point = concepts[f"{_qid(trial, folder)}-answer"]
        # its question's 8 answers, halved by their marks: 4 higher-marked, 4 lower-marked
        assert point["fires_high"] + point["fires_low"] <= len(answers)
        assert point["rate_high"] == pytest.approx(point["fires_high"] / 4, abs=1e-4)
        assert point["rate_low"] == pytest.approx(point["fires_low"] / 4, abs=1e-4)
    table = mains_eval(
        "rubric", "tune", str(trial["root"] / "test"), "--graded", str(graded),
        "--no-learn", "--folds", "3",
    )  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "halves of the answers whose reports hold the concept (a short question's" in " ".join(
        table.stdout.split()
    )
