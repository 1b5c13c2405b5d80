"""Golden tests of the bundled India–Japan rubric: its shape, its question bank, and how it grades
answers we wrote ourselves (strong, medium, weak, generic, off-topic) for six questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric.loader import LoadedRubric, check_rubric
from evaluator.scoring.checks.structure import count_words
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

LEVELS = ("strong", "medium", "weak", "generic", "offtopic")
# Questions with answers at every level, and questions with only a strong and a generic answer.
FULL_SETS = (
    "2plus2-significance",
    "pyq-2019-contemporary",
    "challenges-way-forward",
    "pyq-2013-economic",
)
PAIR_SETS = ("defence-cooperation", "indo-pacific-quad")
GRADED_QUESTIONS = FULL_SETS + PAIR_SETS

# The points a good answer to each question must be credited for (concept ids).
KEY_CONCEPTS = {
    "2plus2-significance": {
        "two-plus-two-format",
        "japan-second-2plus2-partner",
        "troika-pacts",
        "security-declaration-2008",
        "terrorism-cross-border",
        "fukuoka-consulate",
        "jimex",
        "malabar",
        "veer-guardian",
        "rules-based-order",
        "quad-cooperation",
        "asean-aoip",
    },
    "pyq-2019-contemporary": {
        "ssgp-2014",
        "acsa",
        "foip",
        "rules-based-order",
        "quad-cooperation",
        "g4-unsc-reform",
        "isa",
        "cdri",
        "cepa-2011",
        "largest-bilateral-donor",
    },
    "pyq-2013-economic": {
        "trade-volume",
        "fdi-fifth-source",
        "largest-bilateral-donor",
        "cepa-2011",
        "exports-to-japan",
        "imports-from-japan",
        "market-access-barriers",
        "rcep-osaka-divergence",
        "trade-joint-ventures",
        "currency-swap",
    },
    "defence-cooperation": {
        "security-declaration-2008",
        "jimex",
        "malabar",
        "dharma-guardian",
        "veer-guardian",
        "tarang-shakti",
        "acsa",
        "joint-staff-talks",
        "unicorn-transfer",
        "us2-delay",
    },
    "indo-pacific-quad": {
        "abe-confluence-2007",
        "foip",
        "act-east-forum",
        "rules-based-order",
        "freedom-of-navigation",
        "asean-aoip",
        "quad-cooperation",
        "malabar",
        "quad-brics-balancing",
        "connectivity-pqi",
    },
    "challenges-way-forward": {
        "trade-underdeveloped",
        "market-access-barriers",
        "rcep-osaka-divergence",
        "russia-ukraine-divergence",
        "vostok-kuril",
        "quad-brics-balancing",
        "aagc-scepticism",
        "us2-delay",
        "miyawaki",
        "joint-crediting-mechanism",
        "make-in-india",
        "connectivity-pqi",
    },
}


def answer_text(data_dir: Path, question_id: str, level: str) -> str:
    """One of our test answers."""
    return (data_dir / "answers" / question_id / f"{level}.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def graded(india_japan: LoadedRubric, data_dir: Path, nlp) -> dict[tuple[str, str], Report]:
    """Every test answer graded once: (question id, level) -> report."""
    return {
        (qid, level): evaluate(answer_text(data_dir, qid, level), india_japan, qid, nlp=nlp)
        for qid in GRADED_QUESTIONS
        for level in (LEVELS if qid in FULL_SETS else ("strong", "generic"))
    }


def model_report(india_japan: LoadedRubric, question_id: str, nlp) -> Report:
    """The project's model answer to a question, graded."""
    return evaluate(india_japan.model_answers[question_id], india_japan, question_id, nlp=nlp)


def covered(report: Report) -> set[str]:
    """Ids of the concepts credited in full."""
    return {c.id for c in report.concepts if c.status == "covered"}


def credited(report: Report) -> set[str]:
    """Ids of the concepts with any credit."""
    return {c.id for c in report.concepts if c.credit > 0}


# --- the rubric's shape ------------------------------------------------------------------------


def test_bundled_rubric_passes_check():
    assert check_rubric("india-japan") == []


