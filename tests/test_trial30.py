"""Session 30: fixes found by trial 29b's tutor and 29a's probes that were left open then.
The sentences and notes are our own."""

from __future__ import annotations

import itertools
from pathlib import Path

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive.core import derive_rubric

NOTES_WITH_MARKUP = """# Cooperative federalism

## Institutions

- The Inter-State Council {{7*7}} under Article 263 was set up in 1990 on the *Sarkaria* advice.
- The **GST Council** <img alt="a>b" src=x> brings the Union and the states together on tax rates.
- A ratio of 2*3 stays as written, and so does a < b > c in a formula.
"""


def test_derive_strips_markup_but_keeps_the_notes_own_characters() -> None:
    # a star between two digits is multiplication, not emphasis; a quoted ">" does not end a tag
    notes = [
        concept["note"]
        for dimension in derive_rubric(NOTES_WITH_MARKUP).data["dimensions"]
        for concept in dimension["concepts"]
    ]
    text = " ".join(notes)
    assert "{{7*7}}" in text and "2*3" in text and "a < b > c" in text
    assert "Sarkaria advice" in text and "The GST Council brings" in text
    assert "*" not in text.replace("7*7", "").replace("2*3", "")
    assert 'b"' not in text and "<img" not in text


def _report(loaded: LoadedRubric, nlp: Language, text: str, question: str):  # type: ignore[no-untyped-def]
    return evaluate("India and Japan are close partners. " + text, loaded, question, nlp=nlp)


