"""The admin site shows responses and respondents but cannot change them, and every look at a
respondent's details there is in the audit log, as on the staff pages."""

import pytest

from consult.privacy.models import AuditAction, AuditEvent
from consult.responses.models import Respondent
from consult.responses.services import response_submit
from tests.conftest import valid_input
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, staff_role="admin"))
    return client


@pytest.fixture
def response(consultation):
    data = valid_input()
    data.respondent.name = "山田 花子"
    data.respondent.consent = "anonymous"
    submitted, _created = response_submit(consultation=consultation, data=data)
    return submitted


def test_looking_at_a_response_or_respondent_is_audited(admin_client, response):
    page = admin_client.get(f"/admin/responses/response/{response.pk}/change/")
    assert page.status_code == 200
    respondent_page = admin_client.get(
        f"/admin/responses/respondent/{response.respondent_id}/change/"
    )
    assert respondent_page.status_code == 200 and "山田 花子" in respondent_page.content.decode()
    events = AuditEvent.objects.filter(action=AuditAction.RESPONSE_VIEW)
    assert events.count() == 2
    assert {event.consultation_id for event in events} == {response.consultation_id}


def test_the_list_of_respondents_shows_no_personal_details(admin_client, response):
    page = admin_client.get("/admin/responses/respondent/").content.decode()
    assert "山田 花子" not in page
    assert not AuditEvent.objects.exists()


def test_consent_and_answers_cannot_be_changed_or_deleted_there(admin_client, response):
    respondent_url = f"/admin/responses/respondent/{response.respondent_id}/change/"
    assert admin_client.post(respondent_url, {"consent": "named"}).status_code == 403
    response_url = f"/admin/responses/response/{response.pk}/"
    assert admin_client.post(response_url + "delete/", {"post": "yes"}).status_code == 403
    assert Respondent.objects.get(pk=response.respondent_id).consent == "anonymous"
    assert response.answers.exists()
