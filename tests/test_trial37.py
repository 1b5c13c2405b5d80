"""Session 37: marks against answer quality, from two mentors' trials (32 answers each, marked by
hand before grading). The answers here are our own."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, probe_report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

QUESTION = "pyq-2019-contemporary"
FLUENT = (
    "India and Japan upgraded their ties to a Special Strategic and Global Partnership in {ssgp}, "
    "building on the Global Partnership of 2000. Their foreign and defence ministers first met "
    "in the 2+2 format in New Delhi in 2019. The navies train together in JIMEX and Malabar, "
    "while the armies hold Dharma Guardian and the air forces Veer Guardian. The logistics pact, "
    "the Acquisition and Cross-Servicing Agreement, was signed in {acsa} and lets the forces "
    "share fuel and spares. Japan is India's largest bilateral donor and funds the "
    "Mumbai–Ahmedabad high-speed rail, while a currency swap of US$ {swap} billion steadies the "
    "rupee. The civil nuclear agreement of {nuclear} opened Japanese reactor technology to "
    "India. Both back a free and open Indo-Pacific through the Quad, and both want supply chains "
    "less exposed to China. In short, the partnership now spans security, economy and "
    "technology, and it should deepen through defence manufacturing and skilled mobility."
)


def test_confident_wrong_facts_cost_a_fluent_answer_a_share_of_its_marks(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Both trials' fluent answers with six to ten wrong facts had scored about their good
    answers' marks (3% of the maximum per error, at most 10%): the mentors gave them under half.
    A wrong fact now costs 10% of the answer's own marks, at most half."""
    right = evaluate(
        FLUENT.format(ssgp=2014, acsa=2020, swap=75, nuclear=2016), india_japan, QUESTION, nlp=nlp
    )
    wrong = evaluate(
        FLUENT.format(ssgp=2010, acsa=2018, swap=50, nuclear=2008), india_japan, QUESTION, nlp=nlp
    )
    assert sum(f.status == "contradicted" for f in wrong.facts) >= 4
    assert "factual_errors" not in right.advisory_codes()
    assert wrong.marks <= 0.6 * right.marks
    advisory = next(a for a in wrong.advisories if a.code == "factual_errors")
    assert advisory.effect == "40% of the marks deducted"
    assert wrong.to_dict()["arithmetic"]["deduction"] == 0.4


