"""Session 29 (engine 0.9.113 on): true sentences that were read as denials or called wrong,
found by probing (trial 28c's leftovers) and trials 29a-29c. The sentences are our own."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "


def _report(loaded: LoadedRubric, nlp: Language, text: str, question: str):  # type: ignore[no-untyped-def]
    return evaluate(OPENING + text, loaded, question, nlp=nlp)


def _status(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> dict[str, str]:
    return {c.id: c.status for c in _report(loaded, nlp, text, question).concepts}


def test_a_correction_after_a_semicolon_keeps_its_subject(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # "X is not A; it is B" denies A of X, not X: the exercise and the swap line had been denied
    cases = [
        (
            "Dharma Guardian is not held at sea; it is a land exercise.",
            "defence-cooperation",
            "dharma-guardian",
        ),
        ("JIMEX is not an army exercise: it is a naval one.", "defence-cooperation", "jimex"),
        (
            "The swap line is not US$50 billion any more: it was raised to US$75 billion.",
            "pyq-2013-economic",
            "currency-swap",
        ),
    ]
    for sentence, question, concept in cases:
        assert _status(india_japan, nlp, sentence, question)[concept] == "covered", sentence
    # without the correction, or when the deed itself is denied, the subject stays denied
    for sentence, question, concept in (
        ("Dharma Guardian is not held at sea.", "defence-cooperation", "dharma-guardian"),
        ("The ACSA was not signed; it is still a draft.", "defence-cooperation", "acsa"),
        (
            "Dharma Guardian is not held at all; it is not an exercise either.",
            "defence-cooperation",
            "dharma-guardian",
        ),
    ):
        assert _status(india_japan, nlp, sentence, question)[concept] == "negated", sentence


def test_a_rank_given_in_a_correction_is_the_point_and_no_wrong_fact(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan,
        nlp,
        "Japan is not India's largest investor; it ranks fifth.",
        "pyq-2013-economic",
    )
    assert {c.id: c.status for c in report.concepts}["fdi-fifth-source"] == "covered"
    assert not [f.id for f in report.facts if f.status == "contradicted"]
    # the wrong rank asserted is still caught
    wrong = _report(india_japan, nlp, "Japan is India's largest investor.", "pyq-2013-economic")
    assert {f.id: f.status for f in wrong.facts}["fdi-rank"] == "contradicted"


def test_who_holds_an_exercise_describes_it(india_japan: LoadedRubric, nlp: Language) -> None:
    # trial 28c: a wrong service in a prepositional or passive phrase had passed unflagged
    for sentence, fact in (
        ("Veer Guardian is an exercise of the two navies.", "veer-guardian-service"),
        ("Veer Guardian is held between the two navies.", "veer-guardian-service"),
        ("JIMEX is conducted by the two armies.", "jimex-service"),
    ):
        report = _report(india_japan, nlp, sentence, "defence-cooperation")
        assert {f.id: f.status for f in report.facts}[fact] == "contradicted", sentence
    # the right services, a denial, or a place near a contrary word are no wrong fact
    for sentence in (
        "JIMEX is conducted by the two navies.",
        "Dharma Guardian is held between the two armies in Rajasthan.",
        "Veer Guardian was held at an air base near the sea.",
        "Dharma Guardian is not conducted by the navies.",
        "JIMEX is held between the navies, while Dharma Guardian is held between the armies.",
    ):
        report = _report(india_japan, nlp, sentence, "defence-cooperation")
        assert not [f.id for f in report.facts if f.status == "contradicted"], sentence


def test_the_third_2plus2_was_not_held_in_tokyo(india_japan: LoadedRubric, nlp: Language) -> None:
    def place(sentence: str) -> str:
        report = _report(india_japan, nlp, sentence, "2plus2-significance")
        return {f.id: f.status for f in report.facts}["third-meeting-place"]

    assert place("The third 2+2 was held in Tokyo in 2023.") == "contradicted"
    assert place("The third 2+2 was held in New Delhi.") == "supported"
    # Tokyo named for another meeting is no claim about the 2+2
    assert place("Held in New Delhi, the third 2+2 followed the Quad meeting in Tokyo.") == (
        "supported"
    )
    assert place("The Quad's third meeting was held in Tokyo.") != "contradicted"


def test_a_denied_right_value_is_no_support_and_its_correction_is_checked(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: "not A but B" with the notes' value as A was praised as an accurate fact
    wrong = [
        (
            "The peace treaty was signed not in 1952 but in 1956.",
            "pyq-2019-contemporary",
            "peace-treaty-year",
        ),
        ("CEPA came into force not in 2011 but in 2014.", "pyq-2013-economic", "cepa-year"),
        (
            "The swap arrangement is not US$ 75 billion but US$ 50 billion.",
            "pyq-2013-economic",
            "swap-size",
        ),
        (
            "Veer Guardian is not an air force exercise; it is a naval one.",
            "defence-cooperation",
            "veer-guardian-service",
        ),
        (
            "Dharma Guardian is not an army exercise but a naval drill.",
            "defence-cooperation",
            "dharma-guardian-service",
        ),
        (
            "Malabar is no longer a four-nation exercise; it is bilateral now.",
            "defence-cooperation",
            "malabar-members",
        ),
        (
            "The Quad is not an informal dialogue but a military alliance.",
            "pyq-2020-quad-trade-bloc",
            "quad-form",
        ),
    ]
    for sentence, question, fact in wrong:
        report = _report(india_japan, nlp, sentence, question)
        assert {f.id: f.status for f in report.facts}[fact] == "contradicted", sentence
        assert not any(fact in s for s in report.feedback.strengths), sentence
    right = [
        (
            "The peace treaty was signed not in 1956 but in 1952.",
            "pyq-2019-contemporary",
            "peace-treaty-year",
        ),
        (
            "The swap arrangement is not US$ 50 billion but US$ 75 billion.",
            "pyq-2013-economic",
            "swap-size",
        ),
        (
            "JIMEX is not an army exercise; it is a naval exercise.",
            "defence-cooperation",
            "jimex-service",
        ),
        (
            "Dharma Guardian is not a naval drill but an army exercise.",
            "defence-cooperation",
            "dharma-guardian-service",
        ),
    ]
    for sentence, question, fact in right:
        report = _report(india_japan, nlp, sentence, question)
        assert {f.id: f.status for f in report.facts}[fact] == "supported", sentence


def test_a_non_permanent_member_is_no_permanent_member(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: "non-permanent member of the UNSC" (a common, true sentence) cost 3% and the
    # G4 point as "permanent member of the UNSC"
    for sentence in (
        "India was a non-permanent member of the UNSC in 2021-22.",
        "India and Japan are both non-permanent members of the UNSC from time to time, but "
        "neither has a permanent seat.",
        "India was a non permanent member of the UNSC.",
    ):
        report = _report(india_japan, nlp, sentence, "pyq-2019-contemporary")
        assert not [f.id for f in report.facts if f.status == "contradicted"], sentence
    wrong = _report(
        india_japan, nlp, "India is a permanent member of the UNSC.", "pyq-2019-contemporary"
    )
    assert {f.id: f.status for f in wrong.facts}["unsc-permanent-seats"] == "contradicted"


def test_a_timeline_with_the_year_first_gives_each_entry_its_own_year(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: "1958 first yen loan; 2011 CEPA" had told the loan it was dated 2011
    for sentence in (
        "Milestones: 1952 – peace treaty; 2000 – Global Partnership; 2006 – Strategic and Global "
        "Partnership; 2014 – SSGP.",
        "1952 peace treaty; 1958 first yen loan; 2011 CEPA; 2016 nuclear deal.",
        "1952: peace treaty; 1958: first yen loan; 2011: CEPA; 2016: nuclear deal.",
        "The year 2000 saw the Global Partnership; 2006 the Strategic and Global Partnership; "
        "2014 the Special one.",
    ):
        report = _report(india_japan, nlp, sentence, "pyq-2019-contemporary")
        assert not [f.id for f in report.facts if f.status == "contradicted"], sentence


FEDERALISM_NOTES = """# Cooperative federalism in India

