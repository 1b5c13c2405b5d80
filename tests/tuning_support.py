"""A Mains question a tutor marks point by point on short answers (our own wording): the notes
it is derived from and 60 answers marked 2 per point they make. Shared by the tuning tests of
the library and of the web page."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from pathlib import Path

from evaluator.tools.graded import GradedAnswer

NOTES = """# Solar power on Indian rooftops

## Savings for households
Rooftop solar panels lower a household's electricity bill, and net metering lets the owner sell
surplus power back to the distribution company.

## Land and grid
Rooftop systems need no new land, unlike large solar parks, and they generate power close to
where it is used, so less is lost in transmission.

## Storage at night
Panels produce nothing after sunset, so batteries or the grid must supply power at night; storage
still adds a large share to the cost.
"""
QUESTION = "Discuss the benefits and limits of rooftop solar in Indian cities."
# three points a tutor looks for, each in three wordings, and sentences that earn nothing
POINTS = [
    [
        "Solar panels on the roof cut the monthly electricity bill.",
        "With net metering a family sells extra solar power to the discom.",
        "Households save money on power bills with rooftop solar panels.",
    ],
    [
        "Rooftop solar needs no fresh land, unlike solar parks.",
        "Solar power made on the roof is used nearby, so transmission losses fall.",
        "No land has to be bought for rooftop solar because the roof is already there.",
    ],
    [
        "At night the solar panels stop, so batteries or the grid must step in.",
        "Battery storage for solar is needed after sunset and it is still costly.",
        "Rooftop solar gives nothing at night without storage.",
    ],
]
FILLER = [
    "Cities in India are growing fast.",
    "Many people live in flats.",
    "The government has many schemes.",
    "Summers are hot in the plains.",
    "Energy matters for development.",
]


def point_marked(question: str, n: int = 60) -> list[GradedAnswer]:
    """Short answers (30-50 words) marked 2 per point they make, out of 10."""
    rnd = random.Random(7)
    rows = []
    for i in range(n):
        covered = [p for p in range(3) if rnd.random() < 0.5]
        sentences = [rnd.choice(POINTS[p]) for p in covered] + rnd.sample(FILLER, 2)
        rnd.shuffle(sentences)
        text = " ".join(sentences)
        rows.append(GradedAnswer(f"a{i}", text, float(2 * len(covered)), question, i + 2))
    return rows


def write_graded_csv(path: Path, rows: Iterable[GradedAnswer]) -> Path:
    """Graded answers as the CSV a tutor hands `rubric tune` (id, answer, mark)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "answer", "mark"])
        for row in rows:
            writer.writerow([row.id, row.text, row.mark])
    return path
