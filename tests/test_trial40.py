"""Session 40: an answer that leaves out a part its question names (``Question.parts``, the
``missing_part`` advisory). Four mentors marked answers to "the Indo-Pacific and the Quad" that
never name the Quad 35-45% of the maximum where the tool gave 55-65%, and answers to "suggest a
way forward" that suggest none 40-43% where it gave 43-53%. The answers here are our own."""

from __future__ import annotations

import pytest
import yaml
from spacy.language import Language

from evaluator.errors import RubricError
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Advisory, Report

INDO_PACIFIC = """India and Japan have come to see the Indian and Pacific Oceans as one \
strategic theatre.

Shared vision
Japan's Free and Open Indo-Pacific, set out by Shinzo Abe in 2016, and India's SAGAR and Act East \
policies both stress a rules-based order, freedom of navigation and respect for sovereignty. Both \
back ASEAN centrality and welcomed the ASEAN Outlook on the Indo-Pacific in 2019.

Why they converge
China's assertiveness in the South China Sea and its ports around the Indian Ocean worry both \
capitals, and secure sea lanes carry most of their energy imports. Their navies now exercise \
together in JIMEX, and a logistics pact signed in 2020 lets each use the other's bases.

Connectivity
Japan funds roads and bridges in the North East, linking Act East with its Partnership for Quality \
Infrastructure, and the two plan projects with third countries such as Bangladesh and Sri Lanka.

Limits
The Asia-Africa Growth Corridor has stalled, and India's ties with Russia differ from Japan's view.

Conclusion
Convergence is real but still more visible in statements than in joint projects on the ground."""

QUAD_PARAGRAPH = """

The Quad
India and Japan, with the US and Australia, revived the Quad in 2017 and have held leaders' \
summits since 2021, working on vaccines, critical technologies and maritime domain awareness \
without turning it into a military alliance."""

CHALLENGES = """India and Japan call their ties a Special Strategic and Global Partnership, yet \
several problems keep the relationship below its promise.

Economic challenges
Trade stood near 22 billion dollars in 2022-23, far below India's trade with China, and India runs \
a deficit with Japan. The CEPA of 2011 is under-used because Japanese standards and non-tariff \
barriers keep Indian goods out, and India walked out of RCEP in 2019, which Japan regretted.

Strategic differences
India kept buying Russian oil after the invasion of Ukraine while Japan joined Western \
sanctions. India also sits in BRICS and the SCO, and prizes strategic autonomy over alliances.

Project delays
Land acquisition has slowed the Mumbai-Ahmedabad high-speed rail, and the Asia-Africa Growth \
Corridor has stalled for want of funds.

Society
Few Indians live in Japan, and language remains a barrier to students and workers alike.

Conclusion
These challenges are real, but shared concerns about China keep both sides close, and trust \
between the two governments remains high."""

WAY_FORWARD = """

Way forward
- Review the CEPA and tackle non-tariff barriers so that Indian pharmaceuticals reach Japan.
- Send skilled Indian workers to ageing Japan through the Specified Skilled Worker scheme.
- Join Japanese technology with Indian labour in joint ventures under Make in India."""


def _grade(loaded: LoadedRubric, nlp: Language, question: str, text: str) -> Report:
    return evaluate(text, loaded, question, nlp=nlp)


def _part_advisory(report: Report) -> Advisory | None:
    return next((a for a in report.advisories if a.code == "missing_part"), None)