def _concepts(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Concept id -> status."""
    return {c.id: c.status for c in report.concepts}


def _facts(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Fact id -> status."""
    return {f.id: f.status for f in report.facts}


def test_an_ordinal_that_ranks_a_country_is_no_third_country(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # 'the third country to hold a 2+2' had earned the point on projects in third countries
    wrong = _report(
        loaded=india_japan,
        nlp=nlp,
        question="2plus2-significance",
        text="Japan is the third country to hold a 2+2 with India.",
    )
    status = _concepts(wrong)
    assert status["third-country-cooperation"] == "missing"
    assert _facts(wrong)["japan-second-partner"] == "contradicted"
    right = _report(
        loaded=india_japan,
        nlp=nlp,
        question="2plus2-significance",
        text="They build ports together in third countries such as Sri Lanka.",
    )
    assert _concepts(right)["third-country-cooperation"] == "covered"


def test_not_the_second_but_the_third_asserts_the_third(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the parser hangs '2+2' on the copula, so the denial of 'second' had reached 'the third 2+2'
    report = _report(
        india_japan,
        nlp,
        "The New Delhi meeting was not the second but the third 2+2.",
        "2plus2-significance",
    )
    assert _concepts(report)["third-2plus2-meeting"] == "covered"
    assert _facts(report)["third-meeting"] == "supported"
    mirror = _report(
        india_japan,
        nlp,
        "The New Delhi meeting was not the third but the second 2+2.",
        "2plus2-significance",
    )
    assert _concepts(mirror)["third-2plus2-meeting"] != "covered"


def test_a_named_place_under_a_negated_noun_is_taken_as_given(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # not being claimants in the sea does not deny the sea (the China point had been denied)
    report = _report(
        india_japan,
        nlp,
        "India and Japan are not claimants in the South China Sea, but both back freedom of "
        "navigation there.",
        "indo-pacific-quad",
    )
    status = _concepts(report)
    assert status["china-assertiveness"] == "covered"
    assert "negated" not in status.values()
    # a membership stays denied
    member = _report(india_japan, nlp, "Japan is not a member of the Quad.", "indo-pacific-quad")
    assert _concepts(member)["quad-cooperation"] == "negated"


def test_not_the_last_denies_the_rank_not_the_exercise(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan,
        nlp,
        "The 2023 Veer Guardian was not the last; the air forces plan more rounds.",
        "defence-cooperation",
    )
    assert _concepts(report)["veer-guardian"] == "covered"
    denied = _report(
        india_japan,
        nlp,
        "Veer Guardian is not an exercise of the air forces.",
        "defence-cooperation",
    )
    assert _concepts(denied)["veer-guardian"] != "covered"


def test_not_liking_a_deed_does_not_deny_it(india_japan: LoadedRubric, nlp: Language) -> None:
    # the parser tags 'like' as a preposition; Tokyo's dislike had denied India's part in Vostok
    for sentence in (
        "Tokyo did not like India's participation in the Vostok drills.",
        "Japan did not enjoy seeing India in the Vostok exercise.",
    ):
        report = _report(india_japan, nlp, sentence, "challenges-way-forward")
        assert _concepts(report)["vostok-kuril"] != "negated", sentence
    denied = _report(
        india_japan, nlp, "India did not take part in the Vostok drills.", "challenges-way-forward"
    )
    assert _concepts(denied)["vostok-kuril"] == "negated"


def test_a_copied_stretch_is_quoted_in_whole_words(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the notes' run begins at 'Japan' of 'India–Japan': the quote began inside 'Indo–Japan'
    answer = (
        "Indo–Japan 2+2 meeting of foreign and defence ministers took place in New Delhi. "
        "Both sides recommitted to a rules-based international order resting on the UN Charter. "
        "In practice that means respecting sovereignty and territorial integrity and settling "
        "disputes peacefully, without force or the threat of it."
    )
    report = evaluate(answer, india_japan, "2plus2-significance", nlp=nlp)
    copied = next(a for a in report.advisories if a.code == "copied_source")
    quotes = [span["text"] for span in copied.details["spans"]]
    assert quotes[0].startswith("Indo–Japan 2+2 meeting")
    for span in copied.details["spans"]:
        assert answer[span["start"] : span["end"]] == span["text"]


def test_copying_one_more_word_never_costs_marks_at_a_jump() -> None:
    # trial 29c: an answer just over 25% copied was capped at 37% of the maximum at once
    from evaluator.scoring.checks.advisories import copy_cap
    from evaluator.settings import advisory_settings

    settings = advisory_settings().copied_source
    caps = [copy_cap(s / 200, settings.min_share, settings.full_share) for s in range(50, 201)]
    assert caps[0] == 1.0 and caps[-1] == 0.05
    assert all(later <= earlier for earlier, later in itertools.pairwise(caps))
    assert max(earlier - later for earlier, later in itertools.pairwise(caps)) <= 0.04 + 1e-9


def test_another_partys_agreement_earns_nothing_of_the_cepa(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # probe 29a: 'The Quad has a free trade agreement' had earned the India-Japan CEPA point
    for sentence in (
        "The Quad has a free trade agreement among its four members.",
        "India has a free trade agreement with ASEAN.",
        "RCEP is a free trade agreement that India left.",
    ):
        report = _report(india_japan, nlp, sentence, "pyq-2020-quad-trade-bloc")
        assert _concepts(report)["cepa-2011"] == "missing", sentence
    ours = _report(
        india_japan,
        nlp,
        "India and Japan signed a free trade agreement in 2011.",
        "pyq-2020-quad-trade-bloc",
    )
    assert _concepts(ours)["cepa-2011"] == "covered"
    # other nouns keep their credit beside a partner
    venture = _report(
        india_japan,
        nlp,
        "Suzuki's joint venture with Maruti made India a hub for small cars.",
        "pyq-2013-economic",
    )
    assert any(c.credit > 0 for c in venture.concepts)


def test_a_top_three_rank_is_wrong_of_the_fifth_source(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # probe 29a: 'among the top three' had passed as no rank at all
    def fdi(sentence: str) -> str:
        report = _report(india_japan, nlp, sentence, "japan-development-partner")
        return _facts(report)["fdi-rank"]

    assert fdi("Japan is among the top three sources of FDI in India.") == "contradicted"
    assert fdi("Japan is one of the three largest investors in India.") == "contradicted"
    # a range that holds the fifth place is not wrong, nor a vague 'among the first'
    assert fdi("Japan is among the top five sources of FDI in India.") != "contradicted"
    assert fdi("Japan is among the top 10 investors in India.") != "contradicted"
    assert fdi("Japan is the fifth-largest source of FDI in India.") == "supported"
    report = _report(
        india_japan,
        nlp,
        "Japan was among the first countries to hold a 2+2 with India.",
        "2plus2-significance",
    )
    assert _facts(report)["japan-second-partner"] != "contradicted"


def test_a_capped_answer_is_told_first_the_points_its_question_weighs_most(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29c: under the length cap every point rounds to nothing and a defence exercise came
    # before the way forward on the challenges question (way forward weighs 3, defence 1)
    answer = (
        Path(__file__).parent / "data/calibration/challenges-way-forward/average.md"
    ).read_text(encoding="utf-8")
    report = evaluate(answer, india_japan, "challenges-way-forward", nlp=nlp)
    weight = {
        d.id: d.weight for d in india_japan.rubric.question("challenges-way-forward").dimensions
    }
    points = [s for s in report.feedback.next_steps if s.kind == "concept"]
    assert points and weight[points[0].dimension] == max(weight.values())
    assert [s.target for s in points].count("jimex") == 0


def test_no_shortage_of_workers_is_plenty_of_them(india_japan: LoadedRubric, nlp: Language) -> None:
    # probe 29a: the litotes had denied the point on skilled workers for ageing Japan
    report = _report(
        india_japan,
        nlp,
        "India has no shortage of young workers, which Japan lacks.",
        "pyq-2013-economic",
    )
    assert _concepts(report)["skilled-mobility"] != "negated"
    # and its 'shortage' is no shortage: Japan's capital says nothing of Japan's workforce
    plenty = _report(
        india_japan,
        nlp,
        "Japan has no shortage of capital, and India has no lack of skilled workers.",
        "pyq-2013-economic",
    )
    assert _concepts(plenty)["skilled-mobility"] != "covered"


def test_a_rupee_sum_is_wrong_only_when_no_rate_makes_it_right(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # probe 29a: rupee figures passed unchecked; a swap of Rs 75 lakh crore is over US$800 billion
    def fact(sentence: str, fact_id: str) -> str:
        report = _report(india_japan, nlp, sentence, "pyq-2013-economic")
        return _facts(report)[fact_id]

    swap = "swap-size"
    assert fact("The currency swap arrangement is worth Rs 75 lakh crore.", swap) == "contradicted"
    assert fact("Bilateral trade is about Rs 22,000 crore.", "trade-value") == "contradicted"
    # right at some rate of the last fifteen years: neither right nor wrong
    assert fact("The currency swap arrangement is worth Rs 6.3 lakh crore.", swap) == "absent"
    assert fact("Bilateral trade is about Rs 1.8 lakh crore.", "trade-value") == "absent"


def test_a_fraction_far_from_the_percent_is_wrong(india_japan: LoadedRubric, nlp: Language) -> None:
    # probe 29a: 'half of the aircraft' passed unchecked against the notes' 30%
    def share(sentence: str) -> str:
        report = _report(india_japan, nlp, sentence, "japan-development-partner")
        return _facts(report)["aircraft-share"]

    assert share("Japan committed to making half of the aircraft in India.") == "contradicted"
    assert share("Japan committed to making two-thirds of the aircraft in India.") == "contradicted"
    # an approximation is no error, nor a figure
    assert share("Japan committed to making about a third of the aircraft in India.") == "absent"
    assert share("Japan committed to making 30% of the aircraft in India.") == "supported"


def test_probe_30a_true_sentences_are_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    cases = [
        # a later summit's year is no year of the first summit
        ("The IPMDA was launched at the Tokyo Quad summit in 2022.", "indo-pacific-quad"),
        # the next conjunct of a gapped list describes another exercise
        (
            "Japan's ground forces take part in Dharma Guardian, its air force in Veer Guardian "
            "and its navy in JIMEX.",
            "defence-cooperation",
        ),
        # a name someone gives the Quad is reported, not claimed
        ("China calls the Quad an Asian NATO, which it is not.", "indo-pacific-quad"),
        ("Critics call the Quad an Asian NATO.", "indo-pacific-quad"),
    ]
    for sentence, question in cases:
        report = _report(india_japan, nlp, sentence, question)
        wrong = [f.id for f in report.facts if f.status == "contradicted"]
        assert wrong == [], sentence
    # the same values claimed as the writer's own are still wrong
    for sentence, question, fact in [
        ("The first Quad summit was held in 2022.", "indo-pacific-quad", "quad-summits-since"),
        ("The Quad is an Asian NATO.", "indo-pacific-quad", "quad-form"),
        (
            "Dharma Guardian, an air force drill, began in 2018.",
            "defence-cooperation",
            "dharma-guardian-service",
        ),
    ]:
        report = _report(india_japan, nlp, sentence, question)
        assert _facts(report)[fact] == "contradicted", sentence


def test_probe_30a_true_sentences_are_not_denied(india_japan: LoadedRubric, nlp: Language) -> None:
    cases = [
        (
            "It was not the first but the third 2+2 between the two sides, and New Delhi was "
            "the venue.",
            "2plus2-significance",
            "third-2plus2-meeting",
        ),
        (
            "The Quad is a minilateral, not a treaty alliance.",
            "pyq-2020-quad-trade-bloc",
            "quad-informal-dialogue",
        ),
        (
            "India and Japan are not permanent members of the UN Security Council and seek "
            "seats through the G4.",
            "pyq-2019-contemporary",
            "g4-unsc-reform",
        ),
    ]
    for sentence, question, concept in cases:
        status = _concepts(_report(india_japan, nlp, sentence, question))
        assert status[concept] == "covered", sentence
    mirror = _report(
        india_japan,
        nlp,
        "The Quad is a treaty alliance, not a minilateral.",
        "pyq-2020-quad-trade-bloc",
    )
    assert _concepts(mirror)["quad-informal-dialogue"] != "covered"


FC_NOTES = """# The Finance Commission

## Devolution

- The Finance Commission (FC) under Article 280 recommends how central taxes are shared.
- The 15th FC (chaired by N.K. Singh, 2021–26) kept the share at 41% after Jammu and Kashmir became
  a Union Territory in 2019.
- Revenue deficit grants under Article 275 fill the gap left after devolution for states like
  Kerala and Himachal Pradesh.
- The first Finance Commission was chaired by K.C. Neogy and reported in 1952.
- The 80th Constitutional Amendment (2000) made all central taxes part of the divisible pool.

## Dilution

- Cesses and surcharges are outside the divisible pool, so effective devolution is well below 41%.
- The Goods and Services Tax (GST) Council under Article 279A sets rates jointly.
- GST compensation to states ended in June 2022, widening their revenue gap.
- The 16th Finance Commission, chaired by Arvind Panagariya and constituted on 31 December 2023,
  covers 2026–31 and can address these concerns.
"""


def test_trial_30b_draft_keeps_places_people_and_shared_acronyms_out_of_aliases() -> None:
    data = derive_rubric(FC_NOTES, title="The Finance Commission").data
    aliases = [
        alias
        for dimension in data["dimensions"]
        for concept in dimension["concepts"]
        for alias in concept.get("aliases", [])
    ]
    for wrong in ("Himachal Pradesh", "Union Territory", "K.C. Neogy", "Constitutional Amendment"):
        assert wrong not in aliases
    # GST is written by two points: it names neither alone
    assert "GST" not in aliases
    facts = data.get("facts", [])
    # 'covers 2026–31' is no rupee sum, and beside the span 2023 is not the point's one year
    assert not any(f["expected"]["kind"] == "money" for f in facts)
    assert not any(f["expected"] == {"kind": "year", "value": 2023} for f in facts)
    # 'well below 41%' is a bound, not the value of effective devolution
    bounds = [f for f in facts if "well below" in f["claim"]]
    assert bounds == []


def test_an_acronym_stands_for_its_expansion_inside_a_longer_term(tmp_path: Path) -> None:
    # trial 30b: "The 16th FC under Arvind Panagariya" had missed the 16th Finance Commission
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.derive.core import derive_rubric_file

    notes = tmp_path / "notes.md"
    notes.write_text(FC_NOTES, encoding="utf-8")
    out = tmp_path / "rubric.yaml"
    derive_rubric_file(notes, out=out, title="The Finance Commission")
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0].id
    report = evaluate(
        "The 16th FC under Arvind Panagariya can restore the balance.", loaded, question
    )
    point = next(c for c in report.concepts if "16th" in c.label)
    assert point.status == "covered"


def test_trial_30c_a_wrong_place_is_caught_and_its_year_not_praised_whole(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the parser hangs 'The first' on 'held'; the year's claim names New Delhi
    report = _report(
        india_japan,
        nlp,
        "The first ministerial 2+2 was held in Tokyo in 2019.",
        "2plus2-significance",
    )
    facts = _facts(report)
    assert facts["first-2plus2-place"] == "contradicted"
    assert not any("New Delhi" in s for s in report.feedback.strengths)
    right = _report(
        india_japan,
        nlp,
        "The first ministerial 2+2 was held in New Delhi in 2019.",
        "2plus2-significance",
    )
    assert _facts(right)["first-2plus2-place"] == "supported"


def test_trial_30c_a_clause_of_contrast_is_checked_too(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan,
        nlp,
        "JIMEX is the bilateral exercise between the two air forces, while Dharma Guardian is a "
        "naval exercise held off the coast of Japan.",
        "defence-cooperation",
    )
    facts = _facts(report)
    assert facts["jimex-service"] == "contradicted"
    assert facts["dharma-guardian-service"] == "contradicted"
    both = _report(
        india_japan,
        nlp,
        "JIMEX is a naval exercise, while Dharma Guardian is an army exercise.",
        "defence-cooperation",
    )
    assert _facts(both)["dharma-guardian-service"] == "supported"


def test_trial_30b_tune_reads_a_marks_column_as_batch_writes_it(tmp_path: Path) -> None:
    from evaluator.tools.graded import read_graded_csv

    csv_file = tmp_path / "marks.csv"
    csv_file.write_text(
        'question,answer,marks\n2plus2-significance,"The 2+2 dialogue began in 2019.",4\n',
        encoding="utf-8",
    )
    rows = read_graded_csv(csv_file, skipped=[])
    assert [r.mark for r in rows] == [4.0]


def test_trial_30b_audit_advice_names_learned_concepts_only_when_there_are_some(
    india_japan: LoadedRubric,
) -> None:
    from evaluator.tools.tune.output import _what_to_review

    assert "learned" not in _what_to_review(india_japan)


def test_a_value_said_to_be_wrong_is_not_praised(india_japan: LoadedRubric, nlp: Language) -> None:
    # probe 30a: "It is wrong to say ... 2014" had 2014 supported as the SSGP's year
    report = _report(
        india_japan,
        nlp,
        "It is wrong to say the SSGP dates from 2014; it dates from 2016.",
        "2plus2-significance",
    )
    assert _facts(report)["ssgp-year"] != "supported"


def test_a_wrong_figure_for_the_swap_line_is_caught(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # probe 30a: with "swap line" any figure passed unchecked while US$75 billion was praised
    for figure, status in (("US$ 50 billion", "contradicted"), ("US$ 75 billion", "supported")):
        report = _report(india_japan, nlp, f"The swap line is worth {figure}.", "pyq-2013-economic")
        assert _facts(report)["swap-size"] == status
