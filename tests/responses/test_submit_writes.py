"""What one submission writes, whichever path writes it (one statement on PostgreSQL, the ORM on
SQLite): the same rows, its follow-up jobs in its own transaction and sent after it commits."""

import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from consult.core.models import OutboxJob
from consult.integrity.models import SubmissionTrace
from consult.responses.models import Answer, ClauseComment, Response
from consult.responses.services import response_submit
from consult.responses.submission import RespondentInput
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db


def test_every_row_of_a_new_submission(consultation):
    data = valid_input(
        respondent=RespondentInput(
            kind="organisation",
            name="山田 花子",
            organisation_name="市民監視ネット",
            region="27",
            age_band="40-49",
            email="hanako@example.jp",
            consent="named",
            notice_accepted=True,
        ),
        language="en",
    )
    with transaction.atomic():
        response, created = response_submit(
            consultation=consultation, data=data, channel=Response.Channel.API
        )
    assert created
    stored = Response.objects.select_related("respondent").get(pk=response.pk)
    assert (stored.reference, stored.access_token_hash) == (
        response.reference,
        response.access_token_hash,
    )
    assert stored.status == "submitted" and stored.submitted_at is not None
    assert (stored.channel, stored.language, stored.consultation_id) == (
        "api",
        "en",
        consultation.pk,
    )
    assert stored.idempotency_key is None and stored.idempotency_fingerprint == ""
    assert stored.organisation_id is None and stored.responding_organisation_id is None
    assert stored.created_at <= stored.updated_at and stored.respondent.created_at is not None
    r = stored.respondent
    assert (r.kind, r.name, r.organisation_name, r.region, r.age_band) == (
        "organisation",
        "山田 花子",
        "市民監視ネット",
        "27",
        "40-49",
    )
    assert (r.email, r.email_verified_at, r.consent) == ("hanako@example.jp", None, "named")
    assert r.notice_version == consultation.notice_version
    answers = {a.question.key: (a.value, a.text) for a in Answer.objects.filter(response=stored)}
    assert answers == {
        "overall": (2, ""),
        "retention": ("24h", ""),
        "concerns": (["accuracy", "bias"], ""),
        "priorities": (["warrant", "audit"], ""),
        "comments": ("顔認証の誤認識が心配です。", "顔認証の誤認識が心配です。"),
    }
    comments = ClauseComment.objects.filter(response=stored)
    assert [(c.section.number, c.text) for c in comments] == [("2", "72時間は長すぎます。")]
    jobs = OutboxJob.objects.order_by("id")
    assert [(j.task_name, j.kwargs, j.queue) for j in jobs] == [
        ("responses.send_confirmation", {"response_id": stored.pk}, "default"),
        ("moderation.scan_response", {"response_id": stored.pk}, "default"),
    ]
    # The returned objects are saved ones: usable as they are by the views.
    assert not response._state.adding and response.respondent.pk == r.pk


def test_an_individual_keeps_no_organisation_name_and_no_email_means_no_confirmation(
    consultation,
):
    data = valid_input()
    data.respondent.organisation_name = "書いたが個人"
    response, _created = response_submit(consultation=consultation, data=data)
    assert Response.objects.get(pk=response.pk).respondent.organisation_name == ""
    assert list(OutboxJob.objects.values_list("task_name", flat=True)) == [
        "moderation.scan_response"
    ]


@pytest.mark.django_db(transaction=True)
def test_jobs_wait_for_the_drain_asked_for_after_commit(consultation, monkeypatch):
    from consult.celery import app
    from consult.core import jobs as outbox

    asked: list[tuple[str, float | None]] = []
    send_task = app.send_task

    def recording(name, *args, **kwargs):
        asked.append((name, kwargs.get("countdown")))
        return send_task(name, *args, **kwargs)

    monkeypatch.setattr(app, "send_task", recording)
    monkeypatch.setattr(outbox, "_drain_due", 0.0)
    data = valid_input()
    data.respondent.email = "citizen@example.jp"
    first, _created = response_submit(consultation=consultation, data=data)
    second, _created = response_submit(consultation=consultation, data=valid_input())
    # Committed, not yet sent: one drain request covers both submissions.
    assert asked == [("core.drain_outbox", outbox.DRAIN_DELAY)]
    assert not OutboxJob.objects.filter(sent_at__isnull=False).exists()
    assert outbox.outbox_drain() == 3
    assert [name for name, _countdown in asked[1:]] == [
        "responses.send_confirmation",
        "moderation.scan_response",
        "moderation.scan_response",
    ]
    jobs = OutboxJob.objects.filter(kwargs__response_id__in=[first.pk, second.pk])
    assert jobs.count() == 3
    assert all(job.sent_at is not None and job.attempts == 1 for job in jobs)
    # Once the drain it asked for is due, a process asks again.
    monkeypatch.setattr(outbox, "_drain_due", 0.0)
    response_submit(consultation=consultation, data=valid_input())
    assert asked[-1] == ("core.drain_outbox", outbox.DRAIN_DELAY)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_submission_leaves_no_job_and_sends_nothing(consultation):
    with pytest.raises(RuntimeError), transaction.atomic():
        response_submit(consultation=consultation, data=valid_input())
        raise RuntimeError("the caller's transaction fails")
    assert not Response.objects.exists() and not OutboxJob.objects.exists()


