"""JSON API v1: questions, evaluate (same report as `mains-eval grade --json`), JSON errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from webtest_support import GOOD_ANSWER, QUESTION, RUBRIC

from evaluator.cli import main as cli_main
from evaluator.rubric.loader import load_rubric
from webapp import create_app


def test_questions_lists_the_bank(client: FlaskClient) -> None:
    response = client.get("/api/v1/questions")
    assert response.status_code == 200
    questions = {(q["rubric"], q["id"]): q for q in response.json["questions"]}
    expected = load_rubric(RUBRIC).rubric.question(QUESTION)
    item = questions[(RUBRIC, QUESTION)]
    assert item["text"] == expected.text
    assert item["max_marks"] == expected.max_marks
    assert item["word_limit"] == expected.word_limit
    assert item["directive"] == expected.directive


def test_evaluate_returns_the_same_report_as_grade_json(
    client: FlaskClient, tmp_path: Path
) -> None:
    answer_file = tmp_path / "answer.txt"
    answer_file.write_text(GOOD_ANSWER, encoding="utf-8")
    cli = CliRunner().invoke(
        cli_main, ["grade", str(answer_file), "-r", RUBRIC, "-q", QUESTION, "--json"]
    )
    assert cli.exit_code == 0, cli.output
    response = client.post(
        "/api/v1/evaluate", json={"rubric": RUBRIC, "question_id": QUESTION, "answer": GOOD_ANSWER}
    )
    assert response.status_code == 200
    assert response.json == json.loads(cli.output)
    # and in the same key order, nested objects too (pairs lists compare in order)
    assert json.loads(response.data, object_pairs_hook=list) == json.loads(
        cli.output, object_pairs_hook=list
    )


def test_evaluate_needs_no_session_or_csrf(client: FlaskClient) -> None:
    response = client.post("/api/v1/evaluate", json={"question_id": QUESTION, "answer": "CEPA."})
    assert response.status_code == 200
    assert response.json["rubric"]["id"] == RUBRIC  # the default rubric


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"rubric": RUBRIC, "question_id": "nope", "answer": "x"}, 404, "question_not_found"),
        (
            {"rubric": "no-such-rubric", "question_id": QUESTION, "answer": "x"},
            404,
            "rubric_not_found",
        ),
        ({"rubric": "../../etc", "question_id": QUESTION, "answer": "x"}, 404, "rubric_not_found"),
        ({"question_id": QUESTION}, 400, "missing_field"),
        ({"answer": "x"}, 400, "missing_field"),
        ({"question_id": QUESTION, "answer": 42}, 400, "bad_field"),
        ({"question_id": QUESTION, "answer": "x", "extra": 1}, 400, "unknown_field"),
        ({"question_id": QUESTION, "answer": "a\x00b"}, 422, "answer_rejected"),
        ({"question_id": QUESTION, "answer": "word " * 25_000}, 422, "answer_rejected"),
        (["not", "an", "object"], 400, "bad_json"),
    ],
)
def test_evaluate_errors_are_json_with_codes(
    client: FlaskClient, body: object, status: int, code: str
) -> None:
    response = client.post("/api/v1/evaluate", json=body)
    assert response.status_code == status
    error = response.json["error"]
    assert error["status"] == status and error["code"] == code and error["message"]


def test_evaluate_rejects_non_json_bodies(client: FlaskClient) -> None:
    form = client.post("/api/v1/evaluate", data={"question_id": QUESTION, "answer": "x"})
    assert form.status_code == 415
    broken = client.post("/api/v1/evaluate", data="{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json["error"]["code"] == "bad_json"
    huge = client.post(
        "/api/v1/evaluate", data="x" * (2 * 1024 * 1024), content_type="application/json"
    )
    assert huge.status_code == 413 and huge.json["error"]["code"] == "request_too_large"


def test_evaluate_with_a_token_configured(tmp_path: Path, nlp: object) -> None:
    app: Flask = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "API_TOKEN": "s3cret-token"})
    client = app.test_client()
    body = {"question_id": QUESTION, "answer": "Japan is a Quad partner."}
    assert client.post("/api/v1/evaluate", json=body).status_code == 401
    wrong = client.post("/api/v1/evaluate", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json["error"]["code"] == "unauthorized"
    ok = client.post(
        "/api/v1/evaluate", json=body, headers={"Authorization": "Bearer s3cret-token"}
    )
    assert ok.status_code == 200
    assert client.get("/api/v1/questions").status_code == 200  # the bank stays public
    app.extensions["mains_eval_db"].engine.dispose()


def test_json_responses_outside_orjson_still_answer(app: Flask) -> None:
    """Values orjson declines (an integer past 64 bits) or writes differently (dates) are written
    as Flask writes them; debug mode still indents."""
    import datetime

    with app.test_request_context("/"):
        big = app.json.response({"n": 2**70, "é": "Ω"})
        assert big.get_json() == {"n": 2**70, "é": "Ω"}
        dated = app.json.response({"at": datetime.date(2026, 11, 30)})
        assert dated.get_json() == {"at": "Mon, 30 Nov 2026 00:00:00 GMT"}
        app.debug = True
        assert b'\n  "n": 1' in app.json.response({"n": 1}).data
