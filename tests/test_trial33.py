"""Session 33: what probe s33 and the session's trials found, as sentences a learner would
write. The sentences are our own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from probe_support import assert_never_called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.cli import main
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.engine import evaluate

TRUE_SENTENCES = [
    # another country's membership denied takes the grouping as given (engine 0.9.171)
    ("act-east-foip-northeast", "Bangladesh is not a member of the Act East Forum."),
    ("economic-security-supply-chains", "The United States is not part of the SCRI."),
    ("economic-security-supply-chains", "China is not a member of the SCRI."),
    ("pyq-2013-economic", "South Korea is not a party to the India-Japan CEPA."),
    # a compact 'among' other parties is theirs (engine 0.9.172)
    ("pyq-2013-economic", "There is no free trade agreement among the four Quad countries."),
    # a claim a noun holds and the sentence refutes is not the writer's (engine 0.9.173)
    ("economic-security-supply-chains", "The claim that the SCRI was launched in 2019 is wrong."),
    ("economic-security-supply-chains", "Claims that the SCRI was launched in 2019 are incorrect."),
    ("pyq-2013-economic", "The idea that CEPA was signed in 2008 is a myth."),
    # a name others give, then refuted (engine 0.9.179)
    (
        "pyq-2013-economic",
        "Japan is sometimes called India's biggest investor; in reality it is fifth.",
    ),
    # what a thing will not do denies the deed, not the thing (engine 0.9.177)
    ("japan-development-partner", "The bullet train will not use Chinese technology."),
]


@pytest.mark.parametrize(
    ("question", "text"), TRUE_SENTENCES, ids=[t[:40] for _, t in TRUE_SENTENCES]
)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


def test_what_a_thing_will_not_be_still_denies_it(india_japan: LoadedRubric, nlp: Language) -> None:
    for text in ("The bullet train will not be built.", "Japan will not fund the bullet train."):
        report = _report(india_japan, nlp, "japan-development-partner", text)
        assert next(c for c in report.concepts if c.id == "bullet-train").status == "negated"


def test_the_topics_own_country_denied_a_place_is_still_a_denial(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(india_japan, nlp, "indo-pacific-quad", "Japan is not a member of the Quad.")
    assert "negated" in {c.status for c in report.concepts}


FALSE_SENTENCES = [
    ("pyq-2013-economic", "Japan is often called India's top investor.", "fdi-rank"),
    # a meeting's place when the parser makes "2+2" a number of 'ministerial' (engine 0.9.175),
    # and "3rd" (rubric 1.7.84)
    ("2plus2-significance", "The third 2+2 ministerial was held at Tokyo.", "third-meeting-place"),
    ("2plus2-significance", "The 3rd India-Japan 2+2 was held in Tokyo.", "third-meeting-place"),
    # a year the parser hangs on "the first time" dates the clause's event (engine 0.9.174)
    (
        "defence-cooperation",
        "Veer Guardian was held for the first time in 2019.",
        "veer-guardian-year",
    ),
    # the same claims held by a noun and left standing
    (
        "economic-security-supply-chains",
        "The claim that the SCRI was launched in 2019 is true.",
        "scri-year",
    ),
    (
        "pyq-2013-economic",
        "The idea that CEPA was signed in 2008 is right, but trade is small.",
        "cepa-year",
    ),
    # the parser reads 'sanction' as a noun with a subject and an object: still a verb's claim
    (
        "indo-pacific-quad",
        "Both India and Japan sanction Russia over Ukraine.",
        "india-no-russia-sanctions",
    ),
]


@pytest.mark.parametrize(
    ("question", "text", "fact"), FALSE_SENTENCES, ids=[t[:40] for _, t, _ in FALSE_SENTENCES]
)
def test_a_wrong_claim_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    found = next(f for f in report.facts if f.id == fact)
    assert found.status == "contradicted"
    assert next(c for c in report.concepts if c.id == found.concept).credit == 0


WATER_NOTES = """# Inter-State river water disputes in India

