"""A science quiz of two short questions (a falling apple, a cold metal spoon), drafted and merged
as a teacher would, with a tutor's marks: shared by tests/test_s44_tune.py and the web tuning
page's test (test modules do not import one another). Our own questions and answers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from spacy.language import Language

from evaluator.rubric.loader import load_rubric
from evaluator.tools.merge import merge_rubrics, write_merged

QUESTIONS = {
    "apple": (
        "Which force pulls a dropped apple down to the ground?",
        ["Gravity.", "The force of gravity pulls it down."],
        1,
        15,
    ),
    "spoon": (
        "Why does a metal spoon feel colder to touch than a wooden spoon in the same room?",
        [
            "Metal is a good conductor, so it carries heat away from your hand quickly; wood is "
            "an insulator."
        ],
        2,
        40,
    ),
}
"""Folder -> (question, reference answers, marks, word limit), derived as `rubric derive
--reference ...` drafts them."""

MARKS = {
    # the draft already gives every one of these the tutor's mark: tuning cannot do better
    "apple": {
        "Gravity.": 1,
        "gravity": 1,
        "The pull of gravity.": 1,
        "Gravity pulls it down.": 1,
        "Gravity from the Earth.": 1,
        "It is gravity.": 1,
        "Friction.": 0,
        "Magnetism.": 0,
        "Air resistance.": 0,
        "The wind.": 0,
        "Upthrust.": 0,
        "Electric force.": 0,
    },
    # the draft is harsh on paraphrases of its one long reference: tuning helps
    "spoon": {
        "Metal conducts heat away from your hand faster than wood.": 2,
        "The metal is a better conductor of heat so heat leaves your hand quickly.": 2,
        "Metal takes heat from your hand quickly because it conducts well, wood does not.": 2,
        "Metal is a good thermal conductor; wood is a poor one.": 2,
        "Heat flows out of your hand into the metal fast as metal is a conductor.": 2,
        "Metal is a good conductor so it carries heat away from the hand quickly.": 2,
        "Metal is a conductor.": 1,
        "Wood is an insulator.": 1,
        "The metal conducts heat.": 1,
        "Wood does not let heat through easily.": 1,
        "Metal conducts.": 1,
        "Wood is a poor conductor.": 1,
        "Metal is colder than wood.": 0,
        "The metal spoon is at a lower temperature.": 0,
        "Because metal is shiny.": 0,
        "Wood is warmer.": 0,
        "Metal is heavier.": 0,
        "The metal has been in the fridge.": 0,
        "Metal is a good conductor of heat and takes heat from your skin quickly.": 2,
        "Heat moves quickly from your hand into the metal because metal conducts heat well.": 2,
        "The metal conducts the heat away from your fingers quickly, wood is an insulator.": 2,
        "Metal is a conductor so heat leaves your hand fast.": 2,
        "Wood is an insulator so it keeps the heat in your hand.": 1,
        "Metal lets heat pass through it.": 1,
        "The spoon is made of metal.": 0,
        "Wooden spoons are brown.": 0,
        "It is cold because it is metal.": 0,
        "Metal feels cold.": 0,
    },
}


def derive_draft(
    folder: Path, question: str, references: list[str], marks: int, words: int
) -> None:
    """The draft `rubric derive --reference ... --out FOLDER/rubric.yaml` writes."""
    from evaluator.tools.derive.core import derive_rubric, named_for_folder

    out = folder / "rubric.yaml"
    derived = derive_rubric(
        "",
        references=references,
        question=question,
        max_marks=marks,
        word_limit=words,
        source_label="--reference",
        source_notes="rubric-references.md",
    )
    folder.mkdir(parents=True)
    out.write_text(named_for_folder(derived, out).yaml, encoding="utf-8")
    (folder / "rubric-references.md").write_text(" || ".join(references) + "\n", "utf-8")


def tune_draft(
    root: Path,
    name: str,
    question: str,
    reference: str,
    marks: dict[str, float],
    max_marks: int,
    words: int,
    nlp: Language,
) -> dict[str, Any]:
    """The draft `rubric derive --reference ...` writes into ROOT/NAME, and the rubric `rubric
    tune NAME --graded marks.csv --out tuned/rubric.yaml` writes from ``marks`` (answer ->
    mark): {"draft", "tuned", "qid", "result"}."""
    from evaluator.tools.graded import read_graded_csv
    from evaluator.tools.tune import tune_rubric, write_tuned_rubric

    derive_draft(root / name, question, [reference], max_marks, words)
    graded = root / "marks.csv"
    with graded.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "answer", "mark"])
        for n, (answer, mark) in enumerate(marks.items()):
            writer.writerow([f"a{n}", answer, mark])
    draft = load_rubric(root / name)
    qid = draft.rubric.questions[0].id
    result = tune_rubric(draft, read_graded_csv(graded), nlp=nlp, question_id=qid)
    written = write_tuned_rubric(result, Path(root / "tuned" / "rubric.yaml"))
    return {"draft": draft, "tuned": load_rubric(written), "qid": qid, "result": result}


def write_quiz(root: Path) -> tuple[Path, Path, dict[str, str]]:
    """The two drafts merged (`rubric merge apple spoon --out quiz`) and the tutor's marks
    (``marks.csv``) under ``root``: the rubric folder, the marks file and each folder's
    question id."""
    for folder, (question, references, marks, words) in QUESTIONS.items():
        derive_draft(root / folder, question, references, marks, words)
    write_merged(merge_rubrics([root / f for f in QUESTIONS], rubric_id="quiz"), root / "quiz")
    ids = {q.text: q.id for q in load_rubric(root / "quiz").rubric.questions}
    qid = {folder: ids[QUESTIONS[folder][0]] for folder in QUESTIONS}
    graded = root / "marks.csv"
    with graded.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "mark"])
        for folder, answers in MARKS.items():
            for n, (answer, mark) in enumerate(answers.items()):
                writer.writerow([f"{folder}-{n}", qid[folder], answer, mark])
    return root / "quiz", graded, qid
