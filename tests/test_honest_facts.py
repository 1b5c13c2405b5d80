"""Issue 13, facts: a true statement is never called wrong, and a wrong figure is still caught.

The corpus is tests/data/honest/true-statements.yaml (each sentence graded alone against its
question); the probes are the exact sentences reported in the issue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

HONEST = Path(__file__).parent / "data" / "honest"
STATEMENTS = yaml.safe_load((HONEST / "true-statements.yaml").read_text(encoding="utf-8"))[
    "statements"
]


def test_no_true_statement_is_contradicted(india_japan: LoadedRubric, nlp: Language) -> None:
    wrongly = []
    for item in STATEMENTS:
        report = evaluate(item["text"], india_japan, item["question"], nlp=nlp)
        wrongly += [(item["text"], f.message) for f in report.facts if f.status == "contradicted"]
    assert len(STATEMENTS) >= 150
    assert wrongly == []


def test_true_statements_of_a_fact_support_it(india_japan: LoadedRubric, nlp: Language) -> None:
    items = [item for item in STATEMENTS if item.get("supports")]
    missed = []
    for item in items:
        report = evaluate(item["text"], india_japan, item["question"], nlp=nlp)
        status = report.fact(item["supports"]).status
        if status != "supported":
            missed.append((item["text"], item["supports"], status))
    assert len(items) >= 20
    assert missed == []


def test_wrong_facts_answer_is_still_caught(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (HONEST / "wrong-facts-answer.md").read_text(encoding="utf-8")
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    contradicted = {f.id: f for f in report.facts if f.status == "contradicted"}
    assert len(contradicted) >= 4
    assert {"cepa-year", "civil-nuclear-year", "trade-value", "swap-size", "fdi-rank"} <= set(
        contradicted
    )
    for fact in contradicted.values():
        # every contradiction quotes the clause it comes from, and that clause is in the answer
        assert fact.clause and fact.clause in text
        assert f"“{fact.clause}”" in fact.message
    assert contradicted["swap-size"].clause == "the currency swap arrangement is worth $100 billion"


def _contradicted(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> list[str]:
    report = evaluate(text, loaded, question, nlp=nlp)
    return [f"{f.id}: {f.message}" for f in report.facts if f.status == "contradicted"]


def test_issue13_probe_two_central_banks(india_japan: LoadedRubric, nlp: Language) -> None:
    text = "The two central banks have a bilateral currency swap arrangement."
    assert _contradicted(india_japan, nlp, text, "2plus2-significance") == []


def test_issue13_probe_trade_between_the_two_countries(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "Bilateral trade between the two countries keeps growing."
    assert _contradicted(india_japan, nlp, text, "pyq-2013-economic") == []


def test_issue13_probe_numbered_list(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "1. Bilateral trade has grown but remains modest.\n"
        "2. Japanese investment is concentrated in a few sectors.\n"
        "3. The swap line supports the rupee in a crisis."
    )
    assert _contradicted(india_japan, nlp, text, "pyq-2013-economic") == []


def test_issue13_probe_first_meeting_in_2019(india_japan: LoadedRubric, nlp: Language) -> None:
    text = "The first 2+2 meeting between India and Japan took place in 2019."
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    assert report.fact("third-meeting").status == "absent"


def test_issue13_probe_other_subject_beside_a_cue(nlp: Language, tmp_path: Path) -> None:
    """A fact cued by the word 'Indian' (as derive drafts them): a year about Indian students in
    France is another subject's figure, not a contradiction; the fact's own claim still counts."""
    import shutil

    from evaluator.rubric.loader import load_rubric

    folder = tmp_path / "derived"
    shutil.copytree(HONEST / "rubric", folder)
    data = yaml.safe_load((folder / "rubric.yaml").read_text(encoding="utf-8"))
    data["facts"].append(
        {
            "id": "diaspora-goal",
            "concept": data["facts"][0]["concept"],
            "claim": "Japan aims to host 40,000 Indian students by 2030.",
            "cues": ["Indian"],
            "expected": {"kind": "year", "value": 2030},
        }
    )
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    loaded = load_rubric(folder)
    question = loaded.rubric.questions[0].id
    true = evaluate("Indian students in France numbered 10,000 in 2023.", loaded, question, nlp=nlp)
    assert true.fact("diaspora-goal").status == "absent"
    wrong = evaluate("Japan aims to host Indian students by 2040.", loaded, question, nlp=nlp)
    assert wrong.fact("diaspora-goal").status == "contradicted"


@pytest.mark.parametrize(
    ("text", "fact", "status"),
    [
        ("The meeting in New Delhi was the third India–Japan 2+2.", "third-meeting", "supported"),
        (
            "The meeting in New Delhi was the second India–Japan 2+2.",
            "third-meeting",
            "contradicted",
        ),
        ("The first Veer Guardian exercise was held in 2023.", "veer-guardian-year", "supported"),
        (
            "The first Veer Guardian exercise was held in 2021.",
            "veer-guardian-year",
            "contradicted",
        ),
        (
            "Emperor Akihito first came to India as crown prince in 1960.",
            "emperor-visit-year",
            "absent",
        ),
        ("Emperor Akihito visited India in 2016.", "emperor-visit-year", "contradicted"),
        ("India's trade with China is more than US$ 100 billion.", "trade-value", "absent"),
        (
            "India–Japan trade was about US$ 40 billion in FY 2023-24.",
            "trade-value",
            "contradicted",
        ),
        # a value right for a second fact beside the cue is that fact's; shared by two
        # coordinated cues, or alone with the cue, it is still this fact's, and wrong
        (
            "The civil nuclear deal and the CEPA were both signed in 2016.",
            "cepa-year",
            "contradicted",
        ),
        # a change dates what the thing became (engine 0.9.72): the wrong 2016 is the
        # Strategic and Global Partnership's, not the Global Partnership's
        (
            "In 2016 the Global Partnership was raised to a Strategic and Global Partnership.",
            "strategic-global-partnership-year",
            "contradicted",
        ),
        (
            "In 2016 the Global Partnership was raised to a Strategic and Global Partnership.",
            "global-partnership-year",
            "absent",
        ),
        ("The Look East Policy began in 2014.", "look-east-year", "contradicted"),
        # another milestone than the claim's is wrong only out of order: a deal signed in 2016
        # can come into force in 2017, not in 2015; one in force since 2011 was not signed in 2016
        ("The civil nuclear agreement came into force in 2017.", "civil-nuclear-year", "absent"),
        (
            "The civil nuclear agreement came into force in 2015.",
            "civil-nuclear-year",
            "contradicted",
        ),
        ("India and Japan signed the CEPA in 2016.", "cepa-year", "contradicted"),
        ("India and Japan signed the CEPA in 2011.", "cepa-year", "supported"),
        ("Talks on the CEPA began in 2007.", "cepa-year", "absent"),
        ("Talks on the CEPA began in 2013.", "cepa-year", "contradicted"),
        ("The Act East Policy was launched in 2010.", "act-east-year", "contradicted"),
        # a learner trial: the year dates the state the predicate names (being the largest
        # recipient), not when aid began
        (
            "India has been the largest recipient of Japanese ODA loans since 2003-04.",
            "oda-start",
            "absent",
        ),
        ("Japan has given ODA loans to India since 1958.", "oda-start", "supported"),
        ("Japanese aid to India began in 1968.", "oda-start", "contradicted"),
    ],
)
def test_a_value_is_judged_only_when_stated_about_the_fact(
    india_japan: LoadedRubric, nlp: Language, text: str, fact: str, status: str
) -> None:
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    assert report.fact(fact).status == status


@pytest.mark.parametrize(
    ("question", "text", "concept", "shown"),
    [
        # the point's cue is the latest figure (22.85); any figure of the decade is right
        (
            "pyq-2013-economic",
            "Bilateral trade has stayed near twenty billion dollars a year, small for two "
            "economies of this size.",
            "trade-volume",
            "twenty billion dollars",
        ),
        # the point's cues want '2+2'; 'the third meeting' of the ministers says it
        (
            "2plus2-significance",
            "The third meeting of the two countries' foreign and defence ministers took place in "
            "New Delhi.",
            "third-2plus2-meeting",
            "third",
        ),
    ],
)
def test_a_fact_stated_right_completes_its_point(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str, shown: str
) -> None:
    """The praise says the fact is accurate, so the point is made: no step may ask the learner
    to 'develop' it 'with its fact', and its highlight shows the figure."""
    report = evaluate(text, india_japan, question, nlp=nlp)
    point = next(c for c in report.concepts if c.id == concept)
    assert point.status == "covered" and point.credit == 1.0
    assert shown in point.matched and shown in point.reason
    label = point.label
    steps = [s.text for s in [*report.feedback.next_steps, *report.feedback.more_steps]]
    assert not any(label in step for step in steps), steps
    # a wrong figure still earns nothing
    wrong = text.replace(shown, {"third": "fifth"}.get(shown, "ninety billion dollars"))
    point = next(
        c for c in evaluate(wrong, india_japan, question, nlp=nlp).concepts if c.id == concept
    )
    assert point.status in ("contradicted", "missing") and point.credit == 0.0


def test_terminal_quotes_the_clause_of_a_contradiction(mains_eval, tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text(
        "Japan and India have deep ties. The CEPA came into force in 2016, and trade grew.",
        encoding="utf-8",
    )
    result = mains_eval("grade", str(answer), "-q", "pyq-2013-economic")
    assert result.returncode == 0, result.stderr
    assert "you wrote 2016 in “The CEPA came into force in 2016”" in result.stdout


def test_a_wrong_fact_is_told_once_in_the_terminal_and_on_the_page(
    mains_eval, tmp_path: Path, india_japan: LoadedRubric, nlp: Language
) -> None:
    """The concept the fact belongs to points to it; the fact says what was wrong."""
    from webapp.grading import report_summary

    text = "Japan and India have deep ties. The CEPA came into force in 2016, and trade grew."
    answer = tmp_path / "answer.md"
    answer.write_text(text, encoding="utf-8")
    result = mains_eval("grade", str(answer), "-q", "pyq-2013-economic")
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("Next steps")[0]
    assert listed.count("you wrote 2016") == 1, listed
    assert "[contradicted]: a fact in it is wrong (see Facts)" in listed
    # with --full too: the step to correct it points to the fact, and the improvement points
    # do not say it again (both had quoted the whole message)
    full = mains_eval("grade", str(answer), "-q", "pyq-2013-economic", "--full")
    assert full.returncode == 0, full.stderr
    assert full.stdout.count("you wrote 2016") == 1, full.stdout
    assert "Correct the fact on Comprehensive Economic" in full.stdout
    assert "(see Facts)" in full.stdout.split("Next steps")[1]
    summary = report_summary(evaluate(text, india_japan, "pyq-2013-economic", nlp=nlp).to_dict())
    card = [c["reason"] for c in summary["flagged"]] + [f["message"] for f in summary["facts"]]
    assert sum("you wrote 2016" in line for line in card) == 1, card
