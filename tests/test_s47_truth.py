"""Session 47 (user trial of the bundled India–Japan rubric): each right fact is told once.

Two facts of one point whose claims say the same thing ("the meeting in New Delhi was the
third India–Japan 2+2" and "the third India–Japan 2+2 met in New Delhi") were both told beside
the quoted word, so What worked said the same point twice; a claim that goes on from the quoted
word ("dates from 2014") came after other claims and read as said of them. Our own answers; the
real pipeline, CLI and bundled rubric.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from batch_support import batch_one, read_as_format
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.scoring.engine import evaluate

SIGNIFICANCE = "2plus2-significance"
CONTEMPORARY = "pyq-2019-contemporary"
THIRD = (
    "Introduction: the foreign and defence ministers of India and Japan meet together in the 2+2 "
    "format, and the third round of the 2+2 was held in New Delhi with the Indo-Pacific at its "
    "centre.\n\n"
    "Significance: it builds trust between the two sides.\n\n"
    "Conclusion: the dialogue has deepened the partnership."
)
FIRST = (
    "Introduction: the 2+2 brings both sides' foreign and defence ministers together.\n\n"
    "Body: the first India-Japan ministerial 2+2 was held in New Delhi in November 2019.\n\n"
    "Conclusion: it has made the partnership a working one."
)
UPGRADES = (
    "Ties were upgraded to a Global Partnership in 2000 and a Strategic and Global Partnership "
    "in 2006, and the Special Strategic and Global Partnership came in 2014."
)


def _grade(tmp_path: Path, text: str, *args: str) -> str:
    answer = tmp_path / "answer.txt"
    answer.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(answer), *args])
    assert result.exit_code == 0, result.output
    return str(result.output)


def _worked(shown: str) -> list[str]:
    lines = shown.splitlines()
    if "What worked" not in lines:
        return []
    out: list[str] = []
    for line in lines[lines.index("What worked") + 1 :]:
        if not line.startswith("  • "):
            break
        out.append(line[4:])
    return out


def _facts_section(shown: str) -> list[str]:
    lines = shown.splitlines()
    if "Facts" not in lines:
        return []
    out: list[str] = []
    for line in lines[lines.index("Facts") + 1 :]:
        if not line.startswith("  "):
            break
        out.append(line.strip())
    return out


def test_the_third_meetings_place_is_told_once_beside_its_word(tmp_path: Path) -> None:
    shown = _grade(tmp_path, THIRD, "-q", SIGNIFICANCE)
    worked = " ".join(_worked(shown))
    assert worked.count("third India–Japan 2+2") == 1, worked
    assert worked.lower().count("new delhi") == 1, worked
    # left out beside the word, and not listed again among the checked facts either
    assert not any("New Delhi" in line for line in _facts_section(shown)), shown
    report: dict[str, Any] = json.loads(_grade(tmp_path, THIRD, "-q", SIGNIFICANCE, "--json"))
    status = {f["id"]: f["status"] for f in report["facts"]}
    assert status["third-meeting"] == status["third-meeting-place"] == "supported"


def test_the_first_meetings_place_is_told_once_beside_its_word(tmp_path: Path) -> None:
    worked = " ".join(_worked(_grade(tmp_path, FIRST, "-q", SIGNIFICANCE)))
    assert worked.count("met in New Delhi") == 1, worked
    assert "met in New Delhi in 2019" in worked, worked


def test_a_claim_going_on_from_the_quoted_word_comes_first(tmp_path: Path) -> None:
    text = (
        "India and Japan are two Asian democracies.\n\n"
        + UPGRADES
        + " Annual summits have been held since 2006.\n\nConclusion: the ties keep growing."
    )
    worked = " ".join(_worked(_grade(tmp_path, text, "-q", CONTEMPORARY)))
    assert "“Special Strategic and Global Partnership” (dates from 2014; " in worked, worked


def test_a_compact_batch_file_tells_the_point_once_and_an_older_one_keeps_its_words(
    tmp_path: Path,
) -> None:
    record, out = batch_one(tmp_path, THIRD, "-q", SIGNIFICANCE)
    fresh = evaluate(THIRD, "india-japan", SIGNIFICANCE).to_dict()
    assert record["report"]["feedback"]["strengths"] == fresh["feedback"]["strengths"]
    assert " ".join(fresh["feedback"]["strengths"]).count("third India–Japan 2+2") == 1
    older = read_as_format(out, 21)
    assert " ".join(older["report"]["feedback"]["strengths"]).count("third India–Japan 2+2") == 2


def test_the_scri_year_beside_its_name_reads_as_a_phrase(tmp_path: Path) -> None:
    text = (
        "Introduction: supply shocks pushed India and Japan to work on economic security.\n\n"
        "Scope: the Supply Chain Resilience Initiative was started in 2021 by India, Japan and "
        "Australia to spread supply chains beyond one country. Japanese companies are drawn by "
        "production-linked incentives to move factories out of China, and critical and emerging "
        "technologies such as 5G are taken up in the Quad.\n\n"
        "Conclusion: the idea is sound but India's factories must grow."
    )
    worked = " ".join(_worked(_grade(tmp_path, text, "-q", "economic-security-supply-chains")))
    assert "“Supply Chain Resilience Initiative” (launched with Australia in 2021" in worked
    assert "with Australia was launched" not in worked


def test_the_quad_foreign_ministers_written_as_fms_earn_the_tokyo_meeting() -> None:
    report = evaluate(
        "Both are in the Quad; the Quad FMs met in Tokyo in July 2024.",
        "india-japan",
        "indo-pacific-quad",
    )
    credit = {c.id: c.credit for c in report.concepts}
    assert credit["quad-fmm-tokyo-2024"] == 1.0


def test_such_talks_after_the_2plus2_name_its_partners() -> None:
    report = evaluate(
        "Japan is India's second 2+2 partner after the US. India also holds such talks with "
        "Australia, the UK, Russia and Brazil.",
        "india-japan",
        SIGNIFICANCE,
    )
    credit = {c.id: c.credit for c in report.concepts}
    assert credit["two-plus-two-partners"] == 1.0
    alone = evaluate("India holds such talks with Russia on energy.", "india-japan", SIGNIFICANCE)
    assert {c.id: c.credit for c in alone.concepts}["two-plus-two-partners"] < 1.0