def test_identity_and_size(india_japan: LoadedRubric):
    rubric = india_japan.rubric
    assert rubric.id == "india-japan"
    assert rubric.version == "1.7.108"
    assert len(rubric.concepts()) >= 60
    assert len(rubric.facts) >= 20


def test_every_fact_belongs_to_a_concept(india_japan: LoadedRubric):
    concept_ids = {c.id for _, c in india_japan.rubric.concepts()}
    assert [f.id for f in india_japan.rubric.facts if f.concept not in concept_ids] == []


def test_every_source_ref_is_a_heading_of_the_source_notes(india_japan: LoadedRubric):
    headings = {
        line[3:].strip() for line in india_japan.source_notes.splitlines() if line.startswith("## ")
    }
    refs = {c.source_ref for _, c in india_japan.rubric.concepts()}
    assert refs - headings == set()


def test_the_challenges_and_way_forward_dimensions_have_their_kinds(india_japan: LoadedRubric):
    kinds = {d.id: d.kind for d in india_japan.rubric.dimensions}
    assert kinds["challenges"] == "challenges"
    assert kinds["way-forward"] == "way_forward"


@pytest.mark.parametrize(
    ("question_id", "directive", "extra", "marks", "words", "source"),
    [
        ("2plus2-significance", "discuss", [], 15, 250, None),
        ("pyq-2019-contemporary", "comment", [], 10, 150, "UPSC Mains 2019 GS-II"),
        ("pyq-2013-economic", "elucidate", [], 10, 200, "UPSC Mains 2013 GS-II"),
        ("pyq-2020-quad-trade-bloc", "discuss", [], 10, 150, "UPSC Mains 2020 GS-II"),
        ("challenges-way-forward", "critically examine", ["suggest"], 15, 250, None),
        ("defence-cooperation", "examine", [], 10, 150, None),
        ("indo-pacific-quad", "discuss", [], 10, 150, None),
    ],
)
def test_question_bank(
    india_japan: LoadedRubric, question_id, directive, extra, marks, words, source
):
    question = india_japan.rubric.question(question_id)
    assert question.directive == directive
    assert question.extra_directives == extra
    assert (question.max_marks, question.word_limit) == (marks, words)
    assert question.source == source
    assert 4 <= len(question.dimensions) <= 7


def test_the_2plus2_question_text_is_the_issues(india_japan: LoadedRubric):
    text = india_japan.rubric.question("2plus2-significance").text
    assert text == (
        "Discuss the significance of the India–Japan 2+2 Foreign and Defence Ministerial "
        "Dialogue for the Special Strategic and Global Partnership."
    )


def test_every_question_has_a_model_answer_within_its_word_limit(india_japan: LoadedRubric):
    for question in india_japan.rubric.questions:
        assert question.model_answer == f"model-answers/{question.id}.md"
        assert (india_japan.folder / question.model_answer).is_file()
        text = india_japan.model_answers[question.id]
        assert count_words(text) <= question.word_limit, question.id


# --- golden answers ----------------------------------------------------------------------------


@pytest.mark.parametrize("question_id", FULL_SETS)
def test_ordering_strong_medium_weak_then_generic_and_offtopic(graded, question_id):
    marks = {level: graded[question_id, level].marks for level in LEVELS}
    assert marks["strong"] > marks["medium"] > marks["weak"], marks
    assert marks["weak"] > max(marks["generic"], marks["offtopic"]), marks


@pytest.mark.parametrize("question_id", GRADED_QUESTIONS)
def test_strong_answer_is_credited_for_the_key_concepts(graded, question_id):
    missing = KEY_CONCEPTS[question_id] - covered(graded[question_id, "strong"])
    assert missing == set()


@pytest.mark.parametrize("question_id", GRADED_QUESTIONS)
def test_generic_answer_earns_no_concept(graded, question_id):
    # fluent text with no India–Japan content must not pick up credit from generic words
    assert credited(graded[question_id, "generic"]) == set()


@pytest.mark.parametrize("question_id", GRADED_QUESTIONS)
def test_model_answer_scores_at_least_as_high_as_the_strong_answer(
    india_japan, graded, nlp, question_id
):
    assert model_report(india_japan, question_id, nlp).marks >= graded[question_id, "strong"].marks


