import pytest
from django.utils import timezone

from consult.accounts.models import Organisation, OrganisationMembership
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def member(organisation, role, **fields):
    user = UserFactory(is_staff=False, department=None, staff_role="", **fields)
    OrganisationMembership.objects.create(organisation=organisation, user=user, role=role)
    return user


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        slug="privacy-first",
        name="Privacy First",
        kind="ngo",
        contact_email="office@privacy-first.example",
    )


@pytest.fixture
def verified(organisation):
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["verified_at"])
    return organisation


@pytest.fixture
def owner(organisation):
    return member(organisation, "owner")


@pytest.fixture
def editor(organisation):
    return member(organisation, "editor")


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, department=None, staff_role="")
