"""Staff: every look at a response is recorded; department administrators read their log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from consult.privacy.audit import audit_record
from consult.privacy.models import AuditAction, AuditEvent
from tests.factories import ConsultationFactory, UserFactory

pytestmark = pytest.mark.django_db

AUDIT_URL = "/staff/audit/"


def test_audit_url_is_not_taken_for_a_consultation_slug():
    assert reverse("privacy:audit") == AUDIT_URL


def test_staff_response_view_writes_exactly_one_event(
    client, consultation, official, submit_response
):
    response = submit_response(consultation)
    client.force_login(official)
    url = reverse("staff:response", args=[consultation.slug, response.reference])
    page = client.get(url, REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="pytest-browser")
    assert page.status_code == 200
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.RESPONSE_VIEW
    assert (event.user_id, event.username) == (official.pk, official.username)
    assert event.object_type == "responses.response" and event.object_ids == [response.pk]
    assert event.department_id == consultation.department_id
    assert (event.ip, event.user_agent) == ("192.0.2.44", "pytest-browser")


def test_no_event_when_the_response_is_not_shown(client, consultation, other_official, official):
    client.force_login(official)
    assert (
        client.get(reverse("staff:response", args=[consultation.slug, "NOPE"])).status_code == 404
    )
    client.force_login(other_official)  # another department: 404 before anything is read
    assert (
        client.get(reverse("staff:response", args=[consultation.slug, "NOPE"])).status_code == 404
    )
    assert not AuditEvent.objects.exists()


def _events_in_two_departments(consultation, official):
    other = ConsultationFactory()
    other_official = UserFactory(department=other.department, username="elsewhere")
    audit_record(user=official, action=AuditAction.RESPONSE_VIEW, objects=[consultation])
    audit_record(user=other_official, action=AuditAction.RESPONSE_VIEW, objects=[other])
    return other


def test_department_admin_sees_only_their_department(
    client, consultation, official, department_admin
):
    other = _events_in_two_departments(consultation, official)
    client.force_login(department_admin)
    page = client.get(AUDIT_URL, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert official.username in html and consultation.slug in html
    assert "elsewhere" not in html and other.slug not in html


def test_another_departments_admin_sees_none_of_ours(client, consultation, official):
    _events_in_two_departments(consultation, official)
    third = ConsultationFactory()
    admin = UserFactory(department=third.department)
    admin.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client.force_login(admin)
    page = client.get(AUDIT_URL)
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == []
    assert official.username not in page.content.decode()


def test_superuser_sees_every_department(client, consultation, official):
    _events_in_two_departments(consultation, official)
    root = UserFactory(is_superuser=True, department=None)
    client.force_login(root)
    assert client.get(AUDIT_URL).context["page"].paginator.count == 2


@pytest.mark.parametrize("role", ["analyst", "moderator"])
def test_staff_whose_role_lacks_the_audit_right_are_refused(client, consultation, role):
    client.force_login(UserFactory(department=consultation.department, staff_role=role))
    assert client.get(AUDIT_URL).status_code == 403
    client.logout()
    assert client.get(AUDIT_URL).status_code == 302  # to the sign-in page


def test_filters_by_user_action_and_date(client, consultation, official, department_admin):
    audit_record(user=official, action=AuditAction.RESPONSE_VIEW, objects=[consultation])
    audit_record(user=department_admin, action=AuditAction.RESPONSES_EXPORT, objects=[consultation])
    client.force_login(department_admin)

    def count(**query):
        page = client.get(AUDIT_URL, query)
        assert page.status_code == 200, page.content.decode()[:500]
        return page.context["page"].paginator.count

    today = timezone.localdate()
    assert count() == 2
    assert count(user=official.username) == 1
    assert count(action="responses.export") == 1
    assert count(date_from=today.isoformat(), date_to=today.isoformat()) == 2
    assert count(date_from=(today + timedelta(days=1)).isoformat()) == 0
    assert count(date_to=(today - timedelta(days=1)).isoformat()) == 0


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2026-13-45"},
        {"action": "responses.delete_everything"},
        {"date_from": "2026-05-02", "date_to": "2026-05-01"},
        {"user": "x" * 151},
    ],
)
def test_bad_filters_are_a_clear_400(client, consultation, department_admin, query):
    audit_record(user=department_admin, action=AuditAction.RESPONSE_VIEW, objects=[consultation])
    client.force_login(department_admin)
    page = client.get(AUDIT_URL, query, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert 'class="error-summary"' in page.content.decode()
    assert page.context["page"].paginator.count == 0


def test_audit_page_query_budget(
    client, consultation, official, department_admin, django_assert_max_num_queries
):
    for _ in range(60):
        audit_record(user=official, action=AuditAction.RESPONSE_VIEW, objects=[consultation])
    client.force_login(department_admin)
    # session, user, permissions (2), actions, count, page, consultation slugs
    with django_assert_max_num_queries(8):
        page = client.get(AUDIT_URL, {"page": "2"})
    assert page.status_code == 200 and len(page.context["page"].object_list) == 10
