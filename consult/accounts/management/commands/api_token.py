"""`manage.py api_token create|list|revoke`: API tokens from the command line."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.accounts.models import ApiToken, Organisation, User
from consult.accounts.selectors import api_tokens_matching
from consult.accounts.tokens import MAX_DAYS, api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create, list and revoke API tokens. A new key is printed once and never stored."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token and print its key once.")
        create.add_argument("--user", required=True, metavar="USERNAME")
        create.add_argument("--name", required=True, help="What the token is for.")
        create.add_argument(
            "--organisation",
            metavar="SLUG",
            help="Act for this organisation (the user must be a member); else as the official.",
        )
        create.add_argument("--days", type=int, default=90, help=f"Lifetime, 1–{MAX_DAYS} days.")
        create.add_argument(
            "--access",
            choices=ApiToken.Access.values,
            default=ApiToken.Access.READ,
            help="read (list, read, export; the default) or write (also submit, import, author).",
        )
        listing = actions.add_parser("list", help="List tokens (never their keys).")
        listing.add_argument("--user", metavar="USERNAME", help="Only this user's tokens.")
        revoke = actions.add_parser("revoke", help="Revoke a token at once.")
        revoke.add_argument("token", metavar="PREFIX_OR_ID", help="Its id, prefix or whole key.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        user = _user(options["user"])
        organisation = None
        if slug := options.get("organisation"):
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise CommandError(_("No organisation “%(slug)s”.") % {"slug": slug})
        try:
            token, key = api_token_create(
                user=user,
                name=options["name"],
                access=options["access"],
                organisation=organisation,
                days=options["days"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Token %(id)d “%(name)s” for %(who)s (%(access)s), expires %(expires)s.")
            % {
                "id": token.pk,
                "name": token.name,
                "access": token.get_access_display(),
                "who": _who(token),
                "expires": timezone.localtime(token.expires_at).isoformat(timespec="minutes"),
            }
        )
        self.stdout.write(_("Key (shown once; copy it now):"))
        self.stdout.write(key)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user", "organisation").order_by("-created_at")
        if username := options.get("user"):
            tokens = tokens.filter(user=_user(username))
        now = timezone.now()
        rows = [
            (
                str(t.pk),
                t.prefix,
                t.name,
                t.user.get_username(),
                t.organisation.slug if t.organisation else "-",
                t.access,
                timezone.localtime(t.expires_at).isoformat(timespec="minutes"),
                timezone.localtime(t.last_used_at).isoformat(timespec="minutes")
                if t.last_used_at
                else "-",
                _status(t, now),
            )
            for t in tokens
        ]
        header = (
            "id",
            "prefix",
            "name",
            "user",
            "organisation",
            "access",
            "expires",
            "last used",
            "status",
        )
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        matches = list(api_tokens_matching(options["token"])[:10])
        if not matches:
            raise CommandError(_("No token matches “%(t)s”.") % {"t": options["token"][:20]})
        if len(matches) > 1:
            ids = ", ".join(str(t.pk) for t in matches)
            raise CommandError(
                _("Several tokens match; give the id instead: %(ids)s.") % {"ids": ids}
            )
        token = matches[0]
        already = token.revoked_at is not None
        api_token_revoke(token=token)
        message = (
            _("Token %(id)d “%(name)s” (%(prefix)s…) was already revoked.")
            if already
            else _("Token %(id)d “%(name)s” (%(prefix)s…) is revoked.")
        )
        self.stdout.write(message % {"id": token.pk, "name": token.name, "prefix": token.prefix})


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("No user “%(name)s”.") % {"name": username})
    return user


def _who(token: ApiToken) -> str:
    if token.organisation:
        return f"{token.user.get_username()} @ {token.organisation.slug}"
    return token.user.get_username()


def _status(token: ApiToken, now: datetime) -> str:
    if token.revoked_at:
        return "revoked"
    return "expired" if token.expires_at <= now else "active"