def test_a_thin_answer_loses_a_share_of_its_little(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """At 3% of the maximum, one wrong year took a third of a two-sentence answer's marks (1 to
    0.5 of 10); a share of its own marks leaves it where the same answer with the year right is."""
    thin = (
        "Japan and India signed a civil nuclear agreement in {year}. "
        "Japan also gives India loans for metros."
    )
    right = evaluate(thin.format(year=2016), india_japan, QUESTION, nlp=nlp)
    wrong = evaluate(thin.format(year=2008), india_japan, QUESTION, nlp=nlp)
    assert "factual_errors" in wrong.advisory_codes()
    assert wrong.marks == right.marks == 1.0


def test_more_wrong_facts_never_score_more(india_japan: LoadedRubric, nlp: Language) -> None:
    values = [
        dict(ssgp=2014, acsa=2020, swap=75, nuclear=2016),
        dict(ssgp=2010, acsa=2020, swap=75, nuclear=2016),
        dict(ssgp=2010, acsa=2018, swap=75, nuclear=2016),
        dict(ssgp=2010, acsa=2018, swap=50, nuclear=2016),
        dict(ssgp=2010, acsa=2018, swap=50, nuclear=2008),
    ]
    marks = [evaluate(FLUENT.format(**v), india_japan, QUESTION, nlp=nlp).marks for v in values]
    assert marks == sorted(marks, reverse=True) and marks[0] > marks[-1]


SECTIONED = (
    "Abe's 2007 speech to India's Parliament first cast the two oceans as one region, and "
    "Japan's Free and Open Indo-Pacific now meets India's Act East Policy.\n\n"
    "Where they converge\n"
    "- Both defend freedom of navigation and a rules-based order at sea.\n"
    "- Both back ASEAN centrality, and the navies drill together in JIMEX and Malabar.\n\n"
    "Where they differ\n"
    "India guards its strategic autonomy and its Russia ties, while Japan is a US ally.\n\n"
)


@pytest.mark.parametrize(
    ("question", "closing"),
    [
        ("indo-pacific-quad", "Shared interests still weigh more than the differences."),
        ("indo-pacific-quad", "Their convergence is best understood as a hedge against coercion."),
        ("indo-pacific-quad", "I agree: the convergence is real, if still uneven."),
        (
            "indo-pacific-quad",
            "Their maritime visions make the two natural partners in the Indo-Pacific.",
        ),
        (
            "japan-development-partner",
            "Patient loans and technology make Japan India's most reliable partner in development.",
        ),
    ],
)
def test_a_line_of_prose_after_sections_is_a_conclusion(
    india_japan: LoadedRubric, nlp: Language, question: str, closing: str
) -> None:
    """Session 37's trial: three answers set out under headings and points, ending with a line
    of their own that judges or returns to the question, were told to add a conclusion."""
    report = evaluate(SECTIONED + closing, india_japan, question, nlp=nlp)
    assert report.structure.has_conclusion
    steps = report.feedback.next_steps + report.feedback.more_steps
    assert not [s for s in steps if s.target == "conclusion"]
    assert not any("separate conclusion" in s.text for s in steps)


@pytest.mark.parametrize(
    "closing",
    [
        "The navies also held a mine-clearing drill in 2023.",  # one more point
        "- Both sides plan more exercises.",  # a point
        "Disagreements\nThe two differ on Russia.",  # a section of its own
        "It supports the partnership the two sides agreed in 2014.",  # the question's words only
        # a contrast or a plain 'can' in a point (session 37's adversarial probe)
        "Japan funds the Dhubri–Phulbari bridge, but construction began only recently.",
        "Australia, however, sells most of its iron ore to China.",
        "India can still export to China without any Quad restriction.",
        "Quad, JIMEX, Malabar, ACSA, ODA, CEPA, currency swap.",  # a list of terms
    ],
)
def test_one_more_point_after_sections_is_no_conclusion(
    india_japan: LoadedRubric, nlp: Language, closing: str
) -> None:
    report = evaluate(SECTIONED + closing, india_japan, "indo-pacific-quad", nlp=nlp)
    assert not report.structure.has_conclusion


SUPPLY = (
    "Supply shocks after the pandemic pushed India and Japan to treat economic security as a "
    "pillar of their ties.\n\n"
    "Semiconductors: Japanese firms are helping India build chip assembly and testing units.\n"
    "Critical minerals: both want rare-earth supplies that do not run through China.\n"
    "{quad}\n\n"
    "Going ahead, the two should link their incentive schemes and train engineers together."
)


def test_words_of_a_wrong_sentence_are_no_strength(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 37's trial: "Indo-Pacific, Quad and regional order: well covered — you wrote
    'Quad', 'members'", from a sentence the same report marked wrong."""
    wrong = "The Quad is a mutual-defence alliance that guarantees its members' supply lines."
    report = evaluate(
        SUPPLY.format(quad=wrong), india_japan, "economic-security-supply-chains", nlp=nlp
    )
    assert report.fact("quad-form").status == "contradicted"
    start = report.to_dict()["wrong_sentences"][0][0]
    assert SUPPLY.format(quad=wrong)[start:].startswith("The Quad is a mutual-defence")
    praise = " ".join([report.feedback.comment, *report.feedback.strengths])
    assert "“Quad”" not in praise and "“members”" not in praise
    assert "“both”" not in praise  # nor a function word left in its place


def test_words_of_a_right_sentence_are_still_praised(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    right = "India and Japan work in the Quad on their members' supply lines."
    report = evaluate(
        SUPPLY.format(quad=right), india_japan, "economic-security-supply-chains", nlp=nlp
    )
    assert report.wrong_sentences == []
    assert "“Quad”" in " ".join([report.feedback.comment, *report.feedback.strengths])


def test_credit_only_from_wrong_sentences_is_said_so(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Not "strongest on the 2+2 format, where 'foreign and defence ministers' earned credit"
    (from a sentence that calls the third meeting the second), nor "no credit for any point"."""
    text = (
        "The meeting in New Delhi was the second India–Japan 2+2 of foreign and defence "
        "ministers, who met in 2022."
    )
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    assert report.concept("two-plus-two-format").credit > 0
    assert report.feedback.comment.startswith(
        "What it earns comes from sentences that also state a wrong fact: correct them first."
    )
    assert report.feedback.strengths == []


ANOTHER_COUNTRYS_DEED_OR_PLACE = [
    # negation.yaml joining_verbs: another country's refusal takes the thing as given
    ("economic-security-supply-chains", "The US did not join the SCRI."),
    (
        "economic-security-supply-chains",
        "China has not joined the Supply Chain Resilience Initiative.",
    ),
    ("pyq-2013-economic", "South Korea has not signed the India–Japan CEPA."),
    # staging_verbs: a negated place denies the place, not the event
    ("challenges-way-forward", "Vostok was not held in the Senkaku Islands."),
    ("2plus2-significance", "The third 2+2 was not held in Tokyo."),
    ("defence-cooperation", "Malabar was not held in India."),
    # a route's city (staging_verbs: go, run, extend) and a fronted frame (frame_prepositions)
    ("japan-development-partner", "The bullet train does not go to Delhi."),
    (
        "japan-development-partner",
        "The bullet train will never run to Delhi under the present plan.",
    ),
    ("pyq-2020-quad-trade-bloc", "In the Quad, only India has no security treaty with the US."),
    # another country not *in* it, by name or by 'it' (negation._others_membership)
    ("economic-security-supply-chains", "The US is not in the SCRI."),
    ("economic-security-supply-chains", "While the US is in the Quad, it is not part of the SCRI."),
    (
        "economic-security-supply-chains",
        "The United States has its own Chips Act, but it is not part of the SCRI.",
    ),
    # another country's agency denied (negation._others_agency)
    ("economic-security-supply-chains", "The SCRI is not US-led."),
    ("economic-security-supply-chains", "The SCRI is not led by the US."),
    ("japan-development-partner", "The bullet train is not funded by China."),
]


@pytest.mark.parametrize(
    ("question", "text"),
    ANOTHER_COUNTRYS_DEED_OR_PLACE,
    ids=[t[:40] for _, t in ANOTHER_COUNTRYS_DEED_OR_PLACE],
)
def test_another_countrys_refusal_or_another_place_denies_no_point(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    """Found by session 37's facts helper: "The US did not join the SCRI" and "Vostok was not
    held in the Senkaku Islands" had each denied the point (now a wrong fact costs 10% of the
    marks, a true sentence called wrong costs more)."""
    assert_never_called_wrong(probe_report(india_japan, nlp, question, text))


@pytest.mark.parametrize(
    ("question", "text", "concept"),
    [
        ("economic-security-supply-chains", "Japan did not join the SCRI.", "scri-2021"),
        ("challenges-way-forward", "India did not take part in Vostok.", "vostok-kuril"),
        ("defence-cooperation", "Dharma Guardian was not held.", "dharma-guardian"),
        ("japan-development-partner", "The bullet train does not run.", "bullet-train"),
        ("economic-security-supply-chains", "Japan is not in the SCRI.", "scri-2021"),
        ("japan-development-partner", "The bullet train is not funded by Japan.", "bullet-train"),
        (
            "economic-security-supply-chains",
            "While Japan backs the US, it is not part of the SCRI.",
            "scri-2021",
        ),
        (
            "pyq-2013-economic",
            "In India, Japanese firms do not face tax disputes.",
            "regulatory-tax-hurdles",
        ),
    ],
)
def test_the_topics_own_refusal_or_no_event_still_denies(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    report = probe_report(india_japan, nlp, question, text)
    assert report.concept(concept).status == "negated"


@pytest.mark.parametrize(
    ("question", "text", "fact"),
    [
        # fact_names._HOLDS: who holds an exercise takes part in it (session 37's trial)
        (
            "indo-pacific-quad",
            "The two air forces hold the JIMEX exercise every year.",
            "jimex-service",
        ),
        ("defence-cooperation", "The navies hold Dharma Guardian.", "dharma-guardian-service"),
        (
            "2plus2-significance",
            "India and Japan held the third 2+2 in Tokyo.",
            "third-meeting-place",
        ),
        # rubric 1.7.92
        (
            "indo-pacific-quad",
            "India and Japan joined Western sanctions against Russia in 2022.",
            "india-no-russia-sanctions",
        ),
        ("indo-pacific-quad", "India imposed sanctions on Russia.", "india-no-russia-sanctions"),
    ],
)
def test_a_wrong_holder_or_deed_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    assert probe_report(india_japan, nlp, question, text).fact(fact).status == "contradicted"


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("indo-pacific-quad", "The two navies hold JIMEX every year."),
        ("defence-cooperation", "The armies hold Dharma Guardian while the navies hold JIMEX."),
        ("defence-cooperation", "India and Japan hold Veer Guardian with their air forces."),
        ("defence-cooperation", "India and Japan hold JIMEX, Dharma Guardian and Veer Guardian."),
        ("2plus2-significance", "India held the third 2+2 in New Delhi."),
        ("indo-pacific-quad", "Japan joined Western sanctions against Russia, but India did not."),
        ("indo-pacific-quad", "India did not join Western sanctions against Russia, unlike Japan."),
    ],
)
def test_a_right_holder_or_deed_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, question, text))


def test_a_supply_chain_initiative_in_general_is_not_the_scri(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 37's trial: "supply chain initiatives with other countries" covered the SCRI
    with Australia (2021) in an average answer that scored 9 of 15."""
    general = (
        "They cooperate in groupings such as the Quad and supply chain initiatives with other "
        "countries."
    )
    named = "India, Japan and Australia launched a supply chain initiative in 2021."
    q = "economic-security-supply-chains"
    assert probe_report(india_japan, nlp, q, general).concept("scri-2021").credit == 0
    assert probe_report(india_japan, nlp, q, named).concept("scri-2021").credit == 1.0


ADVERSARIAL_TRUE = [
    # session 37's adversarial probe of the session's own facts (rubric 1.7.93, fact_names)
    ("pyq-2020-quad-trade-bloc", "The Quad started a vaccine initiative in 2021."),
    ("pyq-2020-quad-trade-bloc", "The Quad was launched at the leaders' level in 2021."),
    ("pyq-2020-quad-trade-bloc", "The Quad began its climate working group in 2021."),
    ("pyq-2020-quad-trade-bloc", "In 2022 the Quad began the IPMDA to track dark shipping."),
    ("pyq-2020-quad-trade-bloc", "The Quad began cancer moonshot work in 2024."),
    (
        "pyq-2020-quad-trade-bloc",
        "Two Quad members, Japan and the US, are bound by a security treaty.",
    ),
    ("challenges-way-forward", "Japan is wary of Pakistan, an ally of China."),
    ("challenges-way-forward", "India is wary of Nepal, a BRI member."),
    ("pyq-2019-contemporary", "The first annual summit since 2018 came only in March 2022."),
]


@pytest.mark.parametrize(
    ("question", "text"), ADVERSARIAL_TRUE, ids=[t[:40] for _, t in ADVERSARIAL_TRUE]
)
def test_the_adversarial_probes_true_sentences_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, question, text))


@pytest.mark.parametrize(
    ("question", "text", "fact"),
    [
        ("pyq-2020-quad-trade-bloc", "The Quad was founded in 2010.", "quad-first-year"),
        ("pyq-2020-quad-trade-bloc", "The Quad is bound by a security treaty.", "quad-form"),
        ("challenges-way-forward", "Japan, an ally of China, distrusts India.", "japan-us-ally"),
    ],
)
def test_the_facts_still_catch_their_own_wrong_claims(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    assert probe_report(india_japan, nlp, question, text).fact(fact).status == "contradicted"


NOTES = """Intro: Act East 2014 (Look East 1991 upgrade); Abe's FOIP 2016; Act East Forum 2017.

Why the NE:
- Land bridge: Myanmar, Bangladesh, ASEAN
- Bay of Bengal chain - Kishida FOIP plan, Delhi 2023

Japanese projects (JICA):
- NE roads: NH-54 Mizoram; Shillong-Dawki
- Dhubri-Phulbari bridge, Brahmaputra - longest river bridge
- Guwahati water supply + sewerage
- Forestry: Tripura, Meghalaya; bamboo

Constraints:
- Insurgency; Manipur violence since 2023
- Myanmar coup 2021 - Kaladan delayed
- Terrain, land acquisition

Conclusion: NE = test bed of Act East-FOIP synergy."""

TERMS = """Act East:
- Act East 2014, Look East 1991
- FOIP, Abe
- Act East Forum 2017
- JICA, NH-54
- Dhubri-Phulbari bridge
- Guwahati water supply
- Matarbari port, Bangladesh
- Kaladan, Myanmar
- insurgency, Manipur
- China, Arunachal"""


def test_a_toppers_notes_are_not_a_list_of_keywords(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 37's third trial: accurate notes under headings ("Myanmar coup 2021 - Kaladan,
    Trilateral Highway delayed") were capped at 15% as keywords (1.5 of 10; the mentor gave
    5.5). Bulleted terms stay capped."""
    q = "act-east-foip-northeast"
    notes = evaluate(NOTES, india_japan, q, nlp=nlp)
    terms = evaluate(TERMS, india_japan, q, nlp=nlp)
    assert "keyword_stuffing" not in notes.advisory_codes()
    assert "keyword_stuffing" in terms.advisory_codes()
    assert notes.marks >= 3 * terms.marks


NOTE_FORM_TRUE = [
    # session 37's third trial: note-form lines a mentor wrote, true, called wrong
    (
        "defence-cooperation",
        "Intro: defence = pillar of SSGP (2014); drivers - China's assertiveness, FOIP/Act East, "
        "Japan's NSS Dec 2022",
    ),
    (
        "pyq-2019-contemporary",
        "Conclusion: democracies, no disputes, shared Indo-Pacific stake -> anchor of "
        "rules-based, multipolar Asia and world.",
    ),
    (
        "pyq-2019-contemporary",
        "Two democracies with no disputes and a shared stake in the Indo-Pacific anchor a "
        "rules-based, multipolar Asia.",
    ),
]


@pytest.mark.parametrize(
    ("question", "text"), NOTE_FORM_TRUE, ids=[t[:40] for _, t in NOTE_FORM_TRUE]
)
def test_note_form_truths_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    """'No' on one listed item denies that item only (negation._own_items); "NSS" cues the
    strategy's year (rubric 1.7.94)."""
    assert_never_called_wrong(probe_report(india_japan, nlp, question, text))


def test_no_on_a_pair_without_a_break_denies_both(india_japan: LoadedRubric, nlp: Language) -> None:
    report = probe_report(
        india_japan, nlp, "pyq-2020-quad-trade-bloc", "The Quad has no treaty and no secretariat."
    )
    assert report.concept("quad-not-alliance").status == "covered"  # the denial point


@pytest.mark.parametrize(
    ("question", "text", "fact"),
    [
        # session 37's third trial: reversed claims that had earned the points they reverse
        (
            "pyq-2019-contemporary",
            "Both are members of RCEP and jointly imposed sanctions on Russia after the invasion.",
            "india-outside-rcep",
        ),
        (
            "defence-cooperation",
            "Industry: India has already bought 12 US-2 amphibious aircraft from Japan.",
            "us2-not-bought",
        ),
    ],
)
def test_a_reversed_claim_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    assert probe_report(india_japan, nlp, question, text).fact(fact).status == "contradicted"


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("pyq-2019-contemporary", "Both are members of the Quad, while only Japan is in RCEP."),
        ("pyq-2019-contemporary", "Both negotiated RCEP, but India walked out in 2019."),
        (
            "pyq-2019-contemporary",
            "Both condemned the invasion of Ukraine, but only Japan sanctioned Russia.",
        ),
        ("defence-cooperation", "India wants to buy 12 US-2 aircraft, but the deal has stalled."),
    ],
)
def test_the_true_sides_of_those_claims_stand(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, question, text))


