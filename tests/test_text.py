"""Words that agree with their numbers (session 32: "1 statement(s) of fact", "3 attempt(s)")."""

from __future__ import annotations

from evaluator.settings import advisory_settings
from evaluator.text import fill, noun, plural


def test_a_count_names_one_thing_or_many() -> None:
    assert plural(1, "attempt") == "1 attempt"
    assert plural(3, "attempt") == "3 attempts"
    assert plural(0, "bad row") == "0 bad rows"
    assert plural(2, "repository", "repositories") == "2 repositories"
    assert noun(1, "fires", "fire") == "fires" and noun(5, "fires", "fire") == "fire"


def test_a_template_picks_its_words_by_the_number() -> None:
    template = "{n} {n:part|parts} of it {n:was|were} left out ({share:.0%})"
    assert fill(template, n=1, share=0.5) == "1 part of it was left out (50%)"
    assert fill(template, n=2, share=0.5) == "2 parts of it were left out (50%)"


def test_no_advisory_message_says_s_in_brackets() -> None:
    settings = advisory_settings()
    for code in type(settings).model_fields:
        message = getattr(getattr(settings, code), "message", None)
        if isinstance(message, str):
            assert "(s)" not in message, code
    unreadable = settings.message_template("unreadable")
    assert fill(unreadable, places=1).startswith(
        "1 part of the answer could not be read and was left out of the marking"
    )
    assert fill(unreadable, places=3).startswith("3 parts of the answer could not be read and were")
