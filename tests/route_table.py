"""Every URL of the project × every role → the expected outcome.

`tests/test_route_matrix.py` walks the URL configuration and fails for any URL name without an
entry here, so a new route cannot ship without saying who may use it. An entry's key is the
namespaced URL name, or "<name> <METHOD>" for a further request to the same route (an API write
beside its public read). Admin URLs (`admin:*`) are covered by the rule of `ADMIN_RULE_NAMES`.

Outcomes: an HTTP status, `LOGIN` (302 to the sign-in page) or `ADMIN_LOGIN` (302 to the admin's
sign-in page). A plain 302 must not be to a sign-in page. The world (`World`) is one consultation
of department A (open, with a submitted response, a finished report run and a theme) and one of
department B; "department_admin" and "moderator"/"analyst" belong to A, "other_department_admin"
to B, "platform_admin" is a superuser. "citizen" is a browser holding the response's private link
(other roles get a wrong link). On the API, staff and the organisation member authenticate with
their own API tokens (an official's token carries its user's rights); the citizen is anonymous.

POST-only routes are requested with a body that changes nothing for those allowed (an unknown
action, an invalid form), so refusals are checked without side effects; the test also checks
that a refused request wrote nothing.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "anonymous",
    "citizen",
    "org_member",
    "moderator",
    "analyst",
    "department_admin",
    "other_department_admin",
    "platform_admin",
)
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
REFUSALS = {LOGIN, ADMIN_LOGIN, 400, 401, 403, 404, 405, 409, 415}
"""Outcomes after which nothing may have been written."""

Outcome = int | str


@dataclass(frozen=True)
class World:
    """What URLs are built from (filled by the `world` fixture of the matrix test)."""

    slug_a: str
    slug_b: str
    reference: str
    private_token: str
    verify_token: str
    run_id: int
    theme_id: int
    analyst_token_id: int
    document_a: dict[str, Any]
    organisation_slug: str
    campaign_slug: str
    moderation_item_id: int
    misattribution_report_id: int
    published_slug: str
    org_response_reference: str
    attachment_id: int
    owner_membership_id: int


WRONG_TOKEN = "not-the-private-link-0000000000"


@dataclass(frozen=True)
class Route:
    expect: Mapping[str, Outcome]
    kwargs: Callable[[World, str], dict[str, Any]] = lambda w, role: {}
    method: str = "get"
    data: Callable[[World], Any] | None = None
    content_type: str | None = None
    query: dict[str, str] = field(default_factory=dict)


def outcomes(**by_role: Outcome) -> dict[str, Outcome]:
    assert set(by_role) == set(ROLES), sorted(set(ROLES) ^ set(by_role))
    return by_role


def everyone(outcome: Outcome) -> dict[str, Outcome]:
    return dict.fromkeys(ROLES, outcome)


def staff_of_a(
    ok: Outcome,
    allowed: set[str],
    *,
    refused: Outcome = 404,
    anonymous: Outcome = LOGIN,
    org_member: Outcome = 404,
) -> dict[str, Outcome]:
    """A staff page of department A's consultation: `ok` for the `allowed` roles, `refused`
    for the other staff (a consultation one may not use is a 404, like another department's)."""
    staff = ("moderator", "analyst", "department_admin", "other_department_admin", "platform_admin")
    assert allowed <= set(staff), allowed
    return {
        "anonymous": anonymous,
        "citizen": anonymous,
        "org_member": org_member,
        **{role: ok if role in allowed else refused for role in staff},
    }


def members_only(ok: Outcome) -> dict[str, Outcome]:
    """A page of the organisation's own (its campaigns): its members only; for anybody else,
    staff included, the organisation's pages do not exist."""
    return {
        **dict.fromkeys(ROLES, 404),
        "anonymous": LOGIN,
        "citizen": LOGIN,
        "org_member": ok,
    }


def with_link(ok: Outcome, without: Outcome = 404) -> dict[str, Outcome]:
    """A page of the private response link: only the holder of the link gets in."""
    return {role: ok if role == "citizen" else without for role in ROLES}


# Who holds a right on department A's consultation (written out, not read from the roles table).
EVERY_STAFF_ROLE = {"moderator", "analyst", "department_admin", "platform_admin"}
ANALYSTS = {"analyst", "department_admin", "platform_admin"}
MODERATORS = {"moderator", "department_admin", "platform_admin"}
ADMINISTRATORS = {"department_admin", "platform_admin"}


def slug_a(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.slug_a}


def link(w: World, role: str) -> dict[str, Any]:
    return {"token": w.private_token if role == "citizen" else WRONG_TOKEN}


def organisation_page(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.organisation_slug}


def campaign(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.campaign_slug}


def organisation(w: World, role: str) -> dict[str, Any]:
    return {"org_slug": w.organisation_slug}


def org_response(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.organisation_slug, "reference": w.org_response_reference}


def published(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.published_slug}


def run_a(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.slug_a, "run_id": w.run_id}


def theme_a(w: World, role: str) -> dict[str, Any]:
    return {"slug": w.slug_a, "theme_id": w.theme_id}


VALID_SUBMISSION = {
    "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
    "answers": [{"question": "overall", "value": 4}],
}

# API: 401 without credentials, 403 for callers that are neither officials nor (where allowed)
# organisation tokens, 404 for a consultation the official may not use this way.
API_OFFICIALS = {"anonymous": 401, "citizen": 401, "org_member": 403}
API_READERS = {"anonymous": 401, "citizen": 401, "org_member": 200}

ADMIN_RULE_NAMES = ("admin:index", "admin:accounts_user_changelist")
"""Admin URLs are covered by one rule, checked on these: staff reach the admin (whose own
permissions decide per model: only a superuser holds them), everyone else is sent to its login."""

TABLE: dict[str, Route] = {
    # Public pages: the same for everyone.
    "consultations:list": Route(everyone(200)),
    "consultations:detail": Route(everyone(200), kwargs=slug_a),
    "responses:respond": Route(everyone(200), kwargs=slug_a),
    "javascript-catalog": Route(everyone(200)),
    "set_language": Route(
        everyone(302), method="post", data=lambda w: {"language": "en", "next": "/"}
    ),
    # The respondent's private link is their key: a wrong link is a 404 for anybody.
    "responses:manage": Route(with_link(200), kwargs=link),
    "responses:edit": Route(with_link(200), kwargs=link),
    "responses:receipt": Route(with_link(200), kwargs=link),
    "responses:withdraw": Route(with_link(200), kwargs=link),
    "privacy:my_data": Route(with_link(200), kwargs=link),
    "privacy:erase": Route(with_link(200), kwargs=link),
    "responses:verify_email": Route(
        with_link(200, without=400),
        kwargs=lambda w, role: {"token": w.verify_token if role == "citizen" else WRONG_TOKEN},
    ),
    # Accounts.
    "accounts:login": Route(
        outcomes(
            anonymous=200,
            citizen=200,
            org_member=302,
            moderator=302,
            analyst=302,
            department_admin=302,
            other_department_admin=302,
            platform_admin=302,
        )
    ),
    "accounts:logout": Route(everyone(302), method="post"),
    "accounts:tokens": Route(
        outcomes(
            anonymous=LOGIN,
            citizen=LOGIN,
            org_member=200,
            moderator=200,
            analyst=200,
            department_admin=200,
            other_department_admin=200,
            platform_admin=200,
        )
    ),
    "accounts:token-revoke": Route(  # the analyst's own token: nobody else's
        staff_of_a(200, {"analyst"}),
        kwargs=lambda w, role: {"pk": w.analyst_token_id},
    ),
    # Staff pages.
    "staff:dashboard": Route(
        outcomes(
            anonymous=LOGIN,
            citizen=LOGIN,
            org_member=200,  # an empty list: no department, no consultations
            moderator=200,
            analyst=200,
            department_admin=200,
            other_department_admin=200,
            platform_admin=200,
        )
    ),
    "staff:consultation": Route(staff_of_a(200, EVERY_STAFF_ROLE), kwargs=slug_a),
    "staff:transition": Route(
        staff_of_a(302, ADMINISTRATORS),
        kwargs=slug_a,
        method="post",
        data=lambda w: {"action": "no-such-action"},
    ),
    "staff:response": Route(
        staff_of_a(200, ANALYSTS),
        kwargs=lambda w, role: {"slug": w.slug_a, "reference": w.reference},
    ),
    "privacy:audit": Route(
        outcomes(
            anonymous=LOGIN,
            citizen=LOGIN,
            org_member=403,
            moderator=403,
            analyst=403,
            department_admin=200,
            other_department_admin=200,  # their own department's events
            platform_admin=200,
        )
    ),
    # Report runs: Right.REPORT.
    "staff:reports:runs": Route(staff_of_a(200, ANALYSTS), kwargs=slug_a),
    "staff:reports:start": Route(
        staff_of_a(302, ANALYSTS), kwargs=slug_a, method="post", data=lambda w: {"language": "xx"}
    ),
    "staff:reports:run": Route(staff_of_a(200, ANALYSTS), kwargs=run_a),
    "staff:reports:progress": Route(staff_of_a(200, ANALYSTS), kwargs=run_a),
    "staff:reports:cancel": Route(  # the run has finished: allowed roles are told so
        staff_of_a(302, ANALYSTS), kwargs=run_a, method="post", data=lambda w: {}
    ),
    "staff:reports:view": Route(staff_of_a(200, ANALYSTS), kwargs=run_a),
    "staff:reports:html": Route(staff_of_a(200, ANALYSTS), kwargs=run_a),
    "staff:reports:download": Route(
        staff_of_a(200, ANALYSTS),
        kwargs=lambda w, role: {"slug": w.slug_a, "run_id": w.run_id, "fmt": "json"},
    ),
    # Theme review: Right.REVIEW_THEMES.
    "staff:reports:review": Route(staff_of_a(200, ANALYSTS), kwargs=slug_a),
    "staff:reports:theme-add": Route(
        staff_of_a(302, ANALYSTS), kwargs=slug_a, method="post", data=lambda w: {}
    ),
    "staff:reports:theme": Route(staff_of_a(200, ANALYSTS), kwargs=theme_a),
    "staff:reports:sample": Route(staff_of_a(200, ANALYSTS), kwargs=slug_a),
    "staff:reports:theme-action": Route(
        staff_of_a(302, ANALYSTS),
        kwargs=lambda w, role: {"slug": w.slug_a, "theme_id": w.theme_id, "action": "rename"},
        method="post",
        data=lambda w: {"label": ""},  # invalid: nothing is renamed
    ),
    # Undeclared campaigns: Right.CAMPAIGNS.
    "staff:reports:campaigns": Route(staff_of_a(200, ANALYSTS), kwargs=slug_a),
    "staff:reports:campaign-decide": Route(  # no such group: allowed roles get a 404 too
        staff_of_a(404, ANALYSTS),
        kwargs=lambda w, role: {"slug": w.slug_a, "cluster_id": 999999},
        method="post",
        data=lambda w: {"action": "dismiss"},
    ),
    # API: public reads and submission.
    "api:consultation-list": Route(everyone(200)),
    "api:consultation-detail": Route(everyone(200), kwargs=slug_a),
    # An organisation's key submits for a supporter only with the supporter's consent record,
    # which this body lacks (tests/api/test_supporter_consent.py sends one).
    "api:response-submit": Route(
        {**everyone(201), "org_member": 400},
        kwargs=slug_a,
        method="post",
        data=lambda w: VALID_SUBMISSION,
    ),
    "api:schema": Route(everyone(200)),
    "api:docs": Route(everyone(200)),
    "api:redoc": Route(everyone(200)),
    # API: authoring (Right.EDIT) and lifecycle (Right.TRANSITION).
    "api:consultation-list POST": Route(  # an empty document: refused, or invalid for authors
        {**staff_of_a(400, ANALYSTS | {"other_department_admin"}, refused=403), **API_OFFICIALS},
        method="post",
        data=lambda w: {},
    ),
    "api:consultation-detail PUT": Route(  # department A's own document back: nothing changes
        {
            **staff_of_a(200, ANALYSTS),
            **API_OFFICIALS,
            "moderator": 403,  # the role may not author
        },
        kwargs=slug_a,
        method="put",
        data=lambda w: w.document_a,
    ),
    "api:consultation-document": Route(
        {**staff_of_a(200, EVERY_STAFF_ROLE), **API_OFFICIALS}, kwargs=slug_a
    ),
    "api:consultation-revisions": Route(
        {**staff_of_a(200, EVERY_STAFF_ROLE), **API_OFFICIALS}, kwargs=slug_a
    ),
    "api:consultation-revision": Route(
        {**staff_of_a(200, EVERY_STAFF_ROLE), **API_OFFICIALS},
        kwargs=lambda w, role: {**slug_a(w, role), "number": 1},
    ),
    "api:consultation-transition": Route(
        {**staff_of_a(400, ADMINISTRATORS), **API_OFFICIALS},
        kwargs=slug_a,
        method="post",
        data=lambda w: {"action": "no-such-action"},
    ),
    # API: responses (respondent details: Right.VIEW_PERSONAL_DATA; export: Right.EXPORT;
    # import: Right.EDIT). An organisation's token reads and imports its own supporters' only.
    "api:response-list": Route({**staff_of_a(200, ANALYSTS), **API_READERS}, kwargs=slug_a),
    "api:response-export": Route({**staff_of_a(200, ANALYSTS), **API_READERS}, kwargs=slug_a),
    "api:response-bulk-template": Route(everyone(200), kwargs=slug_a),
    "api:response-bulk": Route(  # a body of no known type: 415 for those allowed
        {
            **staff_of_a(415, ANALYSTS),
            "anonymous": 401,
            "citizen": 401,
            "org_member": 415,
        },
        kwargs=slug_a,
        method="post",
        data=lambda w: "not a file",
        content_type="text/plain",
    ),
    # API: report runs (Right.REPORT).
    "api:report-list": Route(  # an unknown language: 400 for those allowed
        {**staff_of_a(400, ANALYSTS), **API_OFFICIALS},
        kwargs=slug_a,
        method="post",
        data=lambda w: {"language": "xx"},
    ),
    "api:report-detail": Route({**staff_of_a(200, ANALYSTS), **API_OFFICIALS}, kwargs=run_a),
    "api:report-cancel": Route(  # the run has finished: 409 for those allowed
        {**staff_of_a(409, ANALYSTS), **API_OFFICIALS}, kwargs=run_a, method="post"
    ),
    "api:report-download": Route(
        {**staff_of_a(200, ANALYSTS), **API_OFFICIALS},
        kwargs=lambda w, role: {"slug": w.slug_a, "run_id": w.run_id, "fmt": "json"},
    ),
    # Campaigns: the public page and form for everyone; the rest for the organisation's members.
    "campaigns:page": Route(everyone(200), kwargs=campaign),
    "campaigns:respond": Route(everyone(200), kwargs=campaign),
    "campaigns:list": Route(members_only(200), kwargs=organisation),
    "campaigns:new": Route(members_only(200), kwargs=organisation),
    "campaigns:edit": Route(members_only(200), kwargs=campaign),
    "campaigns:transition": Route(
        members_only(302), kwargs=campaign, method="post", data=lambda w: {"action": "none"}
    ),
    "campaigns:dashboard": Route(members_only(200), kwargs=campaign),
    "campaigns:export": Route(members_only(200), kwargs=campaign),
    "api:campaign-supporters-bulk": Route(  # only the organisation's key; 415 for a bad body
        {
            **dict.fromkeys(ROLES, 403),
            "anonymous": 401,
            "citizen": 401,
            "org_member": 415,
        },
        kwargs=campaign,
        method="post",
        data=lambda w: "not a file",
        content_type="text/plain",
    ),
    # Moderation (Right.MODERATE): the original texts, decisions and false-attribution reports.
    "moderation:report_misattribution": Route(everyone(200)),
    "moderation:queue": Route(staff_of_a(200, MODERATORS), kwargs=slug_a),
    "moderation:item": Route(
        staff_of_a(200, MODERATORS),
        kwargs=lambda w, role: {"slug": w.slug_a, "pk": w.moderation_item_id},
    ),
    "moderation:export": Route(staff_of_a(200, MODERATORS), kwargs=slug_a),
    "moderation:reports": Route(staff_of_a(200, MODERATORS), kwargs=slug_a),
    "moderation:report": Route(
        staff_of_a(200, MODERATORS),
        kwargs=lambda w, role: {"slug": w.slug_a, "pk": w.misattribution_report_id},
    ),
    # Publication: public pages of a published consultation, the same for everyone.
    "publication:responses": Route(everyone(200), kwargs=published),
    "publication:results": Route(everyone(200), kwargs=published),
    "publication:report-file": Route(
        everyone(200), kwargs=lambda w, role: {"slug": w.published_slug, "fmt": "html"}
    ),
    "publication:open-data": Route(everyone(200), kwargs=published),
    "publication:data-dictionary": Route(everyone(200), kwargs=published),
    "publication:responses-csv": Route(everyone(200), kwargs=published),
    "publication:responses-json": Route(everyone(200), kwargs=published),
    # Second factor (staff must pass it; the matrix's staff sessions have): verified sessions
    # are sent on, an organisation member without a device is offered to set one up.
    "accounts:otp": Route(
        {**everyone(302), "anonymous": LOGIN, "citizen": LOGIN},
    ),
    "accounts:otp-enrol": Route(
        {**everyone(302), "anonymous": LOGIN, "citizen": LOGIN, "org_member": 200},
    ),
    "accounts:otp-backup-codes": Route(  # new codes for those with an authenticator app
        {**everyone(200), "anonymous": LOGIN, "citizen": LOGIN, "org_member": 302},
        method="post",
    ),
    # Organisations: registration for visitors; the rest for members (owners for members).
    "organisations:register": Route(
        {**everyone(302), "anonymous": 200, "citizen": 200},  # signed in: sent home
    ),
    "organisations:home": Route(
        {
            **everyone(200),  # a list of one's organisations (none for staff)
            "anonymous": LOGIN,
            "citizen": LOGIN,
            "org_member": 302,  # a single organisation: straight to its page
        }
    ),
    "organisations:detail": Route(members_only(200), kwargs=organisation_page),
    "organisations:edit": Route(members_only(200), kwargs=organisation_page),
    "organisations:members": Route(members_only(200), kwargs=organisation_page),
    "organisations:member-role": Route(  # no such role: the owner is told, nothing changes
        members_only(302),
        kwargs=lambda w, role: {"slug": w.organisation_slug, "pk": w.owner_membership_id},
        method="post",
        data=lambda w: {"role": "emperor"},
    ),
    "organisations:member-remove": Route(  # the last owner cannot be removed
        members_only(302),
        kwargs=lambda w, role: {"slug": w.organisation_slug, "pk": w.owner_membership_id},
        method="post",
    ),
    "organisations:respond": Route(  # it has responded already: sent to that response
        members_only(302),
        kwargs=lambda w, role: {"slug": w.organisation_slug, "consultation": w.slug_a},
    ),
    "organisations:response": Route(members_only(200), kwargs=org_response),
    "organisations:amend": Route(members_only(200), kwargs=org_response),
    "organisations:attachment-delete": Route(
        members_only(302),
        kwargs=lambda w, role: {**org_response(w, role), "pk": w.attachment_id},
        method="post",
    ),
    "organisations:staff-list": Route(
        {**staff_of_a(200, {"platform_admin"}), "other_department_admin": 404}
    ),
    "organisations:staff-verify": Route(  # already verified: stays so
        staff_of_a(302, {"platform_admin"}), kwargs=organisation_page, method="post"
    ),
    "organisations:staff-reject": Route(  # without a reason: refused
        staff_of_a(400, {"platform_admin"}), kwargs=organisation_page, method="post"
    ),
    "responses:attachment-download": Route(
        staff_of_a(200, ANALYSTS),
        kwargs=lambda w, role: {
            "slug": w.slug_a,
            "reference": w.org_response_reference,
            "pk": w.attachment_id,
        },
    ),
    # Admin (one rule; see ADMIN_RULE_NAMES).
    "admin:index": Route(
        outcomes(
            anonymous=ADMIN_LOGIN,
            citizen=ADMIN_LOGIN,
            org_member=ADMIN_LOGIN,
            moderator=200,
            analyst=200,
            department_admin=200,
            other_department_admin=200,
            platform_admin=200,
        )
    ),
    "admin:accounts_user_changelist": Route(
        outcomes(
            anonymous=ADMIN_LOGIN,
            citizen=ADMIN_LOGIN,
            org_member=ADMIN_LOGIN,
            moderator=403,
            analyst=403,
            department_admin=403,
            other_department_admin=403,
            platform_admin=200,
        )
    ),
}
