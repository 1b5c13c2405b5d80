"""Batch throughput: N generated ~250-word answers graded with 1 and 2 workers.

    .venv/bin/python benchmarks/batch.py            # 2,000 answers, workers 1 and 2
    .venv/bin/python benchmarks/batch.py --n 400    # a quicker run on a busy machine

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

import psutil

from evaluator.rubric import load_rubric

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


def _run_measured(command: list[str]) -> tuple[float, int, int, float, str]:
    """Run a command; wall seconds, largest-process RSS (KiB), peak tree RSS (KiB), CPU seconds
    of the whole tree, stderr."""
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
    tree_peak = 0
    watcher = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            members = [watcher, *watcher.children(recursive=True)]
            tree_peak = max(tree_peak, sum(_rss(p) for p in members) // 1024)
        except psutil.Error:
            pass
        time.sleep(0.2)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"batch failed ({process.returncode}): {stderr}")
    largest, cpu = stdout.strip().splitlines()[-1].split()
    return seconds, int(largest), tree_peak, float(cpu), stderr


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.Error:
        return 0


def main() -> None:
    """Generate the answers, run each worker count, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="answers to grade (default 2000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rubric", default="india-japan")
    parser.add_argument("--question", default=None, help="default: the rubric's first question")
    args = parser.parse_args()

    loaded = load_rubric(args.rubric)
    question = args.question or loaded.rubric.questions[0].id
    notes = [concept.note for _, concept in loaded.rubric.concepts()]
    answers = make_answers(notes, args.n)
    mean_words = sum(len(re.findall(r"\S+", a)) for a in answers) / len(answers)
    load = os.getloadavg()
    print(
        f"{args.n} answers, {mean_words:.0f} words on average; rubric {loaded.id} "
        f"v{loaded.version}, question {question}; {os.cpu_count()} CPUs, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        table = Path(tmp) / "answers.csv"
        with table.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "answer"])
            writer.writerows((f"bench-{n:05d}", text) for n, text in enumerate(answers))
        rates: dict[int, float] = {}
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}.csv"
            command = [
                sys.executable, "-m", "evaluator", "batch", str(table), "-r", args.rubric,
                "-q", question, "-o", str(out), "--workers", str(workers),
            ]  # fmt: skip
            seconds, largest, tree, cpu, stderr = _run_measured(command)
            rates[workers] = args.n / seconds
            summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            print(
                f"workers={workers}: {seconds:6.1f} s wall, {rates[workers]:6.1f} answers/s "
                f"end to end; peak RSS {largest / 1024:.0f} MiB largest process, "
                f"{tree / 1024:.0f} MiB whole tree; {cpu:.0f} CPU-s, {cpu / seconds:.2f} cores "
                f"busy on average, {1000 * cpu / args.n:.0f} CPU-ms per answer\n    {summary}"
            )
        if 1 in rates and len(rates) > 1:
            for workers, rate in rates.items():
                if workers != 1:
                    print(f"speed-up with {workers} workers: {rate / rates[1]:.2f}x")
    print(f"own peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
