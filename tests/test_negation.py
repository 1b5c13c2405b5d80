"""Negation-aware credit: a concept only found in a negated claim earns nothing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.negation import negation_scopes
from evaluator.scoring.engine import evaluate

QUESTION = "2plus2-significance"
DEVELOPMENT = "japan-development-partner"

# (concept id, the claim asserted, the same claim negated)
PAIRS = [
    (
        "malabar",
        "Japan takes part in the Malabar naval exercise.",
        "Japan is not part of the Malabar naval exercise.",
    ),
    ("jimex", "The two navies hold JIMEX every year.", "The two navies have never held JIMEX."),
    (
        "dharma-guardian",
        "The armies conduct Dharma Guardian.",
        "The armies do not conduct Dharma Guardian.",
    ),
    ("acsa", "India and Japan signed the ACSA.", "India and Japan have not signed the ACSA."),
    (
        "fukuoka-consulate",
        "India is opening a consulate in Fukuoka.",
        "India is not opening a consulate in Fukuoka.",
    ),
    (
        "civil-nuclear-2016",
        "A civil nuclear agreement was signed in 2016.",
        "No civil nuclear agreement was signed.",
    ),
    ("cepa-2011", "The CEPA came into force in 2011.", "The CEPA is yet to come into force."),
    (
        "isa",
        "Japan joined the International Solar Alliance.",
        "Japan failed to join the International Solar Alliance.",
    ),
    ("cdri", "Japan is part of CDRI.", "Japan is not part of CDRI."),
    ("iter", "Both take part in ITER.", "Neither India nor Japan takes part in ITER."),
    (
        "ssgp-2014",
        "Ties were raised to a Special Strategic and Global Partnership in 2014.",
        "Ties were never raised to a Special Strategic and Global Partnership.",
    ),
    (
        "act-east-forum",
        "The Act East Forum links the two visions.",
        "India and Japan have not set up an Act East Forum.",
    ),
    (
        "veer-guardian",
        "The air forces held Veer Guardian in 2023.",
        "The air forces have not held Veer Guardian.",
    ),
    ("miyawaki", "India can use the Miyawaki method.", "India cannot use the Miyawaki method."),
    (
        "joint-crediting-mechanism",
        "Japanese firms earn credits under the Joint Crediting Mechanism.",
        "Japanese firms do not earn credits under the Joint Crediting Mechanism.",
    ),
    (
        "unicorn-transfer",
        "Japan is transferring UNICORN technology.",
        "Japan is not transferring UNICORN technology.",
    ),
    (
        "women-peace-security",
        "Both promote the WPS agenda.",
        "Neither side promotes the WPS agenda.",
    ),
    (
        "vostok-kuril",
        "India took part in the Vostok exercise.",
        "India did not take part in the Vostok exercise.",
    ),
    (
        "abe-padma-vibhushan",
        "Abe received the Padma Vibhushan.",
        "Abe never received the Padma Vibhushan.",
    ),
    (
        "kovind-enthronement-2019",
        "Kovind attended the enthronement.",
        "Kovind did not attend the enthronement.",
    ),
    ("leadit", "Japan joined LeadIT.", "Japan lacks LeadIT membership."),
    (
        "india-japan-forum-2021",
        "The India-Japan Forum met in 2021.",
        "The India-Japan Forum has not met.",
    ),
    (
        "aagc-scepticism",
        "The Asia-Africa Growth Corridor faces doubts.",
        "There is no Asia-Africa Growth Corridor.",
    ),
    (
        "nishikasai-mini-india",
        "Nishikasai in Tokyo is a mini-India.",
        "Nishikasai in Tokyo isn't home to Indians.",
    ),
]


@pytest.mark.parametrize(("concept", "asserted", "negated"), PAIRS, ids=[p[0] for p in PAIRS])
def test_assertion_earns_and_negation_does_not(
    india_japan: LoadedRubric, nlp: Language, concept: str, asserted: str, negated: str
) -> None:
    yes = evaluate(asserted, india_japan, QUESTION, nlp=nlp).concept(concept)
    no = evaluate(negated, india_japan, QUESTION, nlp=nlp).concept(concept)
    assert yes.status in ("covered", "partial") and yes.credit > 0
    assert no.status == "negated" and no.credit == 0
    assert no.evidence, "a negated concept still shows the span it was found in"
    assert "negated claim" in no.reason


def test_pair_count_is_at_least_twenty() -> None:
    assert len({p[0] for p in PAIRS}) >= 20


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Japan is not only a Malabar partner but also a donor.", "malabar"),
        ("There is no doubt that India and Japan signed the ACSA.", "acsa"),
        ("The logistics pact is nothing but the ACSA.", "acsa"),
        ("It is not just JIMEX but also Malabar that the navies share.", "jimex"),
        ("It is not just JIMEX but also Malabar that the navies share.", "malabar"),
        ("Japan gave no less than the Miyawaki method to India.", "miyawaki"),
        ("Japan is not in BRICS, but it holds JIMEX with India.", "jimex"),
        ("Japan, which is not in BRICS, holds JIMEX with India.", "jimex"),
        ("India did not join RCEP, and Japan holds JIMEX with India.", "jimex"),
        # a subject its own clause describes is given; the negation denies what it did
        ("The CEPA signed in 2011 has not lifted trade much.", "cepa-2011"),
        (
            "The comprehensive agreement that came into force in 2011 has not brought the jump "
            "in trade both sides hoped for.",
            "cepa-2011",
        ),
    ],
)
def test_no_false_negation(
    india_japan: LoadedRubric, nlp: Language, text: str, concept: str
) -> None:
    result = evaluate(text, india_japan, QUESTION, nlp=nlp).concept(concept)
    assert result.status in ("covered", "partial"), result.reason


def _negated_words(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)
    scopes = negation_scopes(doc)
    return {doc[i].lower_ for i in scopes}


def test_a_stalled_project_is_not_denied(nlp: Language) -> None:
    # "has not taken off" says the corridor exists and stalled (a learner's true sentence was
    # told it "denies" the doubts about the AAGC); "there is no ..." still denies it
    for stalled in (
        "The Asia-Africa Growth Corridor has not taken off.",
        "The Asia-Africa Growth Corridor has not progressed.",
        "The Asia-Africa Growth Corridor has not moved.",
    ):
        assert "corridor" not in _negated_words(nlp, stalled)
    assert "corridor" in _negated_words(nlp, "There is no Asia-Africa Growth Corridor.")
    assert "exercise" in _negated_words(nlp, "Japan did not take part in the exercise.")


def test_a_described_subject_is_given_but_a_bare_one_is_denied(nlp: Language) -> None:
    described = _negated_words(nlp, "The pact signed in 2020 has not changed the balance.")
    assert "pact" not in described and "2020" not in described
    assert "changed" in described and "balance" in described
    # without a clause of its own, or without an object, the subject stays in the denial
    assert "pact" in _negated_words(nlp, "The pact has not changed the balance.")
    assert "pact" in _negated_words(nlp, "The pact that India wanted has not materialised.")


def test_scope_stops_at_contrastive_but(nlp: Language) -> None:
    words = _negated_words(nlp, "Japan is not in BRICS but is a Quad member.")
    assert "brics" in words
    assert "quad" not in words and "member" not in words


def test_scope_covers_neither_nor_subjects(nlp: Language) -> None:
    words = _negated_words(nlp, "Neither India nor Japan is a member of BRICS.")
    assert {"india", "japan", "brics"} <= words


def test_a_neither_nor_pair_after_a_noun_denies_the_pair_only(nlp: Language) -> None:
    # a learner trial: "a free and open Indo-Pacific" was denied for the pair set against it
    words = _negated_words(
        nlp,
        "The Quad is an informal, issue-based coalition for a free and open Indo-Pacific, "
        "neither alliance nor bloc.",
    )
    assert {"alliance", "bloc"} <= words
    assert "pacific" not in words and "free" not in words and "coalition" not in words


def test_a_sentence_opening_with_nor_is_negated(nlp: Language) -> None:
    # a learner trial: "Nor is it a military alliance" did not state the Quad is no alliance
    words = _negated_words(nlp, "The Quad is no trade bloc. Nor is it a military alliance.")
    assert {"military", "alliance"} <= words
    # "…, nor did Japan join" negates the conjunct after 'nor', as before
    assert "japan" in _negated_words(nlp, "India did not join RCEP, nor did Japan join it.")


def test_scope_never_crosses_a_line(nlp: Language) -> None:
    words = _negated_words(nlp, "**Defence**\n- Exercises are not held.\n- Malabar is held yearly")
    assert "exercises" in words
    assert "defence" not in words and "malabar" not in words


def test_sentential_negation_covers_the_whole_claim(nlp: Language) -> None:
    words = _negated_words(
        nlp, "It is not true that as Quad members with Australia, they met in Tokyo."
    )
    assert {"quad", "members", "tokyo"} <= words


def test_without_negates_its_object_only(nlp: Language) -> None:
    words = _negated_words(nlp, "They hold JIMEX without any joint air exercise.")
    assert "air" in words and "jimex" not in words


@pytest.mark.parametrize(
    ("text", "negated", "asserted"),
    [
        # the tokenizer splits 'co-developed'; the parser reads 'co' as the verb
        ("India and Japan have never co-developed a fighter.", {"developed", "fighter"}, set()),
        ("The aircraft has not been co-produced.", {"produced"}, set()),
        ("No fighter has been co-developed by the two sides.", {"developed", "sides"}, set()),
        ("The two sides have not re-examined the pact.", {"examined", "pact"}, set()),
        # a split word after the negated clause opens an asserted one
        ("Trade has not grown, though the sides re-launched talks.", {"trade"}, {"talks"}),
        ("Japan is not a treaty ally, but the two sides co-develop robots.", set(), {"robots"}),
        # two claims run together: the parser hangs "is small" on the negated "is" and "trade"
        # on "part of RCEP" (engine 0.9.22)
        (
            "India is not part of RCEP and trade under CEPA is small.",
            {"rcep"},
            {"trade", "cepa", "small"},
        ),
        # a clause that is the copula's complement, with its 'that', stays in the scope
        ("The problem is not that trade is small.", {"trade", "small"}, set()),
        # "not the case" without its "that" denies the clause after it (engine 0.9.28) ...
        ("It is not the case Japan funded the Delhi Metro.", {"japan", "funded", "metro"}, set()),
        # ... and nothing when no clause follows
        ("That is not the case any more, and Japan funds the metro.", set(), {"funds", "metro"}),
    ],
)
def test_the_scope_is_the_claim_where_the_parse_splits_or_joins_it(
    nlp: Language, text: str, negated: set[str], asserted: set[str]
) -> None:
    words = _negated_words(nlp, text)
    assert negated <= words
    assert not asserted & words


def test_a_run_on_sentence_still_denies_what_follows_a_negation(nlp: Language) -> None:
    # hundreds of tokens without a full stop: the parse is no guide, the next words are
    filler = " and ".join(f"talks in city {n}" for n in range(40))
    text = f"India does not hold JIMEX with Japan and {filler} and both hold Malabar"
    assert len(nlp(text)) > 120
    words = _negated_words(nlp, text)
    assert "jimex" in words
    assert "malabar" not in words


def test_an_answer_saying_nothing_was_co_produced_earns_no_production_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = (
        "A pact on defence equipment and technology exists, although no major platform has "
        "actually been co-produced yet. Export rules slowed the US-2 amphibious aircraft deal."
    )
    report = evaluate(text, india_japan, "defence-cooperation", nlp=nlp)
    production = next(c for c in report.concepts if c.id == "aircraft-30-percent")
    assert production.status != "partial" and production.status != "covered"
    # the stalled US-2 purchase, which the answer does state, keeps its credit
    assert next(c for c in report.concepts if c.id == "us2-delay").status == "covered"


def test_a_sentence_with_no_negation_has_no_scope(nlp: Language) -> None:
    assert not negation_scopes(nlp("India and Japan hold JIMEX and Malabar every year."))


@pytest.mark.parametrize(
    "name", ["negation.yaml", "structure.yaml", "advisories.yaml", "language.yaml"]
)
def test_word_lists_are_all_text(name: str) -> None:
    # YAML reads bare no / yes / true / false as booleans: every listed word must stay a word
    from evaluator.resources import load_data

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                assert not isinstance(item, bool), f"{name}: {node!r}"
                walk(item)

    walk(load_data(name))


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("India did not join RCEP.", False),
        ("India does not sanction Russia.", False),
        ("India did not stay out of RCEP.", True),
        ("Bilateral trade does not remain small.", True),
        ("India does not run a trade deficit with Japan.", True),
        ("Japan and India do not differ over Russia.", True),
        ("India and Japan hold JIMEX.", False),
        # a shortfall still to be made good states that the negative persists
        ("The trade deficit has not yet been bridged.", False),
        ("The deficit with Japan is yet to be bridged.", False),
        ("The trade deficit with Japan has not been a problem.", True),
        # a negated change leaves the problem it acts on standing
        ("The trade deficit has not been reduced.", False),
        ("India no longer runs a trade deficit with Japan.", True),
        ("There is no trade deficit with Japan.", True),
        # "not small" denies the negative; the deficit named in the subject is not part of it
        ("India's trade with Japan is not small.", True),
        ("The trade deficit is not sustainable.", False),
        ("The partnership is not without its problems.", False),
        # a negative subject of a negated deed is there: the deed is what is denied (session
        # 21: "red tape does not encourage investors" was read as denying the red tape)
        ("Red tape and tax disputes do not encourage Japanese investors.", False),
        ("The trade deficit with Japan does not exist.", True),
        ("The trade deficit with Japan is not real.", True),
    ],
)
def test_denied_negatives(nlp: Language, text: str, denied: bool) -> None:
    from evaluator.scoring.checks.negation import denied_negatives

    assert bool(denied_negatives(nlp(text))) is denied


# --- shortfalls: "not fully", "not yet", "not adequately" (issue 19 follow-up) -------------------
# A negation qualified by a degree adverb, or over a word of completion, says that something
# exists but falls short; it denies nothing. These sentences are true: none may be reported as
# a denial, and a hurdle concept they state is credited.
ECONOMIC = "pyq-2013-economic"
SHORTFALLS = [
    (
        "Narrow export basket and trade deficit; CEPA benefits not fully utilised.",
        "trade-deficit-cepa-use",
    ),
    ("CEPA benefits are not fully utilised by Indian exporters.", "trade-deficit-cepa-use"),
    ("The trade imbalance with Japan has not yet been corrected.", "trade-deficit-cepa-use"),
    ("The trade deficit with Japan is yet to be bridged.", "trade-deficit-cepa-use"),
    (
        "India's export basket is narrow; CEPA has not been effectively used to cut the deficit.",
        "trade-deficit-cepa-use",
    ),
    (
        "Indian exporters have not adequately used the tariff preferences that CEPA offers.",
        "cepa-2011",
    ),
    (
        "Japan has never fully opened its market to Indian generic medicines: approval is strict.",
        "market-access-barriers",
    ),
    ("The Delhi-Mumbai Industrial Corridor has not been completely built.", "corridors-dfc-dmic"),
    ("The Shinkansen-based bullet train is not yet complete.", "bullet-train"),
    (
        "The bullet train is not yet operational because land acquisition was slow.",
        "land-project-delays",
    ),
]


@pytest.mark.parametrize(("text", "concept"), SHORTFALLS, ids=[s[0][:40] for s in SHORTFALLS])
def test_a_stated_shortfall_is_never_read_as_a_denial(
    india_japan: LoadedRubric, nlp: Language, text: str, concept: str
) -> None:
    report = evaluate(text, india_japan, ECONOMIC, nlp=nlp)
    denied = [(c.id, c.reason) for c in report.concepts if c.status == "negated"]
    assert denied == []
    assert report.concept(concept).status in ("covered", "partial")
    assert not any("You deny" in line for line in report.feedback.improvements)


@pytest.mark.parametrize(
    ("asserted", "negated", "concept"),
    [
        (
            "Japanese companies have invested in automobiles and pharmaceuticals in India.",
            "Japanese companies have not invested in automobiles or pharmaceuticals in India.",
            "fdi-sectors",
        ),
        (
            "Japan is the fifth largest investor in India.",
            "Japan is not the fifth largest investor in India.",
            "fdi-fifth-source",
        ),
        (
            "India and Japan signed the CEPA in 2011.",
            "India and Japan have not yet signed the CEPA.",
            "cepa-2011",
        ),
        (
            "The bullet train is a Japanese project.",
            "The bullet train is not a Japanese project.",
            "bullet-train",
        ),
        (
            "India runs a trade deficit with Japan.",
            "India does not run a trade deficit with Japan.",
            "trade-deficit-cepa-use",
        ),
    ],
)
def test_a_full_negation_still_denies(
    india_japan: LoadedRubric, nlp: Language, asserted: str, negated: str, concept: str
) -> None:
    assert evaluate(asserted, india_japan, ECONOMIC, nlp=nlp).concept(concept).credit > 0
    no = evaluate(negated, india_japan, ECONOMIC, nlp=nlp).concept(concept)
    assert no.status == "negated" and no.credit == 0


def test_partial_negation_has_no_scope_but_a_plain_one_does(nlp: Language) -> None:
    assert not _negated_words(nlp, "CEPA benefits are not fully utilised.")
    assert not _negated_words(nlp, "The metro line is not yet complete.")
    assert "cepa" in _negated_words(nlp, "CEPA was not signed.")
    assert "cepa" in _negated_words(nlp, "India has not yet signed CEPA.")
    # a negated use says the thing lies unused: it exists (usage_verbs)
    assert "cepa" not in _negated_words(nlp, "CEPA benefits are not utilised.")


# --- "no longer" and negated change (issue 19, item 2) -------------------------------------------
# "No longer" denies the present state as "not" does; "no longer only" asserts the role named.


@pytest.mark.parametrize(
    ("question", "asserted", "negated", "concept"),
    [
        (
            ECONOMIC,
            "India imports machinery and steel from Japan.",
            "India no longer imports machinery and steel from Japan.",
            "imports-from-japan",
        ),
        (
            QUESTION,
            "The two navies hold JIMEX every year.",
            "The two navies no longer hold JIMEX.",
            "jimex",
        ),
        (
            ECONOMIC,
            "India runs a trade deficit with Japan.",
            "India no longer runs a trade deficit with Japan.",
            "trade-deficit-cepa-use",
        ),
    ],
)
def test_no_longer_denies_like_not(
    india_japan: LoadedRubric,
    nlp: Language,
    question: str,
    asserted: str,
    negated: str,
    concept: str,
) -> None:
    assert evaluate(asserted, india_japan, question, nlp=nlp).concept(concept).credit > 0
    no = evaluate(negated, india_japan, question, nlp=nlp).concept(concept)
    assert no.status == "negated" and no.credit == 0
    assert "'no'" in no.reason


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "Japan is no longer only India's largest bilateral donor; it is a strategic partner.",
            "largest-bilateral-donor",
        ),
        (
            "Japan is no longer just the largest bilateral donor to India.",
            "largest-bilateral-donor",
        ),
        ("Japan's role is not limited to being India's largest donor.", "largest-bilateral-donor"),
        ("For India, Japan is no longer a mere top donor of aid.", "largest-bilateral-donor"),
        ("For India, Japan is not a mere top donor of aid.", "largest-bilateral-donor"),
    ],
)
def test_no_longer_only_asserts(
    india_japan: LoadedRubric, nlp: Language, text: str, concept: str
) -> None:
    result = evaluate(text, india_japan, ECONOMIC, nlp=nlp).concept(concept)
    assert result.status in ("covered", "partial"), result.reason


# A negated verb (or noun) of change denies the change, not the thing it acts on: these true
# sentences each state a hurdle, and none may be reported as denying it.
NEGATED_CHANGE = [
    ("The trade deficit with Japan has not been reduced.", "trade-deficit-cepa-use"),
    ("India has failed to reduce its trade deficit with Japan.", "trade-deficit-cepa-use"),
    ("There has been no reduction in India's trade deficit with Japan.", "trade-deficit-cepa-use"),
    ("The trade imbalance with Japan is yet to be narrowed.", "trade-deficit-cepa-use"),
    (
        "Japan has not removed the non-tariff barriers that keep out Indian generic medicines.",
        "market-access-barriers",
    ),
    (
        "Retrospective tax disputes and red tape have not been resolved for Japanese investors.",
        "regulatory-tax-hurdles",
    ),
    (
        "Land acquisition delays on the bullet train project have not eased.",
        "land-project-delays",
    ),
]


@pytest.mark.parametrize(
    ("text", "concept"), NEGATED_CHANGE, ids=[s[0][:40] for s in NEGATED_CHANGE]
)
def test_a_negated_change_never_denies_what_it_acts_on(
    india_japan: LoadedRubric, nlp: Language, text: str, concept: str
) -> None:
    report = evaluate(text, india_japan, ECONOMIC, nlp=nlp)
    result = report.concept(concept)
    assert result.status in ("covered", "partial"), result.reason
    assert result.credit > 0
    assert not any("You deny" in line for line in report.feedback.improvements)


@pytest.mark.parametrize(
    ("question", "text", "concept"),
    [
        (
            ECONOMIC,
            "Japanese companies have not invested in India's automobile or pharmaceutical sectors.",
            "fdi-sectors",
        ),
        (
            "japan-development-partner",
            "Japan has not invested in Indian infrastructure.",
            "quad-infrastructure",
        ),
        (ECONOMIC, "There is no trade deficit with Japan.", "trade-deficit-cepa-use"),
        (ECONOMIC, "The trade deficit with Japan is not a problem.", "trade-deficit-cepa-use"),
        (QUESTION, "The India-Japan Forum has not met.", "india-japan-forum-2021"),
        (
            "challenges-way-forward",
            "Joint ventures under Make in India can not remove trade bottlenecks.",
            "trade-joint-ventures",
        ),
        # an adjective that denies the subject itself keeps it negated
        (ECONOMIC, "The trade deficit with Japan is not significant.", "trade-deficit-cepa-use"),
        (ECONOMIC, "The trade deficit with Japan is not real.", "trade-deficit-cepa-use"),
        (ECONOMIC, "The trade deficit with Japan does not exist.", "trade-deficit-cepa-use"),
        # the concept's own verb negated, or a negated modal (a proposal denied)
        (ECONOMIC, "Japan has not invested in Indian automobiles or pharma.", "fdi-sectors"),
        (
            "challenges-way-forward",
            "Connectivity can not grow by joining Act East with the Partnership for Quality "
            "Infrastructure.",
            "connectivity-pqi",
        ),
        # a noun predicate that names the concept denies it
        ("indo-pacific-quad", "Japan is not a Quad member.", "quad-cooperation"),
        # a 'without' alone still negates its object; a negating verb alone its complement
        (QUESTION, "The navies hold exercises without Malabar.", "malabar"),
        (QUESTION, "Japan refused to join the International Solar Alliance.", "isa"),
        (QUESTION, "Japan stopped funding the Delhi Metro.", "metro-projects"),
        # a negated object, or a verb with the point as its object, still denies it
        ("challenges-way-forward", "India did not sign the ACSA.", "acsa"),
        ("challenges-way-forward", "Japan does not fund the bullet train.", "bullet-train"),
        # the pair's own agreement denied, and a possessor that is the point's own object
        (ECONOMIC, "India and Japan do not have a free trade agreement.", "cepa-2011"),
        ("pyq-2020-quad-trade-bloc", "India did not join the IPEF.", "quad-ipef"),
    ],
)
def test_negations_of_the_point_itself_are_still_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    result = evaluate(text, india_japan, question, nlp=nlp).concept(concept)
    assert result.status == "negated" and result.credit == 0


@pytest.mark.parametrize(
    "text",
    [
        "CEPA has not reduced the trade deficit.",
        "CEPA has not closed India's trade deficit with Japan.",
        "CEPA has not lived up to expectations.",
    ],
)
def test_what_an_agreement_has_not_done_never_denies_the_agreement(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    # trial s32: each true sentence had told the learner "the answer denies" the CEPA; a negated
    # change or comparison denies what the agreement did, not that it exists (engine 0.9.160)
    report = evaluate(text, india_japan, ECONOMIC, nlp=nlp)
    assert report.concept("cepa-2011").status != "negated"
    assert not any("denies" in line for line in report.feedback.improvements)


def test_a_negated_change_denies_its_agent_only_when_the_predicate_names_the_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the initiative is neither credited nor denied by what it is said not to do (it was read as
    # a denial of the SCRI before engine 0.9.160); the change itself stays negated
    text = "The Supply Chain Resilience Initiative does not reduce dependence on China."
    report = evaluate(text, india_japan, "economic-security-supply-chains", nlp=nlp)
    assert report.concept("scri-2021").status == "missing"
    assert {"reduce", "dependence"} <= _negated_words(nlp, text)


def test_what_the_quad_has_no_denies_the_quad_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # trial s32: an adjective of the object ('common') and a word beside the denied 'Article 5'
    # ('commitment') had denied the Quad points of the subject (rubric 1.7.77, engine 0.9.160)
    question = "pyq-2020-quad-trade-bloc"
    report = evaluate("The Quad has no common defence budget.", india_japan, question, nlp=nlp)
    assert [c.id for c in report.concepts if c.status == "negated"] == []
    text = "Unlike NATO, the Quad carries no Article 5 commitment."
    report = evaluate(text, india_japan, question, nlp=nlp)
    assert [c.id for c in report.concepts if c.status == "negated"] == []
    assert report.concept("quad-not-alliance").status == "covered"
    # what the Quad is said to lack, in the point's own words, still denies it
    report = evaluate("The Quad has no cooperation agenda.", india_japan, question, nlp=nlp)
    assert report.concept("quad-cooperation").status == "negated"


def test_a_negated_change_keeps_only_the_problem_it_acts_on_asserted(nlp: Language) -> None:
    assert _negated_words(nlp, "The trade deficit has not been reduced.") == {
        "has",
        "not",
        "been",
        "reduced",
    }
    words = _negated_words(nlp, "Japan has not removed its non-tariff barriers.")
    assert {"japan", "removed"} <= words and "barriers" not in words
    # the agent of the change, and a thing that is no problem, stay negated
    words = _negated_words(nlp, "Japan's FOIP does not reduce dependence on China.")
    assert {"foip", "reduce", "dependence"} <= words
    # a verb that is not one of change keeps its whole clause negated
    assert {"japan", "invested", "india"} <= _negated_words(nlp, "Japan has not invested in India.")


# --- a negated property, change or comparison keeps its subject (issue: negation misreadings) ---
# "A true sentence must never be called wrong": each of these asserts the point named, and each
# was reported as denying it before the rule it tests.
TRUE_WITH_NEGATION = [
    # a negated adjective says what the subject is not, so the subject is asserted
    (ECONOMIC, "The trade deficit with Japan is not sustainable.", "trade-deficit-cepa-use"),
    (ECONOMIC, "India's trade deficit with Japan is not small.", "trade-deficit-cepa-use"),
    (
        ECONOMIC,
        "Japanese investment in automobiles and pharmaceuticals is not evenly spread across "
        "states.",
        "fdi-sectors",
    ),
    (QUESTION, "Japan's role in Northeast connectivity is not insignificant.", "connectivity-pqi"),
    # a verb of change without an object keeps its subject; a comparison keeps both sides
    (ECONOMIC, "Japanese ODA disbursement for Indian metros has not slowed.", "oda-since-1958"),
    (
        ECONOMIC,
        "Japan's ODA for Indian infrastructure has not declined despite the pandemic.",
        "oda-since-1958",
    ),
    (
        ECONOMIC,
        "Investment from Japan has not matched the 3.5 trillion yen pledge.",
        "yen-investment-targets",
    ),
    (
        ECONOMIC,
        "Japanese investment in automobiles and pharmaceuticals has not grown as fast as promised.",
        "fdi-sectors",
    ),
    (
        QUESTION,
        "The bullet train project has not progressed as quickly as planned because of land "
        "acquisition.",
        "land-project-delays",
    ),
    # double negatives, exclusive claims, emphasis, time limits, focus on a modifier
    (
        QUESTION,
        "The partnership has not been without difficulties, such as the stalled US-2 aircraft "
        "deal.",
        "us2-delay",
    ),
    (
        QUESTION,
        "Without Japanese ODA, the Delhi Metro would not have been built.",
        "metro-projects",
    ),
    (
        QUESTION,
        "Not a single year has passed since 2014 without an annual summit between the two prime "
        "ministers.",
        "annual-summits",
    ),
    (
        QUESTION,
        "The bullet train cannot be completed without land acquisition in Gujarat.",
        "land-project-delays",
    ),
    (
        QUESTION,
        "Japan does not hesitate to call China's actions in the East China Sea coercive.",
        "china-assertiveness",
    ),
    (
        QUESTION,
        # ("the China factor" until rubric 1.7.45, where it no longer names this point)
        "The India-Japan partnership is not immune to shifts in the Indo-Pacific balance of power.",
        "regional-stability-balance",
    ),
    (
        QUESTION,
        "No other partner has funded as much of India's metro network as Japan.",
        "metro-projects",
    ),
    (
        QUESTION,
        "No country other than Japan has a 2+2 dialogue, ACSA and civil nuclear deal with India.",
        "acsa",
    ),
    (QUESTION, "The role of the Quad in a free and open Indo-Pacific cannot be ignored.", "foip"),
    (
        QUESTION,
        "It was not until 2014 that ties were raised to a Special and Global Strategic "
        "Partnership.",
        "partnership-upgrades",
    ),
    (
        QUESTION,
        "Ties did not take off until Shinzo Abe's 2007 Confluence of the Two Seas speech.",
        "abe-confluence-2007",
    ),
    (
        QUESTION,
        "The civil nuclear agreement of 2016 was nothing less than a breakthrough for India.",
        "civil-nuclear-2016",
    ),
    (
        QUESTION,
        "China's assertiveness in the South China Sea is not a new concern for either country.",
        "china-assertiveness",
    ),
    (QUESTION, "Japan has never been a mere aid donor to India.", "largest-bilateral-donor"),
    # a word of ease on a negated noun predicate: the projects are built, on hard ground
    (
        "act-east-foip-northeast",
        "The North East is not easy terrain for big projects.",
        "northeast-projects",
    ),
    (
        ECONOMIC,
        "India's trade deficit with Japan is not going away soon.",
        "trade-deficit-cepa-use",
    ),
    (
        QUESTION,
        "The Quad has not lost its relevance for its members India and Japan.",
        "quad-cooperation",
    ),
    (
        QUESTION,
        "There is no denying that Japan is India's largest bilateral donor.",
        "largest-bilateral-donor",
    ),
    (
        ECONOMIC,
        "India cannot afford to ignore the trade imbalance with Japan.",
        "trade-deficit-cepa-use",
    ),
    (
        ECONOMIC,
        "India cannot ignore the trade imbalance with Japan.",
        "trade-deficit-cepa-use",
    ),
    (
        QUESTION,
        "The 2+2 dialogue is not the only platform for defence talks; JIMEX also matters.",
        "agreements-platform",
    ),
    (QUESTION, "Japan has not stopped funding the Delhi Metro.", "metro-projects"),
    # a negated stop without a complement: what was to stop goes on (engine 0.9.34)
    (
        DEVELOPMENT,
        "Japan's support for the bullet train has not stopped despite delays.",
        "bullet-train",
    ),
    (DEVELOPMENT, "The bullet train project has not been abandoned.", "bullet-train"),
    # a negated attachment denies what the subject is tied to, not the subject
    (
        ECONOMIC,
        "Japan's ODA loans for Indian metros are not tied to political conditions.",
        "oda-since-1958",
    ),
    (
        ECONOMIC,
        "Japanese ODA for India's infrastructure is not linked to any political conditions.",
        "oda-since-1958",
    ),
    (
        QUESTION,
        "The third 2+2 meeting in New Delhi cannot be seen as a mere formality.",
        "third-2plus2-meeting",
    ),
    (
        QUESTION,
        "The India-Japan civil nuclear agreement was not easy to negotiate.",
        "civil-nuclear-2016",
    ),
    # engine 0.9.1: a comparison on the object, a phrase of scale, an adverb of ease, "unlike"
    (
        ECONOMIC,
        "The Delhi-Mumbai Industrial Corridor has not attracted as much investment as hoped.",
        "corridors-dfc-dmic",
    ),
    (
        QUESTION,
        "Skilled Indian workers are not yet moving to Japan in large numbers despite the "
        "shortage there.",
        "skilled-mobility",
    ),
    (
        QUESTION,
        "The civil nuclear deal did not come easily because of Japan's anti-nuclear public "
        "opinion.",
        "civil-nuclear-2016",
    ),
    (
        ECONOMIC,
        "India has no free trade agreement with China, unlike its CEPA with Japan.",
        "cepa-2011",
    ),
    # engine 0.9.22: two claims run together, the second parsed as the complement of the first's
    # negated "is" (and its subject as a second object of "part of")
    (
        "economic-security-supply-chains",
        "India is not part of RCEP and trade under CEPA is small, around 22 billion dollars.",
        "trade-volume",
    ),
    # engine 0.9.160 (probe s32): a correction by a copula and a rank, and 'not A but B' of two
    # figures however the parser hangs them
    (
        ECONOMIC,
        "Japan is not the largest source of FDI in India; it is the fifth.",
        "fdi-fifth-source",
    ),
    (ECONOMIC, "The swap is not 50 billion but 75 billion dollars.", "currency-swap"),
]


@pytest.mark.parametrize(
    ("question", "text", "concept"), TRUE_WITH_NEGATION, ids=[s[1][:40] for s in TRUE_WITH_NEGATION]
)
def test_a_true_sentence_with_a_negation_is_never_called_a_denial(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    report = evaluate(text, india_japan, question, nlp=nlp)
    denied = [(c.id, c.reason) for c in report.concepts if c.status in ("negated", "contradicted")]
    assert denied == []
    assert report.concept(concept).credit > 0
    assert not any("You deny" in line for line in report.feedback.improvements)


@pytest.mark.parametrize(
    ("text", "point", "earns"),
    [
        ("Neither the Quad nor the 2+2 is a military alliance.", "quad-not-alliance", True),
        (
            "The Quad is not a military alliance; it is a forum of four democracies.",
            "quad-not-alliance",
            True,
        ),
        ("The Quad is not a trade bloc.", "quad-not-trade-bloc", True),
        ("The Quad has no trade agreement; its members joined IPEF instead.", "quad-ipef", True),
        ("The Quad is an informal grouping, not an alliance.", "quad-informal-dialogue", True),
        # saying the Quad is what it is not earns nothing from the denial points
        ("The Quad is a military alliance.", "quad-not-alliance", False),
        ("The Quad is becoming a trade bloc.", "quad-not-trade-bloc", False),
    ],
)
def test_what_the_quad_is_not_is_a_point_not_a_denial(
    india_japan: LoadedRubric, nlp: Language, text: str, point: str, earns: bool
) -> None:
    # what the Quad is not (an alliance, a trade bloc) is the rubric's point (a denial concept),
    # and says nothing against the Quad cooperation point: the point is credited, nothing denied
    report = evaluate(text, india_japan, "pyq-2020-quad-trade-bloc", nlp=nlp)
    denied = [c.id for c in report.concepts if c.status in ("negated", "contradicted")]
    assert denied == []
    assert (report.concept(point).credit > 0) is earns
    steps = [*report.feedback.next_steps, *report.feedback.more_steps]
    assert not any("denies" in step.text for step in steps)


def test_a_noun_predicate_that_does_not_name_the_point_denies_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # 'alliance' is no cue of the Quad cooperation point: the Quad in the subject is neither
    # credited nor denied ('Japan is not a Quad member', whose predicate names it, still denies)
    text = "Neither the Quad nor the 2+2 is a military alliance."
    report = evaluate(text, india_japan, "indo-pacific-quad", nlp=nlp)
    assert report.concept("quad-cooperation").status == "missing"


def test_a_negated_property_or_change_leaves_only_the_predicate_negated(nlp: Language) -> None:
    assert _negated_words(nlp, "The trade deficit is not sustainable.") == {
        "is",
        "not",
        "sustainable",
    }
    assert _negated_words(nlp, "Japanese investment has not grown.") == {"has", "not", "grown"}
    assert _negated_words(nlp, "Investment has not kept pace with the pledges.") == {
        "has",
        "not",
        "kept",
    }
    # a noun predicate classifies the subject: all of it stays negated
    assert {"japan", "member"} <= _negated_words(nlp, "Japan is not a member of BRICS.")
    # a negated attachment: what the subject is tied to is negated, the subject is not; a bare
    # negated passive keeps its subject negated
    tied = _negated_words(nlp, "Japan's aid is not tied to political conditions.")
    assert "conditions" in tied and "aid" not in tied and "japan" not in tied
    assert "acsa" in _negated_words(nlp, "The ACSA was not signed.")
    # an existence predicate, and a negated modal, keep the subject negated
    assert "deficit" in _negated_words(nlp, "The deficit is not real.")
    assert "connectivity" in _negated_words(nlp, "Connectivity will not grow.")


@pytest.mark.parametrize(
    "text",
    [
        # a conjunct with its own tense is its own claim: 'stayed out' is not under 'did not'
        "India did not sign RCEP in 2019 and stayed out of the Osaka Track on data flows.",
        # a negated stance denies the stance, not what it is about
        "Japan does not recognise China's air defence zone over the East China Sea.",
        "Neither country accepts China's claims in the South China Sea.",
        # what a negated adjective relates the subject to exists
        "Japanese firms are not yet comfortable with India's labour laws and tax disputes.",
        # a negated replacement keeps both things
        "The Act East Forum does not replace the Northeast's own plans; it adds Japanese funds.",
        # the predicate tells one part of the point from another: the point stands
        "Japan's ODA loans are not grants: they carry low interest and long repayment periods.",
        # 'no ... skipped': two negatives assert
        "No Indian prime minister skipped the annual summit with Japan between 2006 and 2019.",
        # not wanting something denies the wish, not the thing
        "Neither country wants any single power to dominate Asia.",
        "Japan does not want China to dominate the Indo-Pacific.",
        # the words of another name are that name's (RCEP's, not CEPA's)
        "India has not joined the Regional Comprehensive Economic Partnership.",
        # a negated deed with an object denies the deed, not its doer
        "The ACSA does not make the two countries military allies.",
        "The Quad does not include China.",
        "The bullet train does not carry freight.",
        # a cause, a time or a possessor is taken as given, not denied
        "Japanese firms do not find it easy to hire in India because of rigid labour laws.",
        "The trade deficit with Japan has not narrowed since CEPA.",
        "India did not join the IPEF's trade pillar.",
        # another pair's agreement, or a name that is not ours, says nothing of the CEPA
        "India does not have a free trade agreement with the United States.",
        "The IPEF is not a free trade agreement because it offers no tariff cuts.",
        # a thing unused exists; a denial without the point's own subject denies nothing
        "The currency swap line has not been used.",
        "India has not drawn on the currency swap arrangement.",
        # a thing not yet revised exists (engine 0.9.158)
        "CEPA has not been reviewed since it came into force in 2011.",
        "India and Japan have not upgraded the CEPA since 2011.",
        "No single power dominates the Indian Ocean.",
    ],
)
def test_true_sentences_about_what_is_not_so_deny_no_point(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    for question in (q.id for q in india_japan.rubric.questions):
        report = evaluate(text, india_japan, question, nlp=nlp)
        denied = [c.id for c in report.concepts if c.status in ("negated", "contradicted")]
        assert denied == [], question
        assert not any("You deny" in line for line in report.feedback.improvements)


def test_a_negated_deed_denies_its_doer_only_when_it_names_the_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # what the doer does not do says nothing of the doer: neither credit nor denial
    report = evaluate(
        "The Act East Forum does not link the two visions.", india_japan, QUESTION, nlp=nlp
    )
    assert report.concept("act-east-forum").status == "missing"
    # a predicate that names the point (its own cue) still denies it
    report = evaluate("The ACSA does not give access to Djibouti.", india_japan, QUESTION, nlp=nlp)
    assert report.concept("acsa").status == "negated"


def test_a_conjunct_in_its_own_tense_is_asserted_and_a_bare_one_is_negated(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # the conjunct without its own tense stays under the negation, and the RCEP point is credited
    # when the sentence says India stayed out
    report = evaluate(
        "India did not sign RCEP in 2019 and stayed out of the Osaka Track on data flows.",
        india_japan,
        "challenges-way-forward",
        nlp=nlp,
    )
    assert report.concept("rcep-osaka-divergence").status == "covered"
    scopes = negation_scopes(nlp("India did not sign RCEP and join the Osaka Track."))
    assert 6 in scopes  # "join" (base form) shares the negation


def test_what_a_negated_deed_or_change_is_about_stays_asserted(nlp: Language) -> None:
    # a learner trial: "Talks on the US-2 aircraft have not produced a deal" (true) was told it
    # denies making the aircraft in India, and "rejected any unilateral change of the status quo"
    # that it denies upholding the status quo
    talks = _negated_words(nlp, "Talks on the US-2 amphibious aircraft have not produced a deal.")
    # (a verb of result takes its subject as given since engine 0.9.67: the talks took place)
    assert "aircraft" not in talks and "deal" in talks and "talks" not in talks
    upheld = _negated_words(nlp, "Both rejected any unilateral change of the status quo by force.")
    assert not {"status", "quo"} & upheld and "change" in upheld
    # a directed change keeps only a problem; rejecting the thing itself still denies it
    assert "dependence" in _negated_words(nlp, "There was no reduction in dependence on China.")
    assert "quo" in _negated_words(nlp, "Japan rejected the status quo.")
    assert "pact" in _negated_words(nlp, "The pact has not changed the balance.")


def test_a_negated_result_takes_its_subject_as_given(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """A learner trial: "The civil nuclear agreement (2016) has not led to any reactor deals" is
    true, and was told it denies the agreement. A verb of result denies the result only."""
    led = _negated_words(
        nlp, "The civil nuclear agreement (2016) has not led to any Japanese reactor deals."
    )
    assert not {"civil", "nuclear", "agreement"} & led and {"led", "deals"} <= led
    report = evaluate(
        "The civil nuclear agreement (2016) has not led to any Japanese reactor deals. "
        "The CEPA of 2011 has not boosted trade much.",
        india_japan,
        "challenges-way-forward",
        nlp=nlp,
    )
    assert report.concept("civil-nuclear-2016").status == "covered"
    assert report.concept("cepa-2011").status == "covered"
    # a passive subject, or a forecast under a modal, is still what the negation denies
    assert "deal" in _negated_words(nlp, "The deal has not been signed.")
    assert "corridor" in _negated_words(nlp, "The corridor will not yield returns.")


def test_a_negated_part_takes_its_whole_as_given(nlp: Language) -> None:
    """'the trade pillar of IPEF' presupposes IPEF, as 'the IPEF's trade pillar' does; other
    'of' phrases, and a predicate noun's, stay in the denial."""
    for text in (
        "India has not joined the trade pillar of the IPEF.",
        "India is not part of the trade pillar of IPEF.",
    ):
        assert "ipef" not in _negated_words(nlp, text), text
    assert "train" in _negated_words(
        nlp, "Japan does not fund the construction of the bullet train."
    )
    assert "quad" in _negated_words(nlp, "Japan is not a member of the Quad.")


