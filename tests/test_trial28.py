"""Session 28 (engines 0.9.105-0.9.107, rubric 1.7.63): true sentences that earned nothing or
were read as denials, found by probing and by trials 28a and 28b. The sentences are our own."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "


def _status(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> dict[str, str]:
    return {c.id: c.status for c in evaluate(text, loaded, question, nlp=nlp).concepts}


def test_a_quad_without_a_secretariat_or_treaty_is_no_alliance(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "The Quad has no secretariat and no treaty" had earned nothing: the denial point took only
    # "military alliance", "NATO" and the like
    text = OPENING + "The Quad has no secretariat and no treaty."
    assert _status(india_japan, nlp, text, "pyq-2020-quad-trade-bloc")["quad-not-alliance"] == (
        "covered"
    )
    # a treaty said of something else, or asserted of the Quad, earns nothing from it
    for other in (
        "The Quad is bound by a treaty.",
        "India and Japan signed a peace treaty in 1952.",
    ):
        status = _status(india_japan, nlp, OPENING + other, "pyq-2020-quad-trade-bloc")
        assert status["quad-not-alliance"] == "missing", other


def test_a_treaty_based_alliance_is_reported_as_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(
        OPENING + "The Quad is a treaty-based alliance.",
        india_japan,
        "pyq-2020-quad-trade-bloc",
        nlp=nlp,
    )
    assert {f.id: f.status for f in report.facts}["quad-form"] == "contradicted"


def test_coordinated_subjects_take_their_services_respectively(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # web trial 28b: a true sentence was told "you wrote navy" for Dharma Guardian and lost 3%
    for sentence in (
        "JIMEX and Dharma Guardian are bilateral exercises of the navy and the army.",
        "JIMEX, Dharma Guardian and Veer Guardian are exercises of the navies, armies and air "
        "forces respectively.",
    ):
        report = evaluate(OPENING + sentence, india_japan, "defence-cooperation", nlp=nlp)
        wrong = [f.id for f in report.facts if f.status == "contradicted"]
        assert wrong == [], sentence
        assert not any(a.code == "factual_errors" for a in report.advisories), sentence
    # one description given to both is still read of each
    report = evaluate(
        OPENING + "JIMEX and Dharma Guardian are both naval exercises.",
        india_japan,
        "defence-cooperation",
        nlp=nlp,
    )
    assert {f.id: f.status for f in report.facts}["dharma-guardian-service"] == "contradicted"


def test_it_is_not_true_that_ends_at_a_colon_and_cancels_a_refusal(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # web trial 28b: the negation ran past the colon into the true clause after it
    question = "2plus2-significance"
    text = (
        OPENING + "It is not true that Japan refused to sign a nuclear deal with India: the "
        "civil nuclear agreement was signed in 2016."
    )
    assert _status(india_japan, nlp, text, question)["civil-nuclear-2016"] == "covered"
    # not true that it refused: it signed
    text = OPENING + "It is not true that Japan refused to sign a civil nuclear deal with India."
    assert _status(india_japan, nlp, text, question)["civil-nuclear-2016"] == "covered"
    # a list after the colon spells out what is denied
    text = (
        OPENING + "It is not true that the Quad has done three things: vaccines, critical "
        "technologies and climate."
    )
    assert _status(india_japan, nlp, text, "pyq-2020-quad-trade-bloc")["quad-vaccines-health"] in (
        "missing",
        "negated",
    )
    # not true that it signed: denied
    text = OPENING + "It is not true that Japan signed a civil nuclear deal with India."
    assert _status(india_japan, nlp, text, question)["civil-nuclear-2016"] == "negated"


def test_the_subject_of_a_negated_noun_predicate_is_spoken_of(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # web trial 28b: "Neither JIMEX nor Dharma Guardian is a combat alliance" earned neither,
    # then the feedback asked for JIMEX
    status = _status(
        india_japan,
        nlp,
        OPENING + "Neither JIMEX nor Dharma Guardian is a combat alliance.",
        "defence-cooperation",
    )
    assert status["jimex"] == "covered"
    assert status["dharma-guardian"] == "covered"
    # a predicate that names the point still denies it; a deed denied leaves its doer out
    assert (
        _status(india_japan, nlp, OPENING + "Japan is not a Quad member.", "indo-pacific-quad")[
            "quad-cooperation"
        ]
        == "negated"
    )
    assert (
        _status(
            india_japan,
            nlp,
            OPENING + "The Act East Forum does not link the two visions.",
            "2plus2-significance",
        )["act-east-forum"]
        == "missing"
    )


CYCLONES = """
id: storms
title: Disaster preparedness in Odisha
version: "1"
source_notes: notes.md
dimensions:
  - id: successes
    label: Successes
    concepts:
      - id: early-evacuation
        label: Timely evacuation before cyclones Phailin and Fani
        cues: [[Fani], [Phailin]]
        note: Odisha moved people to shelters before the cyclones Phailin (2013) and Fani (2019).
      - id: state-authority
        label: Odisha's state disaster authority
        cues: [[Odisha], [authority, OSDMA]]
        note: Odisha set up its state authority after the 1999 super cyclone.
