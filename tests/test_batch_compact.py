"""Compact batch records: rubric constants once, per answer what varies, and exactly the full
reports back (expand_records); the analysts' tables and the per-answer pages."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from evaluator.batch.compact import (
    build_header,
    compact_record,
    engine_wording,
    expand_records,
    full_record,
    read_records,
)
from evaluator.batch.compact.header import FORMAT
from evaluator.batch.core import BatchResult, grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.batch.report import write_answer_pages
from evaluator.batch.tables import export_tables
from evaluator.errors import OutputError
from evaluator.rubric.loader import LoadedRubric

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import make_answers  # noqa: E402  (benchmarks/batch.py's generated answers)

TYPICAL_BYTES = 3072
"""Issue 18: a compact JSONL record takes at most 3 KB for a typical answer."""

ANSWERS = [
    "India and Japan hold a 2+2 dialogue of foreign and defence ministers, like India's 2+2 with "
    "the US, Australia and the UK. The third meeting in New Delhi put the Indo-Pacific at its "
    "centre. Both are Quad members. They hold the JIMEX naval exercise and Dharma Guardian. "
    "Japan is not a Quad member. The CEPA has applied since 2016. The bullet train is built "
    "with Japanese loans.\n\nIn conclusion, the partnership is broad but must deliver.",
    "Japan and India are friends. Trade is growing. They should cooperate more.",
    "Cricket is a popular sport in India and the IPL draws huge crowds every summer.",
]


def _typical_answers(loaded: LoadedRubric, count: int) -> list[str]:
    """Answers like benchmarks/batch.py's: ~250 words from the rubric's notes, several
    paragraphs, a challenge and a closing; they trigger structure feedback, next steps of
    every kind the engine ranks, and now and then an advisory (repetition)."""
    return make_answers([c.note for _, c in loaded.rubric.concepts()], count)


def _advisory_answers(loaded: LoadedRubric) -> dict[str, str]:
    """Answers that set off the advisories (and the word-budget steps and feedback)."""
    bench = _typical_answers(loaded, 3)
    notes = (ROOT / "rubrics" / "india-japan" / "source-notes.md").read_text(encoding="utf-8")
    copied = " ".join(line[2:] for line in notes.splitlines() if line.startswith("- "))
    return {
        "too-short": "Japan and India are friends. Trade is growing. They should cooperate more.",
        "over-limit": bench[0] + "\n\n" + bench[1],
        "off-topic": "Cricket is a popular sport in India and the IPL draws huge crowds. " * 4,
        "keyword-list": "Quad, 2+2, JIMEX, Malabar, Dharma Guardian, CEPA, bullet train, "
        "Indo-Pacific, ACSA, LEMOA, COMCASA, BECA, IMAC, Information Fusion Centre, IPEF.",
        "hindi": "भारत और जापान के संबंध बहुत पुराने हैं और दोनों देश क्वाड के सदस्य हैं। " * 8,
        "copied": " ".join(copied.split()[:230]),
        "unreadable": bench[2][:600] + " \ufffd\ufffd " + bench[2][600:],
        # the model answer without its opening: an 'introduction' step among the few left
        "no-introduction": "\n\n".join(
            loaded.model_answers[loaded.rubric.questions[0].id].strip().split("\n\n")[1:]
        ),
        # a denial: next steps of kind 'negated' and the 'mentioned only in a negated claim' reason
        "denial": "India and Japan hold a 2+2 dialogue of foreign and defence ministers. Japan is "
        "not a Quad member, and the navies of the two countries never hold the JIMEX exercise.",
        # wrong facts: a deduction (format 16) and sentences whose words are quoted as no strength
        "wrong-facts": "India and Japan signed their civil nuclear agreement in 2008 and became "
        "Special Strategic and Global Partners in 2010. Their navies hold JIMEX and join the US "
        "and Australia in Malabar. Japan funds the Delhi Metro and the bullet train.",
    }


@pytest.fixture(scope="module")
def typical(india_japan: LoadedRubric, nlp: object) -> list[BatchResult]:
    """40 answers like the batch benchmark's, graded."""
    question = india_japan.rubric.questions[0].id
    texts = _typical_answers(india_japan, 40)
    items = [BatchItem(n, f"bench-{n:05d}", f"answers.csv:{n + 2}", question, text)
             for n, text in enumerate(texts)]  # fmt: skip
    return grade_items(items, india_japan)


