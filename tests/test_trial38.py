"""Session 38: true sentences that sessions 37's two adversarial probes (s37a, s37b) still found
called wrong, each beside the false sentence the same rule must still catch. The sentences here
are our own wording of the probes' patterns."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

TRUE = [
    # a 'not' after a dash or comma denies what follows it, not the verb's own phrase
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was first set up in 2007 – not, as many believe, in 2004.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad first met in 2007, not in 2004 as some write."),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was first established in 2007 – not, as is sometimes said, in 2004.",
    ),
    # what a concession grants stands outside the clause's negation
    (
        "economic-security-supply-chains",
        "The United States, although a Quad member, is not part of the SCRI.",
    ),
    (
        "economic-security-supply-chains",
        "The US, though a member of the Quad, is not a member of the SCRI.",
    ),
    # a participle between commas on the subject is its own claim
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad, first convened in 2007, is unlikely to ever become a trade bloc, and it "
        "will never become one while IPEF (2022) covers trade.",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "Perhaps the Quad, revived in 2017, will never turn into a trade bloc.",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "Perhaps the Quad, set up in 2007, will never become a trade bloc, since IPEF (2022) "
        "already serves that purpose.",
    ),
    # a second object after 'and' with a determiner of its own is out of the 'no''s reach
    (
        "challenges-way-forward",
        "India has no place in RCEP, and a wide trade deficit with Japan.",
    ),
    ("challenges-way-forward", "India holds no seat in RCEP and a lasting deficit with Japan."),
    # the years that bound a gap are not in it
    (
        "pyq-2019-contemporary",
        "No annual summit took place between 2018 and 2022, first because of protests and then "
        "Covid.",
    ),
    # things kept apart by "is not to be confused with"
    (
        "act-east-foip-northeast",
        "The Act East Forum is not to be confused with the Act East Policy.",
    ),
    # a time limit on the verb's partner: the event happened, with India
    (
        "pyq-2019-contemporary",
        "Japan had not signed a nuclear deal with any state outside the NPT before India.",
    ),
    # a clause after ', and' that the parser read as a noun
    (
        "challenges-way-forward",
        "Japan has sanctioned Russia; India does not, and its part in Vostok near the Kurils "
        "annoyed Tokyo.",
    ),
    (
        "challenges-way-forward",
        "Russia: Japan, a US treaty ally, sanctions Russia; India does not, and its part in "
        "Vostok near the South Kuril Islands irritated Tokyo.",
    ),
    (
        "pyq-2019-contemporary",
        "India has no border dispute with Japan, and the two share a free and open "
        "Indo-Pacific vision.",
    ),
    # losing a thing to another keeps the thing
    ("challenges-way-forward", "Japan lost the southern Kurils to the Soviet Union in 1945."),
    # an event hosted elsewhere: the event is not denied
    ("2plus2-significance", "Japan did not host the third 2+2 in Tokyo; New Delhi did."),
    ("2plus2-significance", "Japan did not host the third 2+2 meeting."),
    # an ordinal of a summit dated to another year speaks of that summit
    (
        "pyq-2019-contemporary",
        "The 2006 annual summit in Tokyo, the first of the series, lifted ties to a Strategic "
        "and Global Partnership.",
    ),
]


@pytest.mark.parametrize(("question", "text"), TRUE)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


WRONG = [
    # the same shapes stating what is false
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was first set up in 2004 – not, as many believe, in 2007.",
        "quad-first-year",
    ),
    (
        "economic-security-supply-chains",
        "Australia, although a Quad member, is not part of the SCRI.",
        "scri-2021",
    ),
    ("pyq-2019-contemporary", "No annual summit was held in 2022.", "summit-14th-2022"),
    ("pyq-2019-contemporary", "Japan did not sign a civil nuclear deal with India.", None),
    ("pyq-2019-contemporary", "The 2022 annual summit was only the 12th.", "annual-summit-number"),
    ("2plus2-significance", "The third 2+2 meeting was never held.", "third-2plus2-meeting"),
    ("challenges-way-forward", "Japan lost interest in the Kuril Islands long ago.", None),
    (
        "challenges-way-forward",
        "India has no logistics pact with Japan, a nuclear deal, or a currency swap.",
        None,
    ),
]


@pytest.mark.parametrize(("question", "text", "fact"), WRONG)
def test_the_same_shapes_still_catch_a_false_sentence(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str | None
) -> None:
    wrong = called_wrong(_report(india_japan, nlp, question, text))
    assert wrong
    if fact is not None:
        assert fact in wrong


def test_a_list_under_one_no_is_denied_whole(india_japan: LoadedRubric, nlp: Language) -> None:
    """'no X, a Y, or a Z' denies all three; 'no X and a Y' only the first."""
    listed = _report(
        india_japan,
        nlp,
        "challenges-way-forward",
        "India has no logistics pact with Japan, a nuclear deal, or a currency swap.",
    )
    assert {"acsa", "civil-nuclear-2016", "currency-swap"} <= set(called_wrong(listed))
    paired = _report(
        india_japan,
        nlp,
        "challenges-way-forward",
        "India has no seat in RCEP and a large trade deficit with Japan.",
    )
    credited = {c.id for c in paired.concepts if c.credit > 0}
    assert {"rcep-osaka-divergence", "trade-deficit-cepa-use"} <= credited


FACT_LIST = """Defence ties, India and Japan:
- JIMEX naval exercise since 2012.
- Malabar with the US and Australia.
- Dharma Guardian army exercise, first in 2018.
- Veer Guardian air exercise, 2023, at Hyakuri.
- SHINYUU Maitri air force drill.
- ACSA logistics pact, September 2020.
- 2+2 ministerial meetings: 2019, 2022, 2024.
- UNICORN mast technology transfer.
- Joint Working Group on defence equipment and technology.
- 2008 Joint Declaration on Security Cooperation.
"""

EXPLAINED = """India and Japan have turned a distant friendship into a working defence partnership.

