"""Advisories: each fires when it should, stays silent when it should not, and says what it did
to the marks (which are always still shown)."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from evaluator.resources import load_data
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.advisories import ADVISORY_CODES, factual_errors
from evaluator.scoring.checks.gaming import list_shape
from evaluator.scoring.checks.structure import count_latin_words
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report
from evaluator.tools.audit import keyword_list, padded, shuffled

QUESTIONS = [
    "2plus2-significance",
    "pyq-2019-contemporary",
    "pyq-2013-economic",
    "challenges-way-forward",
    "defence-cooperation",
    "indo-pacific-quad",
]
Q = "2plus2-significance"


def grade(loaded: LoadedRubric, nlp: Language, text: str, question: str = Q) -> Report:
    return evaluate(text, loaded, question, nlp=nlp)


def advisory(report: Report, code: str):  # type: ignore[no-untyped-def]
    return next(a for a in report.advisories if a.code == code)


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_advisory_on_any_model_answer(
    india_japan: LoadedRubric, nlp: Language, question: str
) -> None:
    report = grade(india_japan, nlp, india_japan.model_answers[question], question)
    assert report.advisories == []


@pytest.mark.parametrize("text", ["", "   \n\n  ", "...  --", "\U0001f642", "?" * 5000])
def test_empty(india_japan: LoadedRubric, nlp: Language, text: str) -> None:
    report = grade(india_japan, nlp, text)
    assert report.advisory_codes() == ["empty"]
    assert report.marks == 0
    assert advisory(report, "empty").effect == "marks set to 0"
    # an emoji or a run of question marks is no empty answer: the message says what it lacks
    assert advisory(report, "empty").message.startswith("The answer has no words to mark")


def test_devanagari_answer_gets_a_clear_message(india_japan: LoadedRubric, nlp: Language) -> None:
    text = "भारत और जापान के संबंध बहुत पुराने हैं। दोनों देश क्वाड के सदस्य हैं और मिलकर काम करते हैं।"
    report = grade(india_japan, nlp, text)
    found = advisory(report, "not_english")
    assert "Devanagari" in found.message and "Hindi" in found.message
    assert "rewrite the answer in English" in found.message
    assert report.marks == 0


def test_words_in_another_script_do_not_lift_the_length_cap(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # tutor trial 28a: Hindi padding lifted an answer's too-short cap (0.5 -> 2.0 of 10); only
    # its English words can earn marks, so only they count for its length
    english = (
        "The 2+2 dialogue joins the foreign and defence ministers of India and Japan; JIMEX "
        "and Malabar build naval trust. "
    )
    padding = "भारत और जापान के संबंध बहुत पुराने हैं और दोनों देश मित्र हैं। " * 12
    short = grade(india_japan, nlp, english)
    padded = grade(india_japan, nlp, english + padding)
    assert "not_english" in padded.advisory_codes()
    assert padded.marks <= short.marks
    found = advisory(padded, "too_short")
    assert found.message.startswith(f"At {count_latin_words(english + padding)} words in English")
    # the first step asks for English words, not for a point in any language
    assert padded.feedback.next_steps[0].text.startswith("Write the answer in English: about")
    assert not short.feedback.next_steps[0].text.startswith("Write the answer in English")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Bharat aur Japan ke beech sambandh bahut purane hain aur dono desh Quad ke sadasya "
            "hain, isme koi shak nahi hai ki yeh rishta mazboot hai.",
            "Hindi (romanised)",
        ),
        (
            "Les relations entre l'Inde et le Japon sont anciennes et les deux pays sont membres "
            "du Quad, ce qui est important pour la sécurité de la région.",
            "French",
        ),
    ],
)
def test_latin_script_other_language(
    india_japan: LoadedRubric, nlp: Language, text: str, language: str
) -> None:
    found = advisory(grade(india_japan, nlp, text), "not_english")
    assert language in found.message


def test_english_with_a_hindi_phrase_is_english(india_japan: LoadedRubric, nlp: Language) -> None:
    text = india_japan.model_answers[Q] + "\n\nIn the spirit of वसुधैव कुटुम्बकम्, ties will grow."
    assert "not_english" not in grade(india_japan, nlp, text).advisory_codes()


def test_too_short_caps_at_the_share_used(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "The 2+2 dialogue of foreign and defence ministers deepens the Special Strategic and "
        "Global Partnership of 2014. JIMEX and Malabar show defence trust, and the CEPA of "
        "2011 anchors trade."
    )
    report = grade(india_japan, nlp, text)
    found = advisory(report, "too_short")
    assert found.cap == pytest.approx(report.word_count / 250, abs=0.01)
    assert "share of the word limit" in found.effect
    assert report.marks <= found.cap * report.max_marks + 0.25  # rounding to 0.5


@pytest.mark.parametrize(("factor", "penalty"), [(1.35, 0.1), (1.7, 0.15), (2.2, 0.25), (3.0, 0.5)])
def test_over_limit_deducts_more_the_longer_the_answer_runs(
    india_japan: LoadedRubric, nlp: Language, factor: float, penalty: float
) -> None:
    model = india_japan.model_answers[Q]
    text = padded(model, int(250 * factor / 3))  # padded() fills to 3x the limit it is given
    report = grade(india_japan, nlp, text)
    found = advisory(report, "over_limit")
    assert (found.cap, found.penalty) == (None, penalty)
    assert f"{penalty:.0%} of the maximum deducted" in found.effect
    assert "over the 250-word limit" in found.message
    assert report.arithmetic.before_advisories > report.marks
    if all(a.cap is None for a in report.advisories):
        # the content still counts, less the penalties (the filler may cost a repetition one)
        penalties = sum(a.penalty for a in report.advisories)
        expected = report.arithmetic.before_advisories - penalties * report.max_marks
        assert report.marks == pytest.approx(max(0.0, expected), abs=0.5)


def test_more_words_over_the_limit_never_earn_more(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Padding further must not pay, even where the filler also draws a repetition cap."""
    model = india_japan.model_answers[Q]
    marks = [
        grade(india_japan, nlp, padded(model, int(250 * factor / 3))).marks
        for factor in (1.1, 1.3, 1.6, 1.9, 2.1, 2.4, 2.6, 3.0)
    ]
    assert marks == sorted(marks, reverse=True), marks
    assert marks[-1] <= 0.15 * 15  # gross excess stays low