## The constitutional scheme
Water is a State subject under Entry 17 of the State List, but the regulation of inter-State
rivers falls under Entry 56 of the Union List. Article 262 lets Parliament provide for the
adjudication of disputes over inter-State rivers and bar the courts from hearing them. The
Inter-State River Water Disputes Act of 1956 sets up tribunals when a State asks for one.

## Tribunals and their delays
Tribunals have taken decades. The Cauvery tribunal was set up in 1990 and gave its final award in
2007; the award was notified only in 2013, and the Supreme Court modified the shares in 2018. The
Mahadayi tribunal, shared by Goa, Karnataka and Maharashtra, gave its award in 2018. Riparian
States often refuse to accept an award, and the Act has no means to enforce one.

## Reform
A bill of 2019 would replace the separate tribunals with one permanent tribunal working in
benches, with a committee to settle disputes by negotiation first and strict time limits. A
national data agency would keep the river basin data that States now dispute.
"""


def test_a_capitalised_kind_of_thing_in_the_title_is_no_subject_name(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 33: the subject of "Inter-State river water disputes" was 'inter' and 'state', so an
    # answer on the Cauvery and Mahadayi awards that never wrote "State" was capped at 10% as off
    # topic ("it names Inter or State 0 times ... 89% of its content words belong to the topic")
    loaded = draft(WATER_NOTES)
    assert not {"inter", "state"} & set(subject_names(loaded))
    answer = (
        "Article 262 of the Constitution lets Parliament keep the courts out of river water "
        "disputes, and the 1956 Act sets up tribunals to decide them. The tribunals have been slow "
        "and their awards are hard to enforce. The Cauvery tribunal, set up in 1990, gave its "
        "final award in 2007, but it was notified only in 2013 and the Supreme Court changed the "
        "shares in 2018. The Mahadayi award of 2018 has not ended the quarrel between Goa and "
        "Karnataka. The 2019 bill would create one permanent tribunal with benches, fixed time "
        "limits and a committee that negotiates first, and a data agency would settle the "
        "quarrels over how much water each river carries. Together these would make awards "
        "faster and harder to ignore."
    )
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    assert "off_topic" not in report.advisory_codes()


DATED_NOTES = """# River water tribunals

## Delays
Tribunals take too long: the Ravi-Beas tribunal's report of 1987 has still not been acted upon.
The Ravi-Beas tribunal itself was formed in 1986 for Punjab, Haryana and Rajasthan.
Karnataka defied the Cauvery interim order of 1991, and awards are not enforced.
The Cauvery tribunal was formed in 1990 after a long wait by Tamil Nadu.

