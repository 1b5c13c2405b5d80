"""JSON API v1: the question bank and stateless evaluation (the same report as
``mains-eval grade --json``). See docs/api.md for the auth and CSRF decisions."""

from __future__ import annotations

import hmac
import itertools
import re
from dataclasses import fields
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from evaluator import noun
from evaluator.errors import InputError, QuestionNotFoundError, RubricError, RubricNotFoundError
from evaluator.scoring import Report
from webapp.grading import catalogue, get_rubric, score_loaded, timer_minutes

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects accepted in a body (the API takes a flat object)."""
MAX_LISTED_FIELDS = 10
"""Unknown field names quoted in an error, at most (the rest are counted)."""
MAX_QUOTED_FIELD_NAME = 40

# Escapes first, then strings: each pattern matches left to right without backtracking across
# start positions, so the scan is linear (one pattern for escaped strings was quadratic on a
# body of unterminated '"\\' pairs).
_JSON_ESCAPE = re.compile(r"\\.", re.DOTALL)
_JSON_STRING = re.compile(r'"[^"]*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class ApiError(Exception):
    """An error answered as JSON: {"error": {"status", "code", "message"}}."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> tuple[Response, int]:
    """The JSON error body with its status."""
    return jsonify({"error": {"status": status, "code": code, "message": message}}), status


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError) -> tuple[Response, int]:
    return error_response(exc.status, exc.code, exc.message)


@bp.route("/questions", methods=["GET"])
def questions() -> Response:
    """Every question of every usable rubric."""
    items: list[dict[str, Any]] = []
    for topic in catalogue():
        if topic.loaded is None:
            continue
        for q in topic.questions:
            items.append(
                {
                    "rubric": topic.id,
                    "rubric_title": topic.title,
                    "rubric_version": topic.loaded.version,
                    "id": q.id,
                    "text": q.text,
                    "directive": q.directive,
                    "max_marks": q.max_marks,
                    "word_limit": q.word_limit,
                    "suggested_minutes": timer_minutes(q),
                    "dimensions": [d.id for d in q.dimensions],
                }
            )
    return jsonify({"questions": items})


def _check_token() -> None:
    token = current_app.config.get("API_TOKEN")
    if not token:
        return
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not hmac.compare_digest(given.encode(), str(token).encode()):
        raise ApiError(401, "unauthorized", "send the API token as 'Authorization: Bearer <token>'")


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in this JSON text (strings skipped), found without
    parsing it: Python's parser recurses, and a deep enough body would exhaust the stack."""
    brackets = _JSON_BRACKET.findall(_JSON_STRING.sub("", _JSON_ESCAPE.sub("", text)))
    # running depth in C (accumulate over a dict lookup): a 1 MiB body of brackets takes ~50 ms
    return max(itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


def _json_object() -> dict[str, Any]:
    # JSON only: a cross-site HTML form cannot send this content type without a CORS
    # preflight, which this API never grants (see docs/api.md).
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    text = request.get_data(as_text=True)
    if json_depth(text) > MAX_JSON_DEPTH:
        raise ApiError(
            400,
            "json_too_deep",
            f"the JSON body nests arrays or objects more than {MAX_JSON_DEPTH} levels deep; "
            'send a flat object {"rubric", "question_id", "answer"} of strings',
        )
    try:
        body = request.get_json(silent=True)
    except RecursionError as exc:  # belt and braces: the depth check should catch it first
        raise ApiError(400, "json_too_deep", "the JSON body nests too deeply") from exc
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "the body must be a JSON object")
    return body


def unknown_fields_message(unknown: list[str]) -> str:
    """The error for unknown fields, quoting at most MAX_LISTED_FIELDS short names."""
    shown = [
        name if len(name) <= MAX_QUOTED_FIELD_NAME else name[:MAX_QUOTED_FIELD_NAME] + "…"
        for name in unknown[:MAX_LISTED_FIELDS]
    ]
    more = len(unknown) - len(shown)
    suffix = f" and {more} more" if more else ""
    return (
        f"unknown {noun(len(unknown), 'field')}: {', '.join(shown)}{suffix}; "
        "the fields are 'rubric', 'question_id' and 'answer'"
    )


def _field(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is None:
        raise ApiError(400, "missing_field", f"the JSON body needs a {name!r} field")
    if not isinstance(value, str):
        raise ApiError(400, "bad_field", f"{name!r} must be a string, not {type(value).__name__}")
    return value


@bp.route("/evaluate", methods=["POST"])
def evaluate_answer() -> Response:
    """Grade {"rubric", "question_id", "answer"}; nothing is stored."""
    _check_token()
    body = _json_object()
    unknown = sorted(set(body) - {"rubric", "question_id", "answer"})
    if unknown:
        raise ApiError(400, "unknown_field", unknown_fields_message(unknown))
    rubric_id = body.get("rubric", "india-japan")
    if not isinstance(rubric_id, str):
        raise ApiError(400, "bad_field", "'rubric' must be a string")
    question_id, answer = _field(body, "question_id"), _field(body, "answer")
    try:
        # one look-up of the rubric (it globs and stats the rubrics folder), not one per step
        report = score_loaded(answer, get_rubric(rubric_id), question_id)
    except QuestionNotFoundError as exc:
        raise ApiError(404, "question_not_found", exc.message) from exc
    except RubricNotFoundError as exc:
        raise ApiError(404, "rubric_not_found", exc.message) from exc
    except RubricError as exc:
        # the server's own rubric folder is broken: not the caller's fault
        raise ApiError(500, "rubric_invalid", f"rubric {rubric_id!r} does not load") from exc
    except InputError as exc:
        raise ApiError(422, "answer_rejected", str(exc)) from exc
    return jsonify(report_body(report))


def report_body(report: Report) -> dict[str, Any]:
    """``report.to_dict()``'s object, with the nested results left as dataclasses for the JSON
    provider to write straight from their fields: to_dict copies ~2,700 values into new dicts
    first (~0.65 ms a request). tests/web/test_web_api.py checks the body equals to_dict()."""
    body = {f.name: getattr(report, f.name) for f in fields(report)}
    body["share"] = round(report.share, 4)
    return body
