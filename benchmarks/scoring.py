"""Scoring throughput against the bare spaCy pipeline (issue: ratio >= 1.5, own code <= 15%).

Also reports the cost of ranking the next steps with their worth (issue 17: <= 20% of grading)
and of term matching, with the share of it the stem lookup form takes (issue 11).

Grades N answers of about 250 words built from the rubric's own concept notes, and passes the
same texts through the full en_core_web_sm pipeline with plain ``nlp.pipe``. Prints both
throughputs, their ratio, and the share of grading time spent in our own code: everything after
the pipeline, plus our ``line_break_sentences`` component, which runs inside it.

    python benchmarks/scoring.py [--n 200] [--corpus notes|answers] [--repeat 3] [--cpu]
                                 [--profile [N]]

``--profile`` also runs our own code once more under cProfile (the answers parsed once, only
``evaluate_doc`` profiled) and prints its N most costly functions by cumulative and by own time,
with call counts: robust to a busy machine where wall-clock numbers are not.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from pathlib import Path

from evaluator.nlp.pipeline import get_nlp, line_break_sentences, load_pipeline
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.scoring import evaluate_doc

ROOT = Path(__file__).resolve().parent.parent


def answer_sentences() -> list[str]:
    """Sentences of the answers the project wrote itself (test answers, tutor-graded answers,
    model answers): the wording of real answers, with their mix of cue words and prose."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/data/answers/*/*.md"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("rubrics/*/model-answers/*.md"))
    ]
    with (ROOT / "tests/data/graded/india-japan.csv").open(encoding="utf-8") as handle:
        texts += [row["answer"] for row in csv.DictReader(handle)]
    sentences = []
    for text in texts:
        for line in text.splitlines():
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) > 4]
    return sentences


def make_answers(
    loaded: LoadedRubric, n: int, words: int = 250, seed: int = 7, corpus: str = "notes"
) -> list[str]:
    """Deterministic answers of about `words` words, stitched from the rubric's concept notes
    (dense in cue words: the worst case for our code) or from sentences of our own answers."""
    rng = random.Random(seed)
    if corpus == "notes":
        notes = [c.note for _, c in loaded.rubric.concepts()]
    else:
        notes = answer_sentences()
    answers = []
    for _ in range(n):
        picked: list[str] = []
        count = 0
        while count < words:
            note = rng.choice(notes)
            picked.append(note)
            count += len(note.split())
        paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3)]
        answers.append("\n\n".join(paragraphs))
    return answers


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rubric", default="india-japan")
    parser.add_argument("--question", default="2plus2-significance")
    parser.add_argument(
        "--corpus",
        choices=["notes", "answers"],
        default="notes",
        help="stitch answers from concept notes (dense in cues) or from our written answers",
    )
    parser.add_argument(
        "--cpu", action="store_true", help="measure process CPU time instead of wall time"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="measure each part this many times, interleaved, and keep the fastest run (as "
        "timeit does: on a shared machine the slower runs measure the neighbours)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=25,
        default=0,
        metavar="N",
        help="also profile our own code (cProfile) and print its N most costly functions",
    )
    args = parser.parse_args()

    loaded = load_rubric(args.rubric)
    question = loaded.rubric.question(args.question)
    texts = make_answers(loaded, args.n, corpus=args.corpus)
    mean_words = sum(len(t.split()) for t in texts) / len(texts)

    full = load_pipeline(full=True)
    ours = get_nlp()
    # warm up both (model caches, rubric compilation)
    list(full.pipe(texts[:5]))
    for doc in ours.pipe(texts[:5]):
        evaluate_doc(doc, loaded, question, nlp=ours)

    # CPU time of this process: on a shared machine wall time also counts other programs
    clock = time.process_time if args.cpu else time.perf_counter
    bare = pipeline_time = own_time = component_time = float("inf")
    for _ in range(max(1, args.repeat)):
        start = clock()
        for _ in full.pipe(texts):
            pass
        bare = min(bare, clock() - start)

        start = clock()
        docs = list(ours.pipe(texts))
        pipeline_time = min(pipeline_time, clock() - start)
        start = clock()
        for doc in docs:
            evaluate_doc(doc, loaded, question, nlp=ours)
        own_time = min(own_time, clock() - start)

        # our pipeline component runs inside nlp.pipe: time it alone on tokenized answers, so
        # it counts as our code, not as spaCy's
        tokenized = list(ours.tokenizer.pipe(texts))
        start = clock()
        for doc in tokenized:
            line_break_sentences(doc)
        component_time = min(component_time, clock() - start)
    graded = pipeline_time + own_time
    spacy_time = pipeline_time - component_time
    ours_total = own_time + component_time

    print(f"answers: {len(texts)} of {mean_words:.0f} words on average, from {args.corpus}")
    print(
        f"clock: {'process CPU time' if args.cpu else 'wall time'}, "
        f"fastest of {max(1, args.repeat)} runs"
    )
    print(f"bare nlp.pipe, full en_core_web_sm : {len(texts) / bare:8.1f} answers/s ({bare:.2f} s)")
    print(
        f"mains-eval grading (pipeline + ours): {len(texts) / graded:8.1f} answers/s "
        f"({graded:.2f} s = {spacy_time:.2f} s spaCy + {ours_total:.2f} s own code)"
    )
    print(
        f"  own code: {own_time:.2f} s scoring + {component_time:.3f} s line_break_sentences "
        "(our component inside the pipeline)"
    )
    print(f"ratio grading / bare pipeline       : {bare / graded:8.2f}  (target >= 1.5)")
    print(f"own code share of grading time      : {ours_total / graded:8.1%}  (target <= 15%)")
    print(f"own code per answer                 : {ours_total / len(texts) * 1000:8.2f} ms")
    steps_time = next_steps_time(docs, loaded, question, ours, clock, max(1, args.repeat))
    print(
        f"ranked next steps + comment         : {steps_time / len(texts) * 1000:8.2f} ms/answer, "
        f"{steps_time / graded:.1%} of grading time  (target <= 20%)"
    )
    matching, stems = matching_time(docs, loaded, ours, clock, max(1, args.repeat))
    print(
        f"term matching (find_terms)          : {matching / len(texts) * 1000:8.2f} ms/answer, "
        f"{matching / graded:.1%} of grading time; the stem form (issue 11) "
        f"{stems / len(texts) * 1000:.2f} ms of it"
    )
    if args.profile:
        profile_own_code(docs, loaded, question, ours, args.profile)