1. JIMEX (since 2012) and Malabar let the two navies practise together at sea.
2. Dharma Guardian (2018) and Veer Guardian (2023) brought the armies and air forces in as well.
3. The ACSA of 2020 lets each force draw fuel and spares from the other.
4. The 2+2 meetings of 2019, 2022 and 2024 put diplomacy and defence on one table.
5. The UNICORN mast transfer shows Japan now shares defence technology.
6. A working group on equipment looks for what the two can build together.
7. Both plan to revise the 2008 Joint Declaration on Security Cooperation.
8. Yet defence trade remains small, because Japan exports arms with caution.

On balance, the partnership has moved from symbolism to joint practice, but joint production is
still the test ahead.
"""


def test_a_flat_list_of_facts_is_capped_as_notes(india_japan: LoadedRubric, nlp: Language) -> None:
    """Session 38's mentor marked five fact dumps at 30-40%; the tool gave them 55-60%, at or
    above the toppers. A flat list with no introduction, no conclusion and no claims is capped."""
    listed = evaluate(FACT_LIST, india_japan, "defence-cooperation", nlp=nlp)
    advisory = next(a for a in listed.advisories if a.code == "fact_list")
    assert advisory.cap == 0.4 and "list of facts" in advisory.message
    assert listed.marks <= 4.0
    steps = [s.text for s in listed.feedback.next_steps]
    assert any("Turn the list of facts into an answer" in s for s in steps)


def test_points_that_each_say_what_a_fact_does_are_an_answer(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    explained = evaluate(EXPLAINED, india_japan, "defence-cooperation", nlp=nlp)
    listed = evaluate(FACT_LIST, india_japan, "defence-cooperation", nlp=nlp)
    assert "fact_list" not in explained.advisory_codes()
    assert explained.marks > listed.marks


ASSESSED = """Economic security now sits beside defence in India–Japan ties.

India offers scale and a market; Japan offers capital and precise manufacturing. The two signed
a memorandum on semiconductor supply chains in 2023, and Japanese firms are weighing plants in
India as they move away from China.

