"""Session 49: the feedback tells each thing once, and a right fact says only what was right.

A right fact whose claim another told right fact says all of, in the notes' other spelling of
its value ("naval" beside "navies"), is not told again; a right fact read from a sentence where
another fact of its point is wrong is told by its value on the wrong one's line, never with the
notes' claim that holds the wrong part. Our own answers, graded against the bundled rubric.
"""

from __future__ import annotations

from pathlib import Path

from batch_support import batch_one, read_as_format
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring import facts_listed
from evaluator.scoring.engine import evaluate

MALABAR = (
    "The Quad brings together India, the US, Japan and Australia. The Malabar naval exercise "
    "involves all four navies. It is not a trade bloc."
)
TOKYO = (
    "The third meeting took place in Tokyo in 2024 where both sides signed a free trade agreement."
)


def test_a_right_fact_another_says_in_other_words_is_told_once(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(MALABAR, india_japan, "pyq-2020-quad-trade-bloc", nlp=nlp)
    assert {f.id for f in report.facts if f.status == "supported"} >= {
        "malabar-service",
        "malabar-members",
    }
    strengths = report.feedback.strengths
    told = " ".join(strengths)
    assert "four Quad navies" in told  # the fuller claim is told
    # and "naval", which the notes also spell "navies", is not told again
    assert "Accurate fact: Malabar is a naval exercise." not in strengths
    assert told.count("Malabar") == 1
    # nor listed under Facts as if not yet said
    assert not [line for line in facts_listed(report.to_dict()) if line["concept"] == "malabar"]


def test_a_compact_file_rebuilds_the_strengths_told_once(
    india_japan: LoadedRubric, tmp_path: Path
) -> None:
    record, out = batch_one(
        tmp_path, MALABAR, "-r", str(india_japan.path), "-q", "pyq-2020-quad-trade-bloc"
    )
    assert (
        "Accurate fact: Malabar is a naval exercise."
        not in record["report"]["feedback"]["strengths"]
    )
    # a file of format 27 reads back with its own words
    older = read_as_format(out, 27)
    assert "Accurate fact: Malabar is a naval exercise." in older["report"]["feedback"]["strengths"]


def test_a_right_fact_beside_a_wrong_one_says_only_what_was_right(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(TOKYO, india_japan, "2plus2-significance", nlp=nlp)
    assert {f.id: f.status for f in report.facts if f.concept == "third-2plus2-meeting"} == {
        "third-meeting": "supported",
        "third-meeting-place": "contradicted",
    }
    lines = [
        line for line in facts_listed(report.to_dict()) if line["concept"] == "third-2plus2-meeting"
    ]
    # one line: the wrong value, what the notes give, and the right one by itself
    (line,) = lines
    assert line["status"] == "contradicted"
    assert line["message"].startswith("you wrote Tokyo in “The third meeting")
    assert line["message"].endswith("the source notes say New Delhi; third is right")
    assert set(line["facts"]) == {"third-meeting", "third-meeting-place"}
    # never "supported" beside a claim holding the very place the answer got wrong
    assert not [
        f
        for f in facts_listed(report.to_dict())
        if f["status"] == "supported" and "New Delhi" in f["claim"]
    ]
