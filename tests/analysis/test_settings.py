"""Every setting is documented, in English and in the UI's Russian."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from analysis.settings import AnalysisSettings, describe_settings
from labels import messages


def test_every_setting_has_a_description() -> None:
    for name, field in AnalysisSettings.model_fields.items():
        assert field.description and len(field.description) > 15, name


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_setting_has_a_message(lang: str) -> None:
    msgs = messages(lang)
    for name in AnalysisSettings.model_fields:
        assert msgs.get(f"analysis.setting.{name}"), (lang, name)


def test_english_messages_equal_the_field_descriptions() -> None:
    en = messages("en")
    for name, field in AnalysisSettings.model_fields.items():
        assert en[f"analysis.setting.{name}"] == field.description


def test_describe_settings_lists_every_field_with_its_value() -> None:
    s = AnalysisSettings(max_km=42)
    rows = describe_settings(s)
    assert [r[0] for r in rows] == list(AnalysisSettings.model_fields)
    assert dict((r[0], r[1]) for r in rows)["max_km"] == 42


def test_defaults_are_those_of_the_design() -> None:
    s = AnalysisSettings()
    assert (s.window_years, s.min_ranked_years) == (3, 2)
    assert (s.low_percentile, s.strong_percentile, s.never_below_percentile) == (0.1, 0.75, 0.25)
    assert (s.min_band_year_size, s.max_bands, s.schools_per_band) == (5, 5, 10)
    assert s.resilient_bands == (1, 2)
    assert (s.default_tutor_capacity, s.max_km, s.max_band_gap) == (2, 100.0, 1)
    assert (s.activity_window_days, s.coverage_window_days) == (90, 365)


def test_russian_and_english_have_the_same_analysis_keys() -> None:
    ru = {k for k in messages("ru") if k.startswith("analysis.")}
    en = {k for k in messages("en") if k.startswith("analysis.")}
    assert ru == en


@pytest.mark.parametrize(
    "kw", [{"min_ranked_years": 4}, {"low_percentile": 0.8}, {"max_km": 0}, {"bogus": 1}]
)
def test_invalid_settings_are_rejected(kw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        AnalysisSettings(**kw)  # type: ignore[arg-type]


def test_every_setting_is_documented_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "analysis" / "README.md").read_text()
    for name in AnalysisSettings.model_fields:
        assert f"`{name}`" in readme, name
