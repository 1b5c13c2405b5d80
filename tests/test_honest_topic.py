"""Issue 13, off topic: answers on other subjects (long, well-written and IR ones included) get
``off_topic``; no on-topic answer in tests/data does, including answers to another question on
the same topic."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

DATA = Path(__file__).parent / "data"
HONEST = DATA / "honest"
MAIN = "2plus2-significance"


def _off_topic(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> bool:
    report = evaluate(text, loaded, question, nlp=nlp)
    return any(a.code == "off_topic" for a in report.advisories)


def _index(folder: str) -> list[dict]:
    return yaml.safe_load((HONEST / folder / "index.yaml").read_text(encoding="utf-8"))["answers"]


def test_other_subject_answers_are_off_topic(india_japan: LoadedRubric, nlp: Language) -> None:
    entries = _index("other-subject")
    missed = []
    for entry in entries:
        text = (HONEST / "other-subject" / entry["file"]).read_text(encoding="utf-8")
        for question in (MAIN, entry["closest"]):
            if not _off_topic(india_japan, nlp, text, question):
                missed.append((entry["file"], question))
    assert len(entries) >= 30
    # at least 90% of the gradings; in fact every one today
    assert len(missed) <= 0.1 * 2 * len(entries), missed
    assert missed == []


def test_long_ir_answers_on_other_countries_are_off_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    ir = [e for e in _index("other-subject") if e["ir"] and e["length"] == "long"]
    assert len(ir) >= 4
    for entry in ir:
        text = (HONEST / "other-subject" / entry["file"]).read_text(encoding="utf-8")
        assert _off_topic(india_japan, nlp, text, MAIN), entry["file"]


def test_answers_to_another_question_on_the_topic_are_not_off_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    for entry in _index("on-topic-other-question"):
        text = (HONEST / "on-topic-other-question" / entry["file"]).read_text(encoding="utf-8")
        for question in (entry["graded_against"], entry["answers"]):
            assert not _off_topic(india_japan, nlp, text, question), (entry["file"], question)


def test_no_on_topic_test_answer_is_off_topic(india_japan: LoadedRubric, nlp: Language) -> None:
    flagged = []
    for path in sorted((DATA / "answers").glob("*/*.md")):
        if path.stem == "offtopic":
            continue
        if _off_topic(india_japan, nlp, path.read_text(encoding="utf-8"), path.parent.name):
            flagged.append(str(path))
    with (DATA / "graded" / "india-japan.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            # the graded set's answers on the topic: they name Japan or its concepts
            text = row["answer"]
            if "japan" not in text.lower():
                continue
            if _off_topic(india_japan, nlp, text, row["question"]):
                flagged.append(row["id"])
    assert flagged == []


def test_keyword_dump_on_the_topic_is_not_called_off_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = (
        "Quad, ODA, CEPA, JIMEX, Malabar, Indo-Pacific, ASEAN, G4, ISA, Act East, FOIP, 2+2, "
        "bullet train, Buddhism, SSGP, ACSA."
    )
    assert not _off_topic(india_japan, nlp, text, MAIN)


def test_issue13_probe_india_china_border_answer_is_off_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = (HONEST / "other-subject" / "gs2-ir-india-china-border-long.md").read_text(
        encoding="utf-8"
    )
    report = evaluate(text, india_japan, MAIN, nlp=nlp)
    off = [a for a in report.advisories if a.code == "off_topic"]
    assert off and "Japan" in off[0].message
    assert report.marks <= 0.1 * report.max_marks


def test_subject_names_come_from_the_title_synonyms_and_notes() -> None:
    from evaluator.rubric.loader import load_rubric
    from evaluator.scoring.checks.subject import subject_names

    # a rubric that declares no subject_terms: India is every GS answer's subject; Japan is this
    # topic's
    assert subject_names(load_rubric(HONEST / "rubric")) == ("japan", "japanese", "tokyo")


def test_declared_subject_terms_are_the_one_list_off_topic_and_relevance_use(
    india_japan: LoadedRubric, nlp
) -> None:
    from evaluator.scoring.checks.subject import subject_names

    names = subject_names(india_japan)
    # the declared terms, less compounds of another one (India-Japan)
    assert names == ("japan", "japanese", "tokyo")
    # 'Tokyo' is a declared subject name: an answer on Tokyo's ties with Delhi is about the topic
    # for both checks (neither the off_topic advisory nor a zero relevance)
    text = (
        "Tokyo and New Delhi upgraded their ties to a Special Strategic and Global Partnership in "
        "2014. Tokyo funds the Mumbai-Ahmedabad high-speed rail, the Delhi Metro and the "
        "Dedicated Freight Corridor, and Tokyo's investment pledge of five trillion yen supports "
        "Make in India. The two navies exercise together in JIMEX and Malabar, and both back a "
        "free and open Indo-Pacific through the Quad with Australia and the United States."
    )
    report = evaluate(text, india_japan, MAIN, nlp=nlp)
    assert "off_topic" not in report.advisory_codes()
    assert report.to_dict()["arithmetic"]["relevance"] > 0


QUAD_WITHOUT_JAPAN = (
    "The Quad brings four democracies together and began as a loose security grouping after "
    "the 2004 tsunami. Its members still hold the Malabar exercise, but recent summits speak "
    "more of vaccines, clean energy, critical minerals and resilient supply chains. It has no "
    "trade agreement, tariffs or secretariat, so calling it a trade bloc goes too far; it is "
    "better seen as a partnership that adds economic work to its strategic core."
)


def test_a_question_that_does_not_name_the_subject_does_not_ask_the_answer_to(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the Quad question of the India–Japan rubric never names Japan; an answer on the Quad that
    # does not either was capped at 10% as "not about the question's subject", with "most of
    # its content words belong to the topic" in the same message
    assert "Japan" not in india_japan.rubric.question("pyq-2020-quad-trade-bloc").text
    assert not _off_topic(india_japan, nlp, QUAD_WITHOUT_JAPAN, "pyq-2020-quad-trade-bloc")
    # a question that names Japan still asks for it
    assert _off_topic(india_japan, nlp, QUAD_WITHOUT_JAPAN, "indo-pacific-quad")


KOREA = (
    "Trade between India and South Korea has risen since their CEPA took effect in 2010, and "
    "Korean brands such as Hyundai and Samsung now run big factories near Chennai and Noida. "
    "Yet the Korean side complains of tax disputes, and India's deficit with Korea keeps "
    "widening. Land acquisition delays hurt a Korean steel plant in Odisha. Japan faces some "
    "of the same hurdles. The way forward is to upgrade the CEPA, ease of doing business and a "
    "Korea desk for investors."
)
"""An answer on India and South Korea to an India-Japan question, naming Japan once."""


def test_an_answer_about_another_country_is_off_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """A learner trial: an India-Korea answer got 4.5 of 10 for the constraints it shares with
    India and Japan, and a deduction for 'wrong' India-Japan trade figures. It is about Korea."""
    report = evaluate(KOREA, india_japan, "pyq-2013-economic", nlp=nlp)
    off = [a for a in report.advisories if a.code == "off_topic"]
    assert off and off[0].message.startswith("The answer is mostly about Korea")
    assert report.marks <= 0.1 * report.max_marks
    assert "factual_errors" not in report.advisory_codes()


def test_an_answer_rich_in_china_and_japan_is_on_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """China is part of most India-Japan answers: naming it often beside Japan is on topic, and
    so is a Quad answer naming China more than Japan where the question does not name Japan."""
    text = (
        "China's rise is the main reason Japan and India draw closer. Beijing's claims in the "
        "East and South China Seas worry Tokyo, and Chinese troops at Galwan worry New Delhi. "
        "Japan and India therefore back a free and open Indo-Pacific, and China reads the Quad "
        "as a club against it. Japan funds roads in India's North East that China eyes."
    )
    report = evaluate(text, india_japan, "indo-pacific-quad", nlp=nlp)
    assert "off_topic" not in report.advisory_codes()
    quad = (
        "The Quad of India, the US, Australia and Japan began on maritime security, but China's "
        "grip on supply chains has pushed it into trade: Chinese rare earths, Chinese solar "
        "panels and Chinese chips are what the Quad's supply-chain work tries to replace."
    )
    assert (
        "off_topic"
        not in evaluate(quad, india_japan, "pyq-2020-quad-trade-bloc", nlp=nlp).advisory_codes()
    )