## Reform
The River Water Disputes (Amendment) Bill, 2019 was passed by the Lok Sabha in July 2019 but
has not been passed by the Rajya Sabha. It would set up one permanent tribunal with benches.
"""


def test_a_derived_year_fact_holds_an_answer_only_to_a_date_the_notes_give_once(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 33: facts cued by "Ravi-Beas" (1987) and "Cauvery" (1991) called the notes' own
    # 1986 and 1990 wrong, and a fact cued by "Bill" (2019, the year in the bill's name) was
    # 'stated right' by every answer naming the 2019 bill, which earned the point about who
    # passed it
    loaded = draft(DATED_NOTES)
    cued = {cue.lower() for fact in loaded.rubric.facts for cue in fact.cues}
    assert not {"ravi-beas", "cauvery", "bill"} & cued
    answer = (
        "The Ravi-Beas tribunal was set up in 1986 and the Cauvery tribunal in 1990, yet both "
        "disputes dragged on. The 2019 bill was passed by both Houses and is now law."
    )
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    assert [f.id for f in report.facts if f.status == "contradicted"] == []
    # (session 38: "Cauvery" narrowed to the noun it modifies dates one thing, the tribunal, and
    # the answer's 1990 is right of it; nothing of the bill's 2019 is supported)
    supported = [f for f in report.facts if f.status == "supported"]
    assert [f.expected for f in supported] == ["1990"]
    (tribunal,) = [f for f in loaded.rubric.facts if f.id == supported[0].id]
    assert tribunal.cues == ["Cauvery tribunal"]


def test_a_name_the_notes_write_only_in_a_denial_is_not_the_point(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 33: "passed by the Lok Sabha but has not been passed by the Rajya Sabha" drafted both
    # houses as the point's names, so an answer's true "not yet passed by the Rajya Sabha" was
    # read as denying the point and told to restate it
    loaded = draft(DATED_NOTES)
    aliases = {a for _, c in loaded.rubric.concepts() for a in c.aliases}
    # (session 49: nor the house that did pass it, a body any answer names on any point)
    assert not {"Lok Sabha", "Rajya Sabha"} & aliases
    report = evaluate(
        "The bill has not yet been passed by the Rajya Sabha, so the old tribunals remain.",
        loaded,
        loaded.rubric.questions[0].id,
        nlp=nlp,
    )
    assert [c.id for c in report.concepts if c.status == "negated"] == []


def test_a_step_that_quotes_its_note_is_not_followed_by_the_same_note(
    tmp_path: Path, draft: Callable[[str], LoadedRubric]
) -> None:
    # trial 33: a derived point is labelled by its note cut short, so every step read "Add “The
    # Cauvery tribunal was formed in 1990 after a long…”" and then "Source notes: The Cauvery
    # tribunal was formed in 1990 after a long wait by Tamil Nadu."
    loaded = draft(DATED_NOTES)
    answer = tmp_path / "answer.txt"
    answer.write_text("Tribunals decide river disputes, but slowly.", encoding="utf-8")
    done = CliRunner().invoke(main, ["grade", str(answer), "-r", str(loaded.path), "--full"])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    notes = [line.strip() for line in lines if line.strip().startswith("Source notes:")]
    quoted = [line for line in lines if "“" in line and "…”" in line]
    assert quoted and notes
    for line in quoted:
        opening = line.split("“", 1)[1].split("…”", 1)[0]
        assert not any(opening in note for note in notes), opening


def test_the_result_page_shows_only_what_a_note_adds_to_its_step(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    from webapp.grading import report_summary

    loaded = draft(DATED_NOTES)
    report = evaluate(
        "Tribunals decide river disputes, but slowly.",
        loaded,
        loaded.rubric.questions[0].id,
        nlp=nlp,
    ).to_dict()
    steps = [*report_summary(report)["next_steps"], *report_summary(report)["more_steps"]]
    clipped = [s for s in steps if "…”" in s["text"]]
    assert clipped
    for step in clipped:
        opening = step["text"].split("“", 1)[1].split("…”", 1)[0]
        assert opening not in step["detail"]
        assert step["detail"] == "" or step["detail"].startswith("…")


def test_no_drafted_name_ends_inside_a_bracket(draft: Callable[[str], LoadedRubric]) -> None:
    # trial 33: "Under Article 262(2) Parliament may bar ..." drafted the alias "Article 262(2",
    # which a learner's report then quoted as written by them
    loaded = draft(WATER_NOTES + "\nUnder Article 262(2) Parliament may bar the Supreme Court.\n")
    for _, concept in loaded.rubric.concepts():
        for alias in concept.aliases:
            assert alias.count("(") == alias.count(")"), alias


def test_a_jsonl_line_with_a_number_too_long_to_read_is_one_bad_row(tmp_path: Path) -> None:
    # hostile trial 33: a 4,301-digit number stopped the batch with a traceback (answers in
    # flight lost, and --resume stopped on it every time)
    lines = [
        '{"id": "a", "answer": "India and Japan hold a 2+2 dialogue of ministers."}',
        '{"id": "b", "answer": "JIMEX is a naval exercise.", "n": ' + "9" * 4301 + "}",
        '{"id": "c", "answer": "The ACSA lets the two forces share supplies."}',
    ]
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "marks.csv"
    done = CliRunner().invoke(
        main, ["batch", str(source), "-q", "2plus2-significance", "--out", str(out)]
    )
    assert done.exception is None or isinstance(done.exception, SystemExit), done.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("a,") and rows[3].startswith("c,")
    assert rows[2].endswith('"line 2: a number too long to read (over 4,300 digits)"'), rows[2]


def test_tuning_answers_without_a_word_reports_instead_of_crashing(tmp_path: Path) -> None:
    # hostile trial 33: with no word in any answer the bag-of-words baseline raised "empty
    # vocabulary" (a traceback, and HTTP 500 on the tuning page)
    rows = ["id,question,mark,answer"]
    rows += [f"a{i},2plus2-significance,{i % 4},{'!' * 40}" for i in range(22)]
    graded = tmp_path / "graded.csv"
    graded.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["rubric", "tune", "india-japan", "--graded", str(graded)])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.output
    assert "does NOT agree better" in done.output


def test_a_rounding_step_that_does_not_divide_the_maximum_never_passes_it() -> None:
    # hostile trial 33: a step of 0.8 on 3 marks gave "3.2 / 3 (107%)"
    import math

    import numpy as np

    from evaluator.scoring.marks import marks_from_raw

    top = marks_from_raw(1.0, 3, ceiling=1.0, curve=1.0, cap=math.inf, penalty=0.0, step=0.8)
    assert top.marks == 3
    grid = marks_from_raw(
        np.array([0.5, 1.0]), 3, ceiling=1.0, curve=1.0, cap=math.inf, penalty=0.0, step=0.8
    )
    assert float(np.max(grid.marks)) <= 3


def test_a_long_run_of_marks_in_a_rubrics_notes_is_cut_as_in_an_answer(
    tmp_path: Path, draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # hostile trial 33: 100,000 '!' in notes kept `grade` (and `rubric derive` on them) busy for
    # minutes; the pipeline's tokenizer is quadratic in such a run, which answers had cut already
    from evaluator.scoring.inputs import MAX_SYMBOL_RUN

    loaded = draft(WATER_NOTES + "\nNote " + "!" * 100_000 + " end.\n")
    assert "!" * (MAX_SYMBOL_RUN + 1) not in loaded.source_notes
    assert "Cauvery" in loaded.source_notes
    report = evaluate(
        "The Cauvery tribunal was set up in 1990.", loaded, loaded.rubric.questions[0].id, nlp=nlp
    )
    assert report.marks >= 0


def test_a_quote_never_closed_to_the_end_of_the_table_is_named(tmp_path: Path) -> None:
    # hostile trial 33: the rows after an unclosed quote were graded as one answer, exit 0, with
    # no word of them (a mismatched field count had been the only sign batch read)
    table = tmp_path / "answers.csv"
    table.write_text(
        'id,answer\nq1,"India and Japan hold a 2+2 dialogue\nq2,JIMEX is a naval exercise\n'
        "q3,Malabar brings in the US and Australia\n",
        encoding="utf-8",
    )
    out = tmp_path / "marks.csv"
    done = CliRunner().invoke(
        main, ["batch", str(table), "-q", "2plus2-significance", "--out", str(out)]
    )
    assert done.exit_code == 1
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2 and rows[1].startswith("q1,")
    assert "seems never closed" in rows[1] and "takes in the rows of id q2, q3" in rows[1]


def test_a_key_written_twice_in_a_rubric_is_a_problem(tmp_path: Path) -> None:
    # hostile trial 33: a second `questions:` block silently replaced the first and `rubric
    # check` said ok
    import shutil

    from evaluator.rubric.loader import check_rubric

    mini = Path(__file__).parent / "data" / "rubrics" / "mini"
    folder = tmp_path / "mini"
    shutil.copytree(mini, folder)
    path = folder / "rubric.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\ntitle: Another title\n", encoding="utf-8")
    problems = [str(p) for p in check_rubric(folder)]
    assert len(problems) == 1 and "the key 'title' is written twice" in problems[0], problems
