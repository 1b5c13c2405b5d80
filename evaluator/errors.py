"""Domain exceptions. The CLI turns them into one line and an exit code; the web app into a
flash message or a 4xx page. Nothing here knows about either."""

from __future__ import annotations

from dataclasses import dataclass


class EvaluatorError(Exception):
    """Base class for every error a user can cause and fix."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\nHint: {self.hint}"
        return self.message


@dataclass(frozen=True)
class RubricProblem:
    """One problem found in a rubric file, located by file and key path."""

    file: str
    path: str
    message: str
    hint: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.path or '<root>'}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class RubricError(EvaluatorError):
    """A rubric could not be found, parsed or validated."""

    def __init__(
        self,
        message: str,
        *,
        problems: list[RubricProblem] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.problems: list[RubricProblem] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return super().__str__()
        return "\n".join(str(p) for p in self.problems)


class RubricNotFoundError(RubricError):
    """No rubric exists at the given path or with the given id."""


class QuestionNotFoundError(EvaluatorError):
    """The rubric has no question with the given id."""


class InputError(EvaluatorError):
    """An answer cannot be read or is not text we can grade (binary, undecodable, too large...)."""


class TuningError(EvaluatorError):
    """A graded set cannot be used for tuning (missing columns, bad marks, too few answers)."""


class DeriveError(InputError):
    """A document cannot be drafted into a rubric (empty, not English, too long, no terms)."""


class OutputError(EvaluatorError):
    """An output file cannot be used (unwritable, a folder, exists already, not a batch output)."""


class BatchError(EvaluatorError):
    """The batch cannot go on (a worker died, the cluster is unreachable)."""


class MissingExtraError(EvaluatorError):
    """An optional extra the chosen option needs is not installed (a usage error)."""
