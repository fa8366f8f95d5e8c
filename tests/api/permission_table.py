"""Every API operation × every role → the expected HTTP status.

Each entry: (url name, method) → {"kwargs": …, "body": …, "expect": {role: status}}, and
optionally "role_body": {role: body} where one role sends another body (an organisation's key
sends each supporter's consent record with a submission).
`test_permissions.py` fails when an operation under /api/v1/ has no entry here.
Bodies are callables of the consultation so they can refer to its questions.
"""

from typing import Any

from consult.consultations.documents import consultation_document

VALID_BODY = {
    "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
    "answers": [{"question": "overall", "value": 4}],
}

SUPPORTER_CONSENT = {"share": True, "consented_at": "2026-11-01T10:00:00+09:00", "method": "paper"}
ORGANISATION_BODY = {"organisation": {**VALID_BODY, "supporter_consent": SUPPORTER_CONSENT}}

ALL_OK_200 = {
    "anonymous": 200,
    "citizen": 200,
    "organisation": 200,
    "official": 200,
    "other_official": 200,
}
ALL_OK_201 = {
    "anonymous": 201,
    "citizen": 201,
    "organisation": 201,
    "official": 201,
    "other_official": 201,
}

OFFICIALS_ONLY_200 = {
    "anonymous": 401,
    "citizen": 401,
    "organisation": 403,
    "official": 200,
    "other_official": 404,
}


def new_document(consultation: Any) -> dict[str, Any]:
    """A document for a new consultation of `consultation`'s department."""
    return {**consultation_document(consultation), "slug": "new-consultation"}


READERS_200 = {
    "anonymous": 401,
    "citizen": 401,
    "organisation": 200,
    "official": 200,
    "other_official": 404,
}


def campaign_of_the_organisation(consultation: Any) -> dict[str, Any]:
    """An active campaign of the test organisation whose slug is the consultation's; a valid
    supporter row with its consent record."""
    from django.utils import timezone

    from consult.accounts.models import Organisation
    from consult.campaigns.models import Campaign

    Campaign.objects.create(
        organisation=Organisation.objects.get(slug="privacy-first"),
        consultation=consultation,
        slug=consultation.slug,
        title_en="Campaign",
        status=Campaign.Status.ACTIVE,
        published_at=timezone.now(),
    )
    return {**VALID_BODY, "campaign_consent": SUPPORTER_CONSENT}


REPORT_RUN_ID = 990_001  # the URL names this run; the body callable creates it first


def report_run(consultation: Any, status: str) -> None:
    """A report run of `consultation` at REPORT_RUN_ID (with a JSON file when finished)."""
    from consult.reports.models import ReportRun
    from consult.reports.services.artifacts import artifact_store

    run = ReportRun.objects.create(
        pk=REPORT_RUN_ID, consultation=consultation, language="ja", status=status
    )
    if status == "succeeded":
        artifact_store(run=run, format="json", filename="report.json", data=b"{}")


def finished_report(consultation: Any) -> None:
    report_run(consultation, "succeeded")


def running_report(consultation: Any) -> dict[str, Any]:
    report_run(consultation, "running")
    return {}


OFFICIALS_ONLY = {
    "anonymous": 401,
    "citizen": 401,
    "organisation": 403,
    "other_official": 404,
}

TABLE: dict[tuple[str, str], dict[str, Any]] = {
    ("api:consultation-list", "get"): {"kwargs": {}, "body": None, "expect": ALL_OK_200},
    ("api:consultation-detail", "get"): {"kwargs": {"slug"}, "body": None, "expect": ALL_OK_200},
    ("api:response-submit", "post"): {
        "kwargs": {"slug"},
        "body": VALID_BODY,
        "role_body": ORGANISATION_BODY,
        "expect": ALL_OK_201,
    },
    ("api:consultation-list", "post"): {
        "kwargs": {},
        "body": new_document,
        "expect": {**OFFICIALS_ONLY_200, "official": 201, "other_official": 403},
    },
    ("api:consultation-detail", "put"): {
        "kwargs": {"slug"},
        "body": consultation_document,
        "expect": OFFICIALS_ONLY_200,
    },
    ("api:consultation-document", "get"): {
        "kwargs": {"slug"},
        "body": None,
        "expect": OFFICIALS_ONLY_200,
    },
    ("api:consultation-revisions", "get"): {
        "kwargs": {"slug"},
        "body": None,
        "expect": OFFICIALS_ONLY_200,
    },
    ("api:consultation-revision", "get"): {
        "kwargs": {"slug"},
        "extra_kwargs": {"number": 1},
        "body": None,
        "expect": OFFICIALS_ONLY_200,
    },
    ("api:consultation-transition", "post"): {
        "kwargs": {"slug"},
        "body": {"action": "close"},
        "expect": OFFICIALS_ONLY_200,
    },
    # Responses: officials of the department see all; an organisation token sees its own.
    ("api:response-list", "get"): {"kwargs": {"slug"}, "body": None, "expect": READERS_200},
    ("api:response-list", "post"): {
        "kwargs": {"slug"},
        "body": VALID_BODY,
        "role_body": ORGANISATION_BODY,
        "expect": ALL_OK_201,
    },
    ("api:response-export", "get"): {"kwargs": {"slug"}, "body": None, "expect": READERS_200},
    # Bulk import: the department's officials, and organisations for their supporters.
    ("api:response-bulk", "post"): {
        "kwargs": {"slug"},
        "body": VALID_BODY,
        "role_body": ORGANISATION_BODY,
        "expect": {
            "anonymous": 401,
            "citizen": 401,
            "organisation": 200,
            "official": 200,
            "other_official": 404,
        },
    },
    # The CSV header to fill in for a bulk import: public, like the questions it lists.
    ("api:response-bulk-template", "get"): {"kwargs": {"slug"}, "body": None, "expect": ALL_OK_200},
    # Campaign supporters in bulk: only the campaign's own organisation's key.
    ("api:campaign-supporters-bulk", "post"): {
        "kwargs": {"slug"},
        "body": campaign_of_the_organisation,
        "expect": {
            "anonymous": 401,
            "citizen": 401,
            "organisation": 200,
            "official": 403,
            "other_official": 403,
        },
    },
    # Reports: the department's officials only.
    ("api:report-list", "post"): {
        "kwargs": {"slug"},
        "body": {"language": "ja"},
        "expect": {**OFFICIALS_ONLY, "official": 202},
    },
    ("api:report-detail", "get"): {
        "kwargs": {"slug"},
        "extra_kwargs": {"run_id": REPORT_RUN_ID},
        "body": finished_report,
        "expect": {**OFFICIALS_ONLY, "official": 200},
    },
    ("api:report-cancel", "post"): {
        "kwargs": {"slug"},
        "extra_kwargs": {"run_id": REPORT_RUN_ID},
        "body": running_report,
        "expect": {**OFFICIALS_ONLY, "official": 200},
    },
    ("api:report-download", "get"): {
        "kwargs": {"slug"},
        "extra_kwargs": {"run_id": REPORT_RUN_ID, "fmt": "json"},
        "body": finished_report,
        "expect": {**OFFICIALS_ONLY, "official": 200},
    },
}