Limits remain: the trade agreement is little used, and Japanese investors still find land and
tax rules hard.

{label}
The pillar is real but young: it will hold only if India eases the way for Japanese factories.
"""


@pytest.mark.parametrize("label", ["Assessment", "Judgement:", "**Evaluation**", "14. Judgement"])
def test_a_labelled_last_paragraph_is_a_conclusion(
    india_japan: LoadedRubric, nlp: Language, label: str
) -> None:
    """Session 38's mentor trial: closing paragraphs headed "Assessment" or "Judgement:" read as
    no conclusion, and the learner was told to add one."""
    report = evaluate(
        ASSESSED.format(label=label), india_japan, "economic-security-supply-chains", nlp=nlp
    )
    assert report.structure.has_conclusion
    steps = [s.text for s in report.feedback.next_steps + report.feedback.more_steps]
    assert not any("End with a separate conclusion" in s for s in steps)


def test_a_label_inside_a_line_or_of_something_closes_nothing(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = ASSESSED.format(label="Assessment of the risks").replace(
        "The pillar is real but young: it will hold only if India eases the way for Japanese "
        "factories.",
        "Japanese firms list land, tax and labour rules as risks; a threat assessment by Tokyo "
        "names supply shocks too.",
    )
    report = evaluate(text, india_japan, "economic-security-supply-chains", nlp=nlp)
    assert not report.structure.has_conclusion


CUES = [
    # (question, text, concept that must not be credited in full: at most half, from two of
    # its three cue groups, where the third names the point)
    (
        "economic-security-supply-chains",
        "Economic security has become a powerful new pillar, and India is a trusted partner "
        "away from China.",
        "china-assertiveness",
    ),
    (
        "challenges-way-forward",
        "The logistics agreement of 2020 shows trust, and Japan is a major investor in India.",
        "infrastructure-deficit",
    ),
    (
        "act-east-foip-northeast",
        "Act East and the Free and Open Indo-Pacific both promote connectivity with ASEAN.",
        "bay-of-bengal-link",
    ),
    (
        "economic-security-supply-chains",
        "The two have agreed on cooperation in semiconductors.",
        "quad-critical-technologies",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "From military beginnings, the Quad now has a technology working group.",
        "defence-equipment-technology",
    ),
    (
        "economic-security-supply-chains",
        "Economic security rests on a shared vision of peace and prosperity.",
        "economic-security-initiative-2025",
    ),
]


@pytest.mark.parametrize(("question", "text", "concept"), CUES)
def test_a_point_is_not_credited_from_unrelated_words(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    """Session 38's mentor trial: praise words, a logistics pact, connectivity with ASEAN and the
    question's own words had earned points the answer never makes (rubric 1.7.99)."""
    report = _report(india_japan, nlp, question, text)
    found = {c.id: c.credit for c in report.concepts}
    assert found.get(concept, 0.0) <= (0.5 if concept == "defence-equipment-technology" else 0.0)


CUES_KEPT = [
    (
        "challenges-way-forward",
        "Weak logistics and poor ports in India deter Japanese investors.",
        "infrastructure-deficit",
    ),
    (
        "act-east-foip-northeast",
        "Japanese projects link the North East to Bangladesh and Myanmar through ports.",
        "bay-of-bengal-link",
    ),
    (
        "economic-security-supply-chains",
        "The Quad's working group on critical technologies covers semiconductor supply chains.",
        "quad-critical-technologies",
    ),
    (
        "defence-cooperation",
        "A joint working group steers the co-development of defence equipment.",
        "defence-equipment-technology",
    ),
    (
        "2plus2-significance",
        "Japan is India's second ministerial 2+2 partner after the US.",
        "japan-second-2plus2-partner",
    ),
    (
        "economic-security-supply-chains",
        "The 2025 summit launched an Economic Security Initiative.",
        "economic-security-initiative-2025",
    ),
]


