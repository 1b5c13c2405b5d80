"""Session 34: true sentences probes s33 and s34 found called wrong, as sentences a learner
would write. The sentences are our own."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

TRUE_SENTENCES = [
    # a role the subject is denied takes its field as given (negation.yaml role_nouns)
    ("economic-security-supply-chains", "India is not yet a major semiconductor manufacturer."),
    ("economic-security-supply-chains", "India is not a big producer of critical minerals."),
    ("economic-security-supply-chains", "Japan is not a big exporter of rare earths."),
    (
        "pyq-2013-economic",
        "Unlike China and ASEAN, India has not yet become a preferred base for risk-averse "
        "Japanese firms.",
    ),
    # a dependence denied takes its subject as given (dependence_verbs)
    ("japan-development-partner", "The bullet train does not depend on Chinese loans."),
    ("japan-development-partner", "The bullet train project does not rely on Chinese money."),
    ("japan-development-partner", "The bullet train does not run on Chinese technology."),
    # how something went (manner_adverbs)
    ("challenges-way-forward", "India's Vostok participation did not go down well in Tokyo."),
    # a first place denied, then a rank given
    (
        "japan-development-partner",
        "Japan is not the top source of FDI for India, though it is among the top five.",
    ),
    ("japan-development-partner", "Japan is not India's largest investor, but it ranks fifth."),
    # probe s34: a negated verb of dropping, sparing or doubting asserts (cancelling_verbs)
    ("2plus2-significance", "Both sides have not given up on UN Security Council reform."),
    (
        "2plus2-significance",
        "The cyber dialogue and the Defence Policy Dialogue were not scrapped.",
    ),
    ("indo-pacific-quad", "India and Japan do not undermine ASEAN centrality; they back it."),
    ("indo-pacific-quad", "Nobody at the meeting disputed the ASEAN Outlook on the Indo-Pacific."),
    ("japan-development-partner", "The bullet train has not been spared land acquisition delays."),
    (
        "economic-security-supply-chains",
        "The digital and AI partnership was not left out of the August 2025 summit.",
    ),
    ("japan-development-partner", "Japanese support for metro projects has not dwindled."),
    ("defence-cooperation", "Work on the UNICORN mast has not stalled."),
    # at stake, not denied; under way, not finished
    ("challenges-way-forward", "Freedom of navigation cannot be taken for granted in the region."),
    ("japan-development-partner", "The MAHSR is yet to be completed."),
    ("japan-development-partner", "The bullet train is nowhere near completion."),
    # 'no longer' over a second negative; 'no longer seen as A but as B'
    ("2plus2-significance", "Space cooperation will no longer lack a dedicated dialogue."),
    (
        "2plus2-significance",
        "Economic security will no longer be discussed without a dedicated dialogue.",
    ),
    (
        "act-east-foip-northeast",
        "The Northeast is no longer seen as a periphery but as India's gateway to Southeast Asia.",
    ),
    # a 'without' that opens a forecast states a condition
    ("pyq-2013-economic", "Without a review of CEPA, the trade gap is unlikely to close."),
    ("pyq-2013-economic", "Without an upgraded CEPA, trade will stay below potential."),
    # 'not' hung on a full date denies the phrase after it
    ("pyq-2019-contemporary", "The peace treaty was signed on April 28, 1952, not in 1951."),
    # what a thing is no longer, it was
    (
        "defence-cooperation",
        "The 2008 declaration is no longer the basis of security ties: a new Joint Declaration "
        "replaced it in August 2025.",
    ),
    # a denied defence commitment is the not-an-alliance point (rubric 1.7.85)
    ("pyq-2020-quad-trade-bloc", "Unlike NATO, the Quad has no binding defence commitment."),
    # a refuted "only … in YEAR" refutes the date
    (
        "defence-cooperation",
        "It is a myth that Japan only joined Malabar in 2020; it has been a regular participant "
        "since 2015.",
    ),
]


@pytest.mark.parametrize(
    ("question", "text"), TRUE_SENTENCES, ids=[t[:40] for _, t in TRUE_SENTENCES]
)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


def test_the_field_a_true_denial_names_still_earns_its_mention(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan,
        nlp,
        "economic-security-supply-chains",
        "India is not a big producer of critical minerals.",
    )
    minerals = next(c for c in report.concepts if c.id == "critical-minerals")
    assert minerals.status != "negated" and minerals.credit > 0


@pytest.mark.parametrize(
    ("question", "concept", "text"),
    [
        ("japan-development-partner", "bullet-train", "The bullet train does not run."),
        ("japan-development-partner", "bullet-train", "The bullet train is not funded by Japan."),
        ("japan-development-partner", "bullet-train", "Japan does not fund the bullet train."),
        (
            "challenges-way-forward",
            "vostok-kuril",
            "India did not take part in the Vostok exercise.",
        ),
        (
            "economic-security-supply-chains",
            "semiconductors",
            "India and Japan have no semiconductor partnership.",
        ),
        (
            "japan-development-partner",
            "fdi-fifth-source",
            "Japan is not a source of FDI for India.",
        ),
        ("japan-development-partner", "bullet-train", "The bullet train is yet to be approved."),
        (
            "2plus2-significance",
            "economic-security",
            "India and Japan no longer discuss economic security.",
        ),
        ("pyq-2013-economic", "cepa-2011", "Without a CEPA, India and Japan trade on WTO terms."),
        ("defence-cooperation", "malabar", "It is a myth that Japan joined Malabar."),
        ("indo-pacific-quad", "quad-cooperation", "Japan is no longer a member of the Quad."),
        (
            "defence-cooperation",
            "security-declaration-2008",
            "The 2008 security declaration no longer exists.",
        ),
        # a point whose claim is the stalling is denied by "has not stalled"
        (
            "challenges-way-forward",
            "us2-delay",
            "The US-2 amphibious aircraft deal has not stalled.",
        ),
        (
            "challenges-way-forward",
            "freedom-of-navigation",
            "Freedom of navigation is not a concern for India and Japan.",
        ),
        (
            "japan-development-partner",
            "bullet-train",
            "Japan has stopped funding the bullet train.",
        ),
    ],
)
def test_the_same_points_denied_outright_are_still_denials(
    india_japan: LoadedRubric, nlp: Language, question: str, concept: str, text: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert next(c for c in report.concepts if c.id == concept).status == "negated"


JAPANESE = (
    "日本とインドの関係は近年大きく発展している、両国は二プラス二対話を通じて安全保障協力を強化し、"
    "インド太平洋の平和と安定に貢献している、経済面では新幹線計画や投資が進んでいる、"
) * 2


def test_an_answer_in_japanese_is_told_once_to_write_in_english(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # Japanese is written without spaces: a stretch of it is no unreadable part, and the
    # not_english advisory already says what to do
    report = evaluate(JAPANESE, india_japan, "2plus2-significance", nlp=nlp)
    assert report.advisory_codes() == ["not_english", "too_short"]


def test_a_garbled_stretch_in_an_english_answer_is_still_unreadable(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    text = "India and Japan meet in the 2+2 dialogue of foreign and defence ministers. " + "ü" * 150
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    assert "unreadable" in report.advisory_codes()


def test_a_year_written_after_a_full_date_is_still_checked(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan,
        nlp,
        "pyq-2019-contemporary",
        "The peace treaty was signed on April 28, 1951, not in 1952.",
    )
    assert next(f for f in report.facts if f.id == "peace-treaty-year").status == "contradicted"