## GST Council
The GST Council, set up under Article 279A in 2016, brings the Union Finance Minister and the
state finance ministers together. Decisions need three-fourths of the weighted votes, so neither
the Centre nor the states can push a change alone. This is cooperative federalism at work.

## Finance Commission
Article 280 asks for a Finance Commission every five years. The 14th Finance Commission raised
the states' share of the divisible pool to 42 per cent; the 15th kept 41 per cent. Cesses stay
outside the pool, a grievance of the states under cooperative federalism.

## Inter-State Council
The Inter-State Council under Article 263 was formed in 1990 on the Sarkaria Commission's advice.
It has met rarely, so cooperative bargaining happens elsewhere.
"""


def test_a_capital_the_title_gives_a_common_word_is_no_subject_name(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 29b: "Cooperative" (the title's first word) was the subject, so an answer on the GST
    # Council, the Finance Commission and the Inter-State Council that never wrote it was capped
    # at 10% as off topic
    loaded = draft(FEDERALISM_NOTES)
    assert "cooperative" not in subject_names(loaded)
    answer = (
        "The Constitution gives the Union a strong Centre, but three bodies make the states "
        "partners. The GST Council under Article 279A lets the Union Finance Minister and state "
        "finance ministers decide together, with three-fourths of the weighted votes needed. The "
        "Finance Commission under Article 280 sets the states' share of the divisible pool: the "
        "14th raised it to 42 per cent and the 15th kept 41 per cent, though cesses stay outside "
        "the pool. The Inter-State Council under Article 263, formed in 1990 after the Sarkaria "
        "Commission, has met only rarely. Regular council meetings and limits on cesses would "
        "help these bodies work better."
    )
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    assert "off_topic" not in report.advisory_codes()


def test_supply_chains_that_no_longer_depend_on_china_state_the_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29c: "You deny 'Reducing dependence on China'" for the very point
    for sentence in (
        "India and Japan want supply chains that no longer depend on China.",
        "Both want industries that do not depend on Beijing.",
        "India and Japan do not want to depend on China for rare earths.",
    ):
        status = _status(india_japan, nlp, sentence, "economic-security-supply-chains")
        assert status["china-dependence"] == "covered", sentence
    # a reduction denied is still a denial
    denied = "Neither India nor Japan has reduced its dependence on China."
    status = _status(india_japan, nlp, denied, "economic-security-supply-chains")
    assert status["china-dependence"] == "negated"


LONG_DEFENCE = (
    "India and Japan have turned a distant friendship into a working defence partnership over "
    "two decades. The ministers of foreign affairs and defence now meet together in the 2+2 "
    "format, which lets the two sides settle diplomatic and military questions at one table. "
    "At sea, the navies hold JIMEX, and both take part in Malabar with the United States and "
    "Australia, which builds habits of working together across the Indian Ocean. On land, the "
    "armies train in Dharma Guardian, and the air forces first flew together in Veer Guardian. "
    "A logistics agreement lets each side refuel and resupply the other's ships and aircraft, "
    "which stretches the reach of both navies far from home. Industry is slower: talks on "
    "unmanned vehicles and robotics continue, but joint production of major platforms has not "
    "yet begun. China's pressure on the seas and on disputed borders is the common worry "
    "behind all this, and it will keep the two countries close in the years ahead, whatever "
    "the pace of joint industrial projects."
)


def test_a_point_to_add_at_the_word_limit_replaces_a_weaker_sentence_once(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29c: two "+0.5" steps followed on an answer already over its limit gave +0: the new
    # words brought the over-limit deduction
    report = evaluate(LONG_DEFENCE, india_japan, "defence-cooperation", nlp=nlp)
    assert report.word_count >= 150
    texts = [s.text for s in report.feedback.next_steps]
    told = [t for t in texts if "in place of a weaker sentence" in t]
    assert len(told) == 1, texts
    assert f"at {report.word_count} words the answer is already over its 150-word limit" in told[0]
    assert told[0] == next(t for t in texts if t.startswith(("Add", "Develop")))
    # a short answer is told nothing of the kind
    short = evaluate(
        OPENING + "JIMEX is a naval exercise.", india_japan, "defence-cooperation", nlp=nlp
    )
    assert not any("weaker sentence" in s.text for s in short.feedback.next_steps)


def test_words_from_other_phrases_lend_no_point(india_japan: LoadedRubric, nlp: Language) -> None:
    # trial 29c: "since ages" stood for Japan's ageing, "India-led" for the largest donor, and a
    # partner-city "agreement" with the "Nuclear Suppliers Group" a paragraph later for the 2016
    # nuclear deal
    cases = [
        (
            "India and Japan are natural partners since ages, linked by Buddhism and by Japan.",
            "pyq-2013-economic",
            "japan-ageing-inward",
            "missing",
        ),
        (
            "Japan is a donor of the India-led International Solar Alliance.",
            "japan-development-partner",
            "largest-bilateral-donor",
            "missing",
        ),
        (
            "Kyoto and Varanasi signed a partner city agreement in 2014.\n\nJapan backs India's "
            "bid for the Nuclear Suppliers Group.",
            "pyq-2019-contemporary",
            "civil-nuclear-2016",
            "missing",
        ),
    ]
    for text, question, concept, expected in cases:
        assert _status(india_japan, nlp, text, question)[concept] == expected, text
    # the points themselves, said plainly
    for text, question, concept in (
        (
            "Japan's ageing society makes its firms cautious.",
            "pyq-2013-economic",
            "japan-ageing-inward",
        ),
        (
            "Japan is India's leading donor of development aid.",
            "japan-development-partner",
            "largest-bilateral-donor",
        ),
        ("The two signed a nuclear deal in 2016.", "pyq-2019-contemporary", "civil-nuclear-2016"),
    ):
        assert _status(india_japan, nlp, text, question)[concept] == "covered", text


def test_a_draft_names_no_office_or_cut_name_and_gives_no_two_points_one_cue_set(
    draft: Callable[[str], LoadedRubric],
) -> None:
    # trial 29b: "Prime Minister" and "Union Home" were aliases (any mention of the PM earned
    # the Inter-State Council point), and a way-forward point took the GST Council's very cues
    notes = FEDERALISM_NOTES + (
        "\n## Zonal councils\nZonal councils were created under the States Reorganisation Act "
        "of 1956 and are chaired by the Union Home Minister. The Inter-State Council is chaired "
        "by the Prime Minister and meets rarely.\n"
        "\n## Way forward\nThe GST Council should set up a dispute settlement mechanism, which "
        "Article 279A already allows, and cesses should be capped.\n"
    )
    loaded = draft(notes)
    concepts = [c for _, c in loaded.rubric.concepts()]
    aliases = {a.lower() for c in concepts for a in c.aliases}
    assert not aliases & {"prime minister", "union home", "union home minister"}, aliases
    cue_sets = [frozenset(t.lower() for g in c.cues for t in g) for c in concepts]
    assert len(cue_sets) == len(set(cue_sets)), [sorted(s) for s in cue_sets]


def test_improvement_points_keep_names_capitalised_and_skip_listed_missing_points(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 29b: "add india is described …", "add article 246 …"; and the web page listed the
    # missing points twice, with their notes and again as improvement points
    from evaluator.scoring import unsaid_improvements

    loaded = draft(FEDERALISM_NOTES)
    question = loaded.rubric.questions[0].id
    # (an answer that earns one point: one earning none gets every missing point as a step;
    # "The GST Council matters for the states" had earned the Council's point by its name, an
    # alias until session 46, where the sentence names Article 279A too)
    answer = (
        "The GST Council under Article 279A brings the Union Finance Minister and the state "
        "finance ministers together."
    )
    report = evaluate(answer, loaded, question, nlp=nlp)
    lines = report.feedback.improvements
    added = [line.split(": add ", 1)[1] for line in lines if ": add " in line]
    assert added, lines
    assert not any(a.startswith(("article ", "india ", "gst ")) for a in added), added
    # a note that opens as a sentence is quoted whole (session 46), its capital kept
    assert any(a.startswith(("Article ", "“Article ")) for a in added), added
    as_json = report.to_dict()
    missing_notes = [c["source_note"] for c in as_json["concepts"] if c["status"] == "missing"]
    listed = unsaid_improvements(as_json, missing_listed=True)
    assert not [line for line in listed for n in missing_notes if line.endswith(n)]
    # without the list of missing points, a missing point no step names is an improvement (this
    # short answer's length cap holds every point: since session 49 each is a step after the
    # word budget's, worth what it adds there, and none is left to the improvements)
    feedback = as_json["feedback"]
    steps = [*feedback["next_steps"], *feedback["more_steps"]]
    unsaid = unsaid_improvements(as_json)
    for concept in as_json["concepts"]:
        if concept["status"] == "missing":
            # a step for it, or the word budget's naming it ("…; for instance, add …")
            named = any(
                s["target"] == concept["id"] or concept["label"][:30] in s["text"] for s in steps
            )
            told = any(line.endswith(concept["source_note"]) for line in unsaid)
            assert told != named, concept["id"]


def test_the_tuning_page_says_an_improvement_when_the_bag_of_words_is_better_on_one_measure(
    india_japan: LoadedRubric,
) -> None:
    # trial 29b: QWK 0.738 -> 0.762 showed only two cautions, never that tuning had helped
    import dataclasses
    from pathlib import Path

    from evaluator.tools.graded import read_graded_csv
    from evaluator.tools.tune import tune_rubric
    from webapp.tuning import verdicts

    graded = read_graded_csv(Path(__file__).parent / "data" / "graded" / "india-japan.csv")
    result = tune_rubric(india_japan, graded)
    assert result.improved
    # the bag of words better on QWK, the tuned rubric on RMSE: a mixed result
    mixed = dataclasses.replace(result.after, qwk=0.999, rmse=result.after.rmse + 1.0)
    lost = dataclasses.replace(result, baseline=mixed)
    assert lost.beats_baseline is False and lost.mixed_against_baseline
    said = verdicts(lost)
    assert said[0][0] == "good" and "Tuning improved the agreement" in said[0][1]
    assert "at least as well as the bag-of-words" not in said[0][1]
    assert any(kind == "caution" for kind, _ in said[1:])
    # the bag of words better on every measure: no praise
    better = dataclasses.replace(result.after, qwk=0.999, rmse=0.01)
    outdone = dataclasses.replace(result, baseline=better)
    assert not any("improved" in line for _, line in verdicts(outdone))


def test_an_unclosed_quote_names_the_rows_it_swallowed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # trial 29b: "1 bad row(s) skipped" while two answers were lost
    from evaluator.tools.graded import SkippedRow, read_graded_csv

    path = tmp_path / "marks.csv"
    path.write_text(
        "id,answer,mark\n"
        'a1,"The GST Council pools sovereignty.",6\n'
        'a2,"The Finance Commission shares taxes, unclosed,5\n'
        'a3,"The Inter-State Council meets rarely.",4\n'
        'a4,"Zonal councils are regional forums.",3\n',
        encoding="utf-8",
    )
    problems: list[SkippedRow] = []
    rows = read_graded_csv(path, skipped=problems)
    text = " ".join(p.message for p in problems)
    # the next row's opening quote closed it: a2 had held a3's answer and taken its mark
    assert "takes in the row of id a3" in text, text
    assert [r.id for r in rows] == ["a1", "a4"]
    # a quote that runs on past the header's cells names what it took in too
    from evaluator.textfile import field_count_problem

    cells = ["b2", 'unclosed,5\nb3,"Another answer.",4\nb4,"More.",3\n', "x", "y"]
    assert "(2 more rows lost with it: id b3, b4)" in field_count_problem(cells, 3, 3, 6)


def test_a_corrected_predicate_leaves_the_rest_of_the_clause_asserted(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # trial 29b: "… under Article 280 is not a permanent body; it is constituted every five
    # years" denied the Article 280 point; "not chaired by the Prime Minister but by the Finance
    # Minister" denied the chair
    from evaluator.nlp.pipeline import load_pipeline
    from evaluator.scoring.checks.negation import negation_scopes

    pipeline = load_pipeline()
    doc = pipeline(
        "The Finance Commission under Article 280 is not a permanent body; it is constituted "
        "every five years."
    )
    assert {doc[i].text for i in negation_scopes(doc)} == {"is", "not", "a", "permanent", "body"}
    doc = pipeline(
        "The GST Council is not chaired by the Prime Minister but by the Finance Minister."
    )
    denied = {doc[i].i for i in negation_scopes(doc)}
    assert {t.i for t in doc if t.text in ("Prime",)} <= denied
    assert not {t.i for t in doc if t.text in ("GST", "Council", "Finance")} & denied


def test_a_table_of_effects_and_a_flowchart_give_reasons(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29c: a table with an "Effect" column and an arrow chain were told "Back your points
    # with reasons", while a weaker answer with "due to" and "so" was not
    table = (
        "Trade between India and Japan lags behind its promise.\n\n"
        "| Side | Constraint | Effect |\n|---|---|---|\n"
        "| India | Slow land acquisition | Industrial corridors run late |\n"
        "| Japan | Non-tariff barriers | Indian generic drugs are kept out |\n\n"
        "Upgrading CEPA would help both."
    )
    flow = (
        "Trade between India and Japan lags behind its promise. Land delays -> corridors run "
        "late -> Japanese firms hesitate. Non-tariff barriers → fewer Indian exports."
    )
    plain = (
        "Trade between India and Japan lags behind its promise. Land acquisition is slow. "
        "Japan keeps non-tariff barriers."
    )
    reasons = {}
    for name, text in (("table", table), ("flow", flow), ("plain", plain)):
        report = evaluate(text, india_japan, "pyq-2013-economic", nlp=nlp)
        reasons[name] = report.structure.signals["reason"]
    assert reasons["table"] >= 2 and reasons["flow"] >= 2, reasons
    assert reasons["plain"] == 0, reasons


def test_true_sentences_with_a_narrow_negation_deny_no_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: each had told the learner "You deny …"
    for sentence, question, concept in (
        (
            "The meeting in New Delhi was not the first 2+2 but the third.",
            "2plus2-significance",
            "third-2plus2-meeting",
        ),
        (
            "Japan is not self-sufficient in critical minerals.",
            "economic-security-supply-chains",
            "critical-minerals",
        ),
        (
            "India is a member of IPEF, not of its trade pillar.",
            "pyq-2020-quad-trade-bloc",
            "quad-ipef",
        ),
    ):
        status = _status(india_japan, nlp, sentence, question)[concept]
        assert status != "negated", sentence


def test_another_association_or_a_wider_trade_is_no_wrong_fact(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: ASEAN's 1967 was checked against the Japan-India Association's 1903, and
    # India's total trade against the bilateral figure
    for sentence, question in (
        (
            "ASEAN, an association formed in 1967, is central to both countries.",
            "pyq-2019-contemporary",
        ),
        ("India's total goods trade now exceeds one trillion dollars.", "pyq-2013-economic"),
        ("India's trade with the world is over US$ 1.1 trillion a year.", "pyq-2013-economic"),
    ):
        report = _report(india_japan, nlp, sentence, question)
        assert not [f.id for f in report.facts if f.status == "contradicted"], sentence
    wrong = _report(
        india_japan,
        nlp,
        "The Japan-India Association was founded in 1910.",
        "pyq-2019-contemporary",
    )
    assert {f.id: f.status for f in wrong.facts}["association-year"] == "contradicted"


def test_ranks_and_centuries_are_checked_and_a_size_rank_is_no_order(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: "ranks third" and "the 10th century" went unchecked, and "India is Japan's
    # second-largest trading partner" (false) was praised as Japan being the second 2+2 partner
    def fact(sentence: str, question: str, fact_id: str) -> str:
        report = _report(india_japan, nlp, sentence, question)
        return {f.id: f.status for f in report.facts}[fact_id]

    assert (
        fact("Japan ranks third among India's FDI sources.", "pyq-2013-economic", "fdi-rank")
        == "contradicted"
    )
    assert (
        fact("Japan ranks fifth among India's FDI sources.", "pyq-2013-economic", "fdi-rank")
        == "supported"
    )
    assert (
        fact(
            "Buddhism reached Japan in the 10th century.",
            "pyq-2019-contemporary",
            "buddhism-century",
        )
        == "contradicted"
    )
    assert (
        fact(
            "Buddhism reached Japan in the 6th century.",
            "pyq-2019-contemporary",
            "buddhism-century",
        )
        == "supported"
    )
    assert (
        fact(
            "India is Japan's second-largest trading partner.",
            "2plus2-significance",
            "japan-second-partner",
        )
        == "absent"
    )
    assert (
        fact(
            "Japan is the second country after the US to hold a 2+2 with India.",
            "2plus2-significance",
            "japan-second-partner",
        )
        == "supported"
    )


def test_a_draft_keeps_the_value_a_change_reaches_and_a_date_beside_an_aside(
    draft: Callable[[str], LoadedRubric],
) -> None:
    # trial 29b: "raised the share from 32 to 42 per cent" and "set up in 1990 ... (1983 to
    # 1988)" gave no fact, so an answer with wrong figures was told nothing was wrong
    notes = (
        "# Fiscal federalism\n\n## Finance Commission\n"
        "The 14th Finance Commission raised the states' share of the divisible pool from 32 "
        "percent to 42 percent. Article 280 provides for it.\n\n## Inter-State Council\n"
        "The Inter-State Council was set up in 1990 on the advice of the Sarkaria Commission "
        "(1983 to 1988). It seldom meets.\n\n## Courts\n"
        "In S.R. Bommai v Union of India (1994) the Supreme Court protected elected state "
        "governments.\n"
    )
    loaded = draft(notes)
    values = {f.expected.value for f in loaded.rubric.facts}
    assert {42, 1990, 1994} <= values, values
    assert not {32, 1983, 1988} & values, values


def test_a_contrast_that_opens_the_clause_leaves_the_denial_whole(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial 29a: "Unlike NATO, the Quad is not a military alliance" earned nothing, where the
    # sentence without "Unlike NATO," earned the point
    sentence = "Unlike NATO, the Quad is not a military alliance."
    status = _status(india_japan, nlp, sentence, "pyq-2020-quad-trade-bloc")
    assert status["quad-not-alliance"] == "covered"


def test_a_myth_denied_is_a_denial(india_japan: LoadedRubric, nlp: Language) -> None:
    # trial 29a: "It is a myth that the Quad is a military alliance" earned nothing
    for sentence in (
        "It is a myth that the Quad is a military alliance.",
        "It is a common misconception that the Quad is a military alliance.",
    ):
        report = _report(india_japan, nlp, sentence, "pyq-2020-quad-trade-bloc")
        assert {c.id: c.status for c in report.concepts}["quad-not-alliance"] == "covered"
        assert not [f.id for f in report.facts if f.status == "contradicted"], sentence