@pytest.mark.parametrize(("question", "text", "concept"), CUES_KEPT)
def test_the_point_made_in_its_own_words_still_counts(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert next(c for c in report.concepts if c.id == concept).credit == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The Quad has truly become a trade bloc.",
        "The Quad is now a trade bloc.",
        "The Quad has signed a free trade agreement.",
    ],
)
def test_calling_the_quad_a_trade_bloc_is_a_wrong_judgement(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert "quad-no-trade-bloc" in called_wrong(
        _report(india_japan, nlp, "pyq-2020-quad-trade-bloc", text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Quad is not a trade bloc: it has no trade agreement.",
        "Is the Quad a trade bloc? Not yet.",
        "Some argue that the Quad is a trade bloc, but it gives no tariff preferences.",
        "The Quad is becoming a trade bloc, critics say, but it has signed nothing.",
        "The Quad is unlikely to ever become a trade bloc.",
        "The Quad is a flexible coalition, not a trade bloc.",
    ],
)
def test_the_trade_bloc_question_can_be_discussed(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, "pyq-2020-quad-trade-bloc", text))


LEARNED_RUBRIC = """
id: water
title: River water disputes
version: "1"
source_notes: notes.md
dimensions:
  - id: courts
    label: Courts
    concepts:
      - id: article-131
        label: Article 131 gives the Supreme Court original jurisdiction
        cues:
          - [Supreme Court]
          - [Article 131, original jurisdiction]
        note: The Supreme Court hears disputes between states under Article 131.
  - id: learned-q1
    label: Learned from the tutor's marks
    concepts:
      - id: learned-decree
        label: decree
        cues:
          - [decree]
        note: "Learned from 8 graded answers (8 high, 0 low of the 8 using it): answers that write
          'decree' were marked higher."
questions:
  - id: q1
    text: Examine how river water disputes between states are resolved.
    directive: examine
    kind: short
    max_marks: 4
    word_limit: 60
    dimensions:
      - {id: courts, weight: 1}
      - {id: learned-q1, weight: 1}
"""


@pytest.mark.parametrize(
    "text",
    [
        "A tribunal award has the force of a Supreme Court decree.",
        "A decree of the Supreme Court binds the states.",
    ],
)
def test_a_learned_phrase_is_read_where_tuning_counted_it(
    tmp_path, nlp: Language, text: str
) -> None:
    """Session 38's tutor trial: the learned 'decree', counted in eight graded answers, was
    credited in one: "a Supreme Court decree" read as the Supreme Court's own noun."""
    from evaluator.rubric.loader import load_rubric

    (tmp_path / "rubric.yaml").write_text(LEARNED_RUBRIC, encoding="utf-8")
    (tmp_path / "notes.md").write_text(
        "Tribunal awards bind the states as a decree of the Supreme Court does.\n",
        encoding="utf-8",
    )
    loaded = load_rubric(tmp_path / "rubric.yaml")
    report = evaluate(text, loaded, "q1", nlp=nlp)
    assert next(c for c in report.concepts if c.id == "learned-decree").credit == 1.0


TABLE = """Challenges and way forward

Area        | Challenge                                  | Way forward
------------|--------------------------------------------|------------------------------
Trade       | a wide deficit and a little-used CEPA        | review CEPA, ease standards
Investment  | land and tax hurdles for Japanese firms     | single window, townships
Strategy    | India's ties with Russia and Vostok         | keep talking through the 2+2

On balance, the partnership is sound, but its economics lag its strategy.
"""


