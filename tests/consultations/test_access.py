import pytest
from django.urls import reverse

from consult.consultations.access import consultations_for_staff
from tests.factories import ConsultationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_official_sees_only_their_department(consultation, official, other_official):
    assert list(consultations_for_staff(official)) == [consultation]
    assert list(consultations_for_staff(other_official)) == []


def test_superuser_sees_every_department(consultation):
    ConsultationFactory()
    admin = UserFactory(is_superuser=True, department=None)
    assert consultations_for_staff(admin).count() == 2


def test_inactive_or_non_staff_see_nothing(consultation):
    assert (
        consultations_for_staff(
            UserFactory(department=consultation.department, is_active=False)
        ).count()
        == 0
    )
    assert (
        consultations_for_staff(
            UserFactory(department=consultation.department, is_staff=False)
        ).count()
        == 0
    )


@pytest.mark.parametrize("name", ["staff:consultation"])
def test_other_department_gets_404_on_staff_pages(client, consultation, other_official, name):
    client.force_login(other_official)
    assert client.get(reverse(name, args=[consultation.slug])).status_code == 404
    assert (
        client.post(
            reverse("staff:transition", args=[consultation.slug]), {"action": "close"}
        ).status_code
        == 404
    )
    consultation.refresh_from_db()
    assert consultation.status == "open"


def test_own_department_sees_and_manages(client, consultation, official):
    client.force_login(official)
    page = client.get(reverse("staff:consultation", args=[consultation.slug]))
    assert page.status_code == 200
    client.post(reverse("staff:transition", args=[consultation.slug]), {"action": "close"})
    consultation.refresh_from_db()
    assert consultation.status == "closed"


def test_anonymous_is_sent_to_login(client, consultation):
    response = client.get(reverse("staff:consultation", args=[consultation.slug]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
