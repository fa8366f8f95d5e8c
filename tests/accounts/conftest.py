import pytest

from consult.accounts.models import Organisation, OrganisationMembership
from tests.factories import UserFactory


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(slug="privacy-first", name="Privacy First")


@pytest.fixture
def org_member(organisation):
    """An organisation member without staff access."""
    user = UserFactory(is_staff=False, department=None)
    OrganisationMembership.objects.create(organisation=organisation, user=user, role="owner")
    return user
