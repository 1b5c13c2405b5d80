"""Flask-WTF forms: every form carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from evaluator.errors import InputError
from evaluator.scoring import validate_answer_text
from webapp.passwords import MAX_PASSWORD_LENGTH, password_problem

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,40}$"


class RegisterForm(FlaskForm):
    """New learner account."""

    username = StringField(
        "Username",
        validators=[
            DataRequired(),
            Regexp(USERNAME_PATTERN, message="3-40 letters, digits, '.', '_' or '-'."),
        ],
    )
    password = PasswordField("Password", validators=[DataRequired()])
    confirm = PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", "Passwords differ.")]
    )

    def validate_password(self, field: PasswordField) -> None:
        """Length, not the username, not a common password (webapp.passwords)."""
        problem = password_problem(field.data or "", self.username.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    """Sign in."""

    username = StringField("Username", validators=[DataRequired(), Length(max=40)])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )
    remember = BooleanField("Keep me signed in on this device")


def unmarkable_reason(answer: str) -> str | None:
    """Why the scorer will never mark this text (too long, say), or None when it may. The
    scorer's own check, run without the pipeline: the same text always gets the same answer."""
    try:
        validate_answer_text(answer)
    except InputError as exc:
        return exc.message
    return None


class AnswerForm(FlaskForm):
    """The answer to a question. Text no database can store, and text the scorer will never
    mark (over its length limits), is rejected here and kept in the form; everything else is
    saved first and graded after (a failure then shows as an error state)."""

    answer = TextAreaField("Your answer", validators=[DataRequired("Write your answer first.")])

    def validate_answer(self, field: StringField) -> None:
        """Reject text no database could store, keeping it in the form."""
        if not isinstance(field.data, str):  # a file part of a multipart form, not the text box
            field.data = ""
            raise ValidationError("Paste or type the answer into the text box; files are not read.")
        if "\x00" in (field.data or ""):
            raise ValidationError(
                "The answer contains NUL characters (it looks like a pasted binary file)."
            )
        reason = unmarkable_reason(field.data or "")
        if reason:
            raise ValidationError(
                f"This answer is too long to mark: {reason}. Nothing was saved: shorten it and "
                "submit again (a Mains answer is 150-250 words)."
            )


class ActionForm(FlaskForm):
    """A button that changes state (logout, regrade): a CSRF token and nothing else."""
