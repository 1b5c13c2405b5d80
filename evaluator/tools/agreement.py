"""Agreement between machine and human marks: the statistics RSMTool and e-rater reports use.

* ``qwk``: quadratic weighted kappa, with both sets of marks rounded to the step of the human
  marks (1 when every human mark is whole, else 0.5);
* ``pearson``: Pearson correlation of the unrounded marks;
* ``rmse``: root mean squared error, in marks;
* ``exact``: share of answers whose machine mark, rounded to the human step, equals the human mark;
* ``adjacent``: share within one mark of the human mark;
* ``smd``: standardized mean difference, (mean machine - mean human) / pooled standard deviation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.metrics import cohen_kappa_score

Marks = Sequence[float] | np.ndarray
"""Marks in answer order: a list or a NumPy array."""

METRICS = ("qwk", "pearson", "rmse", "exact", "adjacent", "smd")


@dataclass(frozen=True)
class Agreement:
    """Agreement statistics for one set of machine marks against the human marks."""

    qwk: float
    """Quadratic weighted kappa on marks rounded to the human step (1 = perfect, 0 = chance)."""
    pearson: float
    """Pearson correlation (nan when either side is constant)."""
    rmse: float
    """Root mean squared error, in marks."""
    exact: float
    """Share of answers given exactly the human mark (after rounding to the human step)."""
    adjacent: float
    """Share of answers within one mark of the human mark."""
    smd: float
    """Standardized mean difference: positive when the machine is more generous."""
    n: int
    """Number of answers."""

    def to_dict(self) -> dict[str, float | int | None]:
        """JSON-friendly: rounded to 4 places, nan as None."""
        out: dict[str, float | int | None] = {}
        for key, value in asdict(self).items():
            if isinstance(value, float):
                out[key] = None if math.isnan(value) else round(value, 4)
            else:
                out[key] = value
        return out


def mark_step(marks: Marks) -> float:
    """The scale step of a set of human marks: 1 if they are all whole numbers, else 0.5."""
    return 1.0 if all(float(m).is_integer() for m in np.asarray(marks, dtype=float)) else 0.5


def round_to_step(values: Marks, step: float) -> np.ndarray:
    """Round half up onto the step grid (so 6.25 -> 6.5 with step 0.5)."""
    arr = np.asarray(values, dtype=float)
    return np.floor(arr / step + 0.5 + 1e-9) * step


def quadratic_weighted_kappa(human: Marks, machine: Marks, step: float) -> float:
    """QWK of two mark lists on the step grid; 1.0 when both agree perfectly, nan if undefined."""
    h = np.rint(round_to_step(human, step) / step).astype(int)
    m = np.rint(round_to_step(machine, step) / step).astype(int)
    if len(h) == 0:
        return math.nan
    if np.array_equal(h, m):
        return 1.0
    labels = np.arange(min(h.min(), m.min()), max(h.max(), m.max()) + 1)
    if len(labels) < 2:
        return math.nan
    return float(cohen_kappa_score(h, m, labels=labels, weights="quadratic"))


def pearson_r(human: Marks, machine: Marks) -> float:
    """Pearson correlation; nan when either side has no variance."""
    h = np.asarray(human, dtype=float)
    m = np.asarray(machine, dtype=float)
    if len(h) < 2 or np.std(h) == 0 or np.std(m) == 0:
        return math.nan
    return float(np.corrcoef(h, m)[0, 1])


def standardized_mean_difference(human: Marks, machine: Marks) -> float:
    """(mean machine - mean human) / sqrt((var machine + var human) / 2); nan if both constant."""
    h = np.asarray(human, dtype=float)
    m = np.asarray(machine, dtype=float)
    pooled = math.sqrt((np.var(h, ddof=1) + np.var(m, ddof=1)) / 2) if len(h) > 1 else 0.0
    if pooled == 0:
        return math.nan
    return float((m.mean() - h.mean()) / pooled)


def agreement(human: Marks, machine: Marks, *, step: float | None = None) -> Agreement:
    """Every agreement statistic of machine against human marks (same order, same answers),
    each on the machine's marks rounded to the human step, as the tutor would read them: a model
    whose marks fall between the tutor's steps (a bag of words' regression, a draft's quarter
    marks) is compared on the marks it would give, not on an RMSE no mark on the scale can
    reach (trial s40t: the tuned rubric's whole marks had been called "mixed" against a bag of
    words, RMSE 0.658 against 0.630; rounded alike, the bag of words' is 0.707)."""
    if len(human) != len(machine):
        raise ValueError(f"{len(human)} human marks but {len(machine)} machine marks")
    step = step or mark_step(human)
    h = np.asarray(human, dtype=float)
    m = np.asarray(machine, dtype=float)
    n = len(h)
    if n == 0:
        nan = math.nan
        return Agreement(nan, nan, nan, nan, nan, nan, 0)
    rounded = round_to_step(m, step)
    return Agreement(
        qwk=quadratic_weighted_kappa(h, m, step),
        pearson=pearson_r(h, rounded),
        rmse=float(np.sqrt(np.mean((rounded - h) ** 2))),
        exact=float(np.mean(np.isclose(rounded, h))),
        adjacent=float(np.mean(np.abs(rounded - h) <= 1.0 + 1e-9)),
        smd=standardized_mean_difference(h, rounded),
        n=n,
    )


BOOTSTRAP_RESAMPLES = 2000
"""Resamples of the answers behind a :class:`Gap`'s interval (seeded: the same marks give the
same interval on every run)."""


@dataclass(frozen=True)
class Gap:
    """How far one set of machine marks agrees better than another with the same human marks,
    in QWK, and how sure that is: a 95% percentile interval over bootstrap resamples of the
    answers (both sets of marks resampled together, so what the answers share cancels)."""

    estimate: float
    """QWK of the first marks minus QWK of the second, on every answer."""
    low: float
    """2.5th percentile of the difference over the resamples."""
    high: float
    """97.5th percentile."""
    n: int
    """Answers resampled."""

    @property
    def clear(self) -> bool:
        """Whether the interval leaves out zero: one set agrees better beyond the noise of
        which answers happened to be marked."""
        return self.low > 0 or self.high < 0

    def describe(self) -> str:
        """'+0.026 (-0.031 to +0.085)': the difference and its 95% interval."""
        if math.isnan(self.low):
            return f"{_signed(self.estimate)} (interval not measurable)"
        return f"{_signed(self.estimate)} ({_signed(self.low)} to {_signed(self.high)})"

    def to_dict(self) -> dict[str, float | int | bool | None]:
        """JSON-friendly: rounded to 4 places, nan as None."""

        def num(value: float) -> float | None:
            return None if math.isnan(value) else round(value, 4)

        return {
            "estimate": num(self.estimate),
            "low": num(self.low),
            "high": num(self.high),
            "n": self.n,
            "clear": self.clear,
        }


def _signed(value: float) -> str:
    """'+0.026', '-0.031', and '0.000' for what rounds to zero (trial 31b: a lower bound of
    exactly zero printed as '+0.000' read as above zero)."""
    text = f"{value:+.3f}"
    return text[1:] if text in ("+0.000", "-0.000") else text


def _kappas(h: np.ndarray, m: np.ndarray, size: int, rows: np.ndarray) -> np.ndarray:
    """Quadratic weighted kappa of every resample at once: ``h`` and ``m`` are marks coded
    0..size-1, ``rows`` an (R, n) array of answer indices; nan where a kappa is undefined (a
    resample whose marks are all one mark on both sides). The same arithmetic as scikit-learn's
    ``cohen_kappa_score(..., weights="quadratic")``, which is too slow to call 2,000 times."""
    resamples, n = rows.shape
    cells = h[rows] * size + m[rows]
    offsets = (np.arange(resamples) * size * size)[:, None]
    observed = np.bincount((cells + offsets).ravel(), minlength=resamples * size * size)
    observed = observed.reshape(resamples, size, size).astype(float)
    expected = observed.sum(axis=2)[:, :, None] * observed.sum(axis=1)[:, None, :] / n
    grid = np.arange(size)
    weights = (grid[:, None] - grid[None, :]) ** 2
    disagreement = (weights * observed).sum(axis=(1, 2))
    chance = (weights * expected).sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = 1.0 - disagreement / chance
    # both sides one and the same mark in a resample: perfect agreement, as the QWK above says
    return np.where((chance == 0) & (disagreement == 0), 1.0, kappa)


def qwk_gap(
    human: Marks,
    first: Marks,
    second: Marks,
    *,
    step: float | None = None,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = 0,
) -> Gap:
    """How much better ``first`` agrees with ``human`` than ``second`` does, in QWK, with a
    paired bootstrap interval: on 42 graded answers a gain of +0.026 can be luck, and a tutor
    deciding whether to keep a tuned rubric should see how much (the same answers' marks are
    resampled together, so the interval is of the difference, not of two separate QWKs)."""
    if not len(human) == len(first) == len(second):
        raise ValueError("human, first and second marks must be of the same answers")
    step = step or mark_step(human)
    n = len(human)
    estimate = quadratic_weighted_kappa(human, first, step) - quadratic_weighted_kappa(
        human, second, step
    )
    if n < 2:
        return Gap(estimate, math.nan, math.nan, n)
    coded = [
        np.rint(round_to_step(marks, step) / step).astype(int) for marks in (human, first, second)
    ]
    floor = min(int(c.min()) for c in coded)
    h, a, b = (c - floor for c in coded)
    size = max(int(c.max()) for c in (h, a, b)) + 1
    rows = np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    diffs = _kappas(h, a, size, rows) - _kappas(h, b, size, rows)
    diffs = diffs[~np.isnan(diffs)]
    if len(diffs) == 0:
        return Gap(estimate, math.nan, math.nan, n)
    low, high = np.percentile(diffs, [2.5, 97.5])
    return Gap(estimate, float(low), float(high), n)


def format_table(rows: dict[str, Agreement]) -> str:
    """A plain-text table: one row per label (e.g. before / after), one column per metric."""
    width = max([10, *(len(label) + 2 for label in rows)])
    header = f"{'':<{width}}" + "".join(f"{name:>10}" for name in (*METRICS, "n"))
    lines = [header]
    for label, stats in rows.items():
        cells = []
        for name in METRICS:
            value = getattr(stats, name)
            cells.append(f"{'-':>10}" if math.isnan(value) else f"{value:>10.3f}")
        lines.append(f"{label:<{width}}" + "".join(cells) + f"{stats.n:>10d}")
    return "\n".join([*lines, TABLE_KEY])


TABLE_KEY = (
    "(exact/adjacent: share of marks equal to yours / within one mark of yours; smd: mean machine "
    "minus "
    "mean yours over their pooled SD, negative = harsher than you)"
)
"""The line under the table that says what its less common columns mean (trial 28a)."""
