"""The hostile-input corpus (issue 14) through every face: the library, `mains-eval grade`,
`mains-eval batch` and the JSON API. Each answer must end as a graded report (with an
advisory where something was cut), a clear error row or a 4xx: never a traceback, never a 5xx,
and never more than a generous multiple of the bound benchmarks/hostile.py measures."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.errors import InputError
from evaluator.rubric import load_rubric
from evaluator.rubric.loader import default_rubrics_dir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from hostile import BOUND_SECONDS, QUESTION, hostile_texts  # noqa: E402

RUBRIC_DIR = default_rubrics_dir() / "india-japan"
LIMIT_SECONDS = 5 * BOUND_SECONDS
"""What the tests allow one answer: five times the stated bound (shared CI machines are slow).
Timed on this process's CPU clock (``time.process_time``), the work the grader itself does: a
wall clock also counts whatever else the machine runs (at a load of 5 or more, "negations-run-on"
took 5.02 s of wall time for under 1 s of its own work). benchmarks/hostile.py measures wall time
alone on a quiet machine."""

TEXTS = hostile_texts()
REFUSED = {"punctuation-and-spaces", "one-letter-words", "nul", "over-length"}
CUT = {
    "letters-one-token",
    "hyphenated-one-token",
    "url-like",
    "strong-plus-punctuation",
    "lone-surrogates",
}
"""Answers graded with the ``unreadable`` advisory: something in them was cut or replaced."""

FILE_BYTES = {
    "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "non-utf8-latin1": "Indo-Japanese café ties, the Quad and the 2+2 dialogue. ".encode("latin-1")
    * 20,
    "invalid-utf8-surrogate": b"India \xed\xa0\x80 Japan and the Quad.",
    "huge-file": b"Quad " * 30_000,
    "utf16": "India and Japan hold a 2+2 dialogue.".encode("utf-16"),
}


@pytest.fixture(scope="module")
def loaded(nlp: Any) -> Any:
    return load_rubric(RUBRIC_DIR)


# -- the library -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TEXTS))
def test_library_grades_or_refuses_in_bounded_time(loaded: Any, name: str) -> None:
    from evaluator.scoring import evaluate

    started = time.process_time()
    try:
        report = evaluate(TEXTS[name], loaded, QUESTION)
    except InputError as exc:
        assert name in REFUSED, f"{name} refused: {exc}"
        assert exc.message and "\n" not in exc.message
    else:
        assert name not in REFUSED
        codes = report.advisory_codes()
        assert ("unreadable" in codes) == (name in CUT), (name, codes)
        for advisory in report.advisories:
            # web trial 27b: it said the parts "are marked with \ufffd", which no face shows
            if advisory.code == "unreadable":
                assert "left out of the marking" in advisory.message
        assert "\ufffd" not in TEXTS[name] or name != "lone-surrogates"
        assert report.to_dict()  # serialisable, offsets within the text
        json.dumps(report.to_dict())  # no lone surrogate left for any encoder to choke on
    assert time.process_time() - started < LIMIT_SECONDS, name


def test_cutting_keeps_every_offset(loaded: Any) -> None:
    from evaluator.scoring import validate_answer_text

    for name, text in TEXTS.items():
        if name in REFUSED:
            continue
        prepared = validate_answer_text(text)
        assert len(prepared) == len(text.replace("\r\n", "\n")), name
        assert not any("\ud800" <= ch <= "\udfff" for ch in prepared), name


def test_the_issue_request_is_graded_well_under_a_second(loaded: Any) -> None:
    from evaluator.scoring import evaluate

    started = time.process_time()
    report = evaluate(".,;!?" * 2400, loaded, QUESTION)
    assert time.process_time() - started < BOUND_SECONDS  # was 30 s
    assert report.marks == 0 and report.advisory_codes() == ["empty"]


# -- mains-eval grade ----------------------------------------------------------------------


def _write_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    paths = {}
    for name, text in TEXTS.items():
        path = folder / f"{name}.txt"
        # a lone surrogate cannot be UTF-8: write its bytes as they would arrive from elsewhere
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        paths[name] = path
    for name, data in FILE_BYTES.items():
        path = folder / f"{name}.txt"
        path.write_bytes(data)
        paths[name] = path
    return paths


def test_cli_grade_gives_a_report_or_one_line(tmp_path: Path, nlp: Any) -> None:
    runner = CliRunner()
    for name, path in _write_corpus(tmp_path / "answers").items():
        started = time.process_time()
        result = runner.invoke(
            main, ["grade", str(path), "-r", str(RUBRIC_DIR), "-q", QUESTION, "--json"]
        )
        elapsed = time.process_time() - started
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            name,
            result.exception,
        )
        assert "Traceback" not in result.output, name
        assert result.exit_code in (0, 2), (name, result.output[-300:])
        if result.exit_code == 0:
            assert json.loads(result.stdout)["question"]["id"] == QUESTION, name
        else:
            assert result.stderr.startswith("mains-eval: error: "), (name, result.stderr)
            assert len(result.stderr.strip().splitlines()) <= 2, name
        assert elapsed < LIMIT_SECONDS, name


# -- mains-eval batch ----------------------------------------------------------------------


def test_batch_gives_a_row_for_every_hostile_input(tmp_path: Path, nlp: Any) -> None:
    paths = _write_corpus(tmp_path / "answers")
    table = tmp_path / "table.jsonl"
    rows = [
        {"id": "surrogate-answer", "answer": "India \ud800 Japan, the Quad and 2+2."},
        {"id": "surrogate-\udfffid", "answer": "India and Japan are Quad partners."},
        {"id": "nested", "answer": {"a": [[["b"]]]}},
        {"id": "punctuation", "answer": ".,;!?" * 2400},
    ]
    table.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    started = time.process_time()
    inputs = [str(tmp_path / "answers"), str(table)]
    options = ["-r", str(RUBRIC_DIR), "-q", QUESTION, "-o", str(out), "--quiet"]
    result = CliRunner().invoke(main, ["batch", *inputs, *options])
    elapsed = time.process_time() - started
    assert result.exit_code == 0, (result.output, result.exception)
    with out.open(encoding="utf-8", newline="") as handle:
        written = {row["id"]: row for row in csv.DictReader(handle)}
    assert len(written) == len(paths) + len(rows)
    for row_id, row in written.items():
        assert (row["marks"] != "") != (row["error"] != ""), (row_id, row)
    refused = {n for n in REFUSED if n != "nul"} | {"binary", "huge-file"}
    for name in refused:
        [row] = [r for i, r in written.items() if i.endswith(f"{name}.txt")]
        assert row["error"], name
    assert written["punctuation"]["marks"] == "0"
    assert "unreadable" in written["surrogate-answer"]["advisories"]
    assert written["nested"]["error"]
    assert elapsed < LIMIT_SECONDS * len(written) / 4


# -- the JSON API --------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in ("DATABASE_URL", "MAINS_EVAL_API_TOKEN", "MAINS_EVAL_INSTANCE"):
        monkeypatch.delenv(name, raising=False)
    from webapp import create_app

    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")})
    yield app.test_client()
    app.extensions["mains_eval_db"].engine.dispose()


def test_api_answers_every_hostile_text_with_200_or_4xx(client: Any) -> None:
    for name, text in TEXTS.items():
        started = time.process_time()
        response = client.post(
            "/api/v1/evaluate",
            data=json.dumps({"question_id": QUESTION, "answer": text}),
            content_type="application/json",
        )
        elapsed = time.process_time() - started
        body = response.get_json()
        if name in REFUSED:
            assert response.status_code == 422, (name, response.status_code)
            assert body["error"]["code"] == "answer_rejected"
        else:
            assert response.status_code == 200, (name, response.status_code, body)
            assert ("unreadable" in [a["code"] for a in body["advisories"]]) == (name in CUT)
        assert elapsed < LIMIT_SECONDS, name


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"[" * 100_000 + b"]" * 100_000, 400, "json_too_deep"),
        (b'{"question_id": "q", "answer": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1001, 400, None),
        (b"\xff\xfe\x00garbage", 400, "bad_json"),
        (b"", 400, "bad_json"),
        (b"null", 400, "bad_json"),
        (b'"a string"', 400, "bad_json"),
        (b'{"question_id": "2plus2-significance", "answer": "India \\ud800 Japan"}', 200, None),
        (b'{"question_id": "\\ud800", "answer": "India"}', 404, "question_not_found"),
        (b'{"question_id": "q", "answer": "x", "\\ud800": 1}', 400, "unknown_field"),
        (b'{"question_id": "q", "answer": "' + b"a" * (1024 * 1024) + b'"}', 413, None),
    ],
    ids=[
        "deep-array",
        "deep-object",
        "not-utf8",
        "empty",
        "null",
        "string",
        "surrogate-answer",
        "surrogate-question",
        "surrogate-key",
        "over-1MiB",
    ],
)
def test_api_hostile_bodies(client: Any, body: bytes, status: int, code: str | None) -> None:
    started = time.process_time()
    response = client.post("/api/v1/evaluate", data=body, content_type="application/json")
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    if code:
        assert response.get_json()["error"]["code"] == code
    assert time.process_time() - started < LIMIT_SECONDS


@pytest.mark.parametrize(
    "path",
    [
        "/attempts/99999999999999999999",
        "/attempts/" + "9" * 5000,
        "/write/india-japan/2plus2-significance?from=99999999999999999999",
        "/write/india-japan/%ED%A0%80",
        "/write/%00/x",
        "/history/?user=%ED%A0%80",
    ],
)
def test_pages_with_hostile_addresses_are_not_5xx(client: Any, path: str) -> None:
    html = client.get("/auth/register").get_data(as_text=True)
    token = html.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    data = {"username": "hostile", "password": "correct horse 42", "confirm": "correct horse 42"}
    assert client.post("/auth/register", data={**data, "csrf_token": token}).status_code == 302
    assert client.get(path).status_code in (200, 404)


# a page of notes pasted from a PDF: words broken across lines by hyphens, ligatures, a footer
PDF_PASTE = """Trade between India and Japan has grown, yet it re-
mains small: about 22 billion dollars a year, and India runs a large trade de\ufb01-
cit with Japan. Japanese \ufb01rms complain of land acqui-
sition delays, tax disputes and weak infra-
structure, while Indian generic medicines face slow ap-
proval and strict quality standards in Japan. Indian exporters make little use of
the CEPA of 2011, and India stayed out of RCEP.
Page 4 of 9            Economy notes
The way forward is to upgrade CEPA, remove non-tariff barriers and build a single
window for Japanese investors."""


def test_a_pdf_paste_is_read_as_the_words_it_breaks(loaded: Any) -> None:
    """A learner's PDF paste ("trade de\ufb01-\\ncit") was capped at 15% as keyword stuffing and
    its trade-deficit point missed; the same text with its words joined got 6.5 of 10. Broken
    words are joined (every offset kept) and ligatures read as their letters."""
    from evaluator.scoring import evaluate, validate_answer_text

    prepared = validate_answer_text(PDF_PASTE)
    assert len(prepared) == len(PDF_PASTE)
    assert "remains" in prepared and "acquisition" in prepared and "de\ufb01cit" in prepared
    joined = PDF_PASTE.replace("-\n", "").replace("\ufb01", "fi")
    pasted = evaluate(PDF_PASTE, loaded, "pyq-2013-economic")
    clean = evaluate(joined, loaded, "pyq-2013-economic")
    assert "keyword_stuffing" not in pasted.advisory_codes()
    deficit = "trade-deficit-cepa-use"
    assert pasted.concept(deficit).status == clean.concept(deficit).status != "missing"
    assert abs(pasted.marks - clean.marks) <= 0.5
    # a hyphen a writer means stays: "non-tariff" on one line, a dash at a line's end
    kept = validate_answer_text("Trade is small -\nand a non-\ntariff barrier.")
    assert kept.startswith("Trade is small -\n") and "nontariff" in kept
