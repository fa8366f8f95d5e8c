"""Demo data: the three bilingual consultations, each department's staff (administrator, moderator,
analyst) and a platform administrator."""

import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from consult.accounts.models import Department
from consult.accounts.otp import backup_code_named_replace
from consult.consultations.documents import consultation_load_document
from consult.consultations.models import Consultation

from .campaigns import demo_campaigns_load

DOCUMENTS_DIR = Path(__file__).resolve().parent / "consultations"
DEMO_PASSWORD = "consult-demo-2026"  # noqa: S105 - documented demo login, local use only
DEMO_BACKUP_DEVICE = "demo backup code"
DEMO_STAFF_ROLES = ("moderator", "analyst")
"""Besides each department's administrator (`official-<code>`), a login per role and department."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    department: str
    backup_code: str = ""
    """Staff: a single-use code for the second factor (a new one each time the demo is loaded)."""


def _with_backup_code(login: DemoLogin) -> DemoLogin:
    """A staff login with a backup code: the demo can be tried without an authenticator app
    (after signing in with it, the API keys page offers to set one up)."""
    user = get_user_model().objects.get(username=login.username)
    return replace(login, backup_code=backup_code_named_replace(user=user, name=DEMO_BACKUP_DEVICE))


def demo_documents() -> list[Path]:
    return sorted(DOCUMENTS_DIR.glob("*.json"))


@transaction.atomic
def demo_load(*, now: datetime | None = None) -> list[DemoLogin]:
    """Create or refresh the demo consultations (open now for 30 more days), one official per
    department and an administrator. Safe to run again: nothing is duplicated."""
    now = now or timezone.now()
    User = get_user_model()
    logins: list[DemoLogin] = []
    for path in demo_documents():
        document = json.loads(path.read_text(encoding="utf-8"))
        consultation, created = consultation_load_document(document=document)
        if created or consultation.status == Consultation.Status.DRAFT:
            Consultation.objects.filter(pk=consultation.pk).update(
                status=Consultation.Status.OPEN,
                opens_at=now - timedelta(days=14),
                closes_at=now + timedelta(days=30),
            )
    for department in Department.objects.filter(consultations__isnull=False).distinct():
        username = f"official-{department.code}"
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"is_staff": True, "department": department, "staff_role": "department_admin"},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        logins.append(DemoLogin(username, DEMO_PASSWORD, department.code))
        for role in DEMO_STAFF_ROLES:  # the narrower roles, to try what each may do
            username = f"{role}-{department.code}"
            user, _created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "department": department, "staff_role": role},
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            logins.append(DemoLogin(username, DEMO_PASSWORD, department.code))
    admin, _created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    logins.append(DemoLogin("admin", DEMO_PASSWORD, "*"))
    logins = [_with_backup_code(login) for login in logins]  # staff need a second factor
    for username, organisation in demo_campaigns_load(password=DEMO_PASSWORD, now=now):
        logins.append(DemoLogin(username, DEMO_PASSWORD, f"organisation {organisation}"))
    return logins