@pytest.mark.parametrize("question_id", PAIR_SETS)
def test_strong_answer_beats_generic_answer(graded, question_id):
    assert graded[question_id, "strong"].marks > graded[question_id, "generic"].marks


@pytest.mark.parametrize("question_id", GRADED_QUESTIONS)
def test_correct_answers_are_never_told_their_facts_are_wrong(
    india_japan, graded, nlp, question_id
):
    reports = [model_report(india_japan, question_id, nlp)]
    if (question_id, "strong") in graded:
        reports.append(graded[question_id, "strong"])
    for report in reports:
        assert [f.id for f in report.facts if f.status == "contradicted"] == []


def test_model_answers_raise_no_advisory(india_japan, nlp):
    for question in india_japan.rubric.questions:
        report = model_report(india_japan, question.id, nlp)
        assert [a.code for a in report.advisories] == [], question.id


def test_calibration_strong_2plus2_answer_earns_at_least_half_the_marks(graded):
    report = graded["2plus2-significance", "strong"]
    assert report.marks >= 0.5 * report.max_marks


def test_calibration_generic_2plus2_answer_earns_at_most_30_percent(graded):
    report = graded["2plus2-significance", "generic"]
    assert report.marks <= 0.3 * report.max_marks


# --- spelling, acronyms and expansions against the bundled rubric ------------------------------


def statuses(india_japan, nlp, text: str, question_id: str = "2plus2-significance"):
    """Concept id -> status for the concepts a short text touches."""
    report = evaluate(text, india_japan, question_id, nlp=nlp)
    return {c.id: c.status for c in report.concepts if c.status != "missing"}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("The two navies sail together in the Malabaar exercise.", "malabar"),
        ("India is opening a new consulate in Fukuka.", "fukuoka-consulate"),
        # (two letters swapped; the name spelt right in this sentence earns the same)
        (
            "The Indian and Japanese armies hold the Dharma Gaurdian exercise every year.",
            "dharma-guardian",
        ),
        ("Abe spoke of the Confluense of the Two Seas in 2007.", "abe-confluence-2007"),
    ],
)
def test_misspelt_proper_nouns_still_credit_the_concept(india_japan, nlp, text, concept):
    assert statuses(india_japan, nlp, text).get(concept) == "covered"


def test_misspelt_consulate_city_still_supports_the_fact(india_japan, nlp):
    report = evaluate(
        "India is opening a new consulate in Fukuka.", india_japan, "2plus2-significance", nlp=nlp
    )
    assert {f.id: f.status for f in report.facts}["consulate-city"] == "supported"


def test_asian_is_not_read_as_a_misspelt_asean(india_japan, nlp):
    assert "asean-aoip" not in statuses(india_japan, nlp, "Both respect Asian unity.")


@pytest.mark.parametrize(
    ("short", "long", "concept"),
    [
        ("CEPA", "Comprehensive Economic Partnership Agreement", "cepa-2011"),
        ("ACSA", "Acquisition and Cross-Servicing Agreement", "acsa"),
        ("ISA", "International Solar Alliance", "isa"),
        ("CDRI", "Coalition for Disaster Resilient Infrastructure", "cdri"),
        ("FOIP", "Free and Open Indo-Pacific", "foip"),
        ("AOIP", "ASEAN Outlook on the Indo-Pacific", "asean-aoip"),
        ("JCM", "Joint Crediting Mechanism", "joint-crediting-mechanism"),
        ("AAGC", "Asia-Africa Growth Corridor", "aagc-scepticism"),
        ("SSGP", "Special Strategic and Global Partnership", "ssgp-2014"),
    ],
)
def test_acronym_and_expansion_both_cover_the_concept(india_japan, nlp, short, long, concept):
    said = "which their governments agreed on to deepen economic and strategic ties"
    assert statuses(india_japan, nlp, f"They value the {short}, {said}.").get(concept) == "covered"
    assert statuses(india_japan, nlp, f"They value the {long}, {said}.").get(concept) == "covered"


