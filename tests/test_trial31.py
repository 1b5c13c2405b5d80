"""Session 31: fixes found by earlier trials that were left open then. The answers are our own."""

from __future__ import annotations

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

BODY = "\n\n".join(
    [
        "India and Japan began a 2+2 ministerial dialogue in 2019, bringing their foreign and "
        "defence ministers to one table. It signals deep strategic trust.",
        "The dialogue has produced the ACSA logistics pact, regular JIMEX naval exercises and "
        "talks on defence technology. Both countries back a free and open Indo-Pacific and work "
        "together in the Quad.",
        "There are challenges too: trade remains small despite CEPA, and defence equipment deals "
        "have been slow.",
    ]
)

CLOSE = (
    "\n\n{heading}\nBoth sides can expand co-production of defence equipment and link the Act "
    "East policy with Japanese infrastructure finance in the North East.\n"
)


def test_a_closing_heading_that_asks_what_can_be_done_is_a_conclusion(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 30b: an answer that ended under "What can be done" was told to "End with a
    separate conclusion"."""
    for heading in ("What can be done", "What needs to be done:", "Suggestions"):
        text = BODY + CLOSE.format(heading=heading)
        structure = evaluate(text, india_japan, "2plus2-significance", nlp=nlp).structure
        assert structure.has_conclusion, heading
        assert not any("separate conclusion" in line for line in structure.feedback), heading
    # the same words opening the answer are no close
    opening = "What can be done about China is the question behind the 2+2.\n\n" + BODY
    structure = evaluate(opening, india_japan, "2plus2-significance", nlp=nlp).structure
    assert not structure.has_conclusion


def test_a_fact_completes_a_point_only_when_the_answer_names_the_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 30b: "Japan became a permanent member in 2015" earned the Malabar point through the
    year of Malabar's fact, though it names no exercise (it could be any body's membership)."""

    def status(text: str) -> str:
        report = evaluate(
            "India and Japan are close partners. " + text, india_japan, "indo-pacific-quad", nlp=nlp
        )
        return {c.id: c.status for c in report.concepts}.get("malabar", "missing")

    assert status("Japan became a permanent member in 2015.") == "missing"
    assert status("Japan became a permanent member of Malabar in 2015.") == "covered"
    # a fact whose cue names its point still completes it ("trade" is the trade point's cue)
    report = evaluate(
        "India and Japan are close partners. Their bilateral trade is about 22 billion dollars.",
        india_japan,
        "pyq-2013-economic",
        nlp=nlp,
    )
    trade = {c.id: c for c in report.concepts}["trade-volume"]
    assert trade.status == "covered" and trade.reason.startswith("its fact stated right"), trade


def test_a_compact_many_pairs_sign_is_the_pair_named_for_it(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 30c: India-Australia and India-Korea sentences earned the India-Japan CEPA point,
    since its alias 'CEPA' was never checked for the partners named with it."""

    def cepa(text: str) -> str:
        report = evaluate(
            "India and Japan are close partners. " + text, india_japan, "pyq-2013-economic", nlp=nlp
        )
        return {c.id: c.status for c in report.concepts}["cepa-2011"]

    for other in (
        "India and South Korea signed a CEPA in 2009.",
        "India signed a CEPA with South Korea in 2009.",
        "The India-Korea CEPA came into force in 2010.",
        "India and the UAE signed a Comprehensive Economic Partnership Agreement in 2022.",
    ):
        assert cepa(other) == "missing", other
    for ours in (
        "India and Japan signed a CEPA in 2011.",
        "The CEPA came into force in 2011.",
        "Review CEPA to cut the trade deficit.",  # an imperative's verb is no partner
        # a compact named with the subject's partner is the subject's, beside another partner
        "India has a free trade agreement with Japan and ASEAN.",
        "India has a CEPA with Japan and a CECA with Singapore.",
    ):
        assert cepa(ours) == "covered", ours
