"""Batch throughput: N generated ~250-word answers graded with 1 and 2 workers.

    .venv/bin/python benchmarks/batch.py                   # 2,000 answers, workers 1 and 2
    .venv/bin/python benchmarks/batch.py --answers 100000  # institute scale (hours on 2 cores)
    .venv/bin/python benchmarks/batch.py --answers 400     # a quicker run on a busy machine
    .venv/bin/python benchmarks/batch.py --outputs-only 10000 100000   # no grading: outputs

Each run writes the HTML report (with its compact JSONL) and the analysts' tables, and prints
answers/s, the peak memory of every process (the parent and each worker), the output sizes
and the time Chromium takes to open the report. ``--outputs-only N...`` skips grading: it
repeats a few real graded reports N times as compact records and measures rendering the
report and the tables in a fresh process, so the output side can be measured at 100,000
answers in minutes.

Answers are built from the rubric's own concept notes (the project's words) and this script's
sentence templates, shuffled per answer with a fixed seed. Each configuration runs
`mains-eval batch` end to end in a fresh process (start-up and model loading included) and
prints answers per second, the speed-up over one worker, and peak memory: the largest single
process (getrusage of the children) and the sampled total of the whole process tree.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from evaluator.rubric import load_rubric

if TYPE_CHECKING:
    import psutil  # imported where it is used: tests import make_answers without it

OPENINGS = [
    "India and Japan have built one of the steadiest partnerships in Asia.",
    "The relationship between New Delhi and Tokyo has widened from aid to security.",
    "Few bilateral ties in the region have grown as quietly and as steadily as this one.",
    "The two democracies share an interest in a stable and open Indo-Pacific.",
]
LINKS = [
    "In addition,",
    "Equally important,",
    "On a related note,",
    "Beyond this,",
    "At the same time,",
    "It is also worth noting that",
]
COMMENTS = [
    "This gives both governments a practical reason to keep meeting at a senior level.",
    "Such steps turn broad statements into work that officials can track.",
    "The pattern shows how trust has been built step by step over two decades.",
    "Critics argue that delivery has been slower than the announcements suggest.",
    "The benefit is felt most where security and economic goals overlap.",
    "Implementation, however, depends on funding and on bureaucratic follow-through.",
]
CHALLENGES = [
    "There are limits: trade is modest and several joint projects have run late.",
    "Differences over regional trade pacts and over Russia still need careful handling.",
    "Defence industrial cooperation has produced fewer contracts than hoped.",
]
CLOSINGS = [
    "In conclusion, the partnership has a sound base and needs steady delivery to match it.",
    "To conclude, regular dialogue should now be matched by concrete, time-bound projects.",
    "Overall, the two countries should convert shared intent into visible outcomes.",
]


COMMON_FIRST_WORDS = frozenset(
    ["The", "Both", "A", "An", "This", "These", "Their", "Its", "Ties", "Relations", "Trade"]
)


def _lower_first(text: str) -> str:
    # after a linking phrase, lower-case a common first word but never a name (India, Japan)
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in COMMON_FIRST_WORDS else text


def make_answers(notes: list[str], count: int, words: int = 250, seed: int = 7) -> list[str]:
    """`count` varied answers of about `words` words each."""
    rng = random.Random(seed)
    answers = []
    for _ in range(count):
        body: list[str] = []
        picked = rng.sample(notes, k=min(len(notes), 14))
        paragraphs = [rng.choice(OPENINGS)]
        paragraph: list[str] = []
        for note in picked:
            sentence = note if rng.random() < 0.5 else f"{rng.choice(LINKS)} {_lower_first(note)}"
            paragraph.append(sentence)
            if rng.random() < 0.4:
                paragraph.append(rng.choice(COMMENTS))
            if len(paragraph) >= 4:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
            body.append(sentence)
            if (
                sum(len(p.split()) for p in paragraphs) + len(" ".join(paragraph).split())
                > words - 40
            ):
                break
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        paragraphs.append(rng.choice(CHALLENGES))
        paragraphs.append(rng.choice(CLOSINGS))
        answers.append("\n\n".join(paragraphs))
    return answers


def _run_measured(command: list[str]) -> tuple[float, dict[str, int], int, float, str]:
    """Run a command; wall seconds, peak RSS (KiB) of every process of its tree (by role),
    peak RSS of the whole tree (KiB), CPU seconds of the whole tree, stderr."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stderr=subprocess.PIPE, text=True)\n"
        "sys.stderr.write(done.stderr)\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
        "sys.exit(done.returncode)\n"
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", wrapper, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    import psutil

    tree_peak = 0
    peaks: dict[int, int] = {}
    roles: dict[int, str] = {}
    watcher = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            members = watcher.children(recursive=True)
            total = 0
            for member in members:
                rss = _rss(member) // 1024
                total += rss
                peaks[member.pid] = max(peaks.get(member.pid, 0), rss)
                if member.pid not in roles:
                    roles[member.pid] = _role(member, len(roles))
            tree_peak = max(tree_peak, total)
        except psutil.Error:
            pass
        time.sleep(0.2)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"batch failed ({process.returncode}): {stderr}")
    _, cpu = stdout.strip().splitlines()[-1].split()
    by_role: dict[str, int] = {}
    for pid, peak in peaks.items():
        role = roles.get(pid, "other")
        if peak > 20 * 1024:  # skip short-lived helpers (resource tracker, semaphores)
            by_role[role] = max(by_role.get(role, 0), peak)
    return seconds, by_role, tree_peak, float(cpu), stderr


