"""Every URL of the project, requested as every role, against `tests/route_table.py`.

One test fails listing any URL name without an entry in the table (a new route must say who may
use it); one test per entry makes one request per role and reports every cell that differs.
"""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db.models import Max
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import ApiToken, Organisation, OrganisationMembership, User
from consult.accounts.tokens import api_token_create
from consult.campaigns.models import Campaign
from consult.consultations.documents import consultation_document
from consult.consultations.models import Consultation
from consult.moderation.models import FalseAttributionReport, ModerationItem
from consult.moderation.scanning import moderation_scan
from consult.moderation.services import false_attribution_report_create
from consult.privacy.models import AuditEvent
from consult.reports.models import ReportRun, Theme
from consult.reports.services.artifacts import artifact_store
from consult.responses.models import Respondent, Response, ResponseAttachment
from consult.responses.services import (
    email_verification_token,
    response_private_token,
    response_submit,
)
from consult.responses.submission import RespondentInput
from tests.conftest import valid_input
from tests.factories import ConsultationFactory, UserFactory
from tests.route_table import (
    ADMIN_LOGIN,
    ADMIN_RULE_NAMES,
    LOGIN,
    REFUSALS,
    ROLES,
    TABLE,
    Outcome,
    World,
)

pytestmark = pytest.mark.django_db


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = pattern.name or f"<unnamed> {route}"
            yield (f"{namespace}:{name}" if namespace and pattern.name else name), route


def project_routes() -> dict[str, str]:
    """Namespaced name → route of every URL pattern (unnamed ones named by their route)."""
    return dict(_walk(get_resolver().url_patterns, "", ""))


def _covered(name: str, route: str) -> bool:
    """The admin's URLs (named or not) by its rule; every other by an entry of its own."""
    if name.startswith("admin:") or route.startswith(reverse("admin:index").lstrip("/")):
        return True
    return any(key.split(" ")[0] == name for key in TABLE)


def test_every_route_has_an_entry():
    routes = project_routes()
    names = set(routes)
    missing = sorted(name for name, route in routes.items() if not _covered(name, route))
    assert not missing, (
        "Add these routes to tests/route_table.py (expected outcome per role): "
        + ", ".join(missing)
    )
    stale = sorted({key.split(" ")[0] for key in TABLE} - names)
    assert not stale, f"These entries name no route any more: {stale}"
    assert set(ADMIN_RULE_NAMES) <= set(TABLE)
    for key, route in TABLE.items():
        assert set(route.expect) == set(ROLES), f"{key} must give an outcome for every role"


@pytest.fixture
def world(db: Any) -> tuple[World, dict[str, User | None], dict[str, str]]:
    """Two departments' consultations, a response with its links, a finished run, a theme, a
    user per role and an API key per role."""
    consultation = ConsultationFactory()
    other = ConsultationFactory()
    data = valid_input()
    data.respondent = RespondentInput(
        kind="individual",
        consent="anonymous",
        region="13",
        email="hanako@example.jp",
        notice_accepted=True,
    )
    response, _created = response_submit(consultation=consultation, data=data)
    run = ReportRun.objects.create(
        consultation=consultation, language="ja", status=ReportRun.Status.SUCCEEDED
    )
    artifact_store(run=run, format="json", filename="report.json", data=b"{}")
    artifact_store(run=run, format="html", filename="report.html", data=b"<p>report</p>")
    theme = Theme.objects.create(
        consultation=consultation,
        section="q:comments",
        key="accuracy",
        label="Accuracy",
        source=Theme.Source.OFFICIAL,
        last_run=run,
    )
    organisation = Organisation.objects.create(slug="privacy-first", name="Privacy First")
    member = UserFactory(is_staff=False, staff_role="", department=None)
    owner = OrganisationMembership.objects.create(
        organisation=organisation, user=member, role="owner"
    )
    Organisation.objects.filter(pk=organisation.pk).update(verified_at=timezone.now())
    own, _created = response_submit(consultation=consultation, data=valid_input())
    Response.objects.filter(pk=own.pk).update(responding_organisation=organisation)
    attachment = ResponseAttachment.objects.create(
        response=own,
        original_name="position.txt",
        kind=ResponseAttachment.Kind.TXT,
        size=5,
        sha256="0" * 64,
        file=ContentFile(b"hello", name="position.txt"),
    )
    campaign = Campaign.objects.create(
        organisation=organisation,
        consultation=consultation,
        slug="no-cameras-at-stations",
        title_en="No cameras at stations",
        status=Campaign.Status.ACTIVE,
        published_at=timezone.now(),
    )
    moderation_scan(response_id=response.pk)
    misattribution = false_attribution_report_create(
        reference=response.reference, statement="I did not write this."
    )
    published = ConsultationFactory(
        department=consultation.department,
        status=Consultation.Status.PUBLISHED,
        opens_at=timezone.now() - timedelta(days=40),
        closes_at=timezone.now() - timedelta(days=10),
        published_at=timezone.now(),
    )
    public_run = ReportRun.objects.create(
        consultation=published, language="en", status=ReportRun.Status.SUCCEEDED
    )
    artifact_store(run=public_run, format="json", filename="report.json", data=b"{}")
    artifact_store(run=public_run, format="html", filename="report.html", data=b"<p>report</p>")
    department = consultation.department
    users: dict[str, User | None] = {
        "anonymous": None,
        "citizen": None,
        "org_member": member,
        "moderator": UserFactory(department=department, staff_role="moderator"),
        "analyst": UserFactory(department=department, staff_role="analyst"),
        "department_admin": UserFactory(department=department, staff_role="department_admin"),
        "other_department_admin": UserFactory(
            department=other.department, staff_role="department_admin"
        ),
        "platform_admin": UserFactory(is_superuser=True, staff_role="", department=None),
    }
    keys: dict[str, str] = {}
    analyst_token = None
    for role, user in users.items():
        if user is None:
            continue
        token, keys[role] = api_token_create(
            access="write",
            user=user,
            name=f"{role} key",
            organisation=organisation if role == "org_member" else None,
        )
        if role == "analyst":
            analyst_token = token
    assert analyst_token is not None
    built = World(
        slug_a=consultation.slug,
        slug_b=other.slug,
        reference=response.reference,
        private_token=response_private_token(response),
        verify_token=email_verification_token(response),
        run_id=run.pk,
        theme_id=theme.pk,
        analyst_token_id=analyst_token.pk,
        document_a=consultation_document(consultation),
        organisation_slug=organisation.slug,
        campaign_slug=campaign.slug,
        moderation_item_id=ModerationItem.objects.filter(consultation=consultation)
        .values_list("pk", flat=True)
        .first(),
        misattribution_report_id=misattribution.pk,
        published_slug=published.slug,
        org_response_reference=own.reference,
        attachment_id=attachment.pk,
        owner_membership_id=owner.pk,
    )
    return built, users, keys