def test_a_bare_name_earns_partial_credit_until_the_answer_says_something_about_it(
    india_japan, nlp
):
    bare = "India and Japan have the Supply Chain Resilience Initiative."
    said = (
        "India, Japan and Australia launched the Supply Chain Resilience Initiative in 2021 to "
        "diversify away from China."
    )
    question = "economic-security-supply-chains"
    assert statuses(india_japan, nlp, bare, question).get("scri-2021") == "partial"
    assert statuses(india_japan, nlp, said, question).get("scri-2021") == "covered"


@pytest.mark.parametrize(
    "name", ["Quad", "QUAD", "QSD", "Quadrilateral Security Dialogue", "Quadrilateral"]
)
def test_every_name_of_the_quad_credits_quad_cooperation(india_japan, nlp, name):
    text = f"India and Japan are members of the {name} with Australia, meeting at summits."
    assert statuses(india_japan, nlp, text, "indo-pacific-quad").get("quad-cooperation") == (
        "covered"
    )


@pytest.mark.parametrize("spelling", ["2+2", "2 + 2", "2 plus 2", "two plus two", "two-plus-two"])
def test_every_spelling_of_2plus2_counts(india_japan, nlp, spelling):
    text = f"After the US, Japan became India's second {spelling} partner."
    assert statuses(india_japan, nlp, text).get("japan-second-2plus2-partner") == "covered"


def test_lower_case_us_is_not_the_united_states(india_japan, nlp):
    text = "Let us recall that Japan held its second 2+2 round."
    assert statuses(india_japan, nlp, text).get("japan-second-2plus2-partner") != "covered"


# --- a recommendation is not the hurdle it answers (issue 19, item 2c) ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "CEPA is under-utilised by Indian exporters.",
        "Low utilisation of CEPA preferences widens India's trade deficit.",
        "Economic ties have improved after CEPA came into force in 2011.",
        "Japan has not removed the non-tariff barriers that keep out Indian generic medicines.",
    ],
)
def test_stating_the_cepa_hurdle_does_not_earn_the_cepa_review(india_japan, nlp, text):
    found = statuses(india_japan, nlp, text, "pyq-2013-economic")
    assert "cepa-review" not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "India should review CEPA.",
        "Way forward: upgrade CEPA with mutual recognition of standards.",
        "Way forward: better utilisation of CEPA by Indian exporters.",
        "India must press Japan to remove non-tariff barriers on generic medicines.",
        "Going ahead, both sides should address market access so that trade can grow.",
    ],
)
def test_recommending_a_cepa_review_earns_it(india_japan, nlp, text):
    assert statuses(india_japan, nlp, text, "pyq-2013-economic").get("cepa-review") == "covered"


def test_restating_the_question_does_not_earn_the_2025_initiative(india_japan, nlp):
    # the question itself calls economic security "a new pillar" of the relationship
    restated = "Economic security has become a new pillar of India–Japan ties."
    found = statuses(india_japan, nlp, restated, "economic-security-supply-chains")
    assert "economic-security-initiative-2025" not in found, found
    named = "The 2025 summit launched an Economic Security Initiative for the next decade."
    found = statuses(india_japan, nlp, named, "economic-security-supply-chains")
    assert found.get("economic-security-initiative-2025") == "covered"


def test_natural_partners_is_shared_values_not_complementary_economies(india_japan, nlp):
    # how many answers open: a platitude about values, not the economic point
    opening = "India and Japan are natural partners with shared democratic values."
    found = statuses(india_japan, nlp, opening, "pyq-2019-contemporary")
    assert "complementarity" not in found, found
    assert found.get("shared-democratic-values") == "covered", found
    point = "Japanese capital and technology complement India's young workforce and market."
    found = statuses(india_japan, nlp, point, "pyq-2019-contemporary")
    assert found.get("complementarity") == "covered", found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The first 2+2 meeting did not bring more capital.", False),  # the '+' of a name
        ("The G7+1 format and Japanese capital.", False),
        ("Japanese capital + Indian talent drive growth.", True),  # the '+' of notes
        ("Japanese capital +Indian talent drive growth.", True),
    ],
)
def test_the_plus_of_2plus2_is_not_capital_plus_talent(india_japan, nlp, text, found):
    report = evaluate(text, india_japan, "japan-development-partner", nlp=nlp)
    complementarity = next(c for c in report.concepts if c.id == "complementarity")
    assert ("+" in complementarity.matched) == found, complementarity.matched


