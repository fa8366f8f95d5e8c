"""The audit log: what an event records, and that nothing can change or delete it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory, override_settings

from consult.accounts.models import Department
from consult.privacy import audit
from consult.privacy.audit import audit_record, client_ip
from consult.privacy.models import ActorKind, AuditAction, AuditEvent, AuditLogImmutable
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)


def staff_request(**meta):
    return RequestFactory().get("/staff/x/", HTTP_USER_AGENT="Mozilla/5.0 " + "x" * 400, **meta)


def test_staff_event_records_who_what_which_where(consultation, official):
    request = staff_request(REMOTE_ADDR="192.0.2.10")
    event = audit_record(
        user=official,
        action=AuditAction.RESPONSES_EXPORT,
        objects=[consultation],
        request=request,
        reason="annual review",
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_kind == ActorKind.STAFF
    assert (event.user_id, event.username) == (official.pk, official.username)
    assert event.action == "responses.export"
    assert (event.object_type, event.object_ids, event.object_count) == (
        "consultations.consultation",
        [consultation.pk],
        1,
    )
    assert event.consultation_id == consultation.pk
    assert event.department_id == consultation.department_id
    assert event.ip == "192.0.2.10"
    assert event.user_agent.startswith("Mozilla/5.0") and len(event.user_agent) == 300
    assert event.reason == "annual review"


def test_respondent_and_system_events_keep_no_address(consultation):
    request = staff_request(REMOTE_ADDR="198.51.100.7")
    by_respondent = audit_record(
        user=None, action=AuditAction.SUBJECT_ACCESS, objects=[consultation], request=request
    )
    by_system = audit_record(user=None, action=AuditAction.RETENTION_ERASE, objects=[consultation])
    assert by_respondent.actor_kind == ActorKind.RESPONDENT
    assert by_system.actor_kind == ActorKind.SYSTEM
    for event in (by_respondent, by_system):
        assert event.ip is None and event.user_agent == "" and event.user_id is None


@pytest.mark.parametrize(
    ("num_proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no trusted proxy: the header is the client's to forge
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged first hop is ignored
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, "not-an-address", None),
    ],
)
def test_client_ip_follows_num_proxies(settings, num_proxies, forwarded, expected):
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": num_proxies}):
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        assert client_ip(request) == expected


def test_object_ids_are_bounded_but_counted(monkeypatch):
    monkeypatch.setattr(audit, "MAX_OBJECT_IDS", 3)
    departments = DepartmentFactory.create_batch(5)
    event = audit_record(user=None, action="departments.view", objects=Department.objects.all())
    assert event.object_ids == sorted(d.pk for d in departments)[:3]
    assert event.object_count == 5
    listed = audit_record(user=None, action="departments.view", objects=departments)
    assert len(listed.object_ids) == 3 and listed.object_count == 5


def test_queryset_of_responses_carries_their_department(consultation, submit_response):
    from consult.responses.models import Response

    submit_response(consultation)
    event = audit_record(
        user=None, action=AuditAction.RESPONSES_EXPORT, objects=Response.objects.all()
    )
    assert event.department_id == consultation.department_id and event.object_count == 1


@pytest.mark.parametrize("action", ["View", "response", "response.", "x" * 30 + "." + "y" * 40])
def test_malformed_action_codes_are_refused(consultation, action):
    with pytest.raises(ValueError):
        audit_record(user=None, action=action, objects=[consultation])
    assert not AuditEvent.objects.exists()


def test_mixed_or_empty_objects_are_refused(consultation):
    with pytest.raises(ValueError):
        audit_record(user=None, action="x.view", objects=[])
    with pytest.raises(ValueError):
        audit_record(user=None, action="x.view", objects=[consultation, consultation.department])


def test_model_refuses_change_and_delete(consultation):
    event = audit_record(user=None, action=AuditAction.RETENTION_ERASE, objects=[consultation])
    event.reason = "tampered"
    with pytest.raises(AuditLogImmutable):
        event.save()
    with pytest.raises(AuditLogImmutable):
        event.delete()
    with pytest.raises(AuditLogImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(reason="tampered")
    with pytest.raises(AuditLogImmutable):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@on_postgresql
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE privacy_auditevent SET reason = 'tampered' WHERE id = %s",
        "DELETE FROM privacy_auditevent WHERE id = %s",
    ],
)
def test_database_refuses_raw_update_and_delete(consultation, sql):
    event = audit_record(user=None, action=AuditAction.RETENTION_ERASE, objects=[consultation])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_only_view_permission_exists():
    from django.contrib.auth.models import Permission

    codenames = set(
        Permission.objects.filter(
            content_type__app_label="privacy", codename__endswith="event"
        ).values_list("codename", flat=True)
    )
    assert codenames == {"view_auditevent"}
