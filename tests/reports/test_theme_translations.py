"""A report names each theme in the report's language where the engine could name it from the
comments in that language; officials' own labels name it in every language."""

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from consult.analysis.types import Quote
from consult.reports.adapter import review_inputs
from consult.reports.models import Theme
from consult.reports.sections import quotes_in_order
from consult.reports.services.review import theme_rename

pytestmark = pytest.mark.django_db


def _themes(node: Any) -> Iterator[dict[str, Any]]:
    """Every theme entry of a report's JSON (a dict with an id, a label and a source)."""
    if isinstance(node, dict):
        if {"id", "label", "source"} <= node.keys():
            yield node
        for value in node.values():
            yield from _themes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _themes(value)


def _named_in_both(themes: Any) -> Any:
    """The first theme the engine named differently in the other language."""
    return next(t for t in themes if any(n["label"] != t.label for n in t.translations.values()))


def _labels(run: Any) -> dict[int, str]:
    content = json.loads(run.artifacts.get(format="json").file.read())
    return {int(t["id"]): t["label"] for t in _themes(content)}


def test_each_report_names_themes_in_its_language_where_the_comments_allow(
    answered, official, run_report, quick_render
):
    english = run_report(answered, official, language="en")
    themes = list(Theme.objects.filter(source__in=["discovered", "other"]))
    # The generated comments are half Japanese: some themes are named in both languages.
    named_twice = [t for t in themes if any(n["label"] != t.label for n in t.translations.values())]
    assert named_twice
    labels = _labels(english)
    for theme in named_twice:
        if theme.pk in labels:
            assert labels[theme.pk] == theme.label_in("en")[0]
    # A theme labelled from its Japanese comments reads in English in the English report.
    # Every other theme is described in English around its own phrases.
    for theme in themes:
        if theme not in named_twice and theme.pk in labels:
            assert theme.label_in("en")[1].startswith(("Comments", "Other")), theme.label
    japanese_first = [t for t in named_twice if "en" in t.translations and t.pk in labels]
    assert japanese_first
    assert {labels[t.pk] for t in japanese_first}.isdisjoint({t.label for t in japanese_first})

    japanese = run_report(answered, official, language="ja")
    labels = _labels(japanese)
    for theme in Theme.objects.filter(pk__in=labels):
        assert labels[theme.pk] == theme.label_in("ja")[0]
    assert any(labels[t.pk] == t.label for t in Theme.objects.filter(pk__in=labels))


def test_an_officials_label_names_the_theme_in_every_language(
    answered, official, run_report, quick_render
):
    run_report(answered, official, language="en")
    theme = _named_in_both(Theme.objects.filter(source="discovered"))
    other = next(iter(theme.translations.values()))["label"]
    # Reviewed in the same words, the theme keeps its other name, and the next run's codebook
    # knows it by both.
    theme_rename(theme=theme, user=official, label=theme.label, description=theme.description)
    theme.refresh_from_db()
    assert theme.translations  # the same words: nothing to drop
    codebook = review_inputs(answered)["codebook"][theme.section]
    assert other in next(t for t in codebook if t["key"] == str(theme.pk))["keywords"]

    theme_rename(theme=theme, user=official, label="Warrants before any search")
    theme.refresh_from_db()
    assert theme.translations == {}
    assert theme.label_in("ja") == theme.label_in("en") == (theme.label, theme.description)
    run = run_report(answered, official, language="ja")
    assert _labels(run)[theme.pk] == "Warrants before any search"


def test_label_in_reads_only_a_well_formed_entry():
    theme = Theme(label="顔認証", description="説明", translations={"en": "not a dict"})
    assert theme.label_in("en") == ("顔認証", "説明")
    theme.translations = {"en": {"label": "", "description": "x"}}
    assert theme.label_in("en") == ("顔認証", "説明")
    theme.translations = {"en": {"label": "Facial recognition"}}
    assert theme.label_in("en") == ("Facial recognition", "")
    assert theme.label_in("ja") == ("顔認証", "説明")


def test_theme_review_shows_what_each_report_language_will_call_a_theme(
    client, answered, official, run_report, quick_render
):
    run_report(answered, official, language="en")
    theme = _named_in_both(Theme.objects.filter(source="discovered"))
    language, named = next(iter(theme.translations.items()))
    client.force_login(official)
    url = reverse("staff:reports:review", kwargs={"slug": answered.slug})
    for ui, prefix in (("en", "In {} reports: "), ("ja", "{}の報告書では：")):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=ui).content.decode()
        name = {"en": {"en": "English", "ja": "Japanese"}, "ja": {"en": "英語", "ja": "日本語"}}
        assert escape(prefix.format(name[ui][language]) + named["label"]) in html


def test_quotes_in_order_gives_the_report_language_all_places_but_one():
    en = [Quote(i, f"e{i}", 1.0, "en") for i in range(3)]
    ja = [Quote(10 + i, f"j{i}", 1.0, "ja") for i in range(3)]
    texts = lambda quotes: [q.text for q in quotes]  # noqa: E731
    assert texts(quotes_in_order(en + ja, "ja", 3)) == ["j0", "j1", "e0", "j2", "e1", "e2"]
    assert texts(quotes_in_order(en + ja, "en", 3)) == ["e0", "e1", "j0", "e2", "j1", "j2"]
    assert quotes_in_order(en, "ja", 3) == en  # one language: as found
    assert quotes_in_order(en + ja, "en", 1) == en + ja


_JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def test_a_report_quotes_its_own_language_first(answered, official, run_report, quick_render):
    for language in ("en", "ja"):
        run = run_report(answered, official, language=language)
        content = json.loads(run.artifacts.get(format="json").file.read())
        bilingual = 0
        for theme in _themes(content):
            japanese = [bool(_JAPANESE.search(q["text"])) for q in theme.get("quotes", [])]
            if len(set(japanese)) == 2:  # quoted in both languages
                bilingual += 1
                assert japanese[0] == (language == "ja"), (
                    theme["label"],
                    [q["text"][:40] for q in theme["quotes"]],
                )
                # The other language takes one place, unless too few in this one may be shown.
                own = japanese.count(language == "ja")
                assert japanese.count(language != "ja") == 1 or own < len(japanese) - 1
        assert bilingual
