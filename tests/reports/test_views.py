"""Staff report pages as an official meets them; another department gets 404 everywhere."""

import json

import pytest
from django.urls import reverse

from consult.core.models import OutboxJob
from consult.privacy.models import AuditEvent
from consult.reports.models import ReportArtifact, ReportRun, Theme, ThemeEdit
from consult.reports.services.artifacts import artifact_store
from tests.factories import ConsultationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_run(consultation, official):
    run = ReportRun.objects.create(
        consultation=consultation,
        language="ja",
        status="succeeded",
        progress=100,
        created_by=official,
    )
    artifact_store(run=run, format="html", filename="report.html", data=b"<h1>report</h1>")
    artifact_store(run=run, format="csv", filename="coded.csv", data=b"\xef\xbb\xbfreference\n")
    return run


def urls_for(consultation, run, theme):
    slug = consultation.slug
    return {
        "runs": reverse("staff:reports:runs", kwargs={"slug": slug}),
        "run": reverse("staff:reports:run", kwargs={"slug": slug, "run_id": run.pk}),
        "progress": reverse("staff:reports:progress", kwargs={"slug": slug, "run_id": run.pk}),
        "view": reverse("staff:reports:view", kwargs={"slug": slug, "run_id": run.pk}),
        "html": reverse("staff:reports:html", kwargs={"slug": slug, "run_id": run.pk}),
        "download": reverse(
            "staff:reports:download", kwargs={"slug": slug, "run_id": run.pk, "fmt": "csv"}
        ),
        "review": reverse("staff:reports:review", kwargs={"slug": slug}),
        "theme": reverse("staff:reports:theme", kwargs={"slug": slug, "theme_id": theme.pk}),
    }


@pytest.fixture
def theme(consultation, finished_run):
    return Theme.objects.create(
        consultation=consultation,
        section="question:comments",
        key="r1-discovered-01",
        label="Retention is too long",
        source="discovered",
        last_run=finished_run,
    )


def test_official_sees_every_page(client, consultation, official, finished_run, theme):
    client.force_login(official)
    for name, url in urls_for(consultation, finished_run, theme).items():
        response = client.get(url)
        assert response.status_code == 200, name
    page = client.get(urls_for(consultation, finished_run, theme)["review"])
    assert "Retention is too long" in page.content.decode()


@pytest.mark.parametrize("page", ["abc", "-3", "0", "99999999999999999999999"])
def test_any_page_number_of_a_theme_is_a_page(
    client, consultation, official, finished_run, theme, page
):
    """A page number edited in the address bar, however large, is a page (past the last one,
    empty), never an error."""
    client.force_login(official)
    url = urls_for(consultation, finished_run, theme)["theme"]
    response = client.get(url, {"page": page})
    assert response.status_code == 200
    assert "Retention is too long" in response.content.decode()