def test_a_new_submission_takes_few_queries(consultation):
    """The budget of the busiest write: one statement for the rows on PostgreSQL."""
    response_submit(consultation=consultation, data=valid_input())  # questionnaire cached
    with CaptureQueriesContext(connection) as queries:
        response_submit(consultation=consultation, data=valid_input())
    writes = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(writes) <= (1 if connection.vendor == "postgresql" else 5), writes


API_BODY = {
    "language": "ja",
    "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
    "answers": [
        {"question": "overall", "value": 2},
        {"question": "retention", "value": "24h"},
        {"question": "concerns", "value": ["privacy"]},
        {"question": "priorities", "value": ["warrant", "audit", "signage"]},
        {"question": "comments", "value": "顔認証の誤認識が心配です。"},
    ],
}


def _post(consultation, **headers):
    return APIClient().post(
        f"/api/v1/consultations/{consultation.slug}/responses/?lang=en",
        json.dumps(API_BODY),
        content_type="application/json",
        **headers,
    )


def test_api_trace_is_written_with_the_submission(consultation):
    r = _post(consultation, REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="client/1.0")
    assert r.status_code == 201, r.json()
    trace = SubmissionTrace.objects.get()
    assert trace.response.reference == r.json()["reference"]
    assert len(trace.network_hash) == len(trace.user_agent_hash) == 64


def test_api_submission_survives_a_failing_trace(consultation, monkeypatch, caplog):
    def broken(**_kwargs):
        raise RuntimeError("keys database down")

    monkeypatch.setattr("consult.integrity.services.pseudonym_key", broken)
    r = _post(consultation)
    assert r.status_code == 201, r.json()
    assert Response.objects.filter(reference=r.json()["reference"]).exists()
    assert not SubmissionTrace.objects.exists()
    assert "could not record the submission trace" in caplog.text


def test_api_unknown_and_draft_consultations_are_404(consultation):
    r = APIClient().post(
        "/api/v1/consultations/no-such-thing/responses/?lang=en",
        json.dumps(API_BODY),
        content_type="application/json",
    )
    assert r.status_code == 404
    consultation.status = "draft"
    consultation.save()
    assert _post(consultation).status_code == 404


def test_api_submission_reads_the_consultation_and_its_key_once(consultation):
    """On PostgreSQL the trace's key comes with the consultation, in one query, and submissions
    in the next seconds read neither again; the hashes are those the key gives either way."""
    from consult.integrity.services import trace_hash
    from consult.privacy.pseudonyms import pseudonym_key
    from consult.responses.selectors.submission import forget_cached_consultations

    assert _post(consultation, REMOTE_ADDR="192.0.2.10").status_code == 201  # creates the key
    forget_cached_consultations()
    with CaptureQueriesContext(connection) as first:
        r = _post(consultation, REMOTE_ADDR="192.0.2.77", HTTP_USER_AGENT="client/2.0")
    assert r.status_code == 201, r.json()
    reads = [q["sql"] for q in first if q["sql"].startswith("SELECT")]
    key_reads = [sql for sql in reads if "privacy_pseudonymkey" in sql]
    if connection.vendor == "postgresql":
        # One read of the key, and it is the consultation's own query.
        assert len(key_reads) == 1 and "consultations_consultation" in key_reads[0], key_reads
    trace = SubmissionTrace.objects.get(response__reference=r.json()["reference"])
    key = pseudonym_key(consultation_id=consultation.pk)
    assert trace.network_hash == trace_hash(key=key, kind="net", value="192.0.2.0/24")
    assert trace.user_agent_hash == trace_hash(key=key, kind="ua", value="client/2.0")
    with CaptureQueriesContext(connection) as second:
        r = _post(consultation, REMOTE_ADDR="192.0.2.78", HTTP_USER_AGENT="client/2.0")
    assert r.status_code == 201, r.json()
    if connection.vendor == "postgresql":
        statements = [q["sql"] for q in second if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        assert len(statements) == 1 and statements[0].startswith("WITH"), statements
    trace = SubmissionTrace.objects.get(response__reference=r.json()["reference"])
    assert trace.user_agent_hash == trace_hash(key=key, kind="ua", value="client/2.0")


def _stored() -> int:
    return Response.objects.count()


def test_api_a_consultation_closed_after_it_was_read_takes_nothing(consultation):
    """The status changed behind the submission's back (an update that leaves updated_at as it
    was): the response's statement itself refuses, and the answer is the closed consultation's."""
    from consult.consultations.models import Consultation

    assert _post(consultation).status_code == 201
    before = _stored()
    Consultation.objects.filter(pk=consultation.pk).update(status="closed")
    r = _post(consultation)
    assert r.status_code == 409, r.json()
    assert r.json()["errors"][0]["code"] == "consultation_not_open"
    assert _stored() == before


def test_api_a_consultation_past_its_window_takes_nothing(consultation):
    from datetime import timedelta

    from django.utils import timezone

    from consult.consultations.models import Consultation

    assert _post(consultation).status_code == 201
    before = _stored()
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(seconds=1)
    )
    assert _post(consultation).status_code == 409
    assert _stored() == before


