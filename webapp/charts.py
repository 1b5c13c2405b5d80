"""Marks over time as plain SVG geometry the template draws (no JS chart library, no CDN)."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator import plural
from webapp.models import Attempt

WIDTH, HEIGHT = 560, 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 16, 14, 28


@dataclass(frozen=True)
class ChartPoint:
    """One attempt on the chart."""

    x: float
    y: float
    label: str
    attempt_id: int


@dataclass(frozen=True)
class LineChart:
    """Geometry of a marks-over-time chart."""

    width: int
    height: int
    points: list[ChartPoint]
    polyline: str
    y_ticks: list[tuple[float, str]]
    x_left: float
    x_right: float
    y_top: float
    y_bottom: float
    summary: str


def marks_chart(graded: list[Attempt]) -> LineChart | None:
    """A chart of marks per graded attempt (in order), or None when nothing is graded."""
    if not graded:
        return None
    top = max(a.max_marks or 0 for a in graded) or 1
    x_left, x_right = PAD_LEFT, WIDTH - PAD_RIGHT
    y_top, y_bottom = PAD_TOP, HEIGHT - PAD_BOTTOM
    step = (x_right - x_left) / max(1, len(graded) - 1)
    points = []
    for index, attempt in enumerate(graded):
        marks = attempt.marks or 0.0
        x = x_left + step * index if len(graded) > 1 else (x_left + x_right) / 2
        y = y_bottom - (y_bottom - y_top) * marks / top
        # the attempt's own number, as its page and the table name it (not its place here)
        label = f"Attempt {attempt.id}: {marks:g} / {attempt.max_marks}"
        points.append(ChartPoint(round(x, 1), round(y, 1), label, attempt.id))
    ticks = [
        (round(y_bottom - (y_bottom - y_top) * share, 1), f"{top * share:g}")
        for share in (0, 0.25, 0.5, 0.75, 1)
    ]
    first, last = graded[0].marks or 0, graded[-1].marks or 0
    summary = (
        f"Marks over {plural(len(graded), 'graded attempt')}: from {first:g} to {last:g} out of "
        f"{top}."
    )
    return LineChart(
        WIDTH,
        HEIGHT,
        points,
        " ".join(f"{p.x},{p.y}" for p in points),
        ticks,
        x_left,
        x_right,
        y_top,
        y_bottom,
        summary,
    )
