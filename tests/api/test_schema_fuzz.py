"""Property-based: requests generated from the OpenAPI schema never cause a 5xx or a response the
schema does not describe. Bounded examples per operation, in-process (WSGI), every operation:
anonymously, and with an official's and an organisation's token on the consultation they can
reach, so the generated bodies and queries get past authentication to the code behind it."""

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from consult.accounts.models import Organisation, OrganisationMembership
from consult.accounts.tokens import api_token_create
from consult.wsgi import application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25
EXAMPLES_PER_OPERATION_WITH_TOKEN = 15


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request signals that would close the test's database
    connection (and its transaction); disconnect them as Django's test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_conforms_to_its_schema(consultation, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 3
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        check()


def _token(principal: str, official) -> str:
    if principal == "official":
        return api_token_create(access="write", user=official, name="fuzz")[1]
    organisation = Organisation.objects.create(
        slug="fuzz-org", name="Fuzz Org", verified_at=timezone.now()
    )
    member = UserFactory(is_staff=False, department=None)
    OrganisationMembership.objects.create(organisation=organisation, user=member, role="owner")
    return api_token_create(access="write", user=member, name="fuzz", organisation=organisation)[1]


@pytest.mark.parametrize("principal", ["official", "organisation"])
def test_every_operation_conforms_with_a_token(
    principal, consultation, official, keep_test_connection
):
    headers = {"Authorization": f"Token {_token(principal, official)}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    for operation in (result.ok() for result in schema.get_all_operations()):

        @given(case=operation.as_strategy(), real=st.booleans())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION_WITH_TOKEN,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: schemathesis.Case, real: bool) -> None:
            if real and case.path_parameters and "slug" in case.path_parameters:
                case.path_parameters["slug"] = consultation.slug  # past the 404
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