def _role(process: psutil.Process, seen: int) -> str:
    import psutil

    try:
        line = " ".join(process.cmdline())
    except psutil.Error:
        return f"process {seen}"
    if "-m evaluator" in line or "render_html_report" in line:
        return "parent"
    if "spawn" in line or "multiprocessing" in line:
        return f"worker {process.pid}"
    if "distributed" in line or "dask" in line:
        return f"dask {process.pid}"
    return f"other {process.pid}"


def _rss(process: psutil.Process) -> int:
    import psutil

    try:
        return int(process.memory_info().rss)
    except psutil.Error:
        return 0


def file_sizes(folder: Path) -> dict[str, int]:
    """Bytes of every output file below `folder`."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def chromium_open_seconds(report: Path) -> float | None:
    """Seconds from navigation until the report's table shows its first rows (None without
    Chromium)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=["--headless", "--no-sandbox"], headless=True
        )
        page = browser.new_context(offline=True).new_page()
        started = time.perf_counter()
        page.goto(report.as_uri())
        page.wait_for_selector("#results-table tbody tr")
        seconds = time.perf_counter() - started
        browser.close()
    return seconds


def _print_outputs(folder: Path, answers: int) -> None:
    sizes = file_sizes(folder)
    for name, size in sizes.items():
        per = ""
        if name.endswith("jsonl"):  # issue 18: at most 3 KB (3,072 bytes) per answer
            bytes_per = size / answers
            verdict = "met" if bytes_per <= 3072 else "MISSED"
            per = (
                f", {bytes_per / 1024:.2f} KiB per answer ({bytes_per:.0f} bytes, header"
                f" included; target at most 3 KB: {verdict})"
            )
        print(f"    {name}: {size / 1e6:.2f} MB{per}")
    opened = chromium_open_seconds(folder / "report.html")
    if opened is not None:
        print(f"    Chromium opened report.html in {opened:.2f} s")