def test_within_twenty_percent_is_not_over_limit(india_japan: LoadedRubric, nlp: Language) -> None:
    model = india_japan.model_answers[Q]
    text = padded(model, 95)  # about 285 words for a 250-word limit
    report = grade(india_japan, nlp, text)
    assert report.word_count <= 300
    assert "over_limit" not in report.advisory_codes()


def test_off_topic(india_japan: LoadedRubric, nlp: Language) -> None:
    text = str(load_data("audit.yaml")["off_topic"])
    report = grade(india_japan, nlp, text)
    found = advisory(report, "off_topic")
    assert found.cap == 0.1 and "Answer the question that was asked" in found.message
    # it fires because the answer never names the question's subject (issue 13's subject rule),
    # not because of its vocabulary overlap: since rubric 1.2.0 the notes cover water supply,
    # power and farming words too, so a groundwater essay shares 0.36 of its content words
    assert (found.details["subject"], found.details["mentions"]) == (
        "Japan or Japanese or Tokyo",
        0,
    )
    assert found.details["concepts"] <= 2


def test_generic_on_topic_answer_is_not_off_topic(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "India and Japan are close partners. Their relationship covers defence, trade, "
        "investment and culture, and both countries cooperate in the Indo-Pacific region.\n\n"
        "Both democracies want a stable region and a rules-based order, and their leaders meet "
        "often. In conclusion, the partnership is important for Asia."
    )
    assert "off_topic" not in grade(india_japan, nlp, text).advisory_codes()


def test_keyword_list_is_stuffing(india_japan: LoadedRubric, nlp: Language) -> None:
    question = india_japan.rubric.question(Q)
    report = grade(india_japan, nlp, keyword_list(india_japan, question))
    found = advisory(report, "keyword_stuffing")
    assert found.cap == 0.15
    assert report.marks <= 0.15 * report.max_marks + 0.25  # rounding to 0.5
    assert "list of keywords" in found.message


def test_word_salad_is_stuffing(india_japan: LoadedRubric, nlp: Language) -> None:
    model = re.sub(r"[*_#]+", "", india_japan.model_answers[Q])
    report = grade(india_japan, nlp, shuffled(nlp(model)))
    assert "keyword_stuffing" in report.advisory_codes()
    assert advisory(report, "keyword_stuffing").details["disorder"] >= 0.02


