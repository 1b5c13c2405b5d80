"""The engine's data files load as typed settings, and a mistake in one is caught by name."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from evaluator.resources import load_data
from evaluator.settings import (
    AdvisorySettings,
    advisory_settings,
    audit_settings,
    language_settings,
    negation_settings,
    quantity_settings,
    structure_settings,
    substance_settings,
)


def test_every_bundled_data_file_is_valid() -> None:
    assert advisory_settings().off_topic.max_concepts == 2
    assert language_settings().thresholds.min_words > 0
    assert "not" in negation_settings().clause_negators
    assert quantity_settings().scales["lakh"] == 1e5
    assert abs(sum(structure_settings().weights.model_dump().values()) - 1.0) < 1e-9
    assert audit_settings().filler
    assert substance_settings().min_own_words >= 1
    assert advisory_settings().repetition.restated_new_words >= 1


def test_a_misspelt_key_is_an_error_naming_it() -> None:
    data = dict(load_data("advisories.yaml"))
    data["off_topic"] = {**data["off_topic"], "max_concept": 3}  # typo for max_concepts
    with pytest.raises(ValidationError, match=r"off_topic\.max_concept"):
        AdvisorySettings.model_validate(data)


def test_a_wrong_type_is_an_error_naming_it() -> None:
    data = dict(load_data("advisories.yaml"))
    data["repetition"] = {**data["repetition"], "heavy_cap": "high"}
    with pytest.raises(ValidationError, match=r"repetition\.heavy_cap"):
        AdvisorySettings.model_validate(data)


def test_loaded_settings_are_read_only() -> None:
    with pytest.raises(ValidationError):
        advisory_settings().off_topic.cap = 0.9  # type: ignore[misc]
