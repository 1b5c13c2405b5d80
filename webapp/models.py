"""Database tables: users and their attempts (SQLAlchemy 2 declarative models)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from evaluator.scoring import is_point_to_add

PENDING = "pending"
GRADED = "graded"
ERROR = "error"


def utcnow() -> datetime:
    """Now, in UTC (stored naive-free so every database agrees)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of the app's tables."""


class User(Base):
    """An account: a learner, or a tutor who may see every attempt and the rubric pages."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_tutor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Part of every session's and remember-token's id: sign-out and a password change raise it,
    # so every cookie issued before stops working on every device.
    session_generation: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )

    attempts: Mapped[list[Attempt]] = relationship(back_populates="user")

    # Flask-Login's user protocol
    is_active = True
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        """Flask-Login's alternative id, stored in the session and the remember cookie:
        ``"<id>:<session generation>"``, so raising the generation ends them all."""
        return f"{self.id}:{self.session_generation or 0}"

    def end_sessions(self) -> None:
        """Invalidate every session and remember-token issued so far (commit to apply)."""
        self.session_generation = (self.session_generation or 0) + 1

    @property
    def role(self) -> str:
        """'tutor' or 'learner'."""
        return "tutor" if self.is_tutor else "learner"


class RateLimitCounter(Base):
    """One fixed-window counter of the rate limiter (webapp.ratelimit), shared by every worker
    process and machine that uses this database."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    expires_at: Mapped[float] = mapped_column(Float, nullable=False, index=True)


class Attempt(Base):
    """One submitted answer. Stored as pending before scoring, then graded or error."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rubric_id: Mapped[str] = mapped_column(String(80))
    question_id: Mapped[str] = mapped_column(String(80), index=True)
    answer: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    marks: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_marks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rubric_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    grading_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    graded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    rewrite_of: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The id of the learner's earlier attempt at the same question this one was rewritten from
    ("Rewrite this answer"), or None. A plain id, not a foreign key: the history looks it up
    among the learner's own attempts and falls back to the previous one when it is gone."""

    user: Mapped[User] = relationship(back_populates="attempts")

    @property
    def report(self) -> dict[str, Any] | None:
        """The stored report (Report.to_dict()), or None before grading."""
        return json.loads(self.report_json) if self.report_json else None

    def credited_concepts(self) -> dict[str, str]:
        """Concept id -> label for the rubric's points that earned credit (the history's points
        gained and lost): not a misconception, and not a phrase or example `rubric tune`
        learned from marks (trial 38: "- appeals" under "Points lost" named a learned phrase
        as a point to make)."""
        report = self.report or {}
        return {
            c["id"]: c["label"]
            for c in report.get("concepts", [])
            if c.get("status") in ("covered", "partial") and is_point_to_add(c)
        }
