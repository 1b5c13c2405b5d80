"""Session 38: true sentences that sessions 37's two adversarial probes (s37a, s37b) still found
called wrong, each beside the false sentence the same rule must still catch. The sentences here
are our own wording of the probes' patterns."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

TRUE = [
    # a 'not' after a dash or comma denies what follows it, not the verb's own phrase
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was first set up in 2007 – not, as many believe, in 2004.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad first met in 2007, not in 2004 as some write."),
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