def test_a_plain_text_table_rule_is_not_unreadable(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 38's mentor trial: a table's "----|----" rule was reported unreadable ("write
    ordinary sentences there"); a run of other marks still is."""
    report = evaluate(TABLE, india_japan, "challenges-way-forward", nlp=nlp)
    assert "unreadable" not in report.advisory_codes()
    noisy = evaluate(
        TABLE.replace("On balance", "!?!?!?!?!?!?!?!?!?!?!?!? On balance"),
        india_japan,
        "challenges-way-forward",
        nlp=nlp,
    )
    assert "unreadable" in noisy.advisory_codes()


def test_a_light_verb_alone_is_no_learned_phrase(nlp: Language) -> None:
    """Session 38's tutor trial: tuning learned 'provide' (14 of 48 answers) as a point, and a
    learner's result page read "Covered: provide". Inside a longer phrase it stays."""
    from evaluator.tools.tune.phrases import answer_ngrams

    doc = nlp("Article 262 lets Parliament provide for adjudication of water disputes.")
    essay = answer_ngrams(doc)
    assert "provide" not in essay
    assert "provide for adjudication" in essay
    assert "adjudication" in essay
    short = answer_ngrams(doc, content_ends=False)
    assert "provide" in short  # a short answer may turn on any word


def test_the_same_point_under_two_dimensions_is_one_step(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 38's mentor trial: "Add Growing Chinese power and assertiveness" (challenges) and
    "Add Balancing China's assertiveness" (Indo-Pacific) were two steps; each one's note makes
    the other's point, so one sentence adds both."""
    from evaluator.scoring.engine import concept_twins

    assert "china-factor" in concept_twins(india_japan, nlp)["china-assertiveness"]
    text = (
        "Economic security is now a pillar of India–Japan ties, built on the lessons of the "
        "pandemic's broken supply chains.\n\n"
        "The two signed a memorandum on semiconductor supply chains in 2023, pairing Japanese "
        "materials and equipment makers with India's chip mission. With Australia they launched "
        "the Supply Chain Resilience Initiative in 2021 to spread sources of key inputs. Japan "
        "pays its firms to move plants out of single-country dependence, and India offers "
        "production-linked incentives for electronics and batteries. Critical minerals and rare "
        "earths are a new field, with a joint venture to process them in India. Japanese "
        "investment targets of five trillion yen give the effort money.\n\n"
        "Yet trade is small and the CEPA is little used, Indian exporters meet strict standards, "
        "and Japanese firms still find land, tax rules and logistics hard in India.\n\n"
        "On balance, the pillar is real but young: it will hold only if factories follow the "
        "memoranda."
    )
    report = evaluate(text, india_japan, "economic-security-supply-chains", nlp=nlp)
    steps = report.feedback.next_steps + report.feedback.more_steps
    targets = [s.target for s in steps]
    assert sum(t in ("china-assertiveness", "china-factor") for t in targets) == 1
    assert {"china-assertiveness", "china-factor"} <= {
        c.id for c in report.concepts if c.status == "missing"
    }


REASONED_TABLE = """AREA      | WHY NOW                   | PROOF
----------|---------------------------|------------------------------------
Security  | China's assertiveness     | Quad, Malabar, JIMEX, 2+2, ACSA
Nuclear   | Trust beyond the NPT      | civil nuclear deal, 2016
World     | Reform and public goods   | G4, G20, ISA, CDRI, UNSC reform
Economy   | Supply chains off China   | SCRI, CEPA, semiconductors, ODA
Asia      | Other connectivity        | Act East Forum, AAGC, FOIP
Limits    | Thin trade, Russia, RCEP  | trade deficit, US-2 stalled

Verdict: the case holds, but Asia will feel it only when trade catches up with strategy.
"""


def test_a_table_with_a_column_of_reasons_is_no_keyword_list(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    """Session 38's fifth (held-out) mentor gave a table headed "DIMENSION | WHY THE TIME HAS
    COME | EVIDENCE" 5 of 10; it had been capped at 15% as a list of keywords. Its rows still
    count as the reasons it lays out. The same cells without the table stay a keyword list."""
    table = evaluate(REASONED_TABLE, india_japan, "pyq-2019-contemporary", nlp=nlp)
    assert "keyword_stuffing" not in table.advisory_codes()
    assert table.marks >= 4.0
    cells = [
        cell.strip()
        for line in REASONED_TABLE.splitlines()[2:7]
        for cell in line.split("|")[2].split(",")
    ]
    listed = evaluate(", ".join(cells) + ".", india_japan, "pyq-2019-contemporary", nlp=nlp)
    assert "keyword_stuffing" in listed.advisory_codes()
