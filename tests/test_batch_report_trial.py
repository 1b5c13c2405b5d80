"""The class report as a teacher trying the tool read it: the most-missed list names the points
the class did not make, on a derived short-answer draft (where the question's own words earn
every point a trace of credit) and on a tuned rubric (whose learned phrases, graded answers kept
as examples and the rubric's misconceptions are no points a student misses)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from subprocess import CompletedProcess

import pytest
import yaml

from evaluator.rubric.model import examples_dimension_id, learned_dimension_id

MainsEval = Callable[..., CompletedProcess[str]]

# our own words: a prompt with key elements and a scoring key, as a teacher writes one
PROMPT = """# Beavers in the Valley

Students read a short piece about beavers returning to a valley after a hundred years away. It
tells how the animals cut young trees with their teeth and pile branches and mud across the streams.

Describe two ways beavers change the streams where they build dams. Use details from the piece to
support your answer.

## Key elements

- A dam slows the water, so a pond and wetland spread out behind it.
- The pond stores water, so the stream keeps running through a dry summer.
- Mud settles on the bottom of the pond, so the water below the dam runs clearer.
- Frogs, ducks and young trout find calm water to live in.
- Drowned trees die and stand as homes for woodpeckers.

## Scoring key

3 points: The response describes two ways beavers change the streams, each with a detail.
2 points: The response describes two ways without details, or one way with a detail.
1 point: The response describes one way, with little or no support.
0 points: The response is incorrect, irrelevant, or missing.
"""

CLASS = [
    ("a01", "The dam slows the water down, so a wide pond forms behind it."),
    ("a02", "Beavers slow the stream with their dam and a pond spreads out behind the dam."),
    ("a03", "The pond holds water, so the stream keeps running in a dry summer."),
    ("a04", "Beavers change the streams. The water is different when they build a dam."),
    ("a05", "Mud sinks to the bottom of the pond, so the water below the dam is clearer."),
    ("a06", "Frogs and ducks and little trout live in the calm water of the pond."),
    ("a07", "The trees drown and die, and woodpeckers make homes in them."),
    ("a08", "Beavers build dams in the streams with sticks and mud and water."),
    ("a09", "They change the stream by building a dam. The water goes into a pond."),
    ("a10", "Beavers are big rodents with flat tails and orange teeth."),
    ("a11", "The beavers cut down trees with their teeth to build the dams on streams."),
    ("a12", "The water in the pond is calm because of the dam."),
]
MADE_BY = {"dam-slow": 2, "pond-store": 1, "frog-duck": 1, "drown-tree": 1}
"""Points and how many of the class's answers make them (a01-a02, a03, a06, a07); the other
answers only repeat the question's words (beavers, dam, stream, water, pond) or say nothing."""


