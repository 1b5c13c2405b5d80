"""Session 43's teacher trial (a Year 8 photosynthesis test, five short questions, tuned on 100
of the teacher's marks): feedback that taught a pupil's misspelling, called a British spelling
wrong, credited one word five times, contradicted the docs, showed dimension rows that did not
add up, quoted a reference answer with its seams and said "1 marks". Our own wording; real
spaCy, real engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

REFERENCES = """\
# Photosynthesis test: reference answers

Plants need carbon dioxide and water for photosynthesis. || Carbon dioxide from the air and
water from the soil.

Chlorophyll. || The green pigment is chlorophyll, found in chloroplasts.

Boil the leaf in water to kill it. Put it in hot ethanol to remove the chlorophyll. Rinse it in
warm water to soften it. Add iodine solution; it turns blue-black where starch is present.
"""

# the trial's merged draft (q1, q5) and its tuned q2 (a linear question with a learned phrase and
# graded answers kept as examples, one of them the misspelt "chlorophil"), cut down
RUBRIC = """\
id: photosynthesis-test
title: 'Year 8 class test: photosynthesis'
version: 0.1.1
source_notes: references.md
structure: {introduction: false, conclusion: false, points_or_headings: false, min_paragraphs: 1}
scoring: {saturation: 1.0, rounding: 0.25}
dimensions:
- id: q1-answer
  label: Q1 answer
  concepts:
  - id: q1-answer
    label: Plants need carbon dioxide and water for photosynthesis
    credit: proportional
    cues: [[plant], [need, require], [carbon], [dioxide], [water], [photosynthesis]]
    echo: [plant, need, photosynthesis]
    alternatives:
    - cues: [[carbon], [dioxide], [air], [water], [soil]]
    note: 'Plants need carbon dioxide and water for photosynthesis. Also correct: Carbon dioxide
      from the air and water from the soil.'
- id: q2-answer
  label: Q2 answer
  concepts:
  - id: q2-answer
    label: Chlorophyll
    weight: 0.467
    credit: proportional
    cues: [[chlorophyll]]
    alternatives:
    - cues: [[green], [pigment], [chlorophyll], [find], [chloroplast]]
      echo: [green, pigment]
    note: 'Chlorophyll. Also correct: The green pigment is chlorophyll, found in chloroplasts.'
  - id: low-marked-chloroplast
    label: Chloroplast
    weight: 0.088
    cues: [[Chloroplast]]
    note: 'Learned from 20 graded answers (2 high, 1 low of the 3 using it): with the rest of the
      rubric, an answer that writes ''Chloroplast'' costs 0.088 marks.'
    penalty: true
- id: learned-q2
  label: Learned from the tutor's marks
  concepts:
  - id: learned-chlorophyll-2
    label: chlorophyll
    weight: 0.12
    cues: [[chlorophyll]]
    note: 'Learned from 20 graded answers (7 high, 0 low of the 7 using it): with the rest of the
      rubric, an answer that writes ''chlorophyll'' earns 0.12 marks.'
- id: examples-q2
  label: Graded answers as examples
  concepts:
{examples}
- id: q5-answer
  label: Q5 answer
  concepts:
  - id: q5-answer
    label: Boil the leaf in water to kill it. Put it…
    credit: proportional
    cues: [[boil], [leaf], [water], [kill], [hot], [ethanol], [remove], [chlorophyll], [rinse],
      [warm], [soften], [add], [iodine], [solution], [turn], [blue], [black], [starch], [present]]
    echo: [leaf, starch]
    note: Boil the leaf in water to kill it. Put it in hot ethanol to remove the chlorophyll. Rinse
      it in warm water to soften it. Add iodine solution; it turns blue-black where starch is
      present.
questions:
- id: q1
  text: What are the two raw materials a plant needs for photosynthesis?
  directive: discuss
  kind: short
  max_marks: 2
  word_limit: 30
  dimensions: [{id: q1-answer}]
