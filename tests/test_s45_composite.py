"""Session 45: the composite part of benchmarks/validity.py averages several fold seeds and
reports their spread, so a change can be told from the noise of one seed's folds."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import validity  # noqa: E402  (benchmarks/validity.py)

QUESTIONS = {
    "LAMP_SERIES": (
        "Why does the lamp go dark when the other lamp in series is removed?",
        "Removing one lamp breaks the only path for the current || The circuit is no longer closed",
        [
            ("the path for the current is broken when one lamp is taken out", "correct"),
            ("there is no closed circuit any more", "correct"),
            ("the current has no path once a lamp is gone", "correct"),
            ("the circuit is open so no current flows", "correct"),
            ("the removed lamp leaves a gap in the only path", "correct"),
            ("the battery runs flat", "incorrect"),
            ("the lamp is broken", "incorrect"),
            ("the wires get too hot", "incorrect"),
            ("the other lamp uses all the energy", "incorrect"),
            ("because it is dark", "incorrect"),
        ],
    ),
    "CELL_ENERGY": (
        "Where does a cell's energy come from?",
        "A chemical reaction inside the cell || Chemical energy stored in the cell",
        [
            ("a chemical reaction inside it", "correct"),
            ("the chemicals stored in the cell react", "correct"),
            ("chemical energy that is stored inside", "correct"),
            ("from reactions of the chemicals", "correct"),
            ("stored chemical energy", "correct"),
            ("from the wires", "incorrect"),
            ("from the lamp", "incorrect"),
            ("the sun charges it", "incorrect"),
            ("magnets inside it", "incorrect"),
            ("from the switch", "incorrect"),
        ],
    ),
    "SWITCH_ROLE": (
        "What does an open switch do to the lamp in its path?",
        "An open switch breaks the path so the lamp goes out || The lamp on that path is off",
        [
            ("it breaks the path and the lamp goes out", "correct"),
            ("the lamp on that path turns off", "correct"),
            ("the path is broken so the lamp is off", "correct"),
            ("no current reaches the lamp so it goes out", "correct"),
            ("it opens the path and the lamp is off", "correct"),
            ("the lamp gets brighter", "incorrect"),
            ("nothing happens to the lamp", "incorrect"),
            ("the switch makes more current", "incorrect"),
            ("the lamp stays on", "incorrect"),
            ("it charges the battery", "incorrect"),
        ],
    ),
}


@pytest.fixture(scope="module")
def circuit_answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small SemEval-like file: three Beetle-like questions of ten labelled answers each."""
    path = tmp_path_factory.mktemp("composite") / "train.csv"
    fields = ["corpus", "split", "question_id", "question", "reference_answers"]
    fields += ["student_answer", "answer_id", "label_3way", "label_2way"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for qid, (question, references, answers) in QUESTIONS.items():
            for number, (text, label) in enumerate(answers):
                writer.writerow(
                    {
                        "corpus": "beetle",
                        "split": "",
                        "question_id": qid,
                        "question": question,
                        "reference_answers": references,
                        "student_answer": text,
                        "answer_id": f"{qid}.{number}",
                        "label_3way": label,
                        "label_2way": label,
                    }
                )
    return path


def test_the_composite_part_reports_the_mean_and_spread_of_three_fold_seeds(
    circuit_answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # session 44 read a loss of 0.028 from one fold seed, where the seeds' means differ by more
    assert validity.main(["--part", "composite", "--data", str(circuit_answers), "--json"]) == 0
    part = json.loads(capsys.readouterr().out)["composite"]
    (prompt,) = part["prompts"]
    assert len(prompt["after_by_seed"]) == 3  # three fold seeds unless told otherwise
    assert prompt["after"] == pytest.approx(sum(prompt["after_by_seed"]) / 3, abs=0.001)
    assert len(part["mean_by_seed"]) == 3
    spread = part["spread"]
    assert spread["min"] <= spread["mean"] <= spread["max"]
    assert spread["se"] == pytest.approx(spread["sd"] / 3**0.5, abs=0.0001)


def test_the_table_names_the_seeds_their_spread_and_seed_zero(
    circuit_answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--part", "composite", "--data", str(circuit_answers), "--seeds", "2"]
    assert validity.main(args) == 0
    table = capsys.readouterr().out
    assert "mean of 2 fold seeds" in table
    assert "over 2 fold seeds:" in table and "standard error" in table and "seed 0" in table


def test_no_fold_seeds_is_a_usage_error(
    circuit_answers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        validity.main(["--part", "composite", "--data", str(circuit_answers), "--seeds", "0"])
    assert stop.value.code == 2
    assert "--seeds must be 1 or more" in capsys.readouterr().err
