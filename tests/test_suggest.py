"""`rubric suggest`: phrases that separate the tutor's better answers, not already in the rubric,
with evidence counts; --apply writes a valid draft with them as concepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.errors import OutputError, TuningError
from evaluator.rubric.loader import LoadedRubric, check_rubric, load_rubric
from evaluator.tools.graded import read_graded_csv
from evaluator.tools.suggest import (
    Suggestions,
    apply_suggestions,
    format_candidates,
    suggest_phrases,
)

GRADED = Path(__file__).parent / "data" / "graded" / "india-japan.csv"

# Six good answers share a point the rubric does not have (rare earth processing);
# six weak ones do not.
_GOOD = [
    "India and Japan are Quad partners and now fund rare earth processing together.",
    "Rare earth processing is a new pillar beside the Quad and the 2+2 dialogue.",
    "Japan invests in Indian rare earth processing, which adds to CEPA and ODA.",
    "The partnership covers the Indo-Pacific, the Quad and shared rare earth processing.",
    "Beyond JIMEX and Malabar, they cooperate on rare earth processing in Odisha.",
    "Economic security needs rare earth processing that does not depend on one country.",
]
_WEAK = [
    "India and Japan are friends.",
    "Japan is a rich country and India is a big country.",
    "They should cooperate more in future for peace.",
    "Relations are good and important for Asia.",
    "Both countries are in Asia and like each other.",
    "The two nations talk a lot about many topics.",
]


@pytest.fixture(scope="module")
def synthetic() -> str:
    rows = ["id,answer,mark"]
    rows += [f'g{i},"{text}",{7 - i * 0.5}' for i, text in enumerate(_GOOD)]
    rows += [f'w{i},"{text}",{1 + i * 0.25}' for i, text in enumerate(_WEAK)]
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def mined(india_japan: LoadedRubric) -> Suggestions:
    return suggest_phrases(india_japan, read_graded_csv(GRADED), top=10)


def test_the_separating_phrase_comes_first(india_japan: LoadedRubric, synthetic: str) -> None:
    found = suggest_phrases(
        india_japan, read_graded_csv(synthetic), question_id="pyq-2019-contemporary"
    )
    top = found.candidates[0]
    assert "rare earth" in top.phrase.lower()
    assert (top.high, top.low) == (6, 0)
    assert (found.n_high, found.n_low) == (6, 6)
    # terms the rubric already has are never suggested
    phrases = {c.phrase.lower() for c in found.candidates}
    assert not phrases & {"quad", "cepa", "oda", "jimex", "malabar"}


def test_candidates_on_the_graded_set_have_evidence(mined: Suggestions) -> None:
    assert mined.candidates
    for candidate in mined.candidates:
        assert candidate.high >= 2
        assert candidate.rate_high > candidate.rate_low
    table = format_candidates(mined)
    assert table.splitlines()[0].startswith("split: 21 higher-marked vs 21 lower-marked")
    assert f"{mined.candidates[0].high}/21" in table
    # the score column says what it is: the share of high minus the share of low answers
    first = mined.candidates[0]
    assert f"{first.score:+.2f}" in table.splitlines()[2]
    assert table.splitlines()[-1].startswith("separation: the share of higher-marked answers")


def test_apply_writes_a_valid_draft_with_a_suggested_dimension(
    india_japan: LoadedRubric, mined: Suggestions, tmp_path: Path
) -> None:
    out = tmp_path / "draft" / "rubric.yaml"
    apply_suggestions(india_japan, mined, [1, 3], out)
    assert check_rubric(out) == []
    draft = load_rubric(out).rubric
    suggested = draft.dimension("suggested")
    assert [c.label for c in suggested.concepts] == [
        mined.candidates[0].phrase,
        mined.candidates[2].phrase,
    ]
    for question in draft.questions:
        counted = {d.id for d in question.dimensions}
        assert ("suggested" in counted) == (question.id in mined.questions)
    assert draft.version != india_japan.version
    with pytest.raises(OutputError, match="is the input rubric"):
        apply_suggestions(india_japan, mined, [1], india_japan.path)
    with pytest.raises(TuningError, match="no candidate number 99"):
        apply_suggestions(india_japan, mined, [99], tmp_path / "other.yaml")


def test_cli_suggest_and_apply(synthetic: str, tmp_path: Path) -> None:
    graded = tmp_path / "graded.csv"
    graded.write_text(synthetic, encoding="utf-8")
    runner = CliRunner()
    base = ["rubric", "suggest", "india-japan", "--graded", str(graded), "-q",
            "pyq-2019-contemporary"]  # fmt: skip
    done = runner.invoke(main, base)
    assert done.exit_code == 0, done.output
    assert "rare earth" in done.stdout.lower()
    out = tmp_path / "draft.yaml"
    done = runner.invoke(main, [*base, "--apply", "--pick", "1", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert check_rubric(out) == []
    for bad, message in (
        (["--apply"], "--apply needs --out"),
        (["--pick", "1"], "only make sense with --apply"),
        (["--apply", "--pick", "0", "--out", str(tmp_path / "x.yaml")], "use candidate numbers"),
    ):
        done = runner.invoke(main, [*base, *bad])
        assert done.exit_code == 2 and message in done.stderr, done.output


def test_a_misspelt_rubric_term_is_not_suggested(india_japan: LoadedRubric, synthetic: str) -> None:
    # the better answers misspell a term the rubric has: grading already reads it as that term,
    # so it is no new phrase to add
    misspelt = synthetic.replace("Quad", "Quadrilaterral")  # three good answers
    plain = suggest_phrases(
        india_japan,
        read_graded_csv(synthetic.replace("Quad", "Quadrilateral")),
        question_id="pyq-2019-contemporary",
    )
    found = suggest_phrases(
        india_japan, read_graded_csv(misspelt), question_id="pyq-2019-contemporary"
    )
    assert "rare earth" in found.candidates[0].phrase.lower()
    assert [c.phrase.lower() for c in found.candidates] == [
        c.phrase.lower() for c in plain.candidates
    ]
    assert not [c for c in found.candidates if "quadrilaterral" in c.phrase.lower()]


def test_marks_that_are_all_the_same_have_no_higher_half_to_mine(tmp_path: Path) -> None:
    """Six answers all marked 7 were split in a 'high' and a 'low' half by their order in the
    file, and phrases 'separating' them were listed; now one line says why there are none."""
    graded = tmp_path / "same.csv"
    rows = [f'a{i},"{text}",7' for i, text in enumerate(_GOOD[:3] + _WEAK[:3])]
    graded.write_text("id,answer,mark\n" + "\n".join(rows) + "\n", encoding="utf-8")
    args = [
        "rubric",
        "suggest",
        "india-japan",
        "--graded",
        str(graded),
        "-q",
        "2plus2-significance",
    ]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.splitlines()[0] == (
        f"mains-eval: error: {graded}: all 6 graded answers have the mark 7: suggestions "
        "compare higher- with lower-marked answers"
    )


def test_months_are_not_suggested(india_japan: LoadedRubric, synthetic: str) -> None:
    """Trial 25c: 'December' and 'April' ranked among the top candidates (the better answers
    dated things); dates are for facts, not concepts."""
    dated = synthetic
    for text in _GOOD[:4]:
        dated = dated.replace(text, f"In December 2020 and April 2021 the two sides met. {text}")
    found = suggest_phrases(
        india_japan, read_graded_csv(dated), question_id="pyq-2019-contemporary", top=30
    )
    phrases = [c.phrase.lower() for c in found.candidates]
    assert "rare earth" in phrases[0]
    assert not {"december", "april"} & set(phrases), phrases