def outputs_only(counts: list[int], rubric: str, question: str, notes: list[str]) -> None:
    """Repeat a few real reports as `count` compact records; render report and tables."""
    from evaluator.batch.compact import build_header, compact_record
    from evaluator.batch.core import grade_items
    from evaluator.batch.inputs import BatchItem

    loaded = load_rubric(rubric)
    seeds = make_answers(notes, 20, seed=11)
    graded = grade_items(
        [BatchItem(n, f"s{n}", "seed", question, t) for n, t in enumerate(seeds)], loaded
    )
    header = build_header(loaded, graded[0].report or {})
    lines = [compact_record(r, header) for r in graded]
    import json

    for count in counts:
        with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
            folder = Path(tmp)
            results = folder / "report.html.jsonl"
            with results.open("w", encoding="utf-8") as handle:
                handle.write(json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n")
                for n in range(count):
                    record = dict(lines[n % len(lines)], id=f"learner-{n:06d}")
                    handle.write(
                        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
                    )
            render = (
                "import sys; from evaluator.batch.report import render_html_report; "
                "from evaluator.batch.tables import export_tables; "
                "render_html_report(sys.argv[1], sys.argv[2]); "
                "export_tables(sys.argv[1], sys.argv[3])"
            )
            seconds, peaks, _, _, _ = _run_measured(
                [sys.executable, "-c", render, str(results), str(folder / "report.html"),
                 str(folder / "tables")]
            )  # fmt: skip
            peak = max(peaks.values()) if peaks else 0
            print(
                f"outputs of {count} answers (no grading): report and tables in {seconds:.1f} s, "
                f"peak RSS {peak / 1024:.0f} MiB"
            )
            _print_outputs(folder, count)


def main() -> None:
    """Generate the answers, run each worker count, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--answers", "--n", dest="n", type=int, default=2000, help="answers (default 2000)"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backend", choices=["local", "dask"], default="local")
    parser.add_argument("--rubric", default="india-japan")
    parser.add_argument("--question", default=None, help="default: the rubric's first question")
    parser.add_argument(
        "--outputs-only", type=int, nargs="+", metavar="N", help="no grading: outputs of N answers"
    )
    args = parser.parse_args()

    loaded = load_rubric(args.rubric)
    question = args.question or loaded.rubric.questions[0].id
    notes = [concept.note for _, concept in loaded.rubric.concepts()]
    load = os.getloadavg()
    machine = f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    if args.outputs_only:
        print(f"rubric {loaded.id} v{loaded.version}, question {question}; {machine}")
        outputs_only(args.outputs_only, args.rubric, question, notes)
        return
    answers = make_answers(notes, args.n)
    mean_words = sum(len(re.findall(r"\S+", a)) for a in answers) / len(answers)
    print(
        f"{args.n} answers, {mean_words:.0f} words on average; rubric {loaded.id} "
        f"v{loaded.version}, question {question}; backend {args.backend}; {machine}"
    )
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        table = Path(tmp) / "answers.csv"
        with table.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "answer"])
            writer.writerows((f"bench-{n:05d}", text) for n, text in enumerate(answers))
        rates: dict[int, float] = {}
        for workers in args.workers:
            folder = Path(tmp) / f"workers-{workers}"
            folder.mkdir()
            command = [
                sys.executable, "-m", "evaluator", "batch", str(table), "-r", args.rubric,
                "-q", question, "-o", str(folder / "report.html"), "--workers", str(workers),
                "--tables", str(folder / "tables"), "--backend", args.backend,
            ]  # fmt: skip
            seconds, peaks, tree, cpu, stderr = _run_measured(command)
            rates[workers] = args.n / seconds
            summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            memory = ", ".join(f"{role} {kib / 1024:.0f}" for role, kib in sorted(peaks.items()))
            print(
                f"workers={workers}: {seconds:6.1f} s wall, {rates[workers]:6.1f} answers/s "
                f"end to end; peak RSS (MiB) {memory}; {tree / 1024:.0f} MiB whole tree; "
                f"{cpu:.0f} CPU-s, {cpu / seconds:.2f} cores busy on average, "
                f"{1000 * cpu / args.n:.0f} CPU-ms per answer\n    {summary}"
            )
            _print_outputs(folder, args.n)
        if 1 in rates and len(rates) > 1:
            for workers, rate in rates.items():
                if workers != 1:
                    print(f"speed-up with {workers} workers: {rate / rates[1]:.2f}x")
    print(f"own peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
