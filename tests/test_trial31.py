"""Session 31: fixes found by earlier trials that were left open then. The answers are our own."""

from __future__ import annotations

from pathlib import Path

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


FC_NOTES = """# The Finance Commission

The Finance Commission is a constitutional body under Article 280. The President sets up a
Finance Commission every five years. The first Finance Commission was chaired by K.C. Neogy and
was set up in 1951. The Finance Commission recommends how central taxes are shared between the
Union and the states, and how the states' share is divided among them.

## Devolution

The Fifteenth Finance Commission, chaired by N.K. Singh, recommended that states get 41 percent
of the divisible pool. The Finance Commission also recommends grants-in-aid under Article 275 to
states that need help, and grants to local bodies.

## Challenges

Cesses and surcharges are kept out of the divisible pool, so the pool shrinks. Southern states
say the population criterion punishes them for controlling population.
"""


def _derived(tmp_path: Path, notes: str) -> LoadedRubric:
    """A 15-mark rubric derived from ``notes``, written to a folder with its notes and loaded,
    as a tutor's `rubric derive` would leave it."""
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.derive.core import derive_rubric

    folder = tmp_path / "fc"
    folder.mkdir()
    yaml_text = derive_rubric(notes, max_marks=15, word_limit=250).yaml
    (folder / "rubric.yaml").write_text(yaml_text, encoding="utf-8")
    (folder / "source-notes.md").write_text(notes, encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def test_an_answer_that_writes_the_subject_by_its_initials_or_plural_is_on_topic(
    tmp_path: Path, nlp: Language
) -> None:
    """Trial 31b: answers that wrote "the FC" or "fifteen Finance Commissions" were capped as
    off topic, "it names Finance Commission 0 time(s)"; the tutor had given them 6 or 7 of 15."""
    loaded = _derived(tmp_path, FC_NOTES)
    question = loaded.rubric.questions[0].id
    for answer in (
        "The FC helps fiscal federalism by sharing central taxes with the states. The 15th FC "
        "recommended 41 percent of the divisible pool for states, and grants to local bodies. "
        "Yet cesses and surcharges stay out of the pool, so it shrinks, and southern states say "
        "the population criterion punishes them. The FC should use fresher data.",
        "Since 1951 fifteen Finance Commissions have shaped how central taxes are shared with the "
        "states under Article 280. They divide the states' share among them and give grants-in-aid "
        "under Article 275. Cesses and surcharges shrink the divisible pool, and southern states "
        "object to the population criterion.",
    ):
        report = evaluate(answer, loaded, question, nlp=nlp)
        assert "off_topic" not in report.advisory_codes(), answer[:40]
        assert report.marks > 0.1 * 15
    # an answer on another subject is still off topic (it names no FC and none of its points)
    other = (
        "The monsoon brings most of the rain in June to September. Farmers plant rice and "
        "cotton, and the reservoirs fill. A weak monsoon hurts the rural economy and food prices."
    )
    assert "off_topic" in evaluate(other, loaded, question, nlp=nlp).advisory_codes()


def _facts_of(loaded: LoadedRubric, nlp: Language, text: str, question: str) -> dict[str, str]:
    report = evaluate("India and Japan are close partners. " + text, loaded, question, nlp=nlp)
    return {f.id: f.status for f in report.facts if f.status != "absent"}


def test_a_true_sentence_that_corrects_or_updates_a_figure_is_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: true sentences that quote a wrong figure to correct it, or name an earlier
    version before the one the notes date, were told they had the fact wrong."""
    true = [
        ("defence-cooperation", "Some textbooks wrongly say the ACSA was signed in 2018; it was "
         "signed in 2020.", "rpa-year"),
        ("defence-cooperation", "Some textbooks wrongly say the ACSA was signed in 2018.",
         "rpa-year"),
        ("japan-development-partner", "Although some say ODA began in 1968, it actually began in "
         "1958.", "oda-start"),
        ("pyq-2013-economic", "Some reports give the swap as USD 50 billion, but it was raised "
         "to USD 75 billion.", "swap-size"),
        ("2plus2-significance", "Japan adopted a National Security Strategy in 2013 and a new "
         "one in 2022.", "nss-year"),
        ("2plus2-significance", "Japan released its National Security Strategy in December 2013 "
         "and revised it in 2022.", "nss-year"),
        ("pyq-2019-contemporary", "Japan signed the Treaty on the Non-Proliferation of Nuclear "
         "Weapons in 1970, whereas India never did.", "peace-treaty-year"),
    ]  # fmt: skip
    for question, text, fact in true:
        assert _facts_of(india_japan, nlp, text, question).get(fact) != "contradicted", text
    # the same wrong figures stated as the writer's own are still wrong
    false = [
        ("defence-cooperation", "The ACSA was signed in 2018.", "rpa-year"),
        ("japan-development-partner", "ODA began in 1968.", "oda-start"),
        ("pyq-2013-economic", "The currency swap is worth USD 50 billion.", "swap-size"),
        ("pyq-2019-contemporary", "India and Japan signed a peace treaty in 1953.",
         "peace-treaty-year"),
        ("pyq-2019-contemporary", "India and Japan signed the Treaty of Peace in 1953.",
         "peace-treaty-year"),
    ]  # fmt: skip
    for question, text, fact in false:
        assert _facts_of(india_japan, nlp, text, question).get(fact) == "contradicted", text


def test_neither_on_a_clause_denies_only_that_clause(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: "…, and neither is Japan; both seek permanent seats as G4 members" was read
    as denying the G4 point its last clause states."""
    text = (
        "India and Japan are close partners. India is not a permanent member of the UN Security "
        "Council, and neither is Japan; both seek permanent seats as G4 members."
    )
    report = evaluate(text, india_japan, "pyq-2019-contemporary", nlp=nlp)
    g4 = {c.id: c for c in report.concepts}["g4-unsc-reform"]
    assert g4.status == "covered", g4.reason


def test_a_signing_year_of_the_cepa_is_checked_too(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: "CEPA was signed in 2008" passed, since the one CEPA fact dated its entry into
    force and a signing was another event (rubric 1.7.75: the claim names both)."""
    for wrong in ("CEPA was signed in 2008.", "India and Japan signed CEPA in 2010."):
        assert _facts_of(india_japan, nlp, wrong, "pyq-2013-economic") == {
            "cepa-year": "contradicted"
        }, wrong
    for right in (
        "CEPA was signed in 2011.",
        "CEPA came into force in 2011.",
        "India and Japan signed the CEPA in 2011 after four years of talks that began in 2007.",
    ):
        assert _facts_of(india_japan, nlp, right, "pyq-2013-economic") == {
            "cepa-year": "supported"
        }, right


def test_one_wrong_value_is_one_factual_error(india_japan: LoadedRubric) -> None:
    """A value wrong of two of the notes' facts is one error the examiner deducts for once."""
    from evaluator.scoring.checks.advisories import factual_errors
    from evaluator.scoring.report import Evidence, FactResult

    question = india_japan.rubric.question("pyq-2013-economic")
    wrong = Evidence(20, 24, "2008")

    def fact(fact_id: str, evidence: Evidence) -> FactResult:
        return FactResult(fact_id, "cepa-2011", "claim", "contradicted", "2008", "2011", [evidence])

    once = factual_errors(question, [fact("a", wrong), fact("b", wrong)])
    twice = factual_errors(question, [fact("a", wrong), fact("b", Evidence(40, 44, "2009"))])
    # the verb agrees with the count (session 32: "1 statement(s) of fact contradict")
    assert "1 statement of fact contradicts" in once[0].message
    assert "2 statements of fact contradict" in twice[0].message
    assert once[0].deduction < twice[0].deduction


def test_a_bracketed_label_belongs_to_the_name_before_it(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: in "JIMEX (army), Dharma Guardian (navy) …" Dharma Guardian was given JIMEX's
    'army' and praised."""
    wrong = "Exercises include JIMEX (army), Dharma Guardian (navy) and Veer Guardian (air force)."
    facts = _facts_of(india_japan, nlp, wrong, "defence-cooperation")
    assert facts["dharma-guardian-service"] == "contradicted"
    assert facts["jimex-service"] == "contradicted"
    assert facts["veer-guardian-service"] == "supported"
    right = "Exercises include JIMEX (navy), Dharma Guardian (army) and Veer Guardian (air force)."
    assert set(_facts_of(india_japan, nlp, right, "defence-cooperation").values()) == {"supported"}
    # a bracket that holds the cue is its own context
    held = "Dharma Guardian is held by the two armies (with JIMEX for the navies)."
    assert _facts_of(india_japan, nlp, held, "defence-cooperation")["jimex-service"] == "supported"


def test_a_wrong_swap_size_before_a_misread_verb_is_caught(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: "A USD 7.5 billion currency swap cushions India" was credited: the parser read
    'cushions' as a noun, so the swap looked like a measure of it."""
    text = "A USD 7.5 billion currency swap cushions India against shocks."
    assert _facts_of(india_japan, nlp, text, "pyq-2013-economic")["swap-size"] == "contradicted"
    right = "A USD 75 billion currency swap cushions India against shocks."
    assert _facts_of(india_japan, nlp, right, "pyq-2013-economic")["swap-size"] == "supported"


def test_an_essay_learns_no_bare_figure_as_a_phrase(nlp: Language) -> None:
    """Trial 31b: a tuned essay rubric learned '41' (the 15th Finance Commission's 41 percent),
    and an empty answer of "Article 41 ... 41 states" was praised for it. A figure with its unit
    is still a phrase; a short answer's bare figures ('0 volts' answers) are kept."""
    from evaluator.tools.tune.phrases import answer_ngrams

    doc = nlp("The 15th FC recommended 41 percent of the pool, and 41 states got 10.5% grants.")
    essay = answer_ngrams(doc)
    assert "41" not in essay and "10.5" not in essay
    assert "41 percent" in essay and "15th fc" in essay
    assert "41" in answer_ngrams(doc, content_ends=False)


def test_a_wrong_city_is_caught_however_the_meeting_is_placed(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: a wrong city for the third 2+2 was caught only after "was held in"."""
    for wrong in (
        "The third India–Japan 2+2 took place in Tokyo.",
        "The third ministerial 2+2 met in Tokyo.",
        "Tokyo hosted the third India-Japan 2+2.",
    ):
        facts = _facts_of(india_japan, nlp, wrong, "2plus2-significance")
        assert facts.get("third-meeting-place") == "contradicted", wrong
    for right in (
        "The third India–Japan 2+2 took place in New Delhi.",
        "New Delhi hosted the third India-Japan 2+2.",
        "The third India-Japan 2+2 took place in New Delhi; the first met in Tokyo.",
        "India and Japan met in Tokyo in 2018 for the annual summit, and the third 2+2 met in "
        "New Delhi.",
    ):
        facts = _facts_of(india_japan, nlp, right, "2plus2-significance")
        assert facts.get("third-meeting-place") == "supported", right


def test_a_year_in_a_date_or_an_opening_participle_is_checked(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31a: "signed in September 2018" read the month as another subject's name, and
    "Signed in 2018, the ACSA …" hung the year on a clause of its own: both passed."""
    for wrong in (
        "The ACSA, signed in September 2018, allows the forces to share supplies.",
        "Signed in 2018, the ACSA lets the forces share supplies.",
    ):
        assert _facts_of(india_japan, nlp, wrong, "defence-cooperation")["rpa-year"] == (
            "contradicted"
        ), wrong
    right = "Founded in 1903, the Japan-India Association is the oldest friendship society."
    assert _facts_of(india_japan, nlp, right, "pyq-2019-contemporary")["association-year"] == (
        "supported"
    )


FC_BULLETS = """# The Finance Commission

## History

- The Finance Commission is a constitutional body under Article 280 that shares central taxes
  with the states.
- The first Finance Commission was chaired by K.C. Neogy and was set up in 1951.
- The 15th Finance Commission chaired by N.K. Singh recommended 41 percent of the pool.

## Challenges

- Cesses and surcharges are kept out of the divisible pool, so the pool shrinks.
- Southern states say the population criterion punishes them.
"""


def test_a_derived_fact_cued_by_its_agent_reads_the_next_verbs_year(
    tmp_path: Path, nlp: Language
) -> None:
    """Trial 31b: a derived fact cued by "K.C. Neogy" missed "The first Finance Commission was
    chaired by K.C. Neogy and was set up in 1961", the notes' own wording with a wrong year."""
    loaded = _derived(tmp_path, FC_BULLETS)
    question = loaded.rubric.questions[0].id
    (fact,) = [f for f in loaded.rubric.facts if f.expected.value == 1951]
    # the name as the notes write it, and the other ways of writing its initials (session 46)
    assert fact.cues[0] == "K.C. Neogy"
    assert set(fact.cues) <= {"K.C. Neogy", "K. C. Neogy", "K.C.Neogy", "KC Neogy"}

    def status(text: str) -> str:
        report = evaluate(text, loaded, question, nlp=nlp)
        return {f.id: f.status for f in report.facts}[fact.id]

    lead = "The Finance Commission under Article 280 shares central taxes with the states. "
    wrong = "The first Finance Commission was chaired by K.C. Neogy and was set up in 1961."
    right = "The first Finance Commission was chaired by K.C. Neogy and was set up in 1951."
    assert status(lead + wrong) == "contradicted"
    assert status(lead + right) == "supported"


def test_derive_keeps_a_name_after_its_initials_in_one_sentence() -> None:
    """A prose sentence "…, chaired by N.K. Singh, recommended …" was cut after "N.K.", and the
    draft's fact claimed "Singh, recommended that states get 41 percent …"."""
    from evaluator.tools.derive.core import derive_rubric
    from evaluator.tools.derive.parse import split_sentences

    assert split_sentences(
        "The Commission, chaired by N.K. Singh, recommended 41 percent. Its chair met Dr. Rao in "
        "Delhi last year. "
        "The pool shrank in the U.S. Japan is an island."
    ) == [
        "The Commission, chaired by N.K. Singh, recommended 41 percent.",
        "Its chair met Dr. Rao in Delhi last year.",
        "The pool shrank in the U.S. Japan is an island.",
    ]
    claims = [f["claim"] for f in derive_rubric(FC_NOTES, max_marks=15).data.get("facts", [])]
    assert claims and not any(c.startswith("Singh") for c in claims), claims


def test_second_earns_the_second_partner_point_only_of_a_partner(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Trial 31c: "the second [meeting] was held in Tokyo" beside "this format" and "the United
    States" earned "Japan was India's second 2+2 partner, after the US" (rubric 1.7.76)."""

    def status(text: str) -> str:
        report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
        return {c.id: c.status for c in report.concepts}["japan-second-2plus2-partner"]

    meetings = (
        "India and Japan hold a ministerial 2+2. The first meeting took place in New Delhi in "
        "November 2019, and the second was held in Tokyo in September 2022. India holds this "
        "format with only a few close partners such as the United States."
    )
    assert status(meetings) == "missing"
    award = (
        "Abe was given the Padma Vibhushan, the second-highest civilian award, in 2021. The "
        "ministerial 2+2 with Japan grew out of an earlier meeting of secretaries."
    )
    assert status(award) == "missing"
    for partner in (
        "Japan is only the second country, after the US, with which India holds a 2+2.",
        "Japan became India's second 2+2 partner after the US.",
    ):
        assert status("India and Japan are close partners. " + partner) == "covered", partner