def test_one_slip_of_word_order_is_not_word_salad(india_japan: LoadedRubric, nlp: Language) -> None:
    # "The the" once in 40 words is 2.5% broken word order: above the rate, but a typing slip
    text = (
        "India and Japan hold a 2+2 dialogue of foreign and defence ministers. It builds on the "
        "Special Strategic and Global Partnership of 2014. The the ministers also discussed "
        "JIMEX, Malabar and the ACSA logistics pact, and both back the Quad."
    )
    report = grade(india_japan, nlp, text)
    assert list_shape(nlp(text), []).disorder >= 0.02
    assert "keyword_stuffing" not in report.advisory_codes()


TERSE = (
    "Japan funds the Mumbai–Ahmedabad high-speed rail through cheap ODA loans. JIMEX, Malabar "
    "and Dharma Guardian keep both militaries working together. UNICORN mast technology moves "
    "to Indian shipyards. CEPA took effect in 2011 but trade stays near US$ 23 billion. A "
    "US$ 75 billion currency swap steadies both central banks. Quad partners back ASEAN "
    "centrality and the AOIP. Japanese firms fear land acquisition delays and tax disputes. "
    "Both capitals see China's assertiveness as their common worry."
)


def test_shuffled_sentences_of_few_function_words_are_stuffing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # terse sentences leave few function words to break ('the of'), but a shuffled sentence
    # starts mid-sentence and moves its first word inside ("swap banks A central steadies");
    # the audit of a draft (test_audit) is where the word-order rules alone had missed it
    report = grade(india_japan, nlp, shuffled(nlp(TERSE)))
    found = advisory(report, "keyword_stuffing")
    assert found.details["scrambled"] >= 0.3
    assert "read as shuffled" in found.message
    assert "keyword_stuffing" not in grade(india_japan, nlp, TERSE).advisory_codes()


def test_bullets_in_lower_case_are_not_shuffled(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "India and Japan have a deep partnership, but economic ties lag.\n\n"
        "Hurdles on the Indian side:\n- land acquisition delays slow Japanese projects.\n"
        "- tax disputes and retrospective demands deter investors.\n"
        "- rigid labour rules raise costs for manufacturers.\n"
        "- weak logistics raise the price of exports.\n\n"
        "In conclusion, reforms at home would unlock Japanese capital for Make In India."
    )
    report = grade(india_japan, nlp, text)
    assert "keyword_stuffing" not in report.advisory_codes()