def _add_question(consultation, *, required: bool) -> None:
    """A free-text question "added", saved with a new version of the consultation, as editing
    the questionnaire does."""
    from consult.consultations.models import Consultation, Question

    Question.objects.create(
        consultation=consultation,
        key="added",
        position=99,
        kind=Question.Kind.FREE_TEXT,
        text_ja="追加の質問",
        text_en="An added question",
        required=required,
    )
    Consultation.objects.get(pk=consultation.pk).save()


def test_api_a_changed_questionnaire_is_validated_anew(consultation):
    """A question made required after the consultation was read: the submission is checked
    against the questionnaire as it is now, not as it was."""

    assert _post(consultation).status_code == 201
    before = _stored()
    _add_question(consultation, required=True)
    r = _post(consultation)
    assert r.status_code == 400, r.json()
    assert "added" in json.dumps(r.json()), r.json()
    assert _stored() == before


def test_api_a_question_added_after_the_consultation_was_read_can_be_answered(consultation):
    """A refusal never comes from a stale copy: answering a question added since the
    consultation was read is checked against the consultation as it is now."""

    assert _post(consultation).status_code == 201
    _add_question(consultation, required=False)
    body = {**API_BODY, "answers": [*API_BODY["answers"], {"question": "added", "value": "はい"}]}
    r = APIClient().post(
        f"/api/v1/consultations/{consultation.slug}/responses/?lang=en",
        json.dumps(body),
        content_type="application/json",
    )
    assert r.status_code == 201, r.json()
    saved = Response.objects.get(reference=r.json()["reference"])
    assert saved.answers.filter(question__key="added").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement's guard is SQL")
def test_a_stale_consultation_writes_nothing_and_is_read_again(consultation):
    from consult.consultations.models import Consultation
    from consult.responses.services import ConsultationChanged

    stale = Consultation.objects.get(pk=consultation.pk)
    Consultation.objects.get(pk=consultation.pk).save()  # changed after `stale` was read
    with pytest.raises(ConsultationChanged):
        response_submit(consultation=stale, data=valid_input(), reread=False)
    assert _stored() == 0
    saved, created = response_submit(consultation=stale, data=valid_input())
    assert created and saved.pk and _stored() == 1
    assert stale.updated_at == Consultation.objects.get(pk=consultation.pk).updated_at


@pytest.mark.django_db(transaction=True)
def test_api_submission_outside_a_transaction_is_one_statement_with_its_trace(consultation):
    """On PostgreSQL a new submission writes every row, its trace included, in one statement
    that commits by itself; elsewhere the same rows are there."""
    assert _post(consultation).status_code == 201  # questionnaire and pseudonym key cached
    with CaptureQueriesContext(connection) as queries:
        r = _post(consultation, REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT="client/1.0")
    assert r.status_code == 201, r.json()
    assert not connection.in_atomic_block
    if connection.vendor == "postgresql":
        writes = [q["sql"] for q in queries if q["sql"].lstrip().startswith(("WITH", "INSERT"))]
        assert len(writes) == 1 and "integrity_submissiontrace" in writes[0], writes
        assert not [q for q in queries if q["sql"].startswith("SAVEPOINT")]
    trace = SubmissionTrace.objects.get(response__reference=r.json()["reference"])
    assert len(trace.network_hash) == len(trace.user_agent_hash) == 64
    saved = Response.objects.get(reference=r.json()["reference"])
    assert saved.answers.count() == len(API_BODY["answers"])
    assert OutboxJob.objects.filter(kwargs__response_id=saved.pk).exists()


def test_an_amendment_keeps_the_trace_of_the_first_submission(consultation):
    from consult.integrity.services import submission_trace_row
    from consult.responses.insert import LinkedRow

    response, _ = response_submit(
        consultation=consultation,
        data=valid_input(),
        linked=[LinkedRow(SubmissionTrace, {"network_hash": "a" * 64, "user_agent_hash": ""})],
    )
    assert SubmissionTrace.objects.get(response=response).network_hash == "a" * 64
    request = APIClient().get("/").wsgi_request
    later = submission_trace_row(consultation_id=consultation.pk, request=request)
    assert later is not None
    response_submit(
        consultation=consultation, data=valid_input(), response=response, linked=[later]
    )
    assert SubmissionTrace.objects.get(response=response).network_hash == "a" * 64