def _fingerprint() -> list[tuple[str, int, Any]]:
    """Row counts and latest changes of what a request could write."""
    rows = []
    for model in (
        Consultation,
        Response,
        Respondent,
        ResponseAttachment,
        ReportRun,
        Theme,
        ApiToken,
        AuditEvent,
        ModerationItem,
        FalseAttributionReport,
        Organisation,
        OrganisationMembership,
        Campaign,
    ):
        changed = "at" if model is AuditEvent else "updated_at"
        qs = model.objects.all()  # type: ignore[attr-defined]
        rows.append((model.__name__, qs.count(), qs.aggregate(m=Max(changed))["m"]))
    rows.append(("revoked", ApiToken.objects.exclude(revoked_at=None).count(), None))
    rows.append(
        ("statuses", 0, tuple(Consultation.objects.order_by("pk").values_list("status", flat=True)))
    )
    return rows


def _client(role: str, api: bool, users: dict[str, User | None], keys: dict[str, str]) -> Any:
    if api:
        api_client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if role in keys:
            api_client.credentials(HTTP_AUTHORIZATION=f"Token {keys[role]}")
        return api_client
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    user = users[role]
    if user is not None:
        client.force_login(user)
    return client


def _outcome_matches(response: Any, expected: Outcome) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    sign_in, admin_sign_in = reverse("accounts:login"), reverse("admin:login")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(sign_in)
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and location.startswith(admin_sign_in)
    if expected == 302 and location.startswith((sign_in, admin_sign_in)):
        return False  # a redirect to a sign-in page is a refusal, not the page's own redirect
    return bool(response.status_code == expected)


def route_call(key: str) -> tuple[str, str, Any, bool]:
    """Of a `TABLE` key: the URL name, the HTTP method (lower case), the entry, and whether the
    route is the API's (clients authenticate with tokens there)."""
    name, _sep, method = key.partition(" ")
    route = TABLE[key]
    api = name.startswith("api:") and name not in ("api:schema", "api:docs", "api:redoc")
    return name, (method or route.method).lower(), route, api


@pytest.mark.parametrize("key", sorted(TABLE))
def test_route_for_every_role(key, world):
    built, users, keys = world
    name, method, route, api = route_call(key)
    wrong = []
    for role in ROLES:
        url = reverse(name, kwargs=route.kwargs(built, role))
        client = _client(role, api, users, keys)
        expected = route.expect[role]
        before = _fingerprint() if expected in REFUSALS else None
        data = route.data(built) if route.data is not None else None
        options: dict[str, Any] = {}
        if route.content_type:
            options["content_type"] = route.content_type
        elif api and data is not None:
            options["format"] = "json"
        elif method == "put":
            options["content_type"] = "application/json"
        call = getattr(client, method)
        response = (
            call(url, route.query or None)
            if method == "get"
            else call(url, data if data is not None else {}, **options)
        )
        if not _outcome_matches(response, expected):
            got = response.status_code
            where = response.get("Location", "") if got == 302 else ""
            wrong.append(f"{role}: expected {expected}, got {got} {where}".rstrip())
        elif before is not None and _fingerprint() != before:
            wrong.append(f"{role}: refused ({expected}) but something was written")
        if hasattr(client, "logout"):
            client.logout()
    assert not wrong, f"{key} ({url}):\n  " + "\n  ".join(wrong)
