"""Marks over time as plain SVG geometry the template draws (no JS chart library, no CDN)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from evaluator import plural
from webapp.models import Attempt

WIDTH, HEIGHT = 560, 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 68, 16, 14, 28
"""Room for the axis labels at the larger size a phone draws them ("11.25" at 20 units: a phone
shrinks the chart to about half its width, and 11-unit labels to 6 px; session 32)."""
MAJOR_LABELS = 8
"""Most attempt numbers a phone shows under the axis: the rest are minor and hidden there."""


@dataclass(frozen=True)
class ChartPoint:
    """One attempt on the chart."""

    x: float
    y: float
    label: str
    attempt_id: int
    minor: bool = False
    """Its number is left off the axis on a phone, where larger labels would run together."""


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
    every = math.ceil(len(graded) / MAJOR_LABELS)
    points = []
    for index, attempt in enumerate(graded):
        marks = attempt.marks or 0.0
        x = x_left + step * index if len(graded) > 1 else (x_left + x_right) / 2
        y = y_bottom - (y_bottom - y_top) * marks / top
        # the attempt's own number, as its page and the table name it (not its place here)
        label = f"Attempt {attempt.id}: {marks:g} / {attempt.max_marks}"
        minor = index % every != 0 and index != len(graded) - 1
        points.append(ChartPoint(round(x, 1), round(y, 1), label, attempt.id, minor))
    ticks = [
        (round(y_bottom - (y_bottom - y_top) * share, 1), f"{top * share:g}")
        for share in (0, 0.25, 0.5, 0.75, 1)
    ]
    summary = _summary([a.marks or 0.0 for a in graded], top)
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


def _summary(marks: list[float], top: float) -> str:
    """The chart in words: the first and last marks, and the lowest and highest between them
    when they lie outside those two (session 32: "from 8 to 9.5" hid a 1.5 and a 10)."""
    counted = f"Marks over {plural(len(marks), 'graded attempt')}: "
    first, last = marks[0], marks[-1]
    if len(marks) == 1:
        return f"{counted}{first:g} out of {top:g}."
    extremes = []
    if min(marks) < min(first, last):
        extremes.append(f"lowest {min(marks):g}")
    if max(marks) > max(first, last):
        extremes.append(f"highest {max(marks):g}")
    between = f" ({', '.join(extremes)})" if extremes else ""
    return f"{counted}from {first:g} to {last:g} out of {top:g}{between}."