def test_two_true_denials_do_not_add_up_to_denying_a_third_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """ "The US-2 deal never materialised. No major platform has been co-produced." denies neither
    the pledge to build 30% of the aircraft in India: one claim must deny a point."""
    report = evaluate(
        "Despite the 2015 agreement on defence equipment transfer, the US-2 amphibious aircraft "
        "deal never materialised. No major platform has been co-produced.",
        india_japan,
        "challenges-way-forward",
        nlp=nlp,
    )
    assert report.concept("aircraft-30-percent").status != "negated"
    assert not [line for line in report.feedback.improvements if line.startswith("You deny")]


def test_a_negation_written_without_its_apostrophe_negates(nlp: Language) -> None:
    # students write "isnt", "dont", "doesnt": the tokenizer splits off "nt", which had been
    # read as no negation at all ("the bulb isnt in a closed path" asserted the closed path)
    for text in (
        "The bulb isnt in a closed path.",
        "The bulb doesnt have a closed path to the battery.",
        "The battery dont make a closed path with the bulb.",
    ):
        assert {"closed", "path"} <= _negated_words(nlp, text), text
    assert "path" not in _negated_words(nlp, "The NT government built a path.")


def test_a_subject_split_from_its_verb_by_a_comma_is_no_given_subject(nlp: Language) -> None:
    """ "Review CEPA, do not create a single window": the parser makes CEPA the subject of the
    negated 'create'; a comma between them marks two clauses run together, not a subject a
    verb of result takes as given."""
    words = _negated_words(nlp, "Review CEPA, do not create a single window for investors.")
    assert "cepa" in words
    assert "agreement" not in _negated_words(
        nlp, "The civil nuclear agreement (2016) has not led to reactor deals."
    )


def test_a_clause_before_a_comma_and_a_second_verb_keep_their_own_claims(nlp: Language) -> None:
    """A tutor trial: "Its main tool is the Model Code of Conduct, but the code is not backed by
    any law, so the Commission cannot punish leaders" was read as denying the Model Code (the
    parser hangs the first clause on 'punish'), and "has no permanent staff of its own and
    depends on state government employees" as denying the dependence."""
    words = _negated_words(
        nlp,
        "Its main tool is the Model Code of Conduct, but the code is not backed by any law, so "
        "the Commission cannot punish leaders.",
    )
    assert not {"tool", "model", "conduct"} & words and {"backed", "punish"} <= words
    words = _negated_words(
        nlp, "The Commission has no permanent staff of its own and depends on state employees."
    )
    assert "staff" in words and not {"depends", "state", "employees"} & words
    # a negated subject still reaches the verbs it shares
    assert {"signed", "ratified"} <= _negated_words(nlp, "No agreement was signed and ratified.")