class Tables(HTMLParser):
    """The cells of the first table after each <h2 id=...>, and every paragraph's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.text: dict[str, str] = {}
        self._section = ""
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._section = dict(attrs).get("id") or ""
            self.text[self._section] = ""
        elif tag == "table" and self._section not in self.tables:
            self._rows = self.tables[self._section] = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._rows is not None and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._section:
            self.text[self._section] += data


def _report(html: Path) -> Tables:
    parser = Tables()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


def _by_id(rows: list[list[str]]) -> dict[str, list[str]]:
    """Table rows keyed by the concept id the first cell ends with ('Label (id)')."""
    return {row[0].rsplit("(", 1)[1].rstrip(")"): row[1:] for row in rows[1:]}


@pytest.fixture(scope="module")
def trial(tmp_path_factory: pytest.TempPathFactory, mains_eval: MainsEval) -> Path:
    """A folder with the prompt, the draft `rubric derive` writes from it, and the class."""
    folder = tmp_path_factory.mktemp("trial")
    (folder / "prompt.md").write_text(PROMPT, encoding="utf-8")
    done = mains_eval(
        "rubric", "derive", str(folder / "prompt.md"), "--out", str(folder / "rubric.yaml")
    )
    assert done.returncode == 0, done.stderr
    with (folder / "class.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "answer"])
        writer.writerows(CLASS)
    return folder


def _batch(mains_eval: MainsEval, folder: Path, rubric: Path, name: str) -> Tables:
    out = folder / name
    done = mains_eval(
        "batch", str(folder / "class.csv"), "-r", str(rubric), "-o", str(out), "--force",
        "--quiet",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return _report(out)


def test_a_derived_draft_shows_which_points_the_class_made(
    trial: Path, mains_eval: MainsEval
) -> None:
    """The question's words in every answer made nearly every point 'partial': a point two of
    twelve answers make showed as missed by 17% (the two answers that said nothing at all)."""
    report = _batch(mains_eval, trial, trial / "rubric.yaml", "draft.html")
    asked = len(CLASS)
    missed = _by_id(report.tables["missed"])
    for point, made in MADE_BY.items():
        count, share = missed[point]
        assert int(count) == asked - made, (point, missed[point])
        assert share == f"{100 * (asked - made) / asked:.0f}%"
    # the table of points says how many made each, and what the rest earned
    concepts = report.tables["concepts"]
    header = concepts[0]
    assert "made it" in header and "a trace" in header
    rows = _by_id(concepts)
    for point, made in MADE_BY.items():
        assert rows[point][header.index("made it") - 1] == f"{100 * made / asked:.0f}%"
    assert "at least 25% of the point's credit" in report.text["missed"]


def _tuned(draft: Path, out: Path) -> Path:
    """The draft with what `rubric tune` adds (a learned phrase, a phrase of low-marked answers,
    a graded answer kept as an example; notes starting 'Learned from') and a misconception the
    author wrote, all counted by the question."""
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    question = data["questions"][0]
    learned, examples = learned_dimension_id(question["id"]), examples_dimension_id(question["id"])
    data["dimensions"][0]["concepts"].append(
        {
            "id": "eat-fish",
            "label": "Beavers eat the fish of the stream",
            "cues": [["beaver"], ["eat"], ["fish", "trout"]],
            "penalty": True,
            "note": "Beavers eat bark and plants, not fish.",
        }
    )
    data["dimensions"] += [
        {
            "id": learned,
            "label": "Learned from marks",
            "concepts": [
                {
                    "id": "learned-calm-water",
                    "label": "calm water",
                    "weight": 0.2,
                    "cues": [["calm water"]],
                    "note": "Learned from 12 graded answers (2 high, 0 low of the 2 using it): "
                    "answers that write 'calm water' were marked higher.",
                },
                {
                    "id": "low-marked-rodent",
                    "label": "rodents",
                    "weight": 0.1,
                    "cues": [["rodent"]],
                    "penalty": True,
                    "note": "Learned from 12 graded answers (0 high, 1 low of the 1 using it): "
                    "with the rest of the rubric, an answer that writes 'rodents' costs 0.1 marks.",
                },
            ],
        },
        {
            "id": examples,
            "label": "Graded answers kept as examples",
            "concepts": [
                {
                    "id": "example-10",
                    "label": "Graded answer 10 (marked 0 of 3)",
                    "weight": 0.2,
                    "credit": "proportional",
                    "exemplar": True,
                    "penalty": True,
                    "cues": [["rodent"], ["flat"], ["tail"], ["orange"], ["tooth"]],
                    "note": "Learned from a graded answer marked 0 of 3: with the rest of the "
                    "rubric, an answer that repeats its content words costs up to 0.2 marks. "
                    "The answer: Beavers are big rodents with flat tails and orange teeth.",
                }
            ],
        },
    ]
    question["dimensions"] += [{"id": learned}, {"id": examples}]
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return out


def test_a_tuned_rubric_lists_no_learned_concept_as_missed(
    trial: Path, mains_eval: MainsEval
) -> None:
    """'not nt get' and 'Graded answer 27 (marked 0 of 3)' were the most-missed concepts, at
    99-100%: a phrase learned from marks, or another student's answer, is no point to make."""
    rubric = _tuned(trial / "rubric.yaml", trial / "tuned.yaml")
    done = mains_eval("rubric", "check", str(rubric))
    assert done.returncode == 0, done.stdout + done.stderr
    report = _batch(mains_eval, trial, rubric, "tuned.html")
    learned = {"learned-calm-water", "low-marked-rodent", "example-10"}
    missed = _by_id(report.tables["missed"])
    assert not learned & set(missed) and "eat-fish" not in missed
    assert set(MADE_BY) <= set(missed)  # the rubric's own points are still there
    concepts = _by_id(report.tables["concepts"])
    assert not learned & set(concepts) and "eat-fish" not in concepts
    assert "3 concepts that rubric tune learned from a tutor's marks" in report.text["missed"]
    # the misconception is shown as one: no answer states it, none "missed" it
    misconceptions = _by_id(report.tables["misconceptions"])
    assert misconceptions == {"eat-fish": [str(len(CLASS)), "0%"]}


def test_a_learned_dimension_counts_what_earned_not_points_missed(
    trial: Path, mains_eval: MainsEval
) -> None:
    """Trial 38: a tuned rubric's dimension of learned phrases was counted like the rubric's own
    points ("1/2 concepts"), naming a learned phrase the answer lacks as a point it missed. The
    terminal report and the batch HTML report count what earned, without the total."""
    rubric = _tuned(trial / "rubric.yaml", trial / "tuned-lodge.yaml")
    data = yaml.safe_load(rubric.read_text(encoding="utf-8"))
    learned = learned_dimension_id(data["questions"][0]["id"])
    dimension = next(d for d in data["dimensions"] if d["id"] == learned)
    dimension["concepts"].append(
        {
            "id": "learned-lodge",
            "label": "lodge",
            "cues": [["lodge"]],
            "note": "Learned from 12 graded answers (2 high, 0 low of the 2 using it): "
            "answers that write 'lodge' were marked higher.",
        }
    )
    rubric.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    answer = trial / "a06.txt"
    answer.write_text(dict(CLASS)["a06"], encoding="utf-8")
    graded = mains_eval("grade", str(answer), "-r", str(rubric))
    assert graded.returncode == 0, graded.stderr
    (line,) = [s for s in graded.stdout.splitlines() if s.strip().startswith("Learned from marks")]
    assert line.endswith("(1 credited)") and "/2 concepts" not in line, line
    assert "lodge" not in graded.stdout  # named nowhere: no point was missed
    html = (trial / "lodge.html").resolve()
    done = mains_eval(
        "batch", str(answer), "-r", str(rubric), "-o", str(html), "--force", "--quiet"
    )
    assert done.returncode == 0, done.stderr
    text = html.read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td>([^<]*)</td>((?:\s*<td class="num">[^<]*</td>)+)</tr>', text)
    # the answer's own table comes last: its dimension rows end with the concepts column
    counts = {label: re.findall(r">([^<]*)</td>", cells)[-1] for label, cells in rows}
    assert counts["Learned from marks"] == "1", counts
