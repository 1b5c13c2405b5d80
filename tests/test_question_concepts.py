"""A question that counts only some points of a shared dimension (``dimensions[].concepts``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from evaluator.cli import main as cli_main
from evaluator.rubric.loader import LoadedRubric, check_rubric, load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.tune.model import (
    AnswerFeatures,
    RubricWeightTuner,
    dimension_scores,
    predict_marks,
)

DATA = Path(__file__).resolve().parent / "data"

# the mini rubric's economy dimension has three points; q1 counts two of them
ECONOMY_POINTS = ["cepa", "us-pacts"]
FUKUOKA = "India will open a new consulate in Fukuoka to serve the Indian community."
CEPA = "The Comprehensive Economic Partnership Agreement of 2011 cut tariffs on most goods."


def _mini(tmp_path: Path, edit: Any) -> Path:
    """A copy of the mini rubric with ``edit(data)`` applied to its YAML."""
    folder = tmp_path / "mini"
    shutil.copytree(DATA / "rubrics" / "mini", folder)
    path = folder / "rubric.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def _economy_only(points: list[str]) -> Any:
    def edit(data: dict[str, Any]) -> None:
        data["questions"][0]["dimensions"][1]["concepts"] = points

    return edit


@pytest.fixture
def restricted(tmp_path: Path) -> LoadedRubric:
    return load_rubric(_mini(tmp_path, _economy_only(ECONOMY_POINTS)))


def _steps(report: Any) -> list[str]:
    return [s.text for s in [*report.feedback.next_steps, *report.feedback.more_steps]]


def test_a_left_out_point_earns_nothing_and_is_never_suggested(
    restricted: LoadedRubric, mini: LoadedRubric, nlp: object
) -> None:
    whole = evaluate(FUKUOKA, mini, "q1", nlp=nlp)
    assert any(c.id == "fukuoka" and c.credit > 0 for c in whole.concepts)
    assert whole.marks > 0

    report = evaluate(FUKUOKA, restricted, "q1", nlp=nlp)
    assert "fukuoka" not in {c.id for c in report.concepts}
    economy = next(d for d in report.dimensions if d.id == "economy")
    assert (economy.marks, economy.concepts_covered, economy.concepts_total) == (0, 0, 2)
    assert report.marks < whole.marks

    empty = evaluate("India and Japan are friends.", restricted, "q1", nlp=nlp)
    steps = " ".join(_steps(empty))
    assert "CEPA" in steps and "Fukuoka" not in steps
    assert "Fukuoka" in " ".join(_steps(evaluate("India and Japan are friends.", mini, "q1")))


def test_the_kept_points_share_the_dimension_between_them(
    restricted: LoadedRubric, mini: LoadedRubric, nlp: object
) -> None:
    kept = evaluate(CEPA, restricted, "q1", nlp=nlp)
    whole = evaluate(CEPA, mini, "q1", nlp=nlp)
    share = {r: next(d for d in rep.dimensions if d.id == "economy").score
             for r, rep in (("kept", kept), ("whole", whole))}  # fmt: skip
    assert share["kept"] > share["whole"] > 0  # one of two points, not one of three


def test_expected_weight_shrinks_with_the_points_the_question_keeps(
    tmp_path: Path, nlp: object
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["dimensions"][1]["expected"] = 3.0  # all three points for the whole dimension
        data["questions"][0]["dimensions"][1]["concepts"] = ECONOMY_POINTS

    loaded = load_rubric(_mini(tmp_path, edit))
    question = loaded.rubric.question("q1")
    assert loaded.rubric.expected_weight(question, "economy") == pytest.approx(2.0)
    both = CEPA + " India signed LEMOA, COMCASA and BECA with the United States."
    economy = next(d for d in evaluate(both, loaded, "q1", nlp=nlp).dimensions if d.id == "economy")
    assert economy.score == pytest.approx(1.0)


def test_misconceptions_count_whether_listed_or_not(tmp_path: Path, nlp: object) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["dimensions"][1]["concepts"].append(
            {
                "id": "cepa-rcep",
                "label": "India joined RCEP",
                "penalty": True,
                "cues": [["RCEP"], ["join", "member"]],
                "note": "India stayed out of RCEP.",
            }
        )
        data["questions"][0]["dimensions"][1]["concepts"] = ECONOMY_POINTS

    loaded = load_rubric(_mini(tmp_path, edit))
    assert "cepa-rcep" not in loaded.rubric.left_out(loaded.rubric.question("q1"))
    wrong = evaluate(CEPA + " India is a member of RCEP.", loaded, "q1", nlp=nlp)
    right = evaluate(CEPA, loaded, "q1", nlp=nlp)
    assert any(c.id == "cepa-rcep" and c.credit > 0 for c in wrong.concepts)
    economy = {r.marks: next(d for d in r.dimensions if d.id == "economy") for r in (wrong, right)}
    assert economy[wrong.marks].marks < economy[right.marks].marks


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (["cepa", "malabar"], "counts concept 'malabar' of dimension 'economy', which has no such"),
        (["cepa", "cepa"], "a concept is listed twice for dimension 'economy'"),
    ],
)
def test_a_point_not_in_the_dimension_is_one_clear_problem(
    tmp_path: Path, points: list[str], message: str
) -> None:
    problems = check_rubric(_mini(tmp_path, _economy_only(points)))
    assert len(problems) == 1
    assert message in problems[0].message
    assert problems[0].path.startswith("questions.0.dimensions.1.concepts")
    assert problems[0].line is not None


def test_tuning_predicts_the_marks_the_restricted_rubric_gives(
    restricted: LoadedRubric, nlp: object
) -> None:
    texts = [
        FUKUOKA,
        CEPA,
        CEPA + " " + FUKUOKA,
        "India signed LEMOA, COMCASA and BECA with the United States.",
        "The navies hold the Malabar naval exercise each year. " + CEPA,
        "Veer Guardian is a fighter exercise. The Malabar naval exercise is another drill.",
    ]
    reports = [evaluate(t, restricted, "q1", nlp=nlp) for t in texts]
    features = [AnswerFeatures.from_report(r) for r in reports]
    tuner = RubricWeightTuner(restricted.rubric).fit(features, [2, 4, 4.5, 3, 7, 5])
    assert "fukuoka" not in tuner.concept_ids_
    # the rubric as it is: its own arithmetic gives the engine's dimension scores and marks
    question = restricted.rubric.question("q1")
    for report, row in zip(reports, features, strict=True):
        scores = dimension_scores(restricted.rubric, question, row.credits)
        assert scores == pytest.approx({d.id: d.score for d in report.dimensions}, abs=1e-4)
    assert [predict_marks(restricted.rubric, f) for f in features] == pytest.approx(
        [r.marks for r in reports]
    )
    tuned = LoadedRubric(
        rubric=tuner.tuned_rubric_,
        path=restricted.path,
        source_notes=restricted.source_notes,
        fingerprint="tuned",
    )
    rescored = [evaluate(t, tuned, "q1", nlp=nlp).marks for t in texts]
    assert rescored == pytest.approx(list(np.asarray(tuner.predict(features))))


def test_rubric_show_names_the_points_a_question_counts(restricted: LoadedRubric) -> None:
    result = CliRunner().invoke(cli_main, ["rubric", "show", str(restricted.path.parent)])
    assert result.exit_code == 0, result.output
    assert "economy counts only: cepa, us-pacts" in result.output


@pytest.mark.parametrize(
    "question",
    [
        "pyq-2020-quad-trade-bloc",
        "act-east-foip-northeast",
        "economic-security-supply-chains",
        "indo-pacific-quad",
    ],
)
def test_bundled_questions_leave_out_bilateral_frictions(
    india_japan: LoadedRubric, nlp: object, question: str
) -> None:
    answer = (
        "There are hurdles. India's participation in Russia's Vostok exercise near the "
        "Kurils upset Japan, and the purchase of the US-2 amphibious aircraft has stalled."
    )
    report = evaluate(answer, india_japan, question, nlp=nlp)
    assert not {"vostok-kuril", "us2-delay"} & {c.id for c in report.concepts}
    steps = [*report.feedback.next_steps, *report.feedback.more_steps]
    assert not {"vostok-kuril", "us2-delay"} & {s.target for s in steps}
    assert not any("Vostok" in s.text for s in steps)
    # the same points still count where the question asks for India–Japan challenges
    broad = evaluate(answer, india_japan, "challenges-way-forward", nlp=nlp)
    assert {"vostok-kuril", "us2-delay"} <= {c.id for c in broad.concepts if c.credit > 0}


def test_defence_question_leaves_out_what_is_not_defence(
    india_japan: LoadedRubric, nlp: object
) -> None:
    answer = (
        "Ties go back to the 1952 peace treaty. The civil nuclear deal of 2016 built trust, "
        "and the Act East Forum joins the two visions. Doubts remain about the Asia-Africa "
        "Growth Corridor."
    )
    left_out = {"peace-treaty-1952", "civil-nuclear-2016", "act-east-forum", "aagc-scepticism"}
    report = evaluate(answer, india_japan, "defence-cooperation", nlp=nlp)
    assert not left_out & {c.id for c in report.concepts}
    steps = [*report.feedback.next_steps, *report.feedback.more_steps]
    assert not left_out & {s.target for s in steps}
    # the defence points of the same dimensions still count
    kept = evaluate(
        "The logistics pact of 2020 lets the forces resupply each other, and India's "
        "participation in Russia's Vostok exercise near the Kurils upset Japan.",
        india_japan,
        "defence-cooperation",
        nlp=nlp,
    )
    assert {"acsa", "vostok-kuril"} <= {c.id for c in kept.concepts if c.credit > 0}


def test_economic_question_leaves_out_culture_and_security(
    india_japan: LoadedRubric, nlp: object
) -> None:
    answer = (
        "Japanese firms find Indian rules hard to follow, and few Indians speak Japanese. "
        "Buddhism reached Japan in the 6th century, and Nishikasai in Tokyo is a mini-India."
    )
    report = evaluate(answer, india_japan, "pyq-2013-economic", nlp=nlp)
    ids = {c.id for c in report.concepts}
    left_out = {"buddhism-6th-century", "nishikasai-mini-india", "miyawaki"}
    assert not left_out & ids
    steps = [*report.feedback.next_steps, *report.feedback.more_steps]
    assert not (left_out | {"regional-stability-balance"}) & {s.target for s in steps}
    assert {"indian-professionals-in-japan", "japanese-language", "cepa-review"} <= ids
