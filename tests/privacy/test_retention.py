"""Retention: once the period after publication is over, identities become pseudonyms."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from consult.consultations.models import Consultation
from consult.privacy.erasure import response_erase
from consult.privacy.models import AuditAction, AuditEvent, Erasure, PseudonymKey
from consult.privacy.retention import consultations_past_retention, retention_apply
from consult.privacy.tasks import apply_retention
from consult.responses.models import Answer, ClauseComment, Respondent, Response
from tests.factories import ConsultationFactory

from .conftest import PLANTED_EMAIL, PLANTED_NAME, publish

pytestmark = pytest.mark.django_db


def after_retention(consultation: Consultation, days: int = 1):
    consultation.refresh_from_db()
    assert consultation.published_at is not None
    return consultation.published_at + timedelta(days=consultation.retention_days + days)


def everything() -> list[tuple]:
    """Every personal-data-bearing row, to compare before and after a run."""
    return [
        *Respondent.objects.order_by("pk").values_list(
            "pk", "name", "email", "email_verified_at", "organisation_name", "updated_at"
        ),
        *Answer.objects.order_by("pk").values_list("pk", "text", "value"),
        *ClauseComment.objects.order_by("pk").values_list("pk", "text"),
        *Erasure.objects.order_by("pk").values_list("pk", "reason", "pseudonym", "erased_at"),
    ]


def test_publish_records_when(consultation):
    before = timezone.now()
    publish(consultation)
    consultation.refresh_from_db()
    assert consultation.status == "published" and consultation.published_at >= before
    assert consultation.retention_days == 365


def test_nothing_is_erased_before_the_period_ends(consultation, submit_response):
    submit_response(consultation)
    publish(consultation)
    early = after_retention(consultation, days=-1)
    assert consultations_past_retention(now=early) == []
    assert retention_apply(now=early).responses == 0
    assert Respondent.objects.get().email == PLANTED_EMAIL


def test_unpublished_consultations_are_never_due(consultation, submit_response):
    submit_response(consultation)
    far = timezone.now() + timedelta(days=10_000)
    assert retention_apply(now=far).consultations == 0
    assert Respondent.objects.get().name == PLANTED_NAME


def test_retention_erases_identities_and_redacts_texts(consultation, submit_response):
    mine = submit_response(consultation)
    same_person = submit_response(consultation, comment="二度目の意見です。")
    someone_else = submit_response(consultation, email="hanako@example.org", name="佐藤花子")
    org = submit_response(
        consultation,
        kind="organisation",
        organisation_name="監視社会を考える会",
        name="担当 鈴木一郎",
        email="office@example.org",
        free_text="団体として反対します。",
        comment="保存期間を短くすべきです。",
    )
    Respondent.objects.filter(pk=mine.respondent_id).update(email_verified_at=timezone.now())
    publish(consultation)

    result = retention_apply(now=after_retention(consultation))

    assert (result.consultations, result.responses) == (1, 4)
    respondents = {r.response.pk: r for r in Respondent.objects.select_related("response")}
    for respondent in respondents.values():
        assert respondent.email == "" and respondent.email_verified_at is None
        assert respondent.name.startswith("psn-")
    assert respondents[org.pk].organisation_name == "監視社会を考える会"  # public: kept
    assert respondents[org.pk].kind == "organisation" and respondents[mine.pk].region == "13"
    # One person (one email) keeps one pseudonym in a consultation; different people differ.
    assert respondents[mine.pk].name == respondents[same_person.pk].name
    assert respondents[mine.pk].name != respondents[someone_else.pk].name
    texts = [
        *Answer.objects.filter(question__kind="free_text").values_list("text", flat=True),
        *ClauseComment.objects.values_list("text", flat=True),
    ]
    joined = "\n".join(texts)
    for planted in (PLANTED_EMAIL, PLANTED_NAME, "090-1234-5678", "佐藤花子", "鈴木一郎"):
        assert planted not in joined
    assert "［メール］" in joined and "［電話番号］" in joined
    assert "72時間は長すぎます。" in joined  # the opinion itself stays
    free = Answer.objects.get(response=mine, question__key="comments")
    assert free.value == free.text and "［電話番号］" in free.text
    assert result.texts_redacted == 5  # two comments with the email, three answers with a phone
    erasures = Erasure.objects.filter(reason="retention")
    assert erasures.count() == 4
    assert {e.pseudonym for e in erasures} == {r.name for r in respondents.values()}
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_ERASE)
    assert event.actor_kind == "system" and event.department_id == consultation.department_id
    assert sorted(event.object_ids) == sorted(respondents) and event.object_count == 4
    assert Response.objects.filter(status="submitted").count() == 4  # still counted


def test_second_run_changes_nothing(consultation, submit_response):
    submit_response(consultation)
    submit_response(consultation, email="")
    publish(consultation)
    now = after_retention(consultation)
    retention_apply(now=now)
    state, events = everything(), AuditEvent.objects.count()
    again = retention_apply(now=now + timedelta(days=3))
    assert (again.consultations, again.responses, again.texts_redacted) == (1, 0, 0)
    assert everything() == state
    assert AuditEvent.objects.count() == events


def test_pseudonyms_differ_across_consultations(submit_response):
    first, second = ConsultationFactory(), ConsultationFactory()
    a = submit_response(first)
    b = submit_response(second)  # the same email address in another consultation
    publish(first)
    publish(second)
    retention_apply(now=max(after_retention(first), after_retention(second)))
    a.respondent.refresh_from_db()
    b.respondent.refresh_from_db()
    assert a.respondent.name.startswith("psn-") and b.respondent.name.startswith("psn-")
    assert a.respondent.name != b.respondent.name
    assert PseudonymKey.objects.count() == 2


def test_pseudonyms_are_stable_for_later_arrivals(consultation, submit_response):
    """A response added after a run (e.g. a late import) gets the same person's pseudonym."""
    first = submit_response(consultation)
    publish(consultation)
    now = after_retention(consultation)
    retention_apply(now=now)
    late = submit_response(ConsultationFactory())  # submitted elsewhere, then moved here
    Response.objects.filter(pk=late.pk).update(consultation=consultation)
    retention_apply(now=now)
    first.respondent.refresh_from_db()
    late.respondent.refresh_from_db()
    assert late.respondent.name == first.respondent.name


