"""Password policy for new passwords (registration, `mains-eval user add/passwd`): a length
range, not the username, not a common password. The common-password list is the 30,000-entry
list zxcvbn ships, and zxcvbn's estimate rejects what is guessable in under a thousand tries
(keyboard runs, repeats, the username with a digit)."""

from __future__ import annotations

from functools import cache

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200
# zxcvbn's matching grows faster than linearly with length; the prefix decides guessability
_ESTIMATE_PREFIX = 64


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, username: str = "") -> str | None:
    """Why this password may not be used, as one sentence for the form, or None if it may."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"At least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"At most {MAX_PASSWORD_LENGTH} characters."
    if username and password.casefold() == username.casefold():
        return "The password must not be the username."
    if password.lower() in _common_passwords():
        return "That is one of the most common passwords; choose another."
    from zxcvbn import zxcvbn

    inputs = [username] if username else []
    if zxcvbn(password[:_ESTIMATE_PREFIX], user_inputs=inputs)["score"] == 0:
        return "That password is too easy to guess; use a few unrelated words."
    return None
