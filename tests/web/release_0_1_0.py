"""A database as release 0.1.0 (the last without migrations) left it, made by code: its tables
frozen here as they were (not imported from today's models, which will change), no
``alembic_version`` table, and a small institute's data: a learner, a tutor, graded attempts,
one left pending by a crash mid-grading and one in error."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
)
from werkzeug.security import generate_password_hash

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(40), unique=True, index=True, nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("is_tutor", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id"), index=True, nullable=False),
    Column("rubric_id", String(80), nullable=False),
    Column("question_id", String(80), index=True, nullable=False),
    Column("answer", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("marks", Float),
    Column("max_marks", Integer),
    Column("rubric_version", String(40)),
    Column("report_json", Text),
    Column("error", Text),
    Column("grading_ms", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("graded_at", DateTime(timezone=True)),
)

LEARNER, TUTOR = "asha", "guru"


def build(url: str, report: dict[str, Any], password: str, rubric: str, question: str) -> None:
    """Create the 0.1.0 tables at ``url`` and fill them; ``report`` is a real Report.to_dict()."""
    engine = create_engine(url)
    metadata.create_all(engine)
    start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    hashed = generate_password_hash(password)
    base = {"rubric_id": rubric, "question_id": question, "grading_ms": 21.5}
    graded = {
        **base,
        "status": "graded",
        "marks": report["marks"],
        "max_marks": report["max_marks"],
        "rubric_version": str(report["rubric"].get("version", "")),
        "report_json": json.dumps(report, ensure_ascii=False),
    }
    with engine.begin() as connection:
        # ids come from the database (its sequences must carry on after the upgrade)
        learner, tutor = (
            connection.execute(
                insert(users).values(
                    username=name, password_hash=hashed, is_tutor=is_tutor, created_at=start
                )
            ).inserted_primary_key[0]
            for name, is_tutor in ((LEARNER, False), (TUTOR, True))
        )
        empty = {"marks": None, "max_marks": None, "rubric_version": None, "report_json": None}
        rows = [
            {**graded, "user_id": learner, "answer": f"Attempt {n}: India–Japan 2+2.",
             "error": None, "created_at": start + timedelta(days=n),
             "graded_at": start + timedelta(days=n, seconds=1)}
            for n in range(3)
        ] + [
            {**base, **empty, "user_id": learner, "answer": "Left pending by a crash.",
             "status": "pending", "error": None, "grading_ms": None,
             "created_at": start + timedelta(days=4), "graded_at": None},
            {**base, **empty, "user_id": learner, "answer": "Too long, once.", "status": "error",
             "error": "The answer is longer than the scorer accepts.", "grading_ms": 0.4,
             "created_at": start + timedelta(days=5), "graded_at": start + timedelta(days=5)},
            {**graded, "user_id": tutor, "answer": "The tutor's model answer.", "error": None,
             "created_at": start + timedelta(days=6), "graded_at": start + timedelta(days=6)},
        ]  # fmt: skip
        for row in rows:  # one by one: ids in this order
            connection.execute(insert(attempts).values(**row))
    engine.dispose()


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of both tables, in id order, for a before/after comparison."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {
            table.name: [
                tuple(row) for row in connection.execute(select(table).order_by(table.c.id))
            ]
            for table in (users, attempts)
        }
    engine.dispose()
    return found
