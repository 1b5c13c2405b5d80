"""Web API latency under concurrent load, against the in-process grading time.

Starts `mains-eval serve` as a subprocess (gunicorn sync workers when --workers > 1), sends POST
/api/v1/evaluate requests with distinct answers: first one client at a time (the cost of HTTP,
JSON and the server on top of grading), then from several concurrent clients. Prints p50/p95
latency, errors and 5xx responses, throughput, and the ratio of p50 to the median in-process
`evaluate()` time of the same answers.

    .venv/bin/python benchmarks/web.py                      # 500 requests, 8 clients
    .venv/bin/python benchmarks/web.py --requests 100 --workers 1
    .venv/bin/python benchmarks/web.py --database-url postgresql+psycopg://user@host/db
    .venv/bin/python benchmarks/web.py --temporary-postgres  # a throw-away local cluster

Reading the ratio: a server with W workers that each score one answer at a time, fed by C
clients that each wait for their answer before sending the next, keeps about C/W requests queued
per worker, so p50 under load is about (C/W) x the grading time no matter how fast the code is
(Little's law). With 8 clients on a 2-core machine the concurrent ratio cannot approach 1; the
sequential ratio (each request alternated with an in-process grade of the same answer, so both
see the same background load) is the one that measures the web layer's own overhead.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "2plus2-significance"
RUBRIC = "india-japan"
TARGET = 1.3
"""The bound of both web targets: the one-client ratio, and the 8-client p50 over the floor."""

# Fragments in the project's own words; each answer takes a different combination.
OPENINGS = [
    "The 2+2 dialogue puts the foreign and defence ministers of India and Japan at one table.",
    "India holds ministerial 2+2 talks with only a few close partners, and Japan is one of them.",
    "The India–Japan 2+2 is a sign of how far the partnership has come since 2000.",
    "Ministers of foreign affairs and defence from both countries meet together in the 2+2.",
]
POINTS = [
    "Relations were raised to a Special Strategic and Global Partnership in 2014.",
    "Both are Quad partners working for a free and open Indo-Pacific.",
    "Naval exercises such as JIMEX have grown in scale and frequency.",
    "The Comprehensive Economic Partnership Agreement has applied since 2011.",
    "Japan is among the largest sources of foreign direct investment in India.",
    "The Mumbai–Ahmedabad high-speed rail line is built with Japanese loans.",
    "An Acquisition and Cross-Servicing Agreement lets the two forces share supplies.",
    "Defence equipment and technology cooperation is still small compared with its promise.",
    "Trade between the two remains modest for economies of their size.",
    "Both sides back ASEAN centrality and a rules-based order at sea.",
    "Japan's newer security strategy widens the room for defence ties with India.",
    "The Act East policy meets Japan's plans for connectivity in the Northeast.",
]
CLOSINGS = [
    "In conclusion, the dialogue turns shared interests into regular, concrete cooperation.",
    "The way forward is co-development of defence technology and deeper trade.",
    "Overall, the 2+2 gives the partnership a steady channel for strategy and security.",
]


def make_answers(count: int) -> list[str]:
    """Distinct answers of about 120-200 words, deterministic for a given count."""
    answers = []
    for index in range(count):
        chosen = [p for bit, p in enumerate(POINTS) if (index * 2654435761 >> bit) & 1]
        chosen = chosen or POINTS[:3]
        body = "\n".join(f"- {p}" for p in chosen)
        answers.append(
            f"{OPENINGS[index % len(OPENINGS)]}\n\n{body}\n\n"
            f"{CLOSINGS[index % len(CLOSINGS)]} (practice answer {index + 1})"
        )
    return answers


def percentile(values: list[float], share: float) -> float:
    """The value at a share (0-1) of the sorted list (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _verdict(ratio: float) -> str:
    return "met" if ratio <= TARGET else "missed"


def process_tree_cpu(root: int) -> float | None:
    """CPU seconds (user + system) used so far by a process and its children, from /proc (None
    elsewhere). Unlike latency, CPU per request hardly moves with other work on the machine."""
    proc = Path("/proc")
    if not (proc / str(root) / "stat").exists():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(stat.parent.name) == root or int(fields[1]) == root:  # fields[1]: parent pid
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def in_process_times(
    answers: list[str], warm: bool = True
) -> tuple[list[float], list[float], float]:
    """Seconds per evaluate() call in this process after a warm-up, per evaluate() plus
    Report.to_dict() (the work `mains-eval grade --json` does before printing), and the mean CPU
    seconds of the latter."""
    from evaluator.rubric import load_rubric
    from evaluator.scoring import evaluate

    loaded = load_rubric(RUBRIC)
    for answer in answers[:5] if warm else []:
        evaluate(answer, loaded, QUESTION)
    times, with_dict = [], []
    cpu_started = time.process_time()
    for answer in answers:
        started = time.perf_counter()
        report = evaluate(answer, loaded, QUESTION)
        graded = time.perf_counter()
        report.to_dict()
        times.append(graded - started)
        with_dict.append(time.perf_counter() - started)
    return times, with_dict, (time.process_time() - cpu_started) / len(answers)


def start_server(
    workers: int, threads: int, instance: str, database_url: str | None = None
) -> tuple[subprocess.Popen[str], int]:
    """`mains-eval serve` on a free port; returns once every worker is ready."""
    env = {**os.environ, "MAINS_EVAL_INSTANCE": instance}
    # the API's rate limit (120 a minute per address) would answer most of this load with 429s:
    # the benchmark measures grading through the server, so it lifts the limit (the limiter and its
    # shared counters still run on every request)
    env["MAINS_EVAL_API_RATE_LIMIT"] = "1000000 per minute"
    env.pop("DATABASE_URL", None)
    if database_url:  # an empty database gets the schema on start; an older one is refused
        env["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "webapp", "serve", "--port", "0"]
    command += ["--workers", str(workers), "--threads", str(threads)]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert server.stdout is not None
    first = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)", first)
    if not match:
        server.kill()
        raise SystemExit(f"server did not start: {first}{server.stdout.read()}")
    ready = 0
    while ready < workers:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("server exited before it was ready")
        ready += "ready" in line
    # keep draining the server's output so its pipe never fills up
    threading.Thread(target=server.stdout.read, daemon=True).start()
    return server, int(match.group(1))


def run_clients(
    port: int, answers: list[str], clients: int
) -> tuple[list[float], list[int], float]:
    """Send every answer once from `clients` threads; latencies (s), statuses, wall time (s)."""
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    queue = list(enumerate(answers))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while True:
            with lock:
                if not queue:
                    break
                _, answer = queue.pop()
            body = json.dumps({"rubric": RUBRIC, "question_id": QUESTION, "answer": answer})
            started = time.perf_counter()
            try:
                connection.request(
                    "POST", "/api/v1/evaluate", body, {"Content-Type": "application/json"}
                )
                response = connection.getresponse()
                payload = response.read()
                status = response.status
                if status == 200 and b'"marks"' not in payload:
                    status = -2  # a 200 without a report is an error too
            except (OSError, http.client.HTTPException):
                status = -1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - started


def main() -> int:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--sequential", type=int, default=50, help="one-client requests first")
    parser.add_argument(
        "--database-url",
        help="the server's database (default: SQLite in a temporary instance folder)",
    )
    parser.add_argument(
        "--temporary-postgres",
        action="store_true",
        help="start a throw-away PostgreSQL cluster (the tests' tests/web/pg_cluster.py: fsync "
        "and synchronous commit off) and use it as the server's database",
    )
    args = parser.parse_args()
    args.database_pid = None
    if not args.temporary_postgres:
        return run(args)
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from pg_cluster import PostgresCluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
    with PostgresCluster(bindir) as cluster:
        args.database_url = cluster.url(cluster.create_database())
        # the postmaster: its children are the backends that serve the app's connections
        args.database_pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
        return run(args)


def run(args: argparse.Namespace) -> int:
    """Grade in-process, start the server, send the requests; print the numbers."""
    # a snapshot of the rubrics: the server and the in-process run grade against the same files
    # even if someone edits rubrics/ meanwhile
    snapshot = tempfile.mkdtemp(prefix="mains-eval-bench-rubrics-")
    from evaluator.rubric import default_rubrics_dir

    shutil.copytree(default_rubrics_dir(), snapshot, dirs_exist_ok=True)
    os.environ["MAINS_EVAL_RUBRICS"] = snapshot

    answers = make_answers(args.requests + args.sequential)
    assert len(set(answers)) == len(answers)
    concurrent_answers, sequential_answers = answers[: args.requests], answers[args.requests :]
    answers = concurrent_answers

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    shown = args.database_url.split("@")[-1] if args.database_url else "SQLite (temporary)"
    print(f"database: {shown}")
    print(f"in-process: grading the same {len(answers)} answers with evaluate() ...", flush=True)
    inproc, inproc_dict, inproc_cpu = in_process_times(answers)
    inproc_p50 = statistics.median(inproc)
    dict_p50 = statistics.median(inproc_dict)
    print(
        f"  evaluate(): median {inproc_p50 * 1000:.1f} ms, p95 "
        f"{percentile(inproc, 0.95) * 1000:.1f} ms; evaluate() + to_dict() (as grade --json): "
        f"median {dict_p50 * 1000:.1f} ms"
    )

    with tempfile.TemporaryDirectory(prefix="mains-eval-bench-") as instance:
        server, port = start_server(args.workers, args.threads, instance, args.database_url)
        try:
            run_clients(port, make_answers(10), 1)  # warm connections and caches
            seq_ratio = None
            if args.sequential:
                # one HTTP request, then the same answer in-process, alternately: both see the
                # same load from whatever else the machine is doing
                seq, seq_status, local = [], [], []
                for answer in sequential_answers:
                    one, one_status, _ = run_clients(port, [answer], 1)
                    seq += one
                    seq_status += one_status
                    times, with_dict, _ = in_process_times([answer], warm=False)
                    local.append((times[0], with_dict[0]))
                seq_p50 = statistics.median(seq)
                inproc_seq = statistics.median(t for t, _ in local)
                dict_seq = statistics.median(d for _, d in local)
                seq_ratio = seq_p50 / inproc_seq
                print(
                    f"sequential: {len(seq)} requests, 1 client: p50 {seq_p50 * 1000:.1f} ms, "
                    f"p95 {percentile(seq, 0.95) * 1000:.1f} ms, "
                    f"errors {sum(s != 200 for s in seq_status)}; "
                    f"ratio p50 / in-process {seq_ratio:.2f} "
                    f"(/ with to_dict {seq_p50 / dict_seq:.2f})"
                )
            server_cpu = process_tree_cpu(server.pid)
            database_cpu = process_tree_cpu(args.database_pid) if args.database_pid else None
            lat, status, wall = run_clients(port, concurrent_answers, args.clients)
            if server_cpu is not None:
                server_cpu = (process_tree_cpu(server.pid) or 0.0) - server_cpu
            if database_cpu is not None:
                database_cpu = (process_tree_cpu(args.database_pid) or 0.0) - database_cpu
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)

    shutil.rmtree(snapshot, ignore_errors=True)
    p50, p95 = statistics.median(lat), percentile(lat, 0.95)
    errors = sum(s != 200 for s in status)
    fives = sum(500 <= s < 600 for s in status)
    parallel = min(args.workers, os.cpu_count() or 1)
    print(
        f"concurrent: {len(lat)} requests, {args.clients} clients, {args.workers} worker(s) x "
        f"{args.threads} threads: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {max(lat) * 1000:.1f} ms"
    )
    print(f"  errors {errors} (5xx: {fives}), throughput {len(lat) / wall:.1f} req/s")
    print(
        f"  ratio p50 / in-process median: {p50 / inproc_p50:.2f} "
        f"(/ with to_dict {p50 / dict_p50:.2f}; no target: see the floor)"
    )
    floor_ratio = p50 / inproc_p50 / (args.clients / parallel)
    print(
        f"  queueing floor: {args.clients} clients on {parallel} parallel scorer(s) -> about "
        f"{args.clients / parallel:.1f}x the grading time; measured/floor {floor_ratio:.2f}"
    )
    if server_cpu is not None:
        per_request = server_cpu / len(lat)
        print(
            f"  server CPU per request {per_request * 1000:.1f} ms, in-process CPU per "
            f"evaluate() + to_dict() {inproc_cpu * 1000:.1f} ms: ratio "
            f"{per_request / inproc_cpu:.2f} (what the floor ratio tends to on an idle machine)"
        )
    if database_cpu is not None:  # --temporary-postgres: the cluster's processes
        print(f"  database server CPU per request {database_cpu / len(lat) * 1000:.2f} ms")
    # the issue-15 targets, with the load that may have moved them (both are ratios to grading
    # in this process, so background load moves them less than the absolute times)
    targets = [f"8-client p50 / queueing floor {floor_ratio:.3f} ({_verdict(floor_ratio)})"]
    if seq_ratio is not None:
        targets.insert(0, f"1-client ratio {seq_ratio:.3f} ({_verdict(seq_ratio)})")
    print(f"targets (each <= {TARGET}): {'; '.join(targets)}")
    print(f"machine: load average {os.getloadavg()[0]:.2f} at the end")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
