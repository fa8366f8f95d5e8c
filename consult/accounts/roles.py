"""Who may do what, in one table.

Citizens have no account: they act through their response's private link. Organisation members act
on their own organisation (owner or editor, `OrganisationMembership.Role`). Staff act on the
consultations of their department, with the rights of their `User.staff_role`; a superuser is the
platform administrator and has every right on every consultation.

Views and API endpoints never test roles themselves: they ask `consult.consultations.access` for a
consultation with a `Right`, and that function reads this table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from consult.accounts.models import User


class Right(StrEnum):
    """What a staff member may do with one consultation of their department."""

    VIEW = "view"  # dashboard, figures, redacted texts
    MODERATE = "moderate"  # moderation queue: unredacted text, decisions, false-attribution reports
    VIEW_PERSONAL_DATA = "view_personal_data"  # respondent details, contact emails (audited)
    EXPORT = "export"  # response exports (audited)
    EDIT = "edit"  # author the consultation while it is a draft
    TRANSITION = "transition"  # schedule, open, close, publish
    REPORT = "report"  # start, cancel and download report runs
    REVIEW_THEMES = "review_themes"  # theme review and the government's view
    CAMPAIGNS = "campaigns"  # confirm, merge or dismiss undeclared campaigns
    AUDIT = "audit"  # read the department's audit log


_ANALYST = frozenset(
    {
        Right.VIEW,
        Right.VIEW_PERSONAL_DATA,
        Right.EXPORT,
        Right.EDIT,
        Right.REPORT,
        Right.REVIEW_THEMES,
        Right.CAMPAIGNS,
    }
)

RIGHTS_BY_ROLE: dict[str, frozenset[Right]] = {
    "moderator": frozenset({Right.VIEW, Right.MODERATE}),
    "analyst": _ANALYST,
    "department_admin": _ANALYST | {Right.TRANSITION, Right.AUDIT, Right.MODERATE},
    "platform_admin": frozenset(Right),
}


def staff_role(user: User | AnonymousUser) -> str | None:
    """The user's staff role ("platform_admin" for a superuser), or None for a non-staff user."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return "platform_admin"
    if not user.is_staff:
        return None
    return getattr(user, "staff_role", "") or None


def staff_rights(user: User | AnonymousUser) -> frozenset[Right]:
    """Every right the user holds on the consultations they may reach (none for non-staff)."""
    role = staff_role(user)
    if role is None:
        return frozenset()
    return RIGHTS_BY_ROLE.get(role, frozenset())


def has_right(user: User | AnonymousUser, right: Right) -> bool:
    return right in staff_rights(user)


def is_platform_admin(user: User | AnonymousUser) -> bool:
    """Whether the user administers the whole platform (an active superuser): the role for what
    belongs to no department, such as verifying organisations."""
    return staff_role(user) == "platform_admin"
