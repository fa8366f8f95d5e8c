"""The reports API as a client meets it: start, poll, cancel, download; errors in the one shape."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from consult.accounts.models import Organisation, OrganisationMembership
from consult.accounts.tokens import api_token_create
from consult.privacy.models import AuditEvent
from consult.reports.models import ReportRun
from consult.reports.services.artifacts import artifact_store
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_for(user, organisation=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    key = api_token_create(access="write", user=user, name="reports", organisation=organisation)[1]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def api(official):
    return client_for(official)


def start_url(consultation):
    return reverse("api:report-list", kwargs={"slug": consultation.slug})


def run_url(name, run, **extra):
    return reverse(
        f"api:report-{name}", kwargs={"slug": run.consultation.slug, "run_id": run.pk, **extra}
    )


def test_start_then_poll_then_cancel(api, consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        started = api.post(start_url(consultation), {"language": "en"}, format="json")
    assert started.status_code == 202, started.data
    body = started.json()
    assert body["status"] == "queued" and body["progress"] == 0 and body["artifacts"] == []
    run = ReportRun.objects.get(pk=body["id"])
    assert started["Location"] == run_url("detail", run)
    # A second start while the first is active: 409 in the API's error shape.
    again = api.post(start_url(consultation), {"language": "ja"}, format="json")
    assert again.status_code == 409
    assert again.json()["errors"][0]["code"] == "run_active"
    ReportRun.objects.filter(pk=run.pk).update(status="running", step="analysis", progress=40)
    polled = api.get(run_url("detail", run)).json()
    assert (polled["status"], polled["step"], polled["progress"]) == ("running", "analysis", 40)
    cancelled = api.post(run_url("cancel", run))
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    twice = api.post(run_url("cancel", run))
    assert twice.status_code == 409 and twice.json()["errors"][0]["code"] == "not_active"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({}, "language"),
        ({"language": "fr"}, "language"),
        ({"language": "ja", "parameters": {"seed": "x"}}, "parameters"),
        ({"language": "ja", "parameters": {"analysis": {"nope": 1}}}, "parameters"),
        ({"language": "ja", "parameters": []}, "parameters"),
    ],
)
def test_bad_start_requests_name_the_field(api, consultation, body, path):
    response = api.post(start_url(consultation), body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == path
    assert not ReportRun.objects.exists()


def test_download_serves_the_file_only_to_the_departments_officials(
    api, consultation, other_official
):
    run = ReportRun.objects.create(consultation=consultation, language="ja", status="succeeded")
    artifact_store(run=run, format="json", filename="report.json", data=b'{"schema_version": 1}')
    listed = api.get(run_url("detail", run)).json()["artifacts"]
    assert [(a["format"], a["size"]) for a in listed] == [("json", 21)]
    response = api.get(listed[0]["url"])
    assert response.status_code == 200
    assert json.loads(b"".join(response.streaming_content)) == {"schema_version": 1}
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action="reports.download", reason="json").count() == 1
    assert api.get(run_url("download", run, fmt="pdf")).status_code == 404
    missing = api.get(run_url("download", run, fmt="exe"))
    assert missing.status_code == 404 and missing.json()["errors"]
    # The same link for another department's official, an organisation, nobody.
    assert client_for(other_official).get(listed[0]["url"]).status_code == 404
    organisation = Organisation.objects.create(slug="ngo", name="NGO")
    member = UserFactory(is_staff=False, department=None)
    OrganisationMembership.objects.create(organisation=organisation, user=member, role="owner")
    assert client_for(member, organisation).get(listed[0]["url"]).status_code == 403
    assert APIClient().get(listed[0]["url"]).status_code == 401


def test_a_file_storage_has_lost_is_a_410_in_the_error_shape(api, consultation):
    run = ReportRun.objects.create(consultation=consultation, language="ja", status="succeeded")
    artifact = artifact_store(run=run, format="json", filename="report.json", data=b"{}")
    artifact.file.storage.delete(artifact.file.name)
    response = api.get(run_url("download", run, fmt="json"))
    assert response.status_code == 410
    error = response.json()["errors"][0]
    assert error["code"] == "file_missing" and "Start a new report run" in error["message"]
    assert not AuditEvent.objects.filter(action="reports.download").exists()


def test_another_departments_run_is_not_found(api, consultation):
    other = UserFactory()
    foreign = type(consultation).objects.create(
        slug="elsewhere",
        department=other.department,
        title_ja="他",
        title_en="Elsewhere",
        notice_version="1",
        notice_ja="n",
        notice_en="n",
    )
    run = ReportRun.objects.create(consultation=foreign, language="ja", status="running")
    assert api.get(run_url("detail", run)).status_code == 404
    assert api.post(run_url("cancel", run)).status_code == 404
    assert api.post(start_url(foreign), {"language": "ja"}, format="json").status_code == 404
    # A run id of another consultation under this consultation's address: 404 as well.
    wrong = reverse("api:report-detail", kwargs={"slug": consultation.slug, "run_id": run.pk})
    assert api.get(wrong).status_code == 404
    run.refresh_from_db()
    assert run.status == "running"