def profile_own_code(docs, loaded, question, nlp, top: int) -> None:  # type: ignore[no-untyped-def]
    """Profile ``evaluate_doc`` over already parsed answers and print the costliest functions."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        evaluate_doc(doc, loaded, question, nlp=nlp)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"\nprofile of our own code over {len(docs)} parsed answers (cProfile adds overhead):")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def matching_time(docs, loaded, nlp, clock, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Time of finding every rubric term in every answer (``find_terms``), and how much of it
    the stem lookup form costs: the same search with the stem index left out, interleaved."""
    import dataclasses

    from evaluator.scoring.checks.matching import compile_rubric, find_terms
    from evaluator.scoring.checks.negation import negation_scopes

    compiled = compile_rubric(loaded, nlp)
    lower, lemma, caps, _stem = compiled.tries
    # a fresh forms cache: a token's 'begins a term' flag depends on the stem index
    no_stems = dataclasses.replace(compiled, tries=(lower, lemma, caps, {}), forms_of={})
    negated = [negation_scopes(doc) for doc in docs]
    for rubric in (compiled, no_stems):  # warm both forms caches
        for doc, scopes in zip(docs, negated, strict=True):
            find_terms(doc, rubric, scopes)
    best = {id(compiled): float("inf"), id(no_stems): float("inf")}
    for _ in range(repeat):
        for rubric in (compiled, no_stems):
            start = clock()
            for doc, scopes in zip(docs, negated, strict=True):
                find_terms(doc, rubric, scopes)
            best[id(rubric)] = min(best[id(rubric)], clock() - start)
    with_stems = best[id(compiled)]
    return with_stems, max(0.0, with_stems - best[id(no_stems)])


def next_steps_time(docs, loaded, question, nlp, clock, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Time of ranking the next steps (and writing the comment) for every answer: the feedback
    inputs are recorded while grading, then the ranking alone is timed on them."""
    from evaluator.scoring import engine, feedback

    recorded = []
    real = engine.build_feedback

    def recording(inputs, dimensions, facts, *more, **options):  # type: ignore[no-untyped-def]
        # the engine's further arguments (the marks, the wrong sentences, ...) pass through
        recorded.append((inputs, dimensions, facts))
        return real(inputs, dimensions, facts, *more, **options)

    engine.build_feedback = recording
    try:
        for doc in docs:
            evaluate_doc(doc, loaded, question, nlp=nlp)
    finally:
        engine.build_feedback = real
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        for inputs, dimensions, facts in recorded:
            steps, _more = feedback.rank_next_steps(inputs, dimensions, facts)
            concepts, structure = inputs.concepts, inputs.structure
            directive = inputs.question.directive
            feedback.examiner_comment(concepts, dimensions, structure, steps, directive)
        best = min(best, clock() - start)
    return best


if __name__ == "__main__":
    main()