questions:
  - id: q
    text: Discuss how Odisha prepares for cyclones.
    directive: discuss
    max_marks: 10
    word_limit: 150
    dimensions: [{id: successes}]
"""


def _cyclone_rubric(folder: Path) -> Path:
    """The rubric above written to ``folder`` with its notes; its path."""
    path = folder / "rubric.yaml"
    path.write_text(CYCLONES, encoding="utf-8")
    (folder / "notes.md").write_text("# Successes\n\nOdisha evacuates early.\n", encoding="utf-8")
    return path


def test_a_name_written_with_its_kind_is_the_concepts_own(tmp_path: Path, nlp: Language) -> None:
    # tutor trial 28a: "Cyclone Fani" earned nothing where the note writes "cyclones": the
    # capitalised 'Cyclone' was read as another name that owns 'Fani'
    path = _cyclone_rubric(tmp_path)
    loaded = load_rubric(path)
    for text in (
        "Cyclone Fani and Cyclone Phailin saw timely evacuation in Odisha.",
        "Odisha evacuated a million people before Cyclone Fani, as it had before Phailin.",
    ):
        status = {c.id: c.status for c in evaluate(text, loaded, "q", nlp=nlp).concepts}
        assert status["early-evacuation"] == "covered", text


def test_highlights_credit_no_point_from_a_word_that_means_something_else(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # web trial 28b: the learner's highlights credited points from words that do not state them
    development = "japan-development-partner"
    text = (
        OPENING + "Japan will invest more. A currency swap arrangement of seventy-five billion "
        "US dollars supports the rupee."
    )
    # 'five' inside "seventy-five" is no five trillion yen
    assert _status(india_japan, nlp, text, development)["yen-investment-targets"] == "missing"
    text = OPENING + "Japan set a target of five trillion yen of investment."
    assert _status(india_japan, nlp, text, development)["yen-investment-targets"] == "covered"
    # two shares of a bullet-train loan are not Japan making 30% of its aircraft in India
    text = (
        OPENING + "The bullet train will cut travel time, with a loan at 0.1 per cent interest "
        "covering 81 per cent of the cost."
    )
    assert _status(india_japan, nlp, text, "defence-cooperation")["aircraft-30-percent"] == (
        "missing"
    )
    text = OPENING + "Japan will make 30 per cent of its aircraft in India."
    assert _status(india_japan, nlp, text, "defence-cooperation")["aircraft-30-percent"] == (
        "covered"
    )
    # a sentence's opening "Both" is no evidence of the shared groupings on the next line
    # (rubric 1.7.67: made in one sentence), though "Both are in the Quad" states them
    text = OPENING + "Both countries want a free and open Indo-Pacific. The Quad meets yearly."
    shared = evaluate(text, india_japan, "2plus2-significance", nlp=nlp).concept("shared-groupings")
    assert "Both" not in [e.text for e in shared.evidence]
    text = OPENING + "Both are in the Quad and the G20."
    assert _status(india_japan, nlp, text, "2plus2-significance")["shared-groupings"] == "covered"


def test_rubric_check_counts_in_the_singular_where_there_is_one(tmp_path: Path) -> None:
    # tutor trial 28a: "8 facts, 1 questions"
    from click.testing import CliRunner

    from evaluator.cli import main

    path = _cyclone_rubric(tmp_path)
    done = CliRunner().invoke(main, ["rubric", "check", str(path)])
    assert done.exit_code == 0, done.output
    assert "1 dimension, 2 concepts, 0 facts, 1 question" in done.output


def test_paraphrases_an_examiner_credits_earn_their_points(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # web trial 28b: each was missed, then offered back as "Add …" (rubric 1.7.65)
    cases = [
        ("defence-cooperation", "They signed an agreement for sharing supplies between militaries.",
         "acsa", "covered"),
        ("defence-cooperation",
         "India and Japan co-produce defence equipment and co-develop defence technology.",
         "defence-equipment-technology", "covered"),
        ("challenges-way-forward", "Japan and India both worry about China.",
         "china-assertiveness", "partial"),
        ("2plus2-significance",
         "The 2+2 met in New Delhi in 2019, in Tokyo in 2022 and in New Delhi in August 2024.",
         "third-2plus2-meeting", "covered"),
    ]  # fmt: skip
    for question, sentence, concept, status in cases:
        assert _status(india_japan, nlp, OPENING + sentence, question)[concept] == status, sentence
    # the first meeting is still not the third
    first = OPENING + "The first 2+2 was held in New Delhi in 2019."
    assert _status(india_japan, nlp, first, "2plus2-significance")["third-2plus2-meeting"] == (
        "missing"
    )


# trial 28c: true sentences about figures and years that were reported as wrong facts, each with
# a 3% deduction (question, sentence, the fact that must not be contradicted)
NOT_WRONG_28C = [
    ("pyq-2013-economic", "India-US trade is about US$120 billion.", "trade-value"),
    ("pyq-2013-economic",
     "India's trade with the US crossed 120 billion dollars, far more than its trade with Japan.",
     "trade-value"),
    ("pyq-2013-economic",
     "India's total merchandise trade is over US$1 trillion, of which Japan accounts for barely "
     "2 per cent.", "trade-value"),
    ("pyq-2013-economic", "India ran a trade deficit of about US$12 billion with Japan in 2023-24.",
     "trade-value"),
    ("pyq-2013-economic", "India's trade with Japan is under US$25 billion.", "trade-value"),
    ("pyq-2013-economic", "If India used CEPA better, trade could double to over US$40 billion.",
     "trade-value"),
    ("pyq-2013-economic", "Some experts say bilateral trade could reach US$50 billion.",
     "trade-value"),
    ("act-east-foip-northeast", "Look East became Act East in 2014.", "look-east-year"),
    ("act-east-foip-northeast", "Launched in 1991, Look East was widened into Act East in 2014.",
     "look-east-year"),
]  # fmt: skip
# and the wrong ones they must not hide
WRONG_28C = [
    ("pyq-2013-economic", "India-Japan trade is US$50 billion.", "trade-value"),
    ("pyq-2013-economic", "Bilateral trade is over US$40 billion.", "trade-value"),
    ("pyq-2013-economic", "Trade with Japan reached US$60 billion in 2023.", "trade-value"),
    ("act-east-foip-northeast", "Look East began in 2014.", "look-east-year"),
    ("defence-cooperation", "Japan will build 50% of the aircraft in India.",
     "aircraft-share"),
]  # fmt: skip


def _fact_status(loaded: LoadedRubric, nlp: Language, text: str, question: str, fact: str) -> str:
    report = evaluate(OPENING + text, loaded, question, nlp=nlp)
    return {f.id: f.status for f in report.facts}[fact]


def test_another_trade_a_bound_or_a_projection_is_no_wrong_figure(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    for question, sentence, fact in NOT_WRONG_28C:
        status = _fact_status(india_japan, nlp, sentence, question, fact)
        assert status != "contradicted", sentence
    for question, sentence, fact in WRONG_28C:
        status = _fact_status(india_japan, nlp, sentence, question, fact)
        assert status == "contradicted", sentence


def test_true_negations_of_a_seat_or_of_another_pairs_agreement_deny_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 28c: saying neither holds a permanent seat denied the G4 point (rubric 1.7.66 cues
    # the seeking, not the seat); another pair's missing agreement denied the CEPA
    for sentence in (
        "Neither India nor Japan is a permanent member of the UN Security Council.",
        "Japan has not become a permanent member of the Security Council despite being a major "
        "UN funder.",
    ):
        status = _status(india_japan, nlp, OPENING + sentence, "indo-pacific-quad")
        assert status["g4-unsc-reform"] != "negated", sentence
    seek = OPENING + "Both seek permanent seats in the UNSC."
    assert _status(india_japan, nlp, seek, "indo-pacific-quad")["g4-unsc-reform"] == "covered"
    wrong = OPENING + "India and Japan are permanent members of the UN Security Council."
    assert (
        _fact_status(india_japan, nlp, wrong, "indo-pacific-quad", "unsc-permanent-seats")
        == "contradicted"
    )
    other = OPENING + "India and the EU have not yet concluded a free trade agreement."
    assert _status(india_japan, nlp, other, "pyq-2013-economic")["cepa-2011"] != "negated"
    assert (
        _status(india_japan, nlp, other, "pyq-2020-quad-trade-bloc")["quad-not-trade-bloc"]
        == "missing"
    )
    ours = OPENING + "India and Japan have no free trade agreement."
    assert _status(india_japan, nlp, ours, "pyq-2013-economic")["cepa-2011"] == "negated"


def test_not_this_but_that_a_stance_noun_and_alone_on_a_purpose_deny_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 28c: each true sentence had denied the point it names
    text = OPENING + "The Act East Forum was not set up in 2014 but in 2017."
    status = _status(india_japan, nlp, text, "act-east-foip-northeast")
    assert status["act-east-forum"] == "covered"
    text = OPENING + "The Act East Forum was not set up in 2017."
    assert _status(india_japan, nlp, text, "act-east-foip-northeast")["act-east-forum"] == (
        "negated"
    )
    text = OPENING + "Japan is not a fan of India's participation in the Vostok exercise."
    assert _status(india_japan, nlp, text, "challenges-way-forward")["vostok-kuril"] != "negated"
    text = (
        OPENING + "Japan is not funding projects in the North East to counter China alone; "
        "connectivity matters too."
    )
    status = _status(india_japan, nlp, text, "act-east-foip-northeast")
    assert status["northeast-projects"] != "negated"
