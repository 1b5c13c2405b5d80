"""Hostile answers against the grader (issue 14): the time each takes and the worst case.

Every answer is about 12,000 characters (or the size that makes it hostile) and goes through
``evaluate`` the way every face does (CLI, batch, web form and API all call it). The input
boundary (``evaluator.scoring.inputs``) cuts punctuation runs and overlong stretches and refuses
answers past MAX_ANSWER_TOKENS, so no answer reaches the quadratic tokenizer path that took
30 s. tests/test_hostile_inputs.py runs the same corpus and asserts a generous multiple of
BOUND_SECONDS.

    python benchmarks/hostile.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "2plus2-significance"
SIZE = 12_000

BOUND_SECONDS = 1.0
"""The stated bound for one answer of up to 12,000 characters on a developer machine
(docs/deployment.md, "Limits"); the worst case measured here is well under it."""


def _fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile_texts() -> dict[str, str]:
    """Name -> answer text: each a way an answer has been (or could be) hostile."""
    strong = (ROOT / "tests/data/answers/2plus2-significance/strong.md").read_text("utf-8")
    return {
        "empty": "",
        "whitespace": " \n\t " * 50,
        "punctuation-run": ".,;!?" * 2400,  # the request: 30 s before
        "parenthesis-run": "(" * SIZE,
        "quote-run": "'" * SIZE,
        "emoji-run": "\U0001f600" * (SIZE // 2),
        "replacement-run": "\ufffd" * SIZE,
        "letters-one-token": "a" * SIZE,
        "hyphenated-one-token": _fill("a-"),
        "url-like": "https://example.org/" + _fill("ab/", SIZE - 20),
        "punctuation-and-spaces": _fill("! "),  # refused: too many marks
        "one-letter-words": _fill("a "),  # refused: too many words
        "dense-under-limit": _fill("aaa- ", 9_500),  # just under MAX_ANSWER_TOKENS
        "negations-run-on": _fill("not x-y ", 7_900),  # one clause walk per negation, split words
        "neither-nor-run-on": _fill("neither India nor Japan nor ", 7_900),
        "capitals-run-on": _fill("THE QUAD IS NOT AN ALLIANCE ", 7_900),
        # a value per few words, each near several fact cues: every value had searched the whole
        # text before it for a list bullet (30 s at 3,000 words)
        "figures-dense": _fill(
            "In 1931 the ACSA, CEPA, SSGP and JIMEX were 31 percent and US$ 31 billion. ", 15_000
        ),
        "english-12k": _fill(strong + "\n\n"),
        "english-at-token-limit": _fill(strong + "\n\n", 19_000),  # the longest answer accepted
        "strong-plus-punctuation": strong + "\n" + ".,;!?" * 2000,
        "lone-surrogates": "India \ud800 Japan \udfff 2+2 " + strong,
        "html-and-templates": "<script>alert(1)</script> {{ 7*7 }} {% raw %} ${x} "
        + strong
        + " <img src=x onerror=alert(1)>",
        "hindi": _fill("भारत और जापान के संबंध "),
        "mixed-scripts": _fill("India 日本 भारत Япония "),
        "control-characters": "India\x01\x02\x03 Japan\x7f " + strong,
        "nul": "India \x00 Japan",
        "over-length": "Quad " * 20_001,
    }


def main() -> None:
    """Time every hostile answer and print the worst case against BOUND_SECONDS."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per answer (best is kept)")
    args = parser.parse_args()

    from evaluator.errors import InputError
    from evaluator.rubric import load_rubric
    from evaluator.rubric.loader import default_rubrics_dir
    from evaluator.scoring import evaluate

    loaded = load_rubric(default_rubrics_dir() / "india-japan")
    evaluate("India and Japan hold a 2+2 dialogue.", loaded, QUESTION)  # load the pipeline
    worst = ("", 0.0)
    print(f"{'answer':<26} {'chars':>7} {'seconds':>8}  outcome")
    for name, text in hostile_texts().items():
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            try:
                report = evaluate(text, loaded, QUESTION)
                outcome = f"graded {report.marks:g}: {', '.join(report.advisory_codes()) or '-'}"
            except InputError as exc:
                outcome = f"refused: {exc.message[:60]}"
            best = min(best, time.perf_counter() - started)
        worst = max(worst, (name, best), key=lambda pair: pair[1])
        print(f"{name:<26} {len(text):>7,} {best:>8.3f}  {outcome}")
    print(f"\nworst case: {worst[0]} {worst[1]:.3f} s (bound {BOUND_SECONDS:.1f} s)")


if __name__ == "__main__":
    main()