def test_an_answer_that_never_names_the_quad_is_held_to_under_half(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    without = _grade(india_japan, nlp, "indo-pacific-quad", INDO_PACIFIC)
    advisory = _part_advisory(without)
    assert advisory is not None
    assert "the Quad" in advisory.message and advisory.cap == 0.45
    assert without.marks <= 4.5
    # the same answer with a paragraph on the Quad takes the part up and earns more
    whole = _grade(india_japan, nlp, "indo-pacific-quad", INDO_PACIFIC + QUAD_PARAGRAPH)
    assert _part_advisory(whole) is None
    assert whole.marks > without.marks


def test_the_step_and_the_comment_name_the_part_left_out(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _grade(india_japan, nlp, "indo-pacific-quad", INDO_PACIFIC)
    step = report.feedback.next_steps[0]
    assert (step.kind, step.target) == ("advisory", "missing_part")
    assert step.text.endswith("the Quad") and step.gain > 0
    assert "a part of the question it leaves out" in report.feedback.comment
    # no other step says the same thing again
    assert len({s.text for s in report.feedback.next_steps}) == len(report.feedback.next_steps)


def test_a_sentence_that_only_restates_the_question_does_not_take_the_part_up(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    echo = "India and Japan converge in the Indo-Pacific and in the Quad.\n\n" + INDO_PACIFIC
    assert _part_advisory(_grade(india_japan, nlp, "indo-pacific-quad", echo)) is not None
    # a heading does: what follows it is the part ("The Quad" over a paragraph)
    headed = INDO_PACIFIC.replace("Connectivity\n", "The Quad and connectivity\n")
    assert _part_advisory(_grade(india_japan, nlp, "indo-pacific-quad", headed)) is None


def test_a_way_forward_is_asked_for_and_a_heading_or_its_points_give_it(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    question = "challenges-way-forward"
    without = _grade(india_japan, nlp, question, CHALLENGES)
    advisory = _part_advisory(without)
    assert advisory is not None and "a way forward" in advisory.message
    assert without.marks <= 0.45 * 15
    assert _part_advisory(_grade(india_japan, nlp, question, CHALLENGES + WAY_FORWARD)) is None
    # its points credited without the words 'way forward' take the part up too
    unnamed = CHALLENGES + WAY_FORWARD.replace("Way forward\n", "What both should do\n")
    report = _grade(india_japan, nlp, question, unnamed)
    assert _part_advisory(report) is None


def test_no_part_advisory_where_the_question_names_no_part_or_a_cap_already_holds(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the defence question names no part: nothing to leave out
    report = _grade(india_japan, nlp, "defence-cooperation", INDO_PACIFIC)
    assert _part_advisory(report) is None
    # a thin answer is held by its length cap, which already marks what it leaves out
    thin = _grade(india_japan, nlp, "indo-pacific-quad", INDO_PACIFIC.split("\n\nWhy")[0])
    codes = [a.code for a in thin.advisories]
    assert "too_short" in codes and "missing_part" not in codes


def test_a_part_must_name_a_dimension_of_its_question(tmp_path, india_japan) -> None:
    data = yaml.safe_load(india_japan.path.read_text(encoding="utf-8"))
    question = next(q for q in data["questions"] if q["id"] == "indo-pacific-quad")
    question["parts"] = [{"label": "the Quad", "named_by": ["Quad"], "dimension": "economic"}]
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RubricError, match="dimension 'economic' is not one of the question's"):
        load_rubric(folder / "rubric.yaml")


# trial s40t: a teacher's 0-3 item, derived as a short answer
ITEM = """# Melting ice

Pupils put equal ice cubes on a metal tray, a wooden board and a plastic plate and timed how long
each took to melt. Describe two ways the pupils could make their test fairer.

## Key elements

- Use ice cubes of the same size and from the same freezer for every surface.
- Keep all three surfaces in the same room at the same temperature.
- Repeat the test three times and work out the average melting time.

## Marking

2 points: two key elements.
1 point: one key element.
0 points: other.
"""


def test_a_short_answer_in_the_mark_schemes_words_is_not_copying(tmp_path) -> None:
    from evaluator.tools.derive.core import derive_rubric_file

    (tmp_path / "item.md").write_text(ITEM, encoding="utf-8")
    out = tmp_path / "rubric.yaml"
    derive_rubric_file(tmp_path / "item.md", out=out)
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0]
    assert question.kind == "short"
    # a pupil who knows the answer writes the key elements as the scheme words them: right, not
    # copied (it had been capped at 5% of the maximum, 0 of 2)
    answer = (
        "Use ice cubes of the same size and from the same freezer for every surface. Keep all "
        "three surfaces in the same room at the same temperature."
    )
    report = evaluate(answer, loaded, question.id)
    assert "copied_source" not in [a.code for a in report.advisories]
    assert report.marks == question.max_marks


def _rows(marks: list[float], question: str | None) -> list:
    from evaluator.tools.graded import GradedAnswer

    return [
        GradedAnswer(
            id=f"a{i}",
            text=f"Answer number {i} on defence ties.",
            mark=m,
            question=question,
            line=i + 2,
        )
        for i, m in enumerate(marks)
    ]


def test_a_question_column_holding_the_question_as_written_names_it(india_japan) -> None:
    from evaluator.tools.tune.answers import assign_questions

    question = india_japan.rubric.question("defence-cooperation")
    # as a teacher pastes it: the question's text, spaced and cased differently
    written = "  " + question.text.upper().replace(" ", "  ") + " "
    pairs = assign_questions(india_japan, _rows([2, 5, 7], written), skipped=[])
    assert [qid for _, qid in pairs] == ["defence-cooperation"] * 3


def test_marks_on_another_scale_are_refused_in_one_message(india_japan) -> None:
    from evaluator.errors import TuningError
    from evaluator.tools.tune.answers import assign_questions

    # a fifth of the marks above the maximum of 10: the tutor marked out of 12
    marks = [1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 12, 2, 5, 6, 7]
    skipped: list = []
    with pytest.raises(TuningError, match=r"3 of 15 marks .* above its maximum of 10"):
        assign_questions(india_japan, _rows(marks, "defence-cooperation"), skipped=skipped)
    # one stray mark above the maximum is a bad row, skipped with its own line
    one = [1, 3, 4, 6, 7, 8, 9, 10, 11, 2, 5, 6, 7]
    pairs = assign_questions(india_japan, _rows(one, "defence-cooperation"), skipped=skipped)
    assert len(pairs) == len(one) - 1 and len(skipped) == 1
    assert "above the maximum of 10" in skipped[0].message


def test_same_and_more_are_cue_words_of_a_short_answers_point(tmp_path) -> None:
    from evaluator.tools.derive.core import derive_rubric_file

    (tmp_path / "item.md").write_text(ITEM, encoding="utf-8")
    out = tmp_path / "rubric.yaml"
    derive_rubric_file(tmp_path / "item.md", out=out)
    loaded = load_rubric(out)
    qid = loaded.rubric.questions[0].id
    cues = [term for _, c in loaded.rubric.concepts() for group in c.cues for term in group]
    assert "same" in cues
    # a controlled variable is told from a changed one (trial s40t: "use a different car"
    # earned "use the same car")
    same = evaluate("Use ice cubes of the same size for every surface.", loaded, qid)
    different = evaluate("Use ice cubes of a different size for every surface.", loaded, qid)
    assert same.concepts[0].credit > different.concepts[0].credit


# true sentences the eighth mentor's over-long answers had called wrong, each beside a false one
# of the same shape that must still be caught
TRUE_FACTS = [
    # the notes: a new declaration replaced the 2008 one in August 2025 (`also: [2025]`)
    (
        "challenges-way-forward",
        "Trust rests on the civil nuclear deal and the 2025 Joint Declaration on Security "
        "Cooperation.",
    ),
    # a year in brackets dates what stands before them, not the initiative after them
    (
        "pyq-2013-economic",
        "Use the 5 trillion yen investment goal (2022–27) and the Supply Chain Resilience "
        "Initiative to attract factories.",
    ),
]
FALSE_FACTS = [
    (
        "challenges-way-forward",
        "The two sides signed their Joint Declaration on Security Cooperation in 2012.",
        "security-declaration-year",
    ),
    (
        "pyq-2013-economic",
        "The Supply Chain Resilience Initiative (2019) ties India, Japan and Australia together.",
        "scri-year",
    ),
]


@pytest.mark.parametrize(("question", "text"), TRUE_FACTS)
def test_a_true_fact_is_never_called_wrong(india_japan, nlp, question, text) -> None:
    from probe_support import assert_never_called_wrong, probe_report

    assert_never_called_wrong(probe_report(india_japan, nlp, question, text))


@pytest.mark.parametrize(("question", "text", "fact"), FALSE_FACTS)
def test_the_same_shape_with_a_wrong_year_is_caught(india_japan, nlp, question, text, fact) -> None:
    from probe_support import probe_report

    report = probe_report(india_japan, nlp, question, text)
    assert fact in [f.id for f in report.facts if f.status == "contradicted"]


def test_a_short_answers_report_shows_no_essay_structure(tmp_path, india_japan, nlp) -> None:
    from evaluator.cli.grade import render_text_report
    from evaluator.tools.derive.core import derive_rubric_file

    (tmp_path / "item.md").write_text(ITEM, encoding="utf-8")
    out = tmp_path / "rubric.yaml"
    derive_rubric_file(tmp_path / "item.md", out=out)
    loaded = load_rubric(out)
    short = evaluate("Use ice cubes of the same size.", loaded, loaded.rubric.questions[0].id)
    # a short answer earns for its points alone: no "introduction no, conclusion no" under it
    assert "Structure:" not in render_text_report(short)
    # an essay's structure counts and is shown
    essay = evaluate(INDO_PACIFIC, india_japan, "indo-pacific-quad", nlp=nlp)
    assert "Structure:" in render_text_report(essay)
