"""The roles table, the rights a user holds on a consultation, and pages offering only those."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from consult.accounts.models import User
from consult.accounts.roles import (
    RIGHTS_BY_ROLE,
    Right,
    has_right,
    is_platform_admin,
    staff_role,
)
from consult.consultations.access import consultations_for_staff, rights_on
from consult.demo.loader import DEMO_PASSWORD, demo_load
from consult.responses.services import response_submit
from tests.conftest import valid_input
from tests.factories import ConsultationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_staff_role_has_a_row_and_the_platform_admin_every_right():
    assert set(User.StaffRole.values) | {"platform_admin"} == set(RIGHTS_BY_ROLE)
    assert RIGHTS_BY_ROLE["platform_admin"] == frozenset(Right)
    for rights in RIGHTS_BY_ROLE.values():
        assert Right.VIEW in rights


def test_moderators_see_no_personal_data_and_only_administrators_read_the_audit_log():
    moderator = RIGHTS_BY_ROLE["moderator"]
    assert Right.VIEW_PERSONAL_DATA not in moderator and Right.EXPORT not in moderator
    assert {role for role, rights in RIGHTS_BY_ROLE.items() if Right.AUDIT in rights} == {
        "department_admin",
        "platform_admin",
    }
    assert Right.TRANSITION not in RIGHTS_BY_ROLE["analyst"]


def test_staff_without_a_role_or_inactive_hold_nothing(consultation):
    no_role = UserFactory(department=consultation.department, staff_role="")
    inactive = UserFactory(department=consultation.department, is_active=False)
    for user in (no_role, inactive):
        assert staff_role(user) is None
        assert not has_right(user, Right.VIEW)
        assert rights_on(user, consultation) == frozenset()
        assert not consultations_for_staff(user).exists()


def test_rights_on_a_consultation_follow_role_and_department(consultation):
    analyst = UserFactory(department=consultation.department, staff_role="analyst")
    assert rights_on(analyst, consultation) == RIGHTS_BY_ROLE["analyst"]
    assert rights_on(analyst, ConsultationFactory()) == frozenset()
    root = UserFactory(is_superuser=True, staff_role="", department=None)
    assert rights_on(root, consultation) == frozenset(Right)


def test_lists_filter_by_the_right_asked_for(consultation):
    moderator = UserFactory(department=consultation.department, staff_role="moderator")
    assert list(consultations_for_staff(moderator, Right.VIEW)) == [consultation]
    assert not consultations_for_staff(moderator, Right.EXPORT).exists()


def test_the_consultation_page_offers_only_the_roles_actions(client, consultation):
    response, _created = response_submit(consultation=consultation, data=valid_input())
    transition = reverse("staff:transition", args=[consultation.slug])
    detail = reverse("staff:response", args=[consultation.slug, response.reference])
    page_url = reverse("staff:consultation", args=[consultation.slug])

    client.force_login(UserFactory(department=consultation.department, staff_role="moderator"))
    html = client.get(page_url).content.decode()
    assert response.reference in html
    assert transition not in html and detail not in html

    client.force_login(UserFactory(department=consultation.department, staff_role="analyst"))
    html = client.get(page_url).content.decode()
    assert transition not in html and detail in html

    client.force_login(UserFactory(department=consultation.department))  # department admin
    html = client.get(page_url).content.decode()
    assert transition in html and detail in html


def test_demo_has_a_login_per_role_and_department():
    demo_load()
    for role in ("moderator", "analyst"):
        user = authenticate(username=f"{role}-digital-safety", password=DEMO_PASSWORD)
        assert user is not None and user.staff_role == role
        assert user.department.code == "digital-safety"
    official = User.objects.get(username="official-digital-safety")
    assert official.staff_role == "department_admin"


def test_only_an_active_superuser_is_the_platform_administrator(consultation):
    root = UserFactory(is_superuser=True, staff_role="", department=None)
    assert is_platform_admin(root)
    assert not is_platform_admin(UserFactory(department=consultation.department))
    root.is_active = False
    assert not is_platform_admin(root)