@pytest.mark.parametrize(
    ("text", "earned"),
    [
        ("Japan wants connectivity in the Indo-Pacific.", False),  # a goal, not a threat
        ("Cyber security cooperation is growing in the Indo-Pacific.", False),
        ("Cyber threats and food security are challenges in the Indo-Pacific.", True),
        ("The region faces the fallout of the Ukraine war and connectivity gaps.", True),
    ],
)
def test_wider_threats_need_a_threat(india_japan, nlp, text, earned):
    found = statuses(india_japan, nlp, text, "act-east-foip-northeast")
    assert (found.get("regional-threats") == "covered") == earned, found


# (question, concept, answer text, status): a point needs words of its own, not its topic's
# (rubric 1.7.9-1.7.27, found by grading answers written as a learner would)
OWN_WORDS = [
    # a challenge's heading is no way forward (session 21: covered before rubric 1.7.45)
    (
        "challenges-way-forward",
        "regional-stability-balance",
        "- China factor: China grows more aggressive in the South and East China Seas.",
        "missing",
    ),
    (
        "challenges-way-forward",
        "regional-stability-balance",
        "Both should pool their economic and military strength to keep the region stable.",
        "covered",
    ),
    # a challenge stated with a negation states it (session 21: "denied" before rubric 1.7.44)
    (
        "challenges-way-forward",
        "aagc-scepticism",
        "The Asia-Africa Growth Corridor has not taken off because few believe it can be built.",
        "covered",
    ),
    (
        "pyq-2013-economic",
        "regulatory-tax-hurdles",
        "Red tape and tax disputes do not encourage Japanese investors to put money in India.",
        "covered",
    ),
    (
        "pyq-2013-economic",
        "language-culture-gap",
        "Few Indians speak Japanese, which slows business between the two.",
        "covered",
    ),
    (
        "pyq-2013-economic",
        "language-culture-gap",
        "The Japanese language is difficult for Indian managers.",
        "covered",
    ),
    # the Quad's working groups are on technology, not on defence equipment
    (
        "defence-cooperation",
        "defence-equipment-technology",
        "Its agenda is mostly economic and technological. The leaders set up working groups "
        "on vaccines and on critical and emerging technologies.",
        "missing",
    ),
    (
        "defence-cooperation",
        "defence-equipment-technology",
        "Japan offered technology transfer for its high-speed trains.",
        "missing",
    ),
    (
        "defence-cooperation",
        "defence-equipment-technology",
        "A joint working group steers the transfer of defence technology between the two.",
        "covered",
    ),
    (
        "defence-cooperation",
        "defence-equipment-technology",
        "Both sides plan joint development and joint production of defence equipment.",
        "covered",
    ),
    # naming the war is not naming the two stands on it
    (
        "challenges-way-forward",
        "russia-ukraine-divergence",
        "The war in Ukraine showed both how exposed their factories are.",
        "missing",
    ),
    (
        "challenges-way-forward",
        "russia-ukraine-divergence",
        "The war in Ukraine raised oil prices for both.",
        "missing",
    ),
    (
        "challenges-way-forward",
        "russia-ukraine-divergence",
        "Japan sanctioned Russia over the Ukraine war while India did not.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "russia-ukraine-divergence",
        "India still buys Russian oil, while Japan has imposed sanctions on Russia.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "russia-ukraine-divergence",
        "India stayed neutral on the Ukraine war; Japan did not.",
        "covered",
    ),
    # the bullet train's land is in Gujarat and Maharashtra, not the Northeast
    (
        "act-east-foip-northeast",
        "northeast-hurdles",
        "Hurdles: land acquisition delayed the bullet train by years.",
        "missing",
    ),
    (
        "act-east-foip-northeast",
        "northeast-hurdles",
        "In the Northeast, hilly terrain and insurgency delay projects.",
        "covered",
    ),
    (
        "act-east-foip-northeast",
        "northeast-hurdles",
        "Land disputes hold up Japanese-funded roads in the Northeast.",
        "covered",
    ),
    # economic security, not the way forward of joint ventures
    (
        "2plus2-significance",
        "trade-joint-ventures",
        "Semiconductor supply chains and critical technologies are new areas.",
        "missing",
    ),
    (
        "2plus2-significance",
        "trade-joint-ventures",
        "Resilient supply chains matter; so does the Supply Chain Resilience Initiative.",
        "missing",
    ),
    (
        "2plus2-significance",
        "trade-joint-ventures",
        "Joint ventures should pair Japanese technology with Indian labour.",
        "covered",
    ),
    # a 2+2 with the US is not Japan's place as India's second 2+2 partner
    (
        "2plus2-significance",
        "japan-second-2plus2-partner",
        "India holds 2+2 dialogues with the US, Australia, Japan, the UK and Russia.",
        "missing",
    ),
    (
        "2plus2-significance",
        "japan-second-2plus2-partner",
        "With the US, the 2+2 track produced the three foundational defence pacts.",
        "missing",
    ),
    (
        "2plus2-significance",
        "japan-second-2plus2-partner",
        "Japan was only the second country to hold a 2+2 with India.",
        "covered",  # its fact stated right
    ),
    # the largest donor in other words (rubric 1.7.14)
    (
        "japan-development-partner",
        "largest-bilateral-donor",
        "Since then it has become the biggest source of bilateral aid for India.",
        "covered",
    ),
    # space as a region is not space as a domain of dialogue (rubric 1.7.15)
    (
        "2plus2-significance",
        "space-cyber-dialogues",
        "Both see the Indo-Pacific as one connected space from the coast of Africa to the "
        "Pacific islands. The 2+2 dialogue brings their ministers together.",
        "partial",
    ),
    (
        "2plus2-significance",
        "space-cyber-dialogues",
        "There is space for more trade with Africa. The dialogue goes on.",
        "partial",
    ),
    (
        "2plus2-significance",
        "space-cyber-dialogues",
        "The ministers agreed to start new dialogues on space and cyber.",
        "covered",
    ),
    (
        "2plus2-significance",
        "space-cyber-dialogues",
        "A space dialogue and a cyber dialogue were launched.",
        "covered",
    ),
    (
        "2plus2-significance",
        "space-cyber-dialogues",
        "They will cooperate in outer space and on maritime affairs.",
        "covered",
    ),
    # Japanese quality standards and India's infrastructure gaps are no connectivity (1.7.16)
    (
        "pyq-2013-economic",
        "connectivity-pqi",
        "Indian goods face strict Japanese quality and safety standards. Infrastructure gaps "
        "in power and logistics raise costs.",
        "missing",
    ),
    (
        "pyq-2013-economic",
        "connectivity-pqi",
        "Connectivity projects link India's Northeast with Bangladesh and Myanmar.",
        "covered",
    ),
    # a small manufacturing base is a constraint, not Japanese firms moving in (1.7.17)
    (
        "economic-security-supply-chains",
        "industrial-competitiveness",
        "India's manufacturing base is still small and logistics costs are high.",
        "missing",
    ),
    (
        "economic-security-supply-chains",
        "industrial-competitiveness",
        "India offers a production base for Japanese firms leaving China.",
        "covered",
    ),
    # Japan's restraint on arms exports is not the two competing as exporters (1.7.19)
    (
        "defence-cooperation",
        "defence-export-competition",
        "Japan's pacifist constitution still restrains arms exports.",
        "missing",
    ),
    (
        "defence-cooperation",
        "defence-export-competition",
        "As both push their defence exports, they could end up as competitors.",
        "covered",
    ),
    # Act East meeting FOIP is its own point; the Act East Forum is a body set up in 2017
    (
        "indo-pacific-quad",
        "act-east-forum",
        "Japan's FOIP and India's Act East policy fit well.",
        "missing",
    ),
    (
        "indo-pacific-quad",
        "act-east-forum",
        "Since 2017 a joint forum has coordinated Act East projects in the Northeast.",
        "covered",
    ),
    # trade weaponised by China says nothing of India-Japan trade below potential (1.7.20)
    (
        "economic-security-supply-chains",
        "trade-underdeveloped",
        "The pandemic and China's use of trade as a weapon pushed both to act.",
        "missing",
    ),
    (
        "challenges-way-forward",
        "trade-underdeveloped",
        "Trade between India and Japan is low compared with India's trade with China.",
        "covered",
    ),
    # "this format" in a 2+2 answer is the 2+2 (1.7.21)
    (
        "2plus2-significance",
        "japan-second-2plus2-partner",
        "Few countries hold this format with India: the US was the first, Japan the second.",
        "covered",
    ),
    # the Quad as an alternative to the Belt and Road is not India's balancing act (1.7.22)
    (
        "pyq-2020-quad-trade-bloc",
        "quad-brics-balancing",
        "The Quad offers infrastructure finance as an alternative to the Belt and Road.",
        "partial",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "quad-brics-balancing",
        "India sits in both the Quad and BRICS.",
        "covered",
    ),
    # the Delhi Metro is no meeting held in Delhi (1.7.24)
    (
        "2plus2-significance",
        "third-2plus2-meeting",
        "Japan funded the Delhi Metro. The 2+2 dialogue brings ministers together.",
        "missing",
    ),
    (
        "2plus2-significance",
        "third-2plus2-meeting",
        "The third 2+2 was held in Delhi.",
        "covered",
    ),
    # Japan in the Solar Alliance, or the Quad on clean energy, is no bilateral partnership (1.7.25)
    (
        "economic-security-supply-chains",
        "clean-energy-partnership",
        "Japan joined the International Solar Alliance. The Quad also works together on clean "
        "energy.",
        "missing",
    ),
    (
        "economic-security-supply-chains",
        "clean-energy-partnership",
        "India and Japan cooperate on green hydrogen and ammonia.",
        "covered",
    ),
    # skilled workers for ageing Japan are their own point, not IT talent (1.7.26)
    (
        "challenges-way-forward",
        "it-digitalisation",
        "Indian skilled workers can fill the gap in ageing Japan.",
        "missing",
    ),
    (
        "challenges-way-forward",
        "it-digitalisation",
        "Indian IT professionals can help Japan's digitalisation.",
        "covered",
    ),
    # a stand India has not taken, unlike Japan, is the divergence; China's pressure is its
    # assertiveness, other pressure is not (1.7.27)
    (
        "challenges-way-forward",
        "russia-ukraine-divergence",
        "India has not condemned Russia over Ukraine, unlike Japan.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "china-assertiveness",
        "China's pressure on both countries is growing.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "china-assertiveness",
        "There is pressure on exporters. China is a big market.",
        "missing",
    ),
    # ship maintenance is made in one sentence (`window: 1`): the logistics pact's repairs and a
    # radar for warships in the next sentence are not it
    (
        "defence-cooperation",
        "ship-maintenance",
        "A 2020 pact lets each side use the other's bases for fuel and repairs. Japan will also "
        "share the UNICORN antenna for Indian warships.",
        "missing",
    ),
    (
        "defence-cooperation",
        "ship-maintenance",
        "Indian shipyards may soon repair and refit Japanese naval ships.",
        "covered",
    ),
    # a shrinking workforce is the need skilled Indian workers meet
    (
        "challenges-way-forward",
        "skilled-mobility",
        "India could send more of its nurses and engineers to Japan, where the workforce is "
        "shrinking fast.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "skilled-mobility",
        "Japan's surplus with India is shrinking while Indian workers stay at home.",
        "missing",
    ),
    # the Quad ministers' Tokyo meeting is made in one sentence, not by the 2+2's year
    (
        "2plus2-significance",
        "quad-fmm-tokyo-2024",
        "The third round met in New Delhi in August 2024.\n- It also linked the two to the Quad.",
        "missing",
    ),
    (
        "2plus2-significance",
        "quad-fmm-tokyo-2024",
        "A month earlier the Quad's foreign ministers had met in Tokyo.",
        "covered",
    ),
    # the counter to the Belt and Road in other words, and FOIP by a description of its name
    (
        "act-east-foip-northeast",
        "counter-bri",
        "Japanese roads give the neighbours a choice other than Chinese loans.",
        "covered",
    ),
    (
        "act-east-foip-northeast",
        "counter-bri",
        "Chinese money has built ports across the Bay of Bengal.",
        "missing",
    ),
    (
        "act-east-foip-northeast",
        "foip",
        "Japan's Indo-Pacific vision and Act East meet in the Northeast.",
        "covered",
    ),
    (
        "act-east-foip-northeast",
        "foip",
        "India's Indo-Pacific vision is inclusive.",
        "missing",
    ),
    # China's military build-up is its assertiveness; India's is not
    (
        "pyq-2019-contemporary",
        "china-factor",
        "Both democracies worry about China's military build-up.",
        "covered",
    ),
    (
        "pyq-2019-contemporary",
        "china-factor",
        "India's military build-up in the Andamans worries China.",
        "missing",
    ),
    (
        "pyq-2019-contemporary",
        "rules-based-order",
        "Both want a rules-based Asia.",
        "covered",
    ),
    # China in one sentence and a shift in the next is not de-risking from China
    (
        "economic-security-supply-chains",
        "china-dependence",
        "For years the Quad was read as a club aimed at China. Lately its agenda has seen a "
        "shift towards economics.",
        "missing",
    ),
    (
        "economic-security-supply-chains",
        "china-dependence",
        "Japanese firms are shifting factories out of China to India.",
        "covered",
    ),
    # a sector in one sentence and investors in the next are no investment in that sector
    (
        "pyq-2013-economic",
        "fdi-sectors",
        "Japanese firms are cautious about India. Strict standards in Japan keep out Indian "
        "pharmaceuticals.",
        "missing",
    ),
    (
        "pyq-2013-economic",
        "fdi-sectors",
        "Japanese companies have invested in Indian cars, telecom and pharmaceuticals.",
        "covered",
    ),
    # Quad partners in one sentence and the 2+2 in the next are not India's 2+2 partners
    (
        "2plus2-significance",
        "two-plus-two-partners",
        "Both are Quad members with the US and Australia. The 2+2 dialogue gives the ties "
        "a strategic direction.",
        "missing",
    ),
    (
        "2plus2-significance",
        "two-plus-two-partners",
        "Besides Japan, India holds 2+2 dialogues with the US, Australia, the UK, Russia and "
        "Brazil.",
        "covered",
    ),
    (
        "defence-cooperation",
        "ship-maintenance",
        "The two sides have started talks on maintaining Japanese ships in Indian yards.",
        "covered",
    ),
    # China's rise is the growing power the point names; its trade is not
    (
        "challenges-way-forward",
        "china-assertiveness",
        "China's growing power pushes them together.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "china-assertiveness",
        "The rise of China worries both capitals.",
        "covered",
    ),
    (
        "challenges-way-forward",
        "china-assertiveness",
        "Trade with China has risen sharply for both.",
        "missing",
    ),
    # the seas named together, in the plural
    (
        "defence-cooperation",
        "china-assertiveness",
        "Both worry about China's behaviour in the East and South China Seas.",
        "covered",
    ),
    (
        "indo-pacific-quad",
        "china-factor",
        "Chinese claims in the South and East China Seas push Delhi and Tokyo together.",
        "covered",
    ),
    # "Second," opens a list item: it is no second 2+2 partner
    (
        "defence-cooperation",
        "japan-second-2plus2-partner",
        "Their ministers meet in a 2+2 format, which only a few partners of India have. Second, "
        "the forces exercise together every year.",
        "missing",
    ),
    (
        "defence-cooperation",
        "japan-second-2plus2-partner",
        "After the US, Japan was the second country to hold a 2+2 with India.",
        "covered",
    ),
    # the point's own note says diplomacy and defence "move in step" (session 49's trial: the
    # bullet had earned nothing and the report asked for the rationale as a next step)
    (
        "2plus2-significance",
        "two-plus-two-rationale",
        "The 2+2 brings foreign and defence ministers together, so diplomacy and defence planning "
        "move in step.",
        "covered",
    ),
]


@pytest.mark.parametrize(("question", "concept", "text", "status"), OWN_WORDS)
def test_a_point_needs_words_of_its_own(india_japan, nlp, question, concept, text, status):
    found = statuses(india_japan, nlp, text, question)
    assert found.get(concept, "missing") == status, found