BODY_UNDER_HEADINGS = (
    "\n\nGrowing cooperation:\n"
    "- Exercises: JIMEX (navies), Dharma Guardian (armies), Veer Guardian (air forces)\n"
    "- Logistics: the ACSA of 2020 lets the forces share supplies\n\n"
    "Limits:\n"
    "- Arms co-production is slow and the US-2 deal has stalled\n\n"
    "On balance, defence is now a real pillar of the partnership."
)


def test_a_line_of_context_before_headings_is_an_introduction(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 37's third trial: a topper's opening ("Defence ties are now a pillar of the
    Special Strategic and Global Partnership, driven by China's assertiveness ...") before a
    body under headings was told to "Open with one or two sentences of context"."""
    opening = "Defence ties now anchor the partnership, driven by worry about China's reach."
    report = evaluate(opening + BODY_UNDER_HEADINGS, india_japan, "defence-cooperation", nlp=nlp)
    assert report.structure.has_introduction
    steps = report.feedback.next_steps + report.feedback.more_steps
    assert not [s for s in steps if s.target == "introduction"]


def test_an_opening_on_another_subject_is_no_introduction(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    opening = "India's ties with Africa rest on trade, training and a large diaspora."
    report = evaluate(opening + BODY_UNDER_HEADINGS, india_japan, "defence-cooperation", nlp=nlp)
    assert not report.structure.has_introduction


def test_no_two_steps_name_the_g4(india_japan: LoadedRubric, nlp: Language) -> None:
    """Session 37's third trial: "Add Both in the Quad, G20, G4 and ITER" and "Add G4 and UN
    Security Council reform" were both steps of one answer (rubric 1.7.96)."""
    text = (
        "India and Japan have built a Special Strategic and Global Partnership since 2014.\n\n"
        "- The navies train together in JIMEX and Malabar.\n"
        "- Japan funds the Mumbai–Ahmedabad bullet train.\n\n"
        "Going ahead, the two should deepen technology ties."
    )
    report = evaluate(text, india_japan, "pyq-2019-contemporary", nlp=nlp)
    steps = report.feedback.next_steps + report.feedback.more_steps
    assert sum("G4" in s.text for s in steps) == 1


def test_no_step_leaves_the_question(india_japan: LoadedRubric, nlp: Language) -> None:
    """Session 37's third trial: every defence answer was told to add the India–US pacts
    (LEMOA, COMCASA, BECA), every North East answer the Mumbai–Ahmedabad high-speed rail
    (rubric 1.7.97)."""
    defence = evaluate(
        "Defence is now a pillar of the India–Japan partnership.\n\n"
        "The navies train together in JIMEX and Malabar, and the armies in Dharma Guardian. "
        "The logistics pact of 2020 lets the forces share fuel and spares, and the air forces "
        "first met in Veer Guardian in 2023. The foreign and defence ministers meet in a 2+2 "
        "format, and Japan is transferring UNICORN mast technology.\n\n"
        "Yet the US-2 aircraft deal has stalled and China's pressure shapes both agendas.\n\n"
        "On balance, defence ties are growing because both worry about China's assertiveness.",
        india_japan,
        "defence-cooperation",
        nlp=nlp,
    )
    northeast = evaluate(
        "Japan's vision of a free, open Indo-Pacific meets India's Act East Policy in the North "
        "East.\n\nJapanese loans build roads in Mizoram and Meghalaya, the Dhubri–Phulbari "
        "bridge and Guwahati's water supply, and the Act East Forum of 2017 plans them. The "
        "region links India to Bangladesh, Myanmar and the Bay of Bengal.\n\n"
        "Insurgency, land disputes and Myanmar's turmoil slow the work.\n\n"
        "On balance, the North East can become the showcase of the two visions.",
        india_japan,
        "act-east-foip-northeast",
        nlp=nlp,
    )
    for report, outside in ((defence, "LEMOA"), (northeast, "high-speed rail")):
        steps = report.feedback.next_steps + report.feedback.more_steps
        assert steps and not [s for s in steps if outside in s.text]


@pytest.mark.parametrize(
    ("question", "text", "concept"),
    [
        # session 37's probe of the session's negation rules: what these clauses take as given
        # earns nothing either (negation.NegationScopes.aside): the false ones earn no credit
        ("economic-security-supply-chains", "Australia did not join the SCRI.", "scri-2021"),
        (
            "japan-development-partner",
            "The bullet train does not run to Ahmedabad.",
            "bullet-train",
        ),
        ("defence-cooperation", "Under the ACSA, the two forces cannot share fuel.", "acsa"),
        ("defence-cooperation", "JIMEX should not be confused with a naval exercise.", "jimex"),
        (
            "pyq-2013-economic",
            "The CEPA should not be confused with RCEP.",
            "rcep-osaka-divergence",
        ),
    ],
)
def test_what_a_clause_takes_as_given_earns_nothing(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    report = probe_report(india_japan, nlp, question, text)
    assert_never_called_wrong(report)
    assert report.concept(concept).credit == 0


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("The Quad is not to be mistaken for a military alliance.", "quad-not-alliance"),
        ("The Quad is not to be confused with a trade bloc.", "quad-not-trade-bloc"),
    ],
)
def test_a_denial_point_keeps_its_denial_under_confusing(
    india_japan: LoadedRubric, nlp: Language, text: str, concept: str
) -> None:
    report = probe_report(india_japan, nlp, "pyq-2020-quad-trade-bloc", text)
    assert report.concept(concept).status == "covered"


CONFUSED_TRUE = [
    "The Quad, formed in 2007, should not be confused with the 2004 tsunami core group.",
    "JIMEX should not be confused with Malabar.",
    "Dharma Guardian should not be mistaken for Veer Guardian.",
]


@pytest.mark.parametrize("text", CONFUSED_TRUE, ids=[t[:40] for t in CONFUSED_TRUE])
def test_two_things_kept_apart_are_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(probe_report(india_japan, nlp, "defence-cooperation", text))


@pytest.mark.parametrize(
    ("question", "text", "concept"),
    [
        # a verb after 'and' with a perfect 'has' of its own makes its own claim
        ("challenges-way-forward", "India is not a member of the BRI and has left RCEP too.", None),
        (
            "defence-cooperation",
            "The US-2 deal has not been signed and has stalled for years.",
            None,
        ),
        ("defence-cooperation", "Japan does not hold JIMEX and has never held Malabar.", "malabar"),
    ],
)
def test_a_second_verb_with_its_own_has_is_its_own_claim(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str | None
) -> None:
    report = probe_report(india_japan, nlp, question, text)
    if concept is None:
        assert_never_called_wrong(report)
    else:  # its own negation still denies
        assert report.concept(concept).status == "negated"