@pytest.fixture(scope="module")
def flagged(india_japan: LoadedRubric, nlp: object) -> list[BatchResult]:
    """Answers that set off advisories, graded."""
    question = india_japan.rubric.questions[0].id
    texts = _advisory_answers(india_japan)
    items = [
        BatchItem(n, name, "t", question, text) for n, (name, text) in enumerate(texts.items())
    ]
    return grade_items(items, india_japan)


@pytest.fixture(scope="module")
def graded(india_japan: LoadedRubric, nlp: object) -> list[BatchResult]:
    question = india_japan.rubric.questions[0].id
    texts = [*ANSWERS, *india_japan.model_answers.values()]
    items = [BatchItem(n, f"a{n}", "t", question, text) for n, text in enumerate(texts)]
    return grade_items(items, india_japan)


def _shown(record: dict[str, object]) -> dict[str, object]:
    """A full record as compact output keeps it: every field, and of the ranked steps those every
    face shows (the further steps behind 'more' are kept by ``--detail full`` only)."""
    report = record["report"]
    assert isinstance(report, dict)
    return {**record, "report": {**report, "feedback": {**report["feedback"], "more_steps": []}}}


def test_compact_records_expand_to_exactly_the_full_reports(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    records = [compact_record(r, header) for r in graded]
    assert all("graded" in r and "report" not in r for r in records)  # none fell back to full
    expanded = list(expand_records([header, *records]))
    assert [json.dumps(r) for r in expanded] == [json.dumps(_shown(full_record(r))) for r in graded]
    assert any(r.report and r.report["feedback"]["next_steps"] for r in graded)
    sizes = [len(json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for r in records]
    typical = sizes[: len(ANSWERS)]
    assert sum(typical) / len(typical) <= 3072  # issue 18: at most 3 KB per answer
    # model answers cover nearly every concept, each with its evidence: the worst case
    assert max(sizes[len(ANSWERS) :]) <= 6144
    for size, result in zip(sizes, graded, strict=True):
        assert size < len(json.dumps(full_record(result))) / 10, result.id


def test_a_question_that_leaves_points_out_expands_exactly(
    india_japan: LoadedRubric, nlp: object
) -> None:
    question = "pyq-2020-quad-trade-bloc"  # counts four of the challenges dimension's points
    texts = [*ANSWERS, india_japan.model_answers[question]]
    items = [BatchItem(n, f"q{n}", "t", question, text) for n, text in enumerate(texts)]
    # after them, an answer to a question that counts the points the first one leaves out
    vostok = "India joined Russia's Vostok exercise near the Kurils, which Japan claims."
    items.append(BatchItem(len(items), "broad", "t", "challenges-way-forward", vostok))
    results = grade_items(items, india_japan)
    assert any(c["id"] == "vostok-kuril" and c["credit"] for c in results[-1].report["concepts"])
    header = build_header(india_japan, results[0].report or {})
    assert {"vostok-kuril", "us2-delay"} <= set(header["questions"][question]["left_out"])
    assert "left_out" not in header["questions"]["2plus2-significance"]
    records = [compact_record(r, header) for r in results]
    assert all("graded" in r and "report" not in r for r in records)  # none fell back to full
    expanded = list(expand_records([header, *records]))
    assert [json.dumps(r) for r in expanded] == [
        json.dumps(_shown(full_record(r))) for r in results
    ]
    challenges = next(
        d for d in header["questions"][question]["dimensions"] if d["id"] == "challenges"
    )
    assert challenges["concepts_total"] == 4


def test_a_linear_question_expands_exactly(india_japan: LoadedRubric, nlp: object) -> None:
    """A tuned linear question's dimensions hold at most what their points earn, in marks: the
    header had given each a share of the maximum, so every record of a tuned rubric fell back
    to the full report (23 MB for 70 answers in a user trial)."""
    from evaluator.rubric.model import Rubric
    from evaluator.tools.tune.learn import with_rubric

    question = "defence-cooperation"
    data = india_japan.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    target = next(q for q in data["questions"] if q["id"] == question)
    target["intercept"] = 0.5
    for dimension in data["dimensions"]:
        for number, concept in enumerate(dimension["concepts"]):
            concept["weight"] = 0.25 + (number % 3) * 0.5
    linear = with_rubric(india_japan, Rubric.model_validate(data))
    texts = [*ANSWERS, india_japan.model_answers[question]]
    items = [BatchItem(n, f"q{n}", "t", question, text) for n, text in enumerate(texts)]
    results = grade_items(items, linear)
    header = build_header(linear, results[0].report or {})
    # format 10: a linear question's comment says nothing of the directive (not marked), and
    # the header says so, so the comment rebuilds exactly
    assert header["questions"][question]["directive_marked"] is False
    assert all(" asks " not in (r.report or {})["feedback"]["comment"] for r in results)
    records = [compact_record(r, header) for r in results]
    assert all("graded" in r and "report" not in r for r in records)  # none fell back to full
    expanded = list(expand_records([header, *records]))
    assert [json.dumps(r) for r in expanded] == [
        json.dumps(_shown(full_record(r))) for r in results
    ]


def test_a_question_rounding_to_its_own_step_expands_exactly(
    india_japan: LoadedRubric, nlp: object
) -> None:
    """A question `rubric tune` kept as it was in a rubric it rounded to the tutor's whole marks
    keeps its own `rounding` (session 44): its steps' worth is on its step, and a compact record
    must expand to the same words, not to the rubric's step."""
    from evaluator.rubric.model import Rubric
    from evaluator.tools.tune.learn import with_rubric

    question = "defence-cooperation"
    data = india_japan.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scoring"]["rounding"] = 1.0
    next(q for q in data["questions"] if q["id"] == question)["rounding"] = 0.25
    own = with_rubric(india_japan, Rubric.model_validate(data))
    texts = [*ANSWERS, india_japan.model_answers[question]]
    items = [BatchItem(n, f"q{n}", "t", question, text) for n, text in enumerate(texts)]
    results = grade_items(items, own)
    worths = [s["worth"] for r in results for s in (r.report or {})["feedback"]["next_steps"]]
    assert any(w.endswith(".25 marks") or w.endswith(".75 marks") for w in worths), worths
    header = build_header(own, results[0].report or {})
    # a step worth nothing reads "under 0.25 marks" on this question, from the header
    assert header["questions"][question]["rounding"] == 0.25
    assert "rounding" not in header["questions"]["2plus2-significance"]
    records = [compact_record(r, header) for r in results]
    assert all("graded" in r and "report" not in r for r in records)  # none fell back to full
    expanded = list(expand_records([header, *records]))
    assert [json.dumps(r) for r in expanded] == [
        json.dumps(_shown(full_record(r))) for r in results
    ]


def _line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_typical_records_take_at_most_3_kb(
    typical: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, typical[0].report or {})
    records = [compact_record(r, header) for r in typical]
    assert all("graded" in r for r in records)  # none fell back to the full report
    sizes = [len(_line(r).encode()) for r in records]
    assert sum(sizes) / len(sizes) <= TYPICAL_BYTES, sorted(sizes)
    # what made the regression: these answers do carry structure feedback and ranked steps
    for result in typical:
        report = result.report or {}
        assert report["structure"]["feedback"] and report["feedback"]["next_steps"]


def test_template_wording_is_named_not_repeated(
    typical: list[BatchResult], flagged: list[BatchResult], india_japan: LoadedRubric
) -> None:
    """A sentence the engine renders from its templates is stored by the template's name and
    the values that vary: the templates' fixed words are in the header, not in the records."""
    results = [*typical, *flagged]
    header = build_header(india_japan, typical[0].report or {})
    body = "".join(_line(compact_record(r, header)) for r in results)
    wording = engine_wording()
    fixed_words = [
        piece
        for templates in wording.values()
        for template in templates.values()
        for piece in re.split(r"\{[^}]*\}", template)
        if len(piece) >= 25
    ]
    assert len(fixed_words) > 20
    assert [piece for piece in fixed_words if piece in body] == []
    assert json.loads(_line(header))["wording"] == wording  # the file carries its templates
    comments = [(r.report or {})["feedback"]["comment"] for r in results]
    assert all(comments) and not any(c in body for c in comments)  # rebuilt, not stored


def test_answers_with_advisories_and_every_kind_of_step_expand_exactly(
    typical: list[BatchResult], flagged: list[BatchResult], india_japan: LoadedRubric
) -> None:
    results = [*typical, *flagged]
    header = build_header(india_japan, typical[0].report or {})
    records = [compact_record(r, header) for r in results]
    assert all("graded" in r for r in records)
    expanded = list(expand_records([header, *records]))
    assert [json.dumps(r) for r in expanded] == [
        json.dumps(_shown(full_record(r))) for r in results
    ]
    # the answers exercise what the compact form codes: every advisory but 'empty' ...
    codes = {a["code"] for r in results for a in (r.report or {})["advisories"]}
    assert codes >= {
        "too_short", "over_limit", "off_topic", "keyword_stuffing", "not_english",
        "copied_source", "repetition", "unreadable", "factual_errors",
    }  # fmt: skip
    assert any(r["graded"].get("wrong_sentences") for r in records)
    # ... structure feedback from both templates files, steps of many kinds, negated reasons
    lines = {line for r in results for line in (r.report or {})["structure"]["feedback"]}
    assert any(line.startswith("At ") for line in lines) and any("'Discuss'" in x for x in lines)
    kinds = {s["kind"] for r in results for s in (r.report or {})["feedback"]["next_steps"]}
    assert kinds >= {"concept", "negated", "word_budget", "introduction"}
    reasons = {c["reason"] for r in results for c in (r.report or {})["concepts"]}
    assert any(reason.startswith("mentioned only in a negated claim") for reason in reasons)


V1_FILE = Path(__file__).parent / "data" / "batch" / "compact-v1.jsonl"
V1_REPORTS = {
    "v1-0": "2f52ffc555fb4f509a6deff8b0e57c1deefc4ee89c539a2798d94f5bc609a1ee",
    "v1-1": "bbf52f5423a54f51b952f1212958e7c8cbbe677e32001a77ce35961cde25bead",
    "v1-2": "1fe0f81acad5f866f79199c3f573349fc7676dc63c80936d502543b7124e49b7",
}
"""sha256 of each record's full report (as --detail full wrote it, less 'more'), taken when
the version-1 writer (mains-eval-batch-compact/1, before issue 18's template names) wrote the
file: two answers like the benchmark's and a short one with a denial and an advisory."""


def _read_back_as_written(path: Path, version: int, digests: dict[str, str]) -> list[Any]:
    """The records of a compact file of an older format, each checked against the sha256 of
    the record as that format's writer read it back."""
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == f"mains-eval-batch-compact/{version}"
    records = list(read_records(str(path)))
    assert [r["id"] for r in records] == list(digests)
    for record in records:
        digest = hashlib.sha256(json.dumps(record, ensure_ascii=False).encode()).hexdigest()
        assert digest == digests[record["id"]], record["id"]
    return records


def test_files_of_the_first_compact_format_still_read_back_exactly() -> None:
    records = _read_back_as_written(V1_FILE, 1, V1_REPORTS)
    short = records[2]["report"]
    assert short["advisories"][0]["code"] == "too_short"
    assert short["structure"]["feedback"][0].startswith("Organise the answer into at least 3")
    assert short["feedback"]["comment"].startswith("The answer is strongest on")


def test_fields_the_compact_form_does_not_know_are_kept(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    # a field added to Report after this module (issue 17's next steps): to_dict() puts it
    # before "share", which it always adds last
    report = {k: v for k, v in (graded[0].report or {}).items() if k != "share"}
    report["next_steps"] = [{"rank": 1, "text": "Name the 2+2 partners."}]
    report["share"] = (graded[0].report or {})["share"]
    result = BatchResult(0, "n", "t", report["question"]["id"], report)
    header = build_header(india_japan, report)
    record = compact_record(result, header)
    assert record["graded"]["next_steps"] == report["next_steps"]
    (expanded,) = expand_records([header, record])
    assert expanded["report"] == report


def test_a_report_the_header_does_not_describe_is_kept_in_full(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    header["concepts"] = header["concepts"][1:]  # as if the rubric had changed under the run
    record = compact_record(graded[0], header)
    assert "graded" not in record and record["report"] == graded[0].report
    (expanded,) = expand_records([header, record])
    assert expanded == full_record(graded[0])


def test_a_compact_record_without_its_header_is_one_clear_error(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    record = compact_record(graded[0], header)
    with pytest.raises(OutputError, match="before any header"):
        list(expand_records([record]))
    with pytest.raises(OutputError, match="unknown compact format"):
        list(expand_records([{**header, "format": "mains-eval-batch-compact/99"}, record]))
    edited = json.loads(json.dumps(record))
    edited["graded"]["structure"]["feedback"] = [["no-such-wording"]]
    with pytest.raises(OutputError, match="does not fit its header"):
        list(expand_records([header, edited]))


def test_tables_and_answer_pages_from_compact_results(
    graded: list[BatchResult], india_japan: LoadedRubric, tmp_path: Path
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    hostile = BatchResult(9, "=HYPERLINK(1)", "t", graded[0].question, None, None, "empty")
    results = tmp_path / "out.jsonl"
    lines = [header, *(compact_record(r, header) for r in [*graded, hostile])]
    results.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")

    answers_csv, concepts_csv = export_tables(str(results), str(tmp_path / "tables"))
    with open(answers_csv, encoding="utf-8", newline="") as handle:
        answers = list(csv.DictReader(handle))
    with open(concepts_csv, encoding="utf-8", newline="") as handle:
        concepts = list(csv.DictReader(handle))
    assert [a["id"] for a in answers] == [r.id for r in graded] + ["'=HYPERLINK(1)"]
    for row, result in zip(answers, graded, strict=False):
        report = result.report or {}
        assert float(row["marks"]) == report["marks"]
        for dimension in report["dimensions"]:
            assert float(row["dim:" + dimension["id"]]) == dimension["marks"]
    assert answers[-1]["error"] == "empty" and answers[-1]["marks"] == ""
    report = graded[0].report or {}
    relevant = {d["id"] for d in report["dimensions"]}
    # rubric order, each concept's status then its credit
    assert list(concepts[0])[2:] == [
        name for c in report["concepts"] for name in (c["id"], "credit:" + c["id"])
    ]
    assert {k: v for k, v in concepts[0].items() if k not in ("id", "question")} == {
        name: value
        for c in report["concepts"]
        for name, value in (
            (c["id"], c["status"] if c["dimension"] in relevant else ""),
            ("credit:" + c["id"], f"{c['credit']:g}" if c["dimension"] in relevant else ""),
        )
    }
    assert {"covered", "missing", ""} <= set(concepts[0].values())

    count = write_answer_pages(str(results), str(tmp_path / "pages"))
    assert count == len(graded) + 1
    page = (tmp_path / "pages" / "r1.html").read_text(encoding="utf-8")
    assert f"Marks: {report['marks']:g} / 15" in page and "Content-Security-Policy" in page
    assert "<script" not in page
    assert next(iter(read_records(str(results))))["report"] == report


V2_FILE = Path(__file__).parent / "data" / "batch" / "compact-v2.jsonl"
V2_REPORTS = {
    "v2-0": "93b57a1521637848a4af0789eb5f25f5ce3a1e3105fe770d9088f4585fbbb6dd",
    "v2-1": "c063b700621ca17e35313a26ff431ad59ed6e7a46173ef78ef516d9a9eb92025",
    "v2-2": "dbfd1479b99e2697bc3dde51fb47a77114e2071fee35ac9e201387510e61b04d",
}
"""sha256 of each record as the version-2 writer (mains-eval-batch-compact/2, before reports
carried each concept's ``penalty``) wrote it (engine 0.9.2): two bundled answers and a short one
with a denial and a wrong year. Without the three feedback fields a reader rebuilds in its own
wording (``REBUILT``, docs/batch.md): taken from the whole records' digests, which held from
engine 0.9.2 until 0.9.6 reworded the comment (``4b6e04bc…``, ``de502c61…``, ``62f4db33…``)."""

REBUILT = ("comment", "strengths", "improvements")


def test_files_of_the_second_compact_format_still_read_back_exactly() -> None:
    header = json.loads(V2_FILE.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "mains-eval-batch-compact/2"
    records = list(read_records(str(V2_FILE)))
    assert [r["id"] for r in records] == list(V2_REPORTS)
    for record in records:
        feedback = record["report"]["feedback"]
        stored = {k: v for k, v in feedback.items() if k not in REBUILT}
        written = {**record, "report": {**record["report"], "feedback": stored}}
        digest = hashlib.sha256(json.dumps(written, ensure_ascii=False).encode()).hexdigest()
        assert digest == V2_REPORTS[record["id"]], record["id"]
        # what the reader rebuilds is in its own wording: the comment points at the first step
        assert feedback["comment"] and feedback["strengths"] is not None
        if feedback["next_steps"]:
            assert "the first step below" in feedback["comment"]
        assert all("penalty" not in c for c in record["report"]["concepts"])


V3_FILE = Path(__file__).parent / "data" / "batch" / "compact-v3.jsonl"
V3_REPORTS = {
    "v3-0": "cadfbebe2d6f643519c7c429fbd876dc01dd53c5b38bd23e7637b201211a894a",
    "v3-1": "df3249d40c03a2594fd0a17bbced3714346b11eed288aec6843729a8fcebd59b",
    "v3-2": "a01789af4f2f76ae943af65b1d97a9744bef650b173779f4d6ef5c28923dce37",
}
"""sha256 of each whole record as the version-3 writer (mains-eval-batch-compact/3, before
reports carried each concept's ``learned``) read it back (engine 0.9.16, rubric 1.7.12): the
model answer of ``pyq-2019-contemporary``, a short answer with a denial and a wrong year, and a
short answer with a conclusion."""


def test_files_of_the_third_compact_format_still_read_back_exactly() -> None:
    for record in _read_back_as_written(V3_FILE, 3, V3_REPORTS):
        concepts = record["report"]["concepts"]
        assert all("penalty" in c and "learned" not in c for c in concepts)


V4_FILE = Path(__file__).parent / "data" / "batch" / "compact-v4.jsonl"
V4_REPORTS = {
    "v4in/a-dev.txt": "666e8b2b6939dbf7724da4d1c6356d38c40c32a8ae54652addb383d078ee048c",
    "v4in/b-denial.txt": "c6155b123a289243e8cfd6131bed996f18490c445e63f7345df9ae506c521260",
    "v4in/c-short.txt": "b1938d7ba3a700f475119fafc4f08454a918a625f029da4cc48a3329c7e373b8",
}
"""sha256 of each whole record as the version-4 writer (mains-eval-batch-compact/4, before a
strength under 90% of its dimension read 'mostly covered') read it back (engine 0.9.23, rubric
1.7.14): three answers to ``japan-development-partner``, one with strengths at 60-90% of their
dimensions, one with a denial and a wrong year, one short."""


def test_files_of_the_fourth_compact_format_still_read_back_exactly() -> None:
    records = _read_back_as_written(V4_FILE, 4, V4_REPORTS)
    strengths = [s for r in records for s in r["report"]["feedback"]["strengths"]]
    assert any(s.startswith("Way forward: well covered") for s in strengths)  # as written
    assert not any("mostly covered" in s for s in strengths)


V5_FILE = Path(__file__).parent / "data" / "batch" / "compact-v5.jsonl"
V5_REPORTS = {
    "v5in/a-quad.txt": "d3892c99c21666ea8a5391865e6684380f2a8e93a5f44a3f32c4ebd21a37fc79",
    "v5in/b-denial.txt": "c05773e0b5f51b432881d8e5e1137be649b0b34a9decca8161475b1af3693ced",
    "v5in/c-short.txt": "7be250691c5b2b2fc768e6fd197e2f00ed89b471e204e4f30efb4c8409c83982",
}
"""sha256 of each whole record as the version-5 writer (mains-eval-batch-compact/5, before a
word one strength quotes was kept out of the next) read it back (engine 0.9.30, rubric 1.7.17):
three answers to ``indo-pacific-quad``, one whose "South China Sea" earned two dimensions, one
with a denial and a wrong year, one short."""


def test_files_of_the_fifth_compact_format_still_read_back_exactly() -> None:
    records = _read_back_as_written(V5_FILE, 5, V5_REPORTS)
    strengths = records[0]["report"]["feedback"]["strengths"]
    assert sum("South China Sea" in s for s in strengths) == 2  # as written


V6_FILE = Path(__file__).parent / "data" / "batch" / "compact-v6.jsonl"
V6_REPORTS = {
    "v6in/a-dev.txt": "fa554b7c3989151dec340e3501563a1f80bfb16d31c65d24cdaabefea758ed61",
    "v6in/b-denial.txt": "4868b3732fe22e3ce5587f64e57f102b8d58b8d57e697b61f70e7143f4c95d02",
    "v6in/c-short.txt": "7062e8d04636531dc106bb8cdc64acf9f8513467aba4346add0c753d3ff2fc3f",
}
"""sha256 of each whole record as the version-6 writer (mains-eval-batch-compact/6, before a
word inside a longer one quoted counted as quoted) read it back (engine 0.9.35, rubric 1.7.18):
three answers to ``japan-development-partner``, one whose strength quoted "development partner"
and "development", one with denials and a wrong year, one short."""


def test_files_of_the_sixth_compact_format_still_read_back_exactly() -> None:
    records = _read_back_as_written(V6_FILE, 6, V6_REPORTS)
    strengths = records[0]["report"]["feedback"]["strengths"]
    assert any("“development partner”, “development”" in s for s in strengths)  # as written


V7_FILE = Path(__file__).parent / "data" / "batch" / "compact-v7.jsonl"
V7_REPORTS = {
    "v7in/a-capped.txt": "cbd88d2166da94bcb2aa33f176b3ce4c5821ca97c862d294a423b7edd991ad15",
    "v7in/b-dev.txt": "e188a96a29e9d182fbea9fd9e0d804b686affc666cc82344756f523a66b62809",
    "v7in/c-short.txt": "a3c4db91d9f1df6123e7411153055e301beb83229449afb92725e28c38bca139",
}
"""sha256 of each whole record as the version-7 writer (mains-eval-batch-compact/7, before a
first step about the word budget was called the answer's length) read it back (engine 0.9.40,
rubric 1.7.30): three answers to ``pyq-2013-economic``, a thin one, a developed one and one of
five words, whose comment called its gap its form."""


def test_files_of_the_seventh_compact_format_still_read_back_exactly() -> None:
    records = _read_back_as_written(V7_FILE, 7, V7_REPORTS)
    comment = records[2]["report"]["feedback"]["comment"]
    assert "Its biggest gap is in its form, not its content" in comment  # as written


def test_new_files_carry_each_concepts_learned_flag(
    graded: list[BatchResult], india_japan: LoadedRubric
) -> None:
    header = build_header(india_japan, graded[0].report or {})
    assert header["format"] == FORMAT
    expanded = list(expand_records([header, *(compact_record(r, header) for r in graded)]))
    assert all(c["learned"] is False for r in expanded for c in r["report"]["concepts"])


def test_the_record_schema_names_every_readable_format_and_the_arithmetic() -> None:
    """docs/batch-record.schema.json had listed formats 1 to 9 while the writer wrote 15, so a
    tool validating records against it refused every file of the last six versions."""
    from evaluator.batch.compact import READABLE_FORMATS
    from evaluator.batch.compact.layout import _ARITHMETIC

    schema = json.loads((ROOT / "docs" / "batch-record.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(schema)
    formats = re.search(r'"format": \{"enum": (\[[^\]]*\])', text)
    assert formats and sorted(json.loads(formats.group(1))) == sorted(READABLE_FORMATS)
    assert f'"maxItems": {len(_ARITHMETIC)}' in text
    assert ", ".join(_ARITHMETIC) in text
