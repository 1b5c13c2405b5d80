"""Agreement statistics between machine and human marks."""

from __future__ import annotations

import math

import pytest

from evaluator.tools.agreement import (
    agreement,
    format_table,
    mark_step,
    quadratic_weighted_kappa,
    qwk_gap,
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


def test_every_statistic_reads_the_marks_on_the_tutors_scale() -> None:
    # a regression's 2.4 is a 2 on a whole-mark scale: compared as the tutor would read it, not
    # by an error no mark on the scale can have (trial s40t: the bag of words' RMSE 0.630
    # unrounded against the tuned rubric's whole marks, 0.707 rounded alike)
    human = [0, 1, 2, 3, 1, 2]
    between_steps = agreement(human, [0.4, 1.4, 2.4, 2.6, 0.6, 1.6], step=1.0)
    on_the_scale = agreement(human, [0, 1, 2, 3, 1, 2], step=1.0)
    assert between_steps.rmse == on_the_scale.rmse == 0.0
    assert between_steps.pearson == pytest.approx(1.0)
    assert between_steps.smd == pytest.approx(0.0)
    # a 1.4 against a 3 is two steps off on the scale, not within one
    assert agreement([3], [1.4], step=1.0).adjacent == 0.0


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


# --- how sure a difference in QWK is -----------------------------------------------------------


def test_a_qwk_gap_is_the_difference_of_the_two_kappas_with_an_interval_around_it() -> None:
    human = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] * 3
    close = [m + (0.6 if i % 3 == 0 else 0) for i, m in enumerate(human)]
    rough = [m + (2 if i % 2 == 0 else -2) for i, m in enumerate(human)]
    gap = qwk_gap(human, close, rough)
    expected = quadratic_weighted_kappa(human, close, 1.0) - quadratic_weighted_kappa(
        human, rough, 1.0
    )
    assert gap.estimate == pytest.approx(expected)
    assert gap.low <= gap.estimate <= gap.high and gap.n == 30
    assert gap.clear  # closer marks on every answer: better beyond doubt
    assert qwk_gap(human, close, rough) == gap  # seeded: the same interval on every run
    assert gap.describe().startswith(f"{gap.estimate:+.3f} (")


def test_a_gap_of_one_answer_in_a_handful_is_within_the_noise() -> None:
    human = [1, 3, 5, 7, 9, 2, 4, 6]
    first = [1, 3, 5, 7, 9, 2, 4, 8]  # one answer off by two
    second = [1, 3, 5, 7, 7, 2, 4, 6]  # another answer off by two
    gap = qwk_gap(human, first, second)
    assert gap.low < 0 < gap.high and not gap.clear


def test_the_bootstrap_kappa_is_scikit_learns() -> None:
    """The resampled kappas are computed in NumPy for speed: on the whole sample they must be
    the kappa the table prints."""
    import numpy as np

    from evaluator.tools.agreement import _kappas

    rng = np.random.default_rng(3)
    for _ in range(50):
        n = int(rng.integers(3, 40))
        human = rng.integers(0, 6, n)
        machine = np.clip(human + rng.integers(-2, 3, n), 0, 7)
        whole = _kappas(human, machine, 8, np.arange(n)[None, :])[0]
        sklearn = quadratic_weighted_kappa(human, machine, 1.0)
        assert (math.isnan(whole) and math.isnan(sklearn)) or whole == pytest.approx(sklearn)


def test_a_gap_of_too_few_answers_has_no_interval() -> None:
    gap = qwk_gap([3], [3], [2])
    assert math.isnan(gap.low) and not gap.clear
    assert "not measurable" in gap.describe()
    with pytest.raises(ValueError):
        qwk_gap([1, 2], [1], [1, 2])


def test_the_table_says_adjacent_is_within_one_mark() -> None:
    """Trial 31b: the key said "within one step", but the column counts marks within one mark
    (a step is half a mark for a tutor who gives halves)."""
    human, machine = [2.0, 4.0, 6.5, 8.0], [2.5, 5.0, 8.0, 8.0]
    stats = agreement(human, machine)
    assert stats.adjacent == 0.75  # off by 0.5, 1 and 0: within one mark; 1.5 is not
    assert "within one mark of yours" in format_table({"before": stats})


def test_a_bound_of_zero_is_printed_without_a_sign() -> None:
    from evaluator.tools.agreement import Gap

    assert Gap(0.021, 0.0, 0.031, 17).describe() == "+0.021 (0.000 to +0.031)"
    assert not Gap(0.021, 0.0, 0.031, 17).clear