def test_an_answer_written_in_lower_case_is_not_shuffled(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # every sentence begins in lower case because the writer never uses capitals: that says
    # nothing about word order (it had read as 80% shuffled and was capped as keyword stuffing)
    text = (
        "india and japan is very good friends since long time. they both are democracy and they "
        "both love peace. japan give lot of money to india for metro and bullet train. they also "
        "do army exercise together. in future both country should work more closely for "
        "development of asia and world."
    )
    report = grade(india_japan, nlp, text)
    assert "keyword_stuffing" not in report.advisory_codes()
    # an answer that capitalises its sentences, shuffled, still reads as shuffled
    assert "keyword_stuffing" in grade(india_japan, nlp, shuffled(nlp(TERSE))).advisory_codes()


def test_points_with_sentences_are_not_stuffing(india_japan: LoadedRubric, nlp: Language) -> None:
    text = (
        "India and Japan hold a 2+2 dialogue of foreign and defence ministers.\n\n"
        "**Defence**\n- JIMEX and Malabar are regular naval exercises.\n"
        "- Japan transfers UNICORN mast technology.\n\n"
        "**Economy**\n- The CEPA has applied since 2011.\n"
        "- A currency swap of $75 billion steadies both central banks.\n\n"
        "In conclusion, the dialogue gives the partnership direction."
    )
    assert "keyword_stuffing" not in grade(india_japan, nlp, text).advisory_codes()


def test_points_in_note_form_are_not_stuffing(india_japan: LoadedRubric, nlp: Language) -> None:
    # six numbered points written as phrases, not sentences: few verbs, but each point relates
    # its terms ('support to', 'reform through'); a tutor marks it as a thin answer, not a dump
    text = (
        "Why the 2+2 matters for India and Japan:\n"
        "1. Brings foreign and defence thinking to one table at ministerial level.\n"
        "2. Regular naval drills: JIMEX and Malabar.\n"
        "3. Coordination on the Indo-Pacific within the Quad.\n"
        "4. Joint stand against cross-border terrorism.\n"
        "5. Japanese help for India's defence production.\n"
        "6. Backing for each other's claim to a permanent seat through the G4.\n\n"
        "Conclusion: the dialogue gives the partnership a security pillar."
    )
    assert "keyword_stuffing" not in grade(india_japan, nlp, text).advisory_codes()


def test_labelled_notes_with_years_and_glosses_are_not_stuffing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Labelled bullets whose items each carry a year or a bracketed gloss are how aspirants
    write notes; they were capped at 15% as a list of keywords (a 6.5 answer given 1.5)."""
    text = (
        "Security ties between India and Japan have deepened since the 2008 Joint Declaration.\n\n"
        "Main strands:\n"
        "- Dialogue: 2+2 ministerial meeting (first in 2019), defence policy dialogue, and "
        "service-to-service staff talks.\n"
        "- Pacts: defence equipment and technology transfer (2015), security of classified "
        "information (2015), ACSA (2020) for reciprocal supplies.\n"
        "- Drills: JIMEX (navy, from 2012), Malabar (with the US and Australia), Dharma Guardian "
        "(army), Shinyuu Maitri (air force).\n"
        "- Technology: UNICORN mast and unmanned ground vehicles.\n\n"
        "Conclusion: the ties have moved from visits to working together, but joint production "
        "is still to come."
    )
    report = grade(india_japan, nlp, text, "defence-cooperation")
    assert "keyword_stuffing" not in report.advisory_codes()
    assert report.marks >= 4


def test_prose_with_one_listing_sentence_is_not_stuffing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """A tutor trial: a short answer of plain sentences, one of them naming five bodies, was
    capped at 15% because most of its terms sat in that one sentence."""
    text = (
        "The armed forces of India and Japan hold the JIMEX, Malabar, Dharma Guardian, Shinyuu "
        "Maitri, Veer Guardian and Sahyog-Kaijin exercises with each other. Their soldiers now "
        "train side by side every year. Officers also visit each other often. These steps show "
        "that trust between the two militaries has grown quickly over the last ten years."
    )
    report = grade(india_japan, nlp, text, "defence-cooperation")
    assert "keyword_stuffing" not in report.advisory_codes()


@pytest.mark.parametrize("question", [*QUESTIONS, "economic-security-supply-chains"])
def test_bullet_list_of_terms_is_stuffing(
    india_japan: LoadedRubric, nlp: Language, question: str
) -> None:
    # the keyword dump again, one term per bullet: no commas for the bare-list test to count
    terms = keyword_list(india_japan, india_japan.rubric.question(question)).rstrip(".")
    bullets = "\n".join(f"- {term}" for term in terms.split(", "))
    report = grade(india_japan, nlp, bullets, question)
    assert advisory(report, "keyword_stuffing").cap == 0.15
    assert report.marks <= 0.15 * report.max_marks + 0.25


def test_copied_source_reports_the_share(india_japan: LoadedRubric, nlp: Language) -> None:
    notes = india_japan.source_notes
    start = notes.index("## Economic ties")
    section = notes[start : notes.index("## ", start + 5)]
    report = grade(india_japan, nlp, section, "pyq-2013-economic")
    found = advisory(report, "copied_source")
    assert found.details["share"] >= 0.5
    assert f"{found.details['share']:.0%}" in found.message
    assert found.cap is not None
    assert report.marks <= found.cap * report.max_marks + 0.25  # rounding to 0.5


PASTED = (
    "The third India–Japan 2+2 meeting of foreign and defence ministers took place in New "
    "Delhi. Both sides recommitted to a rules-based international order resting on the UN "
    "Charter. They intend to revise the 2008 Joint Declaration on Security Cooperation so that "
    "it reflects present-day priorities and threats."
)
"""Three sentences of the India–Japan source notes, word for word."""


def test_copied_source_says_which_words_were_copied(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """The learner is told where the copying is, so they can rewrite those words: the report
    (and its JSON) gives each copied stretch as character offsets into the answer."""
    notes = " ".join(india_japan.source_notes.split())
    assert all(f"{sentence}." in notes for sentence in PASTED.rstrip(".").split(". "))
    own_start = "To my mind the dialogue matters a lot for both democracies in Asia.\n\n"
    own_end = "\n\nSo, all told, I think the ties keep getting warmer every single year."
    text = own_start + PASTED + own_end
    report = grade(india_japan, nlp, text)
    spans = advisory(report, "copied_source").details["spans"]
    assert spans == [
        {"start": len(own_start), "end": len(own_start) + len(PASTED) - 1, "text": PASTED[:-1]}
    ]  # from "The" to "threats": the three sentences, and none of the learner's own words
    (copied,) = [a for a in report.to_dict()["advisories"] if a["code"] == "copied_source"]
    assert copied["details"]["spans"] == spans


def test_copied_stretches_are_offsets_into_the_answer_as_written(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Two stretches apart, and a letter that lower-cases to two characters (the Turkish dotted
    capital I) before them: each span still points at the answer's own characters."""
    first, second = PASTED.split(". ", 1)[0], PASTED.split(". ", 2)[2]
    text = f"İİ İstanbul aside, consider this. {first}. Meanwhile, in my view, trade lags. {second}"
    report = grade(india_japan, nlp, text)
    spans = advisory(report, "copied_source").details["spans"]
    assert [s["text"] for s in spans] == [first, second.rstrip(".")]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_own_words_are_not_copied_source(india_japan: LoadedRubric, nlp: Language) -> None:
    text = india_japan.model_answers["pyq-2013-economic"]
    assert (
        "copied_source" not in grade(india_japan, nlp, text, "pyq-2013-economic").advisory_codes()
    )


def test_repeated_sentences(india_japan: LoadedRubric, nlp: Language) -> None:
    sentence = "The 2+2 dialogue strengthens the Special Strategic and Global Partnership. "
    report = grade(india_japan, nlp, sentence * 8)
    found = advisory(report, "repetition")
    assert found.cap == 0.15 and found.details["repeats"] == 7


def test_one_repeat_is_tolerated(india_japan: LoadedRubric, nlp: Language) -> None:
    model = india_japan.model_answers[Q]
    first = model.split(". ")[0] + "."
    report = grade(india_japan, nlp, model + "\n\n" + first)
    assert "repetition" not in report.advisory_codes()


def test_order_is_stable_and_marks_stay_visible(india_japan: LoadedRubric, nlp: Language) -> None:
    sentence = "JIMEX, Malabar, Dharma Guardian, ACSA, CEPA, Quad, SSGP, ODA, FDI, UNICORN. "
    report = grade(india_japan, nlp, sentence * 90)
    codes = report.advisory_codes()
    assert codes == sorted(codes, key=ADVISORY_CODES.index)
    assert {"over_limit", "keyword_stuffing", "repetition"} <= set(codes)
    data = report.to_dict()
    assert data["marks"] == report.marks and data["arithmetic"]["before_advisories"] > 0
    for item in data["advisories"]:
        assert item["message"] and item["effect"] != ""


def test_labelled_prose_and_stranded_prepositions_are_not_word_salad(india_japan) -> None:
    # found on the tutor-graded set: a year closing a sentence ("... in 2014.") and a stranded
    # preposition ("dragged on.") were counted as broken word order
    answer = (
        "Introduction: India and Japan upgraded ties to a Special Strategic and Global "
        "Partnership in 2014, making Japan one of India's closest partners.\n\n"
        "Strategic: cooperation in the Quad, a ministerial 2+2, exercises such as JIMEX and "
        "Malabar, and a shared vision of a rules-based Indo-Pacific.\n\n"
        "Economic: Japan is the biggest bilateral ODA donor; CEPA came into force in 2011.\n\n"
        "Challenges: the purchase of US-2 aircraft has dragged on.\n\n"
        "Conclusion: this partnership can provide stability in a multipolar Asia."
    )
    report = evaluate(answer, india_japan, "pyq-2019-contemporary")
    assert "keyword_stuffing" not in report.advisory_codes()


def test_padding_that_restates_the_question_is_capped(india_japan: LoadedRubric, nlp: Language):
    # no sentence repeats another word for word, but none adds a point either
    text = (
        "Economic security is a new pillar of India–Japan relations. It is a pillar because it "
        "supports the relations, and it is new because it is new.\n\n"
        "Supply chains are chains of supply. When supply chains are shocked, supply is shocked, "
        "and economic security becomes important.\n\n"
        "China has a hold over critical sectors. Critical sectors are critical, and China holds "
        "the critical sectors.\n\n"
        "Therefore economic security is a new pillar and India and Japan should increase "
        "economic security cooperation."
    )
    report = grade(india_japan, nlp, text, "economic-security-supply-chains")
    found = advisory(report, "repetition")
    assert found.cap == 0.15 and found.details["restated"] >= 5
    assert report.share <= 0.15


@pytest.mark.parametrize("question", QUESTIONS)
def test_real_answers_do_not_restate(india_japan: LoadedRubric, nlp: Language, question: str):
    text = india_japan.model_answers[question]
    assert "repetition" not in grade(india_japan, nlp, text, question).advisory_codes()


def test_misspelt_key_terms_are_named_and_cost_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    model = india_japan.model_answers[Q]
    typos = {"logistics": "logisitcs", "Pathankot": "Pathankott", "Infrastructure": "Infrastucture"}
    changed = model
    for right, wrong in typos.items():
        assert right in changed
        changed = changed.replace(right, wrong, 1)
    plain, misspelt = grade(india_japan, nlp, model), grade(india_japan, nlp, changed)
    assert "spelling" not in plain.advisory_codes()
    found = advisory(misspelt, "spelling")
    # each misspelt word once, with the word it was read as, spelt as the answer capitalised it
    assert ["Infrastucture", "Infrastructure"] in found.details["corrections"]
    assert "“logisitcs” (logistics)" in found.message and found.details["count"] == 3
    assert found.cap is None and found.penalty == 0 and found.effect.startswith("none")
    assert misspelt.marks == plain.marks  # the words earned their credit


def test_a_misspelt_word_that_earned_nothing_is_named_apart_with_the_word_meant(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "recieve", "goverments" and "importent" earn nothing, but an examiner notices them too
    plain = grade(india_japan, nlp, india_japan.model_answers[Q])
    text = india_japan.model_answers[Q] + " Both goverments recieve praise for this importent step."
    report = grade(india_japan, nlp, text)
    found = advisory(report, "spelling")
    assert found.details["other_corrections"] == [
        ["goverments", "governments"],
        ["recieve", "receive"],
        ["importent", "important"],
    ]
    assert found.message.startswith("Misspelt, most likely for the word in brackets:")
    assert found.message.count("“recieve”") == 1 and "read as the terms" not in found.message
    assert found.effect == "none" and report.marks == plain.marks


def test_both_kinds_of_misspelling_are_told_in_one_advisory(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = india_japan.model_answers[Q].replace("logistics", "logisitcs", 1) + (
        " It is an importent step."
    )
    found = advisory(grade(india_japan, nlp, text), "spelling")
    assert found.message.count("Misspelt") == 1  # said once, the second part says "Other slips"
    assert "“logisitcs” (logistics)" in found.message
    assert "Other slips, most likely for the word in brackets: “importent” (important)." in (
        found.message
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # real words no word list holds, one slip from a word it does hold
        "Tokenised securities and securitised loans need rules.",
        "The memoised results were unpickled later.",
        # Indian English, a Hindi word, a name written in lower case
        "The zamindars and the panchayati raj bodies met the sarpanch in shimla.",
        # a slip that fits two words is not guessed at ("bettery": battery or buttery?)
        "The bettery of tests was long.",
        # a word the rubric's own notes write
        "Japan joined Malabar as a permanent participant.",
    ],
)
def test_real_or_ambiguous_words_are_not_called_misspelt(
    india_japan: LoadedRubric, nlp: Language, sentence: str
) -> None:
    text = india_japan.model_answers[Q] + " " + sentence
    report = grade(india_japan, nlp, text)
    found = [a for a in report.advisories if a.code == "spelling"]
    assert not found or not found[0].details["other_corrections"], found[0].message


def test_particles_and_nouns_spelt_like_auxiliaries_are_english(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "brought in by", "taken over from" put a particle before a preposition; "its will" is a
    # noun after a determiner. A learner's 147-word answer with three such pairs was over the
    # word-salad rate and capped as keyword stuffing.
    text = (
        "The 2+2 dialogue, brought in by both governments, joins foreign and defence ministers. "
        "The logistics pact, taken over from earlier talks, lets each side refuel the other. "
        "Neither side imposes its will."
    )
    assert list_shape(nlp(text), []).disorder == 0
    # nor is a demonstrative standing as a pronoun ("This is"), a tutor's 0.02 of a 50-word answer
    assert (
        list_shape(nlp("States got compensation. This is cooperative federalism."), []).disorder
        == 0
    )
    # a preposition before another preposition is still broken order, and so is a determiner
    # before an auxiliary
    assert list_shape(nlp("Japan in by the India joins the Quad."), []).disorder > 0
    # a capital A that labels a thing is no article: "so A is" is English (short answers on
    # circuits name bulbs A, B and C)
    assert list_shape(nlp("Bulb A is on its own path, so A is not affected."), []).disorder == 0
    assert list_shape(nlp("The will defence of Japan grows."), []).disorder > 0


def test_a_wrong_fact_in_a_full_dimension_still_costs_marks(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """A learner trial: a wrong SSGP year cost 0 marks (its dimension was full without the
    point), and correcting it gave '+0'. An examiner deducts for a factual error: 10% of the
    answer's marks per wrong fact, at most half, on an essay-marked answer (engine 0.9.206)."""
    base = (
        "India and Japan became Special Strategic and Global Partners in {year}, after the "
        "Global Partnership of 2000, and their foreign and defence ministers have met in a 2+2 "
        "format since 2019. Defence ties include Malabar, JIMEX, Dharma Guardian and Veer "
        "Guardian, and the Acquisition and Cross-Servicing Agreement lets the forces share "
        "supplies. Japan is the largest bilateral ODA donor and funds the high speed rail and "
        "metro lines; a currency swap of US$ {swap} billion supports the rupee. Both work in the "
        "Quad for a free and open Indo-Pacific and seek supply chains less dependent on China."
    )
    question = "pyq-2019-contemporary"
    right = grade(india_japan, nlp, base.format(year=2014, swap=75), question)
    one = grade(india_japan, nlp, base.format(year=2010, swap=75), question)
    two = grade(india_japan, nlp, base.format(year=2010, swap=50), question)
    assert "factual_errors" not in right.advisory_codes()
    assert advisory(one, "factual_errors").deduction == pytest.approx(0.1)
    assert advisory(two, "factual_errors").deduction == pytest.approx(0.2)
    assert advisory(two, "factual_errors").penalty == 0
    assert advisory(two, "factual_errors").effect == "20% of the marks deducted"
    assert "2 statements of fact contradict" in advisory(two, "factual_errors").message
    unrounded = [r.to_dict()["arithmetic"] for r in (right, one, two)]
    assert unrounded[0]["deduction"] < unrounded[1]["deduction"] < unrounded[2]["deduction"]
    assert right.marks >= one.marks >= two.marks and right.marks > two.marks
    # the step to correct a fact is worth what it lifts
    step = next(s for s in one.feedback.next_steps + one.feedback.more_steps if s.kind == "fact")
    assert step.marks_after > one.marks
    # a short answer's marks are its points: no deduction on top
    short = india_japan.rubric.questions[0].model_copy(update={"kind": "short"})
    assert not factual_errors(short, one.facts)


def test_a_rubric_name_in_the_plural_is_no_misspelling(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # a learner trial: "the Senkakus" (the Senkaku Islands) was named as a misspelling
    text = india_japan.model_answers[Q] + " China presses Japan over the Senkakus."
    assert "spelling" not in grade(india_japan, nlp, text).advisory_codes()


def test_romanised_hindi_with_english_keywords_costs_marks(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 30c: a Hinglish answer earned the best share of nine answers while the advisory said
    # only English could earn marks ("Effect on marks: none")
    hinglish = (
        "Bharat aur Japan ke beech economic ties badh rahe hain, lekin abhi bhi potential se "
        "bahut kam hain. Bilateral trade sirf US$ 22.85 billion hai, aur trade deficit Japan ke "
        "favour mein hai. Land acquisition aur tax disputes Japanese investors ko darate hain. "
        "India ne RCEP join nahin kiya, aur CEPA ke tariff preferences ka kam upyog hota hai."
    )
    english = (
        "Economic ties between India and Japan are growing but remain far below potential. "
        "Bilateral trade is only US$ 22.85 billion, and the trade deficit favours Japan. Land "
        "acquisition and tax disputes deter Japanese investors. India did not join RCEP, and "
        "CEPA's tariff preferences are little used."
    )
    mixed = grade(india_japan, nlp, hinglish, "pyq-2013-economic")
    plain = grade(india_japan, nlp, english, "pyq-2013-economic")
    found = advisory(mixed, "not_english")
    assert found.penalty > 0 and "deducted" in found.effect
    assert mixed.marks < plain.marks
    assert mixed.feedback.next_steps[0].text.startswith("Write the whole answer in English")
