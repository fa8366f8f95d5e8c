from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from consult.demo.campaigns import DEMO_CAMPAIGN, demo_campaign_supporters_load
from consult.demo.loader import demo_load


class Command(BaseCommand):
    help = "Load the three demo consultations and demo staff logins (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo consultations loaded."))
        supporters = demo_campaign_supporters_load()
        if supporters:
            self.stdout.write(
                f"Campaign: {settings.SITE_URL}/campaigns/{DEMO_CAMPAIGN}/ ({supporters} supporters)"
            )
        self.stdout.write(f"Site: {settings.SITE_URL}/   Staff: {settings.SITE_URL}/staff/")
        for login in logins:
            code = f"  backup code {login.backup_code}" if login.backup_code else ""
            self.stdout.write(
                f"  login {login.username:32} password {login.password}  ({login.department}){code}"
            )
        self.stdout.write(
            "Staff sign-ins ask for a second factor: set up an authenticator app from the page "
            "shown, or enter the login's backup code (single use; run load_demo again for new ones)."
        )
