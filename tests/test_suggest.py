"""`rubric suggest`: phrases that separate the tutor's better answers, not already in the rubric,
with evidence counts; --apply writes a valid draft with them as concepts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from evaluator.cli import main
from evaluator.errors import OutputError, TuningError
from evaluator.rubric.loader import LoadedRubric, check_rubric, load_rubric
from evaluator.scoring.engine import evaluate
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


VACCINE_NOTES = """# Vaccines and immunity

A vaccine trains the immune system. It carries an antigen, a weakened or inactivated pathogen or
a part of it, which the body recognises as foreign.

The immune response has two arms. Innate immunity acts at once. Adaptive immunity is specific:
T cells kill infected cells.

Herd immunity protects people who cannot be vaccinated when enough of the population is immune.
"""
_WELL_MARKED = [
    "A vaccine makes the body produce antibodies and memory cells against the antigen.",
    "After vaccination B cells give antibodies and memory cells that last for years.",
    "The weakened pathogen leads to antibodies and memory cells, so a later infection is stopped.",
    "Vaccines train the immune system: antibodies and memory cells are ready for the real germ.",
    "The body keeps antibodies and memory cells after the dose and reacts fast next time.",
    "Protection comes from antibodies and memory cells made in response to the vaccine.",
]
_POORLY_MARKED = [
    "Vaccines are good for health and memory cells.",
    "A vaccine is an injection given by doctors.",
    "Vaccines stop disease; memory cells help.",
    "People should take vaccines on time.",
    "The government runs vaccine drives.",
    "Vaccines are cheap and safe.",
]


def test_a_phrase_is_shown_as_the_answers_write_it(
    draft: Callable[[str], LoadedRubric], tmp_path: Path
) -> None:
    """Trial s43: the content words of "antibodies and memory cells" were shown glued together,
    'antibodies memory cells', a phrase no answer wrote; `--apply` made it the concept's cue,
    which then credited none of the answers it came from. The key (what is counted and
    matched) is the same; only the words shown are the answers' own."""
    rubric = draft(VACCINE_NOTES)
    rows = ["id,answer,mark"]
    rows += [f'g{i},"{text}",{8 - i * 0.5}' for i, text in enumerate(_WELL_MARKED)]
    rows += [f'w{i},"{text}",{1 + i * 0.25}' for i, text in enumerate(_POORLY_MARKED)]
    found = suggest_phrases(rubric, read_graded_csv("\n".join(rows) + "\n"))
    top = found.candidates[0]
    assert (top.key, top.phrase) == ("antibody memory cell", "antibodies and memory cells")
    assert top.low == 0 and top.high >= 5
    table = format_candidates(found)
    assert "antibodies and memory cells" in table and "antibodies memory cells" not in table
    answers = [text.lower() for text in _WELL_MARKED + _POORLY_MARKED]
    for candidate in found.candidates:  # every phrase shown is written in an answer
        assert any(candidate.phrase.lower() in text for text in answers), candidate.phrase

    out = tmp_path / "suggested" / "rubric.yaml"
    apply_suggestions(rubric, found, [1], out)
    applied = load_rubric(out)
    report = evaluate(_WELL_MARKED[1], applied, applied.rubric.questions[0].id)
    concept = next(c for c in report.concepts if c.id == "antibodies-and-memory-cells")
    assert concept.status == "covered"


def test_a_hyphenated_name_is_shown_with_its_hyphen(nlp: Language) -> None:
    """'Indo-Pacific' had been shown as 'Indo Pacific' (the hyphen is a token of its own)."""
    from evaluator.tools.suggest import answer_phrases

    found = answer_phrases(nlp("Japan backs a free and open Indo-Pacific region."))
    assert found["indo pacific region"] == "Indo-Pacific region"
    assert "Indo Pacific" not in found.values()
