"""Officials read each automation signal's evidence line in their language: every line the
analysis library writes has a translated shape with the same figures; unknown lines pass as
written."""

import random
import re

import pytest
from django.utils import translation

from consult.analysis.campaigns import MemberInfo, automation_signals
from consult.reports.campaigns import signal_evidence


def members(times, *, network=None, domain=None, names=None):
    return [
        MemberInfo(
            submitted_at=t,
            network=network,
            email_domain=domain,
            name=names[i] if names else None,
        )
        for i, t in enumerate(times)
    ]


def scenarios():
    rng = random.Random(7)
    regular = [1000.0 + 10 * i for i in range(30)]
    rhythm, t = [], 5000.0
    for i in range(40):
        t += 7 if i % 5 else rng.choice([90, 3, 400, 1])
        rhythm.append(t)
    scattered = sorted(rng.uniform(0, 86400) for _ in range(30))
    generated = [f"user{i}" for i in range(30)]
    return [
        [],
        members(regular, network="1234567890123456", domain="mailinator.com", names=generated),
        members(rhythm, network="42", domain="example.jp", names=["山田"] * 40),
        members(scattered, domain="example.org", names=["asdfgh"] * 30),
    ]


def evidence_lines():
    lines = set()
    for group in scenarios():
        for signal in automation_signals(group, base_rate=0.001):
            lines.add(signal.evidence)
    return sorted(lines)


def test_the_scenarios_reach_every_shape_of_evidence():
    lines = evidence_lines()
    for start in (
        "No submission times",
        "No network data",
        "Too few submission times",
        "No email addresses",
        "No names",
        "Submissions arrived every",
    ):
        assert any(line.startswith(start) for line in lines), start
    assert any("gaps between submissions were" in line for line in lines)
    assert any("shared their second" in line for line in lines)
    assert any("disposable email domains (" in line for line in lines)
    assert any(line.endswith("disposable email domains.") for line in lines)
    assert any("names look generated" in line for line in lines)
    assert any("came from one network" in line for line in lines)
    assert any("minutes (the consultation averages" in line for line in lines)


@pytest.mark.parametrize("line", evidence_lines())
def test_each_evidence_line_reads_in_japanese_with_its_figures(line):
    with translation.override("en"):
        assert signal_evidence(line) == line
    with translation.override("ja"):
        translated = signal_evidence(line)
    assert translated != line
    assert not any("a" <= ch <= "z" for ch in translated.replace("mailinator.com", "")), translated
    for figure in re.findall(r"\d+(?:\.\d+)?%?", line):
        assert figure in translated, (figure, translated)


def test_an_unknown_line_is_shown_as_written():
    with translation.override("ja"):
        assert signal_evidence("Something new.") == "Something new."