- id: q2
  text: Name the green pigment in leaves that absorbs light for photosynthesis.
  directive: discuss
  kind: short
  max_marks: 1
  word_limit: 15
  intercept: 0.262
  dimensions: [{id: q2-answer}, {id: learned-q2}, {id: examples-q2}]
- id: q5
  text: Describe how to test a leaf for starch.
  directive: describe
  kind: short
  max_marks: 4
  word_limit: 80
  dimensions: [{id: q5-answer}]
"""

EXAMPLES = [  # (answer number, mark, cues, weight)
    (1, 1, ["chlorophyll"], 0.048),
    (3, 1, ["Chlorophyl"], 0.048),
    (5, 0, ["Chloroplast"], 0.351),
    (12, 1, ["Chlorophyll", "trap", "light", "energy"], 0.08),
    (14, 1, ["cholorophyll"], 0.608),
    (20, 1, ["chlorophil"], 0.608),
]


def _example(number: int, mark: int, cues: list[str], weight: float) -> str:
    effect = "earns" if mark else "costs"
    return (
        f"  - id: example-{number}-2\n"
        f"    label: Graded answer {number} (marked {mark} of 1)\n"
        f"    weight: {weight}\n"
        f"    cues: {[[c] for c in cues]}\n"
        f"    note: 'Learned from a graded answer marked {mark} of 1: with the rest of the rubric, "
        f"an answer that repeats its content words {effect} up to {weight} marks, in proportion "
        f"to how many it repeats. The answer: {' '.join(cues)}'\n"
        f"    credit: proportional\n"
        + ("    penalty: true\n" if not mark else "")
        + "    exemplar: true\n"
    )


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    folder: Path = tmp_path_factory.mktemp("trial43")
    (folder / "references.md").write_text(REFERENCES, encoding="utf-8")
    examples = "".join(_example(*e) for e in EXAMPLES)
    (folder / "rubric.yaml").write_text(RUBRIC.replace("{examples}\n", examples), "utf-8")
    return load_rubric(folder / "rubric.yaml")


def _spelling(report) -> str:
    return " ".join(a.message for a in report.advisories if a.code == "spelling")


# 1. a pupil's misspelling, kept as an example by tuning, is never what a word is corrected to


def test_an_examples_misspelling_is_never_taught(trial: LoadedRubric) -> None:
    """The trial's tuned rubric kept the graded answer "chlorophil" as an example, and the
    held-out "chlorofil" was told: read as “chlorofil” (chlorophil) … learn these spellings."""
    report = evaluate("chlorofil", trial, "q2")
    assert "(chlorophil)" not in _spelling(report)
    assert "(Chlorophyl)" not in _spelling(report) and "(cholorophyll)" not in _spelling(report)
    # nor is a word read as a learned phrase's or an example's word and credited for it
    assert not [c.id for c in report.concepts if c.credit > 0 and not c.penalty]
    # the author's word is still the target: a slip of "chlorophyll" is read as it
    slip = evaluate("chlorophyl", trial, "q2")
    assert slip.concept("q2-answer").credit > 0


# 2. a real word made of the rubric's word is no misspelling; a slip still is


@pytest.mark.parametrize("verb", ["photosynthesise", "photosynthesize", "photosynthesised"])
def test_a_verb_made_of_the_rubric_word_is_no_misspelling(trial: LoadedRubric, verb: str) -> None:
    report = evaluate(f"Plants {verb} using carbon dioxide and water.", trial, "q1")
    assert "Misspelt" not in _spelling(report), _spelling(report)
    assert report.concept("q1-answer").credit > 0


def test_misspelt_rubric_words_are_still_named(trial: LoadedRubric) -> None:
    report = evaluate("Plants need corbon dioxide and wator for photosynthesis.", trial, "q1")
    message = _spelling(report)
    assert "“corbon” (carbon)" in message and "“wator” (water)" in message
    assert "learn these spellings" in message
