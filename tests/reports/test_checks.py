"""The start-up check that the PDF renderer has its fast font subsetter."""

import ctypes.util

from django.core.checks import run_checks

from consult.reports import checks


def test_no_warning_when_the_subsetter_is_installed(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so.0")
    assert checks.pdf_subsetter_check() == []


def test_a_missing_subsetter_is_a_warning_that_says_what_to_install(monkeypatch):
    real = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util,
        "find_library",
        lambda name: None if name == checks.SUBSET_LIBRARY else real(name),
    )
    (warning,) = [m for m in run_checks() if m.id == "reports.W001"]
    assert "libharfbuzz-subset0" in warning.msg
    assert warning.is_serious() is False  # a warning: the server still starts