def test_responses_erased_on_request_are_left_alone(consultation, submit_response):
    kept, erased = submit_response(consultation), submit_response(consultation)
    response_erase(response=erased)
    publish(consultation)
    assert retention_apply(now=after_retention(consultation)).responses == 1
    erased.respondent.refresh_from_db()
    assert erased.respondent.name == "" and erased.erasure.reason == "request"
    kept.respondent.refresh_from_db()
    assert kept.respondent.name.startswith("psn-")


def test_task_is_scheduled_daily_and_runs_the_service(consultation, submit_response):
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-apply-retention"]
    assert entry["task"] == apply_retention.name == "privacy.apply_retention"
    submit_response(consultation)
    publish(consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        published_at=timezone.now() - timedelta(days=400)
    )
    assert apply_retention() == {"consultations": 1, "responses": 1, "texts_redacted": 2}
    assert Respondent.objects.get().email == ""


def test_a_run_cut_short_queues_its_continuation(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from consult.privacy import tasks

    def cut_short(**kwargs):
        raise SoftTimeLimitExceeded()

    queued = []
    monkeypatch.setattr(tasks, "retention_apply", cut_short)
    monkeypatch.setattr(tasks.apply_retention, "apply_async", lambda **kw: queued.append(kw))
    assert apply_retention() == {"continued": 1}
    assert queued == [{"countdown": 60}]


def test_a_run_goes_through_every_chunk_past_responses_erased_before(
    consultation, submit_response, monkeypatch
):
    from consult.privacy import retention

    monkeypatch.setattr(retention, "CHUNK", 2)
    responses = [submit_response(consultation) for _ in range(7)]
    response_erase(response=responses[2])  # gaps between chunks: erased on request
    response_erase(response=responses[3])
    publish(consultation)
    assert retention_apply(now=after_retention(consultation)).responses == 5
    assert Erasure.objects.filter(reason="request").count() == 2
    assert Erasure.objects.count() == 7  # each response erased exactly once
    assert not Respondent.objects.exclude(name="").exclude(name__startswith="psn-").exists()
