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
scoring: {saturation: 1.0, rounding: 1.0}
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

EXAMPLES = [  # (answer number, mark, cues, weight, echo)
    (1, 1, ["chlorophyll"], 0.048, []),
    (3, 1, ["Chlorophyl"], 0.048, []),
    (5, 0, ["Chloroplast"], 0.351, []),
    (12, 1, ["Chlorophyll", "trap", "light", "energy"], 0.08, ["light"]),
    (14, 1, ["cholorophyll"], 0.608, []),
    (20, 1, ["chlorophil"], 0.608, []),
]


def _example(number: int, mark: int, cues: list[str], weight: float, echo: list[str]) -> str:
    effect = "earns" if mark else "costs"
    return (
        f"  - id: example-{number}-2\n"
        f"    label: Graded answer {number} (marked {mark} of 1)\n"
        f"    weight: {weight}\n"
        f"    cues: {[[c] for c in cues]}\n"
        + (f"    echo: {echo}\n" if echo else "")
        + f"    note: 'Learned from a graded answer marked {mark} of 1: with the rest of the "
        f"rubric, an answer that repeats its content words {effect} up to {weight} marks, in "
        f"proportion to how many it repeats. The answer: {' '.join(cues)}'\n"
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


# 3. one word is credited once; graded examples are counted in one line, as their row counts them


def _block(page: str, heading: str) -> list[str]:
    lines = page.split(f"\n{heading}\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [line.strip() for line in lines]


def test_a_word_is_credited_once_and_examples_in_one_line(trial: LoadedRubric) -> None:
    """Trial s43: "Chlorophyll [covered]: chlorophyll / chlorophyll [covered]: chlorophyll /
    Graded answer 1 … / 3 … / 12 …" for a one-word answer, and the terminal's "Graded answers
    as examples … (12 credited)" beside "resembles 13 graded answers"."""
    from evaluator.batch.report import answer_view
    from evaluator.cli.grade import render_text_report

    report = evaluate("Chlorophyll", trial, "q2")
    assert report.concept("learned-chlorophyll-2").credit == 1  # credited, and not listed
    page = render_text_report(report)
    assert _block(page, "Concepts credited") == [
        "+ Chlorophyll [covered] ← Chlorophyll",
        "+ resembles 3 graded answers kept as examples",
    ], page
    assert "(3 credited)" in page and not re.search(r"Graded answer \d", page)
    view = answer_view(1, {"id": "a", "source": "s", "report": report.to_dict()})
    assert [c["label"] for c in view["credited"]] == ["Chlorophyll"]
    assert view["credited_lines"] == ["Resembles 3 graded answers kept as examples"]
    # an example resembled by the question's own words alone ('light') earns a trace: it is
    # counted by neither the row nor the line
    echo = evaluate("It absorbs light.", trial, "q2")
    assert echo.concept("example-12-2").credit > 0
    page = render_text_report(echo)
    assert "(0 credited)" in page and "resembles" not in page, page


def test_a_learned_phrase_with_words_of_its_own_is_still_named(trial: LoadedRubric) -> None:
    report = evaluate("The pigment is green.", trial, "q2")
    from evaluator.scoring import credited_view

    data = report.to_dict()
    view = credited_view(data["concepts"], "q2")
    assert not view["phrases"] and not view["repeated"]  # nothing learned credited here
    low = evaluate("The chlorophyll in the chloroplasts", trial, "q2").to_dict()
    marked_low = credited_view(low["concepts"], "q2")
    assert [c["label"] for c in marked_low["marked_low"]] == ["Chloroplast"]
    assert marked_low["low_lines"] == ["resembles 1 graded answer marked low"]


# 4. a learned dimension's strength is what the docs say it is, and quotes no word twice


def test_a_learned_dimension_is_never_praised_as_covered(trial: LoadedRubric) -> None:
    """Trial s43: "Q2 answer: well covered — you wrote “Chlorophyll”." then "Learned from the
    tutor's marks: well covered — you wrote “Chlorophyll”.", where docs/rubrics.md says a
    learned phrase is "Like answers the tutor marked high (earns marks)", never "Covered"."""
    full = evaluate("Chlorophyll", trial, "q2")
    assert full.feedback.strengths == ["Q2 answer: well covered — you wrote “Chlorophyll”."]
    part = evaluate("It is called chlorophyll.", trial, "q2")
    assert part.concept("q2-answer").credit < 1  # no strength of the rubric's own
    assert part.feedback.strengths == [
        "Like answers the tutor marked high (earns marks): you wrote “chlorophyll”."
    ]
    docs = (Path(__file__).parents[1] / "docs" / "rubrics.md").read_text(encoding="utf-8")
    assert '"Like answers the tutor marked high (earns marks)", never "Covered"' in " ".join(
        docs.split()
    )
    for report in (full, part):
        assert not any("Learned from" in s and "covered" in s for s in report.feedback.strengths)


# 5. a linear question's rows: its base mark, what its points earn, what penalties cost; they add up


def test_the_rows_of_a_linear_question_add_up_to_its_marks(trial: LoadedRubric) -> None:
    """Trial s43: a 1-mark question's rows read "0.47 / 0.47", "0.13" and "-0.23 / 2", with no
    row for the intercept, so they summed to nothing the pupil could check."""
    from evaluator.batch.report import answer_view
    from evaluator.cli.grade import render_text_report
    from evaluator.scoring import dimension_rows, rows_sum
    from webapp.grading import report_summary

    report = evaluate("The chlorophyll in the chloroplasts", trial, "q2")
    data = report.to_dict()
    assert data["question"]["intercept"] == pytest.approx(0.262)
    rows = dimension_rows(data)
    labels = [(r["kind"], r["label"], r["marks"], r["max"]) for r in rows]
    assert labels == [
        ("base", "Base mark (fitted)", 0.26, None),
        ("dimension", "Q2 answer", 0.47, 0.47),
        ("learned", "Learned from the tutor's marks", 0.12, None),
        ("learned", "Graded answers as examples", pytest.approx(0.1, abs=0.05), None),
        ("cost", "Like answers the tutor marked low", -0.44, None),
    ], labels
    assert all(r["marks"] >= 0 for r in rows if r["kind"] != "cost")
    assert all(r["max"] is None or r["max"] <= report.max_marks for r in rows)
    total = rows_sum(rows)
    assert report.marks == round(min(max(total, 0), report.max_marks))  # rounding 1 mark
    page = render_text_report(report)
    assert "Base mark (fitted)" in page
    assert re.search(rf"Sum\s+{total:.2f} \(rounded: {report.marks:g}\)", page), page
    assert "\u22120.44 (they cost marks)" in page
    view = answer_view(1, {"id": "a", "source": "s", "report": data})
    assert view["dimension_rows"] == rows and view["rows_sum"] == f"{total:.2f}"
    summary = report_summary(data)
    assert summary["dimension_rows"] == rows and summary["from_sum"] == f"rounded: {report.marks:g}"


def test_an_essays_rows_are_its_dimensions_as_graded(india_japan: LoadedRubric) -> None:
    from evaluator.scoring import dimension_rows

    report = evaluate(
        india_japan.model_answers["2plus2-significance"], india_japan, "2plus2-significance"
    )
    rows = dimension_rows(report.to_dict())
    assert [(r["label"], r["marks"], r["max"]) for r in rows] == [
        (d.label, d.marks, d.max) for d in report.dimensions
    ]


def test_the_class_reports_rows_are_the_answers_rows(trial: LoadedRubric, tmp_path: Path) -> None:
    """The batch HTML report's per-question table of a linear question shows the rows the
    answers show (its base mark, points out of at most its marks, costs), from compact and from
    full records alike (trial s43: "Graded answers as examples … max 2" on a 1-mark question,
    "Q5 answer -0.16 … 0.07")."""
    import json

    from evaluator.batch.compact import build_header, compact_record, full_record
    from evaluator.batch.core import grade_items
    from evaluator.batch.inputs import BatchItem
    from evaluator.batch.report import gather_stats

    texts = ["Chlorophyll", "The chlorophyll in the chloroplasts", "Green pigment", "chlorophil"]
    items = [BatchItem(n, f"a{n}", "s", "q2", t) for n, t in enumerate(texts)]
    graded = grade_items(items, trial)
    tables = []
    for compact in (True, False):
        path = tmp_path / f"{compact}.jsonl"
        header = build_header(trial, graded[0].report) if compact else None
        lines = [json.dumps(header)] if header else []
        lines += [
            json.dumps(compact_record(r, header) if header else full_record(r)) for r in graded
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        stats = gather_stats(str(path))
        rows = stats.question_dimensions["q2"]
        tables.append({k: (d.label, dict(d.marks), d.max) for k, d in rows.items()})
    assert tables[0] == tables[1]
    table = tables[0]
    assert list(table) == [
        "base",
        "q2-answer",
        "learned-q2",
        "examples-q2",
        "cost-learned",
    ]
    assert table["base"] == ("Base mark (fitted)", {0.26: 4}, "-")
    assert table["q2-answer"][2] == "0.47" and table["examples-q2"][2] == "-"
    assert all(m >= 0 for key in ("q2-answer", "examples-q2") for m in table[key][1])
    assert all(m < 0 for m in table["cost-learned"][1])


# 6. a step quotes a reference answer's first reference, and no improvement runs a note on


def test_a_step_quotes_the_first_reference_only(trial: LoadedRubric) -> None:
    """Trial s43: 'Add “Plants need carbon dioxide and water for photosynthesis. Also correct:
    Carbon…”', and "To improve: Develop boil the leaf in water to kill it. Put it in hot
    ethanol …", the whole note with its first letter lower-cased."""
    from evaluator.scoring import note_after_step

    steps = evaluate("Sunlight.", trial, "q1").feedback.next_steps
    step = next(s for s in steps if s.target == "q1-answer")
    assert step.text.startswith("Add “Plants need carbon dioxide and water for photosynthesis.”")
    assert "Also correct" not in step.text
    assert note_after_step(step.text, step.detail) == (
        "Also correct: Carbon dioxide from the air and water from the soil."
    )
    q2 = evaluate("Green.", trial, "q2").feedback.next_steps
    assert any(s.text.startswith("Add “Chlorophyll.” (Q2 answer") for s in q2), q2
    report = evaluate("Boil the leaf and add iodine.", trial, "q5")
    said = report.feedback.improvements
    develop = [line for line in said if line.startswith("Develop")]
    assert develop == [
        "Develop “Boil the leaf in water to kill it. Put it in hot ethanol to remove the…”"
    ]
    assert not any("develop boil" in line.lower() or "present." in line for line in said)
    # a step says it: no face says it again
    from evaluator.scoring import unsaid_improvements

    if any(s.target == "q5-answer" for s in report.feedback.next_steps):
        assert not [line for line in unsaid_improvements(report.to_dict()) if "Boil" in line]


# 7. "1 mark", "1 word": one helper everywhere


def test_numbers_agree_with_their_nouns(trial: LoadedRubric) -> None:
    from click.testing import CliRunner

    from evaluator.batch.report import answer_view
    from evaluator.cli import main
    from evaluator.cli.grade import render_text_report

    report = evaluate("Chlorophyll", trial, "q2")
    assert "— q2 (discuss, 1 mark, 15 words)" in render_text_report(report)
    view = answer_view(1, {"id": "a", "source": "s", "report": report.to_dict()})
    from evaluator.batch.report import _environment

    macro = _environment().from_string(
        '{% from "_answer.html.j2" import answer_detail %}{{ answer_detail(row) }}'
    )
    html = macro.render(row=view)
    assert "1 word (limit 15)" in html and "1 words" not in html
    assert "Base mark (fitted)" in html and "Sum (rounded: 1)" in html
    extra = evaluate("Chlorophyll molecules.", trial, "q2").concept("q2-answer")
    assert "1 word beyond the reference" in extra.reason, extra.reason
    shown = CliRunner().invoke(main, ["rubric", "show", str(trial.folder / "rubric.yaml")])
    assert "q2: 1 mark, 15 words, discuss" in shown.output, shown.output


# 8. a short question that asks for a fact gets a directive that says so


@pytest.mark.parametrize(
    ("question", "directive"),
    [
        ("Name the green pigment in leaves that absorbs light for photosynthesis.", "name"),
        ("What are the two raw materials a plant needs for photosynthesis?", "state"),
        ("In which cells of a leaf does most photosynthesis happen, and why there?", "state"),
        ("Which gas do plants give off in the light?", "state"),
        ("Identify the gas that turns limewater milky.", "identify"),
        ("Why does the bulb stay dark when the switch is open?", "explain"),
        ("Describe how to test a leaf for starch.", "describe"),
    ],
)
def test_a_short_questions_directive_is_what_it_asks(question: str, directive: str) -> None:
    """Trial s43: "Name …", "What are …" and "In which …" were all drafted as 'discuss'."""
    from evaluator.rubric.model import Rubric
    from evaluator.tools.derive import derive_rubric

    drafted = derive_rubric(
        "", references=["Chlorophyll, in the chloroplasts."], question=question, max_marks=1
    )
    assert drafted.data["questions"][0]["directive"] == directive
    assert Rubric.model_validate(drafted.data).questions[0].directive == directive


def test_an_essay_question_finds_no_short_directive_inside_it() -> None:
    from evaluator.tools.derive.core import _directives

    question = "Discuss the role of the state in naming and identifying the poor."
    assert _directives(question) == ("discuss", [])
    assert _directives(question, short=True) == ("discuss", [])
