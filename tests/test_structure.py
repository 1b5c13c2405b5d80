"""Structure and directive fit: what the learner sees about the shape of the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.checks.structure import (
    count_latin_words,
    count_words,
    paragraphs_of,
    word_budget,
)
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report


@pytest.fixture(scope="module")
def honest(data_dir: Path) -> LoadedRubric:
    return load_rubric(data_dir / "honest" / "rubric")


def grade(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> Report:
    return evaluate(text, loaded, question, nlp=nlp)


ACHIEVEMENTS = (
    "India and Japan share a Special Strategic and Global Partnership since 2014.\n\n"
    "- Both are Quad members and back ASEAN centrality.\n"
    "- The CEPA has applied since 2011 and Japan gives development assistance.\n"
    "- JIMEX and Malabar exercises are held regularly.\n\n"
    "Going ahead, the partnership will grow."
)
CHALLENGES = (
    "\n\n**Challenges**\n"
    "- China's assertiveness shapes the ties.\n"
    "- Bilateral trade stays small and below potential.\n"
    "- India stayed out of RCEP.\n"
)


def test_model_answers_have_the_expected_shape(honest: LoadedRubric, nlp: Language) -> None:
    for question in ("discuss-2plus2", "critical-challenges", "comment-economy"):
        report = grade(honest, nlp, honest.model_answers[question], question)
        s = report.structure
        assert s.has_introduction and s.has_conclusion and s.uses_points_or_headings, question
        assert s.word_budget == "within"
        assert s.directive_fit == 1.0
        assert s.feedback == []
        assert report.arithmetic.structure == s.score == 1.0


def test_a_single_block_gets_actionable_feedback(honest: LoadedRubric, nlp: Language) -> None:
    text = (
        "quad jimex malabar cepa and the currency swap matter a lot for both sides and the "
        "bilateral trade and the development assistance also matter for the future of asia "
        "and many more things matter as well for the two partners in the region"
    )
    s = grade(honest, nlp, text, "discuss-2plus2").structure
    assert not s.uses_points_or_headings and not s.has_conclusion
    assert s.paragraphs == 1
    joined = " ".join(s.feedback)
    assert "sub-headings or points" in joined
    assert "separate conclusion" in joined
    assert "paragraphs or points" in joined
    assert s.score < 0.6


RUN_IN = (
    "India and Japan share a Special Strategic and Global Partnership since 2014, and the 2+2 "
    "gives it a security core.\n\n"
    "{a} both are Quad members, back ASEAN centrality and want an open Indo-Pacific.\n\n"
    "{b} the CEPA has applied since 2011 and Japan is the largest bilateral donor.\n\n"
    "Going ahead, the partnership will grow if trade catches up with strategy."
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Strategic:", "Economic:"),
        ("**Strategic:**", "**Economic:**"),
        ("**Why it matters**:", "Trade and investment:"),
    ],
)
def test_labels_before_a_colon_are_sub_headings(
    honest: LoadedRubric, nlp: Language, a: str, b: str
) -> None:
    # 'Strategic: ...' opening each paragraph is how many aspirants head their points
    s = grade(honest, nlp, RUN_IN.format(a=a, b=b), "discuss-2plus2").structure
    assert s.uses_points_or_headings and s.headings == 2
    assert not any("sub-headings or points" in line for line in s.feedback)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", "Economic:"),  # one label alone does not organise an answer
        ("The first and most important of all their aims:", "A second and smaller aim of theirs:"),
        ("strategic:", "economic:"),  # a label starts with a capital
    ],
)
def test_one_label_or_a_sentence_before_a_colon_is_not_a_sub_heading(
    honest: LoadedRubric, nlp: Language, a: str, b: str
) -> None:
    s = grade(honest, nlp, RUN_IN.format(a=a, b=b), "discuss-2plus2").structure
    assert not s.uses_points_or_headings and s.headings == 0
    assert any("sub-headings or points" in line for line in s.feedback)


@pytest.mark.parametrize(
    "markers", [("i.", "ii."), ("a.", "b."), ("A.", "B."), ("→", "→"), ("(1)", "(2)")]
)
def test_points_marked_as_aspirants_mark_them(
    honest: LoadedRubric, nlp: Language, markers: tuple[str, str]
) -> None:
    text = (
        "India and Japan share a Special Strategic and Global Partnership since 2014.\n\n"
        f"{markers[0]} Both are Quad members and back ASEAN centrality.\n"
        f"{markers[1]} JIMEX and Malabar exercises are held regularly.\n\n"
        "Going ahead, the partnership will grow."
    )
    s = grade(honest, nlp, text, "discuss-2plus2").structure
    assert s.uses_points_or_headings and s.points == 2
    assert not any("sub-headings or points" in line for line in s.feedback)


BODY = (
    "India and Japan share a Special Strategic and Global Partnership since 2014.\n\n"
    "- Both are Quad members and back ASEAN centrality.\n"
    "- JIMEX and Malabar exercises are held regularly.\n\n"
)


@pytest.mark.parametrize(
    "closing",
    [
        "Yearly ministerial rounds should carry the defence ties from drills to joint production.",
        "With patient finance the Northeast can become the meeting point of both visions.",
        "Both capitals must now match their words with money.",
        "Japan's patient capital will matter only if India speeds up land and clearances.",
        "The partnership's next decade hinges on trade catching up with strategy.",
        "So the Quad is best seen as a flexible partnership, neither an alliance nor a bloc.",
        "In short, the two navies now train together more than ever.",
        # a tutor trial: a way forward written as a conditional was told to add a conclusion
        "Opening the defence market to joint production would carry the ties further.",
    ],
)
def test_a_short_closing_paragraph_that_looks_forward_is_a_conclusion(
    honest: LoadedRubric, nlp: Language, closing: str
) -> None:
    # no 'in conclusion' or 'going ahead': a one-line way forward still closes the answer
    s = grade(honest, nlp, BODY + closing, "discuss-2plus2").structure
    assert s.has_conclusion
    assert not any("separate conclusion" in line for line in s.feedback)


@pytest.mark.parametrize(
    "closing",
    [
        "- Both sides should hold more exercises.",  # a point, not a closing paragraph
        "Trade should grow. Visas should be easier. Firms should invest. Think tanks should meet.",
        "So far the two navies have trained together only twice.",  # not a summing-up
    ],
)
def test_a_last_point_or_a_long_last_paragraph_is_not_a_conclusion(
    honest: LoadedRubric, nlp: Language, closing: str
) -> None:
    s = grade(honest, nlp, BODY + closing, "discuss-2plus2").structure
    assert not s.has_conclusion
    assert any("separate conclusion" in line for line in s.feedback)


def test_word_budget_bands() -> None:
    assert word_budget(100, 250)[0] == "too_short"
    assert word_budget(150, 250)[0] == "short"
    assert word_budget(250, 250) == ("within", 1.0)
    assert word_budget(300, 250)[0] == "within"
    band, score = word_budget(400, 250)
    assert band == "over_limit" and score < 1.0


def test_over_limit_feedback_names_the_excess(honest: LoadedRubric, nlp: Language) -> None:
    text = (
        honest.model_answers["comment-economy"] + "\n\n" + honest.model_answers["comment-economy"]
    )
    s = grade(honest, nlp, text, "comment-economy").structure
    assert s.word_budget == "over_limit"
    assert any("over the 150-word limit" in line for line in s.feedback)


def test_critically_examine_needs_the_other_side(honest: LoadedRubric, nlp: Language) -> None:
    one_sided = grade(honest, nlp, ACHIEVEMENTS, "critical-challenges").structure
    assert any("critical side: missing" in note for note in one_sided.directive_notes)
    assert any("needs the other side" in line for line in one_sided.feedback)
    both = grade(
        honest,
        nlp,
        ACHIEVEMENTS.replace("\n\nGoing", CHALLENGES + "\nGoing"),
        "critical-challenges",
    ).structure
    assert any("critical side: covered" in note for note in both.directive_notes)
    assert both.directive_fit > one_sided.directive_fit


def test_critically_examine_needs_a_judgement(honest: LoadedRubric, nlp: Language) -> None:
    body = ACHIEVEMENTS.replace("\n\nGoing ahead, the partnership will grow.", CHALLENGES)
    without = grade(honest, nlp, body, "critical-challenges").structure
    verdict = body + "\nOn balance, the challenges are real but manageable."
    with_verdict = grade(honest, nlp, verdict, "critical-challenges").structure
    assert any("judgement: missing" in n for n in without.directive_notes)
    assert any("judgement: present" in n for n in with_verdict.directive_notes)
    assert with_verdict.directive_fit > without.directive_fit


def test_comment_needs_a_position_with_reasons(honest: LoadedRubric, nlp: Language) -> None:
    plain = (
        "Economic ties between India and Japan have grown.\n\n"
        "- The CEPA has applied since 2011.\n- Bilateral trade is small and below potential.\n"
        "- Japan is the fifth largest FDI source.\n\nGoing ahead, ties will grow."
    )
    flat = grade(honest, nlp, plain, "comment-economy").structure
    assert any("asks for your position" in line for line in flat.feedback)
    argued = plain.replace(
        "Going ahead, ties will grow.",
        "In my view the statement is justified, because trade lags investment. "
        "Going ahead, ties will grow.",
    )
    stated = grade(honest, nlp, argued, "comment-economy").structure
    assert any("position: stated" in n for n in stated.directive_notes)
    assert stated.directive_fit > flat.directive_fit


@pytest.mark.parametrize(
    ("sentence", "reasons"),
    [
        ("The CEPA has applied since 2011.", 0),
        ("Since then trade has doubled.", 0),
        ("Ties have deepened since independence and since March 2022.", 0),
        ("Since Japan is ageing, it needs Indian workers.", 1),
        ("Since the two share values, ties have grown.", 1),
        ("Japan has given India development assistance.", 0),
        ("The award was given in 2021.", 0),
        ("Given its ageing society, Japan needs Indian workers.", 1),
        # examples in note form (engine 0.9.30)
        ("Japan funds metros, e.g. in Delhi and Mumbai.", 1),
        ("Japan funds projects including the Delhi Metro.", 1),
        ("Two projects stand out, namely the metro and the freight corridor.", 1),
        ("Japan funds the Delhi Metro.", 0),
    ],
)
def test_reason_markers_count_where_they_give_a_reason_or_an_example(
    honest: LoadedRubric, nlp: Language, sentence: str, reasons: int
) -> None:
    report = grade(honest, nlp, f"Economic ties have grown. {sentence}", "comment-economy")
    assert report.structure.signals["reason"] == reasons


@pytest.mark.parametrize(
    ("reasons", "advice"),
    [
        ("", "Back your points with reasons and examples"),
        ("because trade lags investment", "Back one more point with a reason or an example"),
        ("because trade lags investment, for instance in autos", None),
    ],
)
def test_the_reasons_advice_counts_the_reasons_given(
    honest: LoadedRubric, nlp: Language, reasons: str, advice: str | None
) -> None:
    text = (
        "Economic ties between India and Japan have grown.\n\n"
        # "since 2011" dates the CEPA: it gives no reason
        "- The CEPA has applied since 2011.\n- Bilateral trade is small and below potential.\n"
        f"- In my view the statement is justified {reasons}.\n\nGoing ahead, ties will grow."
    )
    report = grade(honest, nlp, text, "comment-economy")
    said = report.structure.feedback + [s.text for s in report.feedback.next_steps]
    said += [s.text for s in report.feedback.more_steps]
    told = [line for line in said if line.startswith("Back ")]
    if advice is None:
        assert told == []
    else:
        assert told and all(line.startswith(advice) for line in told), told


def test_suggest_needs_a_way_forward(honest: LoadedRubric, nlp: Language) -> None:
    no_way = grade(honest, nlp, ACHIEVEMENTS, "suggest-future").structure
    assert any("way forward: missing" in n for n in no_way.directive_notes)
    assert any("asks for a way forward" in line for line in no_way.feedback)
    way = ACHIEVEMENTS + (
        "\n\n**Way forward**\n- Green technology and the Joint Crediting Mechanism should grow.\n"
        "- Cooperation on 5G and semiconductors should deepen.\n"
        "- Indian IT professionals can help Japan's digitalisation."
    )
    yes = grade(honest, nlp, way, "suggest-future").structure
    assert any("way forward: covered" in n for n in yes.directive_notes)


def test_discuss_needs_breadth(honest: LoadedRubric, nlp: Language) -> None:
    narrow = (
        "India and Japan share a Special Strategic and Global Partnership since 2014.\n\n"
        "- Both are Quad members.\n- The 2+2 dialogue brings ministers together.\n\n"
        "In conclusion, strategic ties are strong."
    )
    s = grade(honest, nlp, narrow, "discuss-2plus2").structure
    assert any("breadth: 1 of 3" in n for n in s.directive_notes)
    assert any("Defence cooperation" in line and "Economic ties" in line for line in s.feedback)


def test_form_without_substance_earns_no_structure(honest: LoadedRubric, nlp: Language) -> None:
    text = (
        "This topic is important in the present context.\n\n"
        "**Aspects**\n- Many aspects matter.\n- Several factors play a role.\n\n"
        "In conclusion, the way forward is a balanced approach."
    )
    s = grade(honest, nlp, text, "discuss-2plus2").structure
    assert s.components["substance"] == 0.0
    assert s.score == 0.0


def test_empty_answer_has_zero_structure(honest: LoadedRubric, nlp: Language) -> None:
    s = grade(honest, nlp, "", "discuss-2plus2").structure
    assert s.score == 0.0 and s.paragraphs == 0 and s.feedback == []


def test_counting_helpers() -> None:
    # an en dash separates words; a hyphen joins them
    assert count_words("India–Japan ties, since 2014: rules-based order.") == 7
    assert paragraphs_of("a\n\n  \n\nb\nc") == ["a", "b\nc"]


def test_words_in_another_script_are_counted_whole() -> None:
    # web trial 28b: a 36-word Hindi answer was counted as 77 words (split at its vowel signs),
    # where the editor's counter said 36
    hindi = "भारत और जापान के संबंध बहुत पुराने हैं"
    assert count_words(hindi) == 8
    assert count_latin_words(hindi) == 0
    assert count_latin_words("NDMA और SDMA 2005 में बने") == 3
    assert count_latin_words("India–Japan ties, since 2014") == count_words(
        "India–Japan ties, since 2014"
    )


def test_a_verdict_on_the_questions_claim_is_a_judgement(
    honest: LoadedRubric, nlp: Language
) -> None:
    # learner trial 26a: "The record justifies the label 'most dependable'" was told it did not
    # judge yet
    body = ACHIEVEMENTS.replace("\n\nGoing ahead, the partnership will grow.", CHALLENGES)
    verdict = body + "\nThe record justifies calling the partnership strong and dependable."
    structure = grade(honest, nlp, verdict, "critical-challenges").structure
    assert any("judgement: present" in n for n in structure.directive_notes)


def test_a_title_line_does_not_hide_the_introduction(honest: LoadedRubric, nlp: Language) -> None:
    # learner trial 26a: "India-Japan 2+2: Significance" above the opening made it
    # "introduction no"
    titled = "India-Japan ties: an assessment\n\n" + ACHIEVEMENTS
    assert grade(honest, nlp, ACHIEVEMENTS, "critical-challenges").structure.has_introduction
    assert grade(honest, nlp, titled, "critical-challenges").structure.has_introduction
