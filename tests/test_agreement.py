"""Agreement statistics between machine and human marks."""

from __future__ import annotations

import math

import pytest

from evaluator.tools.agreement import (
    agreement,
    format_table,
    mark_step,
    quadratic_weighted_kappa,
    round_to_step,
)


def test_perfect_agreement() -> None:
    human = [2, 4.5, 6, 7.5, 9]
    stats = agreement(human, human)
    assert stats.qwk == 1.0
    assert stats.pearson == pytest.approx(1.0)
    assert stats.rmse == 0.0
    assert stats.exact == 1.0
    assert stats.adjacent == 1.0
    assert stats.smd == 0.0
    assert stats.n == 5


def test_step_follows_the_human_marks() -> None:
    assert mark_step([1, 2, 7]) == 1.0
    assert mark_step([1, 2.5, 7]) == 0.5
    assert list(round_to_step([6.25, 6.2, 0.74], 0.5)) == [6.5, 6.0, 0.5]


def test_qwk_rewards_near_misses_over_far_misses() -> None:
    human = [1, 2, 3, 4, 5, 6]
    near = [1, 3, 3, 4, 6, 6]
    far = [6, 2, 3, 4, 5, 1]
    assert quadratic_weighted_kappa(human, near, 1.0) > 0.8
    assert quadratic_weighted_kappa(human, far, 1.0) < quadratic_weighted_kappa(human, near, 1.0)
    reversed_marks = list(reversed(human))
    assert quadratic_weighted_kappa(human, reversed_marks, 1.0) < 0


def test_qwk_rounds_machine_marks_to_the_human_scale() -> None:
    # machine marks within a quarter mark of whole human marks are the same category
    assert quadratic_weighted_kappa([2, 4, 6], [2.2, 3.9, 6.1], 1.0) == 1.0


def test_exact_and_adjacent() -> None:
    stats = agreement([4, 6, 8, 2], [4.2, 7, 5, 2], step=1.0)
    assert stats.exact == 0.5  # 4.2 rounds to 4; 7 and 5 differ
    assert stats.adjacent == 0.75  # 3 marks off is not adjacent


def test_smd_is_positive_when_the_machine_is_generous() -> None:
    human = [2, 3, 4, 5, 6]
    assert agreement(human, [h + 1.5 for h in human]).smd > 0
    assert agreement(human, [h - 1.5 for h in human]).smd < 0


def test_undefined_statistics_are_nan_not_errors() -> None:
    stats = agreement([3, 3, 3], [2, 4, 3])
    assert math.isnan(stats.pearson)
    assert stats.to_dict()["pearson"] is None
    with pytest.raises(ValueError, match="2 human marks but 3"):
        agreement([1, 2], [1, 2, 3])


def test_table_lists_every_metric() -> None:
    table = format_table(
        {"before": agreement([1, 2, 3], [1, 3, 3]), "after": agreement([1, 2, 3], [1, 2, 3])}
    )
    header, before, after, key = table.splitlines()
    for name in ("qwk", "pearson", "rmse", "exact", "adjacent", "smd", "n"):
        assert name in header
    assert before.startswith("before") and after.startswith("after")
    assert "smd: mean machine minus mean yours" in key  # trial 28a: smd was not explained
