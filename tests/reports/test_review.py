"""Officials' review feeds the next run: renames persist, moves become corrections, merges, splits
and deletions change the codebook, and agreement with officials is measured."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consult.reports.adapter import analysis_inputs, review_inputs, snapshot_load
from consult.reports.models import Theme, ThemeAssignment, ThemeEdit
from consult.reports.selectors import (
    review_agreement,
    review_sections,
    theme_members,
    theme_overlaps,
)
from consult.reports.services import (
    assignment_move,
    theme_delete,
    theme_merge,
    theme_rename,
    theme_set_government_view,
    theme_split,
)
from consult.responses.models import Response

pytestmark = pytest.mark.django_db
SECTION = "question:comments"


def content_of(run):
    return json.loads(run.artifacts.get(format="json").file.read())


def coded_rows(run):
    text = run.artifacts.get(format="csv").file.read().decode("utf-8-sig")
    return {row["reference"]: row for row in csv.DictReader(io.StringIO(text))}


def section_themes(consultation):
    """The discovered themes of the free-text question, largest first."""
    themes = next(s for s in review_sections(consultation, language="en") if s.key == SECTION)
    return [t for t in themes.themes if t.source != "other"]


def engine_member(theme):
    return (
        ThemeAssignment.objects.filter(theme=theme, source="engine")
        .select_related("response")
        .order_by("response_id")
        .first()
        .response
    )


def test_renames_moves_and_government_views_feed_the_next_run(
    answered, official, run_report, quick_render, settings
):
    settings.REPORT_KEEP_SNAPSHOTS = True  # to read what the second run was given
    first = run_report(answered, official)
    assert first.status == "succeeded", first.error
    big, other = section_themes(answered)[:2]
    theme_rename(theme=big, user=official, label="Keep footage for less time")
    theme_set_government_view(theme=big, user=official, text="Footage will be kept for 24 hours.")
    # A response whose only theme is `big` (assignments are multi-label), taken in a stable order.
    moved = next(
        r
        for r in Response.objects.filter(theme_assignments__theme=big).order_by("pk")
        if list(ThemeAssignment.objects.filter(response=r).values_list("theme_id", flat=True))
        == [big.pk]
    )
    assert assignment_move(response=moved, from_theme=big, to_theme=other, user=official) == [
        other.pk
    ]
    # The move is recorded as officials' full theme set for that response.
    corrections = review_inputs(answered)["corrections"][SECTION]
    assert corrections == {str(moved.pk): [str(other.pk)]}
    assert review_agreement(answered).units == 1

    second = run_report(answered, official)
    assert second.status == "succeeded", second.error
    assert second.input_hash != first.input_hash  # the review is part of the input
    themes = {
        t["id"]: t
        for t in next(q for q in content_of(second)["questions"] if q["key"] == "comments")[
            "themes"
        ]
    }
    assert themes[big.pk]["label"] == "Keep footage for less time"
    assert themes[big.pk]["source"] == "codebook" and themes[other.pk]["source"] == "codebook"
    egov = {row["theme_key"]: row for row in content_of(second)["egov_table"]}
    assert egov[big.key]["government_view"] == "Footage will be kept for 24 hours."
    # The engine took the official's move as final for that response.
    snapshot = snapshot_load(storage_name=second.snapshot.name)
    _, taken = analysis_inputs(snapshot)
    assert list(taken[SECTION].values()) == [frozenset({str(other.pk)})]
    row = coded_rows(second)[moved.reference]
    # (named in the run's language, English, where the engine could)
    assert other.label_in("en")[0] in row["themes"]
    assert "Keep footage for less time" not in row["themes"]
    # The engine assignments the official corrected are kept for measuring agreement.
    assert ThemeAssignment.objects.filter(response=moved, theme=big, source="engine").exists()
    agreement = review_agreement(answered)
    assert agreement.units == 1 and agreement.recall == 0.0 and agreement.exact == 0.0


def test_merge_split_and_delete_change_the_codebook(answered, official, run_report, quick_render):
    run_report(answered, official)
    a, b, c = section_themes(answered)[:3]
    theme_merge(themes=[b], into=a, user=official)
    members = [m.reference for m in theme_members(a)[0][:2]]
    new = theme_split(theme=a, user=official, label="Warrants for every search", references=members)
    theme_delete(theme=c, user=official)
    book = {t["key"]: t for t in review_inputs(answered)["codebook"][SECTION]}
    assert set(book) == {str(a.pk), str(new.pk)}  # b merged, c deleted
    # The merged theme's label, then the engine's name for the theme in the other language.
    a.refresh_from_db()
    assert book[str(a.pk)]["keywords"] == [
        b.label,
        *(
            named["label"]
            for _lang, named in sorted(a.translations.items())
            if named["label"] != a.label
        ),
    ]
    assert book[str(new.pk)]["label"] == "Warrants for every search"
    assert {m.reference for m in theme_members(new)[0]} == set(members)
    assert not {m.reference for m in theme_members(a)[0]} & set(members)
    corrections = review_inputs(answered)["corrections"][SECTION]
    assert all(str(new.pk) in keys and str(a.pk) not in keys for keys in corrections.values())
    assert list(ThemeEdit.objects.order_by("id").values_list("action", flat=True)) == [
        "merge",
        "add",
        "move",
        "move",
        "split",
        "delete",
    ]
    # Deleted and merged themes take no more edits; a theme cannot take a response it lacks.
    with pytest.raises(ValidationError):
        theme_rename(theme=c, user=official, label="Back again")
    with pytest.raises(ValidationError):
        theme_merge(themes=[b], into=a, user=official)
    outsider = next(
        r
        for r in Response.objects.filter(consultation=answered, status="submitted")
        if not ThemeAssignment.objects.filter(response=r, theme__in=[a, b]).exists()
    )
    with pytest.raises(ValidationError):
        assignment_move(response=outsider, from_theme=a, to_theme=new, user=official)


def test_agreement_counts_kept_and_changed_themes(answered, official, run_report, quick_render):
    run_report(answered, official)
    big, other = section_themes(answered)[:2]
    kept = engine_member(big)
    # Adding a theme keeps the engine's: precision 1/1 of the engine's themes kept.
    assignment_move(response=kept, from_theme=None, to_theme=other, user=official)
    agreement = review_agreement(answered)
    engine_themes = ThemeAssignment.objects.filter(
        response=kept, source="engine", theme__section=SECTION
    ).count()
    assert agreement.units == 1 and agreement.precision == 1.0
    assert agreement.recall == round(engine_themes / (engine_themes + 1), 3)


def test_review_rejects_bad_input_and_the_log_is_append_only(answered, official):
    theme = Theme.objects.create(
        consultation=answered, section=SECTION, key="k", label="A theme", source="official"
    )
    with pytest.raises(ValidationError) as error:
        theme_rename(theme=theme, user=official, label="  ")
    assert "label" in error.value.message_dict
    with pytest.raises(ValidationError):
        theme_rename(theme=theme, user=official, label="x" * 301)
    edit = theme_rename(theme=theme, user=official, label="Better") and ThemeEdit.objects.get()
    edit.payload = {}
    with pytest.raises(ValueError, match="append-only"):
        edit.save()
    clause = Theme.objects.create(
        consultation=answered, section="clause:1", key="c", label="Clause theme", source="official"
    )
    with pytest.raises(ValidationError):
        theme_merge(themes=[clause], into=theme, user=official)


def test_a_themes_page_names_the_themes_its_responses_also_raise(answered, official, client):
    r1, r2, r3, r4 = Response.objects.filter(consultation=answered).order_by("pk")[:4]

    def theme(key, source="discovered", section=SECTION):
        return Theme.objects.create(
            consultation=answered, section=section, key=key, label=key.title(), source=source
        )

    candidate, security, merged = (
        theme("leaks", "candidate"),
        theme("security", "codebook"),
        theme("x"),
    )
    elsewhere = theme("cost", section="question:other")
    for response in (r1, r2, r3, r4):
        ThemeAssignment.objects.create(response=response, theme=candidate, source="engine")
    for response, other in ((r1, security), (r2, security), (r3, merged), (r4, security)):
        ThemeAssignment.objects.create(response=response, theme=other, source="engine")
    ThemeAssignment.objects.create(response=r1, theme=elsewhere, source="engine")
    # Officials corrected r4 in this section: only the candidate, not security.
    ThemeAssignment.objects.create(response=r4, theme=candidate, source="official")
    theme_merge(themes=[merged], into=security, user=official)

    (overlap,) = theme_overlaps(candidate)
    # r1 and r2 raise security, r3 raises what was merged into it; r4's correction dropped it;
    # a theme of another section is no overlap.
    assert overlap.theme == security and overlap.shared == 3 and overlap.percent == 75
    assert [o.theme for o in theme_overlaps(security)] == [candidate]

    client.force_login(official)
    page = client.get(
        reverse("staff:reports:theme", args=[answered.slug, candidate.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = page.content.decode()
    assert page.status_code == 200 and "Themes these responses also raise" in body
    assert "3 responses, 75 %" in body and "may be that theme in other words" in body
    page = client.get(
        reverse("staff:reports:theme", args=[answered.slug, candidate.pk]),
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert "これらの意見が併せて挙げているテーマ" in page.content.decode()
    assert "3件（75％）" in page.content.decode()