def test_other_department_gets_404_on_every_page_and_action(
    client, consultation, other_official, finished_run, theme
):
    client.force_login(other_official)
    for name, url in urls_for(consultation, finished_run, theme).items():
        assert client.get(url).status_code == 404, name
    slug = consultation.slug
    posts = [
        reverse("staff:reports:start", kwargs={"slug": slug}),
        reverse("staff:reports:cancel", kwargs={"slug": slug, "run_id": finished_run.pk}),
        reverse("staff:reports:theme-add", kwargs={"slug": slug}),
        reverse(
            "staff:reports:theme-action",
            kwargs={"slug": slug, "theme_id": theme.pk, "action": "rename"},
        ),
    ]
    for url in posts:
        assert client.post(url, {"language": "ja", "label": "x"}).status_code == 404, url
    assert not ThemeEdit.objects.exists() and ReportRun.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client, consultation, finished_run, theme):
    for url in urls_for(consultation, finished_run, theme).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_download_is_an_attachment_that_is_never_cached(
    client, consultation, official, finished_run
):
    client.force_login(official)
    url = reverse(
        "staff:reports:download",
        kwargs={"slug": consultation.slug, "run_id": finished_run.pk, "fmt": "csv"},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(action="reports.download")
    assert (event.user_id, event.object_ids, event.reason) == (
        official.pk,
        [finished_run.pk],
        "csv",
    )
    assert event.consultation_id == consultation.pk
    missing = reverse(
        "staff:reports:download",
        kwargs={"slug": consultation.slug, "run_id": finished_run.pk, "fmt": "pdf"},
    )
    assert client.get(missing).status_code == 404
    # The file's storage name is unguessable and is not a public media URL.
    name = ReportArtifact.objects.get(run=finished_run, format="csv").file.name
    assert name.startswith(f"reports/{consultation.pk}/") and len(name.split("/")[2]) >= 32


def test_in_app_report_is_sandboxed(client, consultation, official, finished_run):
    client.force_login(official)
    url = reverse(
        "staff:reports:html", kwargs={"slug": consultation.slug, "run_id": finished_run.pk}
    )
    response = client.get(url)
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_start_from_the_page_then_poll_progress_until_done(
    client, consultation, official, django_capture_on_commit_callbacks
):
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("staff:reports:start", kwargs={"slug": consultation.slug}), {"language": "en"}
        )
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/reports/{run.pk}/")
    assert OutboxJob.objects.filter(task_name="reports.run").count() == 1
    progress = reverse(
        "staff:reports:progress", kwargs={"slug": consultation.slug, "run_id": run.pk}
    )
    ReportRun.objects.filter(pk=run.pk).update(status="running", step="analysis", progress=40)
    polling = client.get(
        progress, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Finding themes and stances" in polling and 'value="40"' in polling
    assert 'hx-trigger="every 1s"' in polling and "<progress" in polling
    assert "<noscript>" in polling  # a refresh link without JavaScript
    assert client.get(progress, HTTP_HX_REQUEST="true").get("HX-Refresh") is None
    ReportRun.objects.filter(pk=run.pk).update(status="succeeded", progress=100)
    done = client.get(progress, HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in done.content.decode()  # polling stops
    assert done["HX-Refresh"] == "true"  # the page reloads once, with the comparison and files
    assert client.get(progress).get("HX-Refresh") is None  # not for a plain request
    # A second start while one is active is refused with a message, not a 500.
    ReportRun.objects.filter(pk=run.pk).update(status="running")
    again = client.post(
        reverse("staff:reports:start", kwargs={"slug": consultation.slug}),
        {"language": "ja"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert again.status_code == 200 and ReportRun.objects.count() == 1
    assert "already being prepared" in again.content.decode()


def test_cancel_from_the_page(client, consultation, official):
    run = ReportRun.objects.create(consultation=consultation, language="ja", status="running")
    client.force_login(official)
    response = client.post(
        reverse("staff:reports:cancel", kwargs={"slug": consultation.slug, "run_id": run.pk})
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == "cancelled"


def test_review_actions_from_the_pages(client, consultation, official, theme):
    client.force_login(official)

    def act(action, **data):
        url = reverse(
            "staff:reports:theme-action",
            kwargs={"slug": consultation.slug, "theme_id": theme.pk, "action": action},
        )
        return client.post(url, data)

    assert act("rename", label="Keep footage for less time", description="").status_code == 302
    assert (
        act("government_view", government_view="We will shorten it to 24 hours.").status_code == 302
    )
    assert act("review").status_code == 302
    assert act("rename", label="").status_code == 302  # an error message, nothing changed
    assert act("no-such-action").status_code == 404
    theme.refresh_from_db()
    assert theme.label == "Keep footage for less time" and theme.reviewed
    assert theme.government_view == "We will shorten it to 24 hours."
    assert list(ThemeEdit.objects.order_by("id").values_list("action", flat=True)) == [
        "rename",
        "government_view",
        "review",
    ]
    added = client.post(
        reverse("staff:reports:theme-add", kwargs={"slug": consultation.slug}),
        {"section": "clause:2", "label": "Deletion must be audited"},
    )
    assert added.status_code == 302
    assert Theme.objects.filter(section="clause:2", source="official").exists()
    bad = client.post(
        reverse("staff:reports:theme-add", kwargs={"slug": consultation.slug}),
        {"section": "clause:99", "label": "Nowhere"},
    )
    assert bad.status_code == 302 and not Theme.objects.filter(section="clause:99").exists()


def test_admin_shows_runs_themes_and_edits_read_only(client, finished_run, theme):
    admin_user = UserFactory(is_superuser=True)
    client.force_login(admin_user)
    for name in ("reportrun", "theme", "themeedit"):
        assert client.get(reverse(f"admin:reports_{name}_changelist")).status_code == 200
    page = client.get(reverse("admin:reports_reportrun_change", args=[finished_run.pk]))
    assert page.status_code == 200 and "coded.csv" in page.content.decode()
    assert client.get(reverse("admin:reports_theme_add")).status_code == 403


def stored_run(consultation, official, *, responses, labels, input_hash):
    run = ReportRun.objects.create(
        consultation=consultation,
        language="en",
        status="succeeded",
        progress=100,
        created_by=official,
        input_hash=input_hash,
    )
    content = {
        "run": {"id": run.pk, "input_hash": input_hash},
        "headline": {"responses": responses, "unique_texts": responses - 10, "campaigns": 1},
        "questions": [{"key": "comments", "themes": [{"label": label} for label in labels]}],
        "clauses": [],
    }
    artifact_store(
        run=run, format="json", filename="report.json", data=json.dumps(content).encode()
    )
    return run


def test_a_new_run_is_compared_with_the_previous_one(client, consultation, official):
    first = stored_run(
        consultation,
        official,
        responses=100,
        labels=["Retention is too long", "Costs"],
        input_hash="a" * 64,
    )
    second = stored_run(
        consultation,
        official,
        responses=120,
        labels=["Costs", "Who may see the footage"],
        input_hash="b" * 64,
    )
    client.force_login(official)

    def detail(run):
        url = reverse("staff:reports:run", kwargs={"slug": consultation.slug, "run_id": run.pk})
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        return response

    assert not detail(first).context["comparison"]  # nothing before the first run
    page = detail(second)
    rows = {row["key"]: row for row in page.context["comparison"]}
    assert (rows["responses"]["previous"], rows["responses"]["current"]) == (100, 120)
    assert (rows["themes"]["previous"], rows["themes"]["current"]) == (2, 2)
    assert rows["themes_kept"]["current"] == 1
    assert rows["themes_new"]["themes"] == ["Who may see the footage"]
    assert rows["themes_gone"]["themes"] == ["Retention is too long"]
    assert (rows["input"]["previous"], rows["input"]["current"]) == ("a" * 12, "b" * 12)
    html = page.content.decode()
    assert f"Compared with report {first.pk}" in html
    for label in ("Distinct texts", "Themes new in this report", "Themes no longer found"):
        assert label in html  # officials read labels, not the document's keys
    assert "unique_texts" not in html and "themes_kept" not in html
    assert "Who may see the footage" in html and "Retention is too long" in html


def test_comparison_with_a_report_lacking_figures_does_not_fail(client, consultation, official):
    old = ReportRun.objects.create(consultation=consultation, language="en", status="succeeded")
    artifact_store(run=old, format="json", filename="report.json", data=b'{"schema_version": 1}')
    new = stored_run(consultation, official, responses=5, labels=["Costs"], input_hash="c" * 64)
    client.force_login(official)
    url = reverse("staff:reports:run", kwargs={"slug": consultation.slug, "run_id": new.pk})
    rows = {row["key"]: row for row in client.get(url).context["comparison"]}
    assert (rows["responses"]["previous"], rows["responses"]["current"]) == (None, 5)
    assert rows["themes_new"]["themes"] == ["Costs"] and rows["input"]["previous"] is None


def test_the_consultation_page_leads_to_reports_for_those_who_may_use_them(
    client, consultation, official
):
    page = reverse("staff:consultation", kwargs={"slug": consultation.slug})
    runs = reverse("staff:reports:runs", kwargs={"slug": consultation.slug})
    review = reverse("staff:reports:review", kwargs={"slug": consultation.slug})
    client.force_login(official)
    html = client.get(page).content.decode()
    assert f'href="{runs}"' in html and f'href="{review}"' in html
    moderator = UserFactory(department=consultation.department, staff_role="moderator")
    client.force_login(moderator)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{runs}"' not in html and f'href="{review}"' not in html


def test_review_actions_cannot_reach_another_consultations_themes(
    client, consultation, official, theme
):
    foreign = Theme.objects.create(
        consultation=ConsultationFactory(),
        section=theme.section,
        key="elsewhere",
        label="Another consultation's theme",
        source="discovered",
    )
    client.force_login(official)

    def act(action, **data):
        url = reverse(
            "staff:reports:theme-action",
            kwargs={"slug": consultation.slug, "theme_id": theme.pk, "action": action},
        )
        return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert act("merge", into=foreign.pk).status_code == 404
    assert act("move", to=foreign.pk, reference="AAAA-BBBB-CC").status_code == 404
    foreign.refresh_from_db()
    theme.refresh_from_db()
    assert foreign.merged_into is None and theme.merged_into is None
    # Malformed choices are messages on the page, not errors.
    bad = act("merge", into="not-a-number")
    assert bad.status_code == 302
    page = client.get(bad["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Choose the theme to merge into." in page
    assert not ThemeEdit.objects.exists()


def test_a_file_storage_has_lost_is_explained_not_a_server_error(
    client, consultation, official, finished_run
):
    client.force_login(official)
    for artifact in finished_run.artifacts.all():
        artifact.file.storage.delete(artifact.file.name)
    slug = consultation.slug
    for url in (
        reverse(
            "staff:reports:download", kwargs={"slug": slug, "run_id": finished_run.pk, "fmt": "csv"}
        ),
        reverse("staff:reports:html", kwargs={"slug": slug, "run_id": finished_run.pk}),
    ):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert english.status_code == 410
        assert "no longer stored. Start a new report run" in english.content.decode()
        japanese = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
        assert japanese.status_code == 410 and "保存されていません" in japanese.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="reports.").exists()
    run_page = reverse("staff:reports:run", kwargs={"slug": slug, "run_id": finished_run.pk})
    assert client.get(run_page).status_code == 200
