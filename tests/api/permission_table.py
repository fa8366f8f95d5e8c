"""Every API operation × every role → the expected HTTP status.

Each entry: (url name, method) → {"kwargs": …, "body": …, "expect": {role: status}}.
`test_permissions.py` fails when an operation under /api/v1/ has no entry here.
Bodies are callables of the consultation so they can refer to its questions.
"""

from typing import Any

from consult.consultations.authoring import consultation_document

VALID_BODY = {
    "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
    "answers": [{"question": "overall", "value": 4}],
}

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

TABLE: dict[tuple[str, str], dict[str, Any]] = {
    ("api:consultation-list", "get"): {"kwargs": {}, "body": None, "expect": ALL_OK_200},
    ("api:consultation-detail", "get"): {"kwargs": {"slug"}, "body": None, "expect": ALL_OK_200},
    ("api:response-submit", "post"): {"kwargs": {"slug"}, "body": VALID_BODY, "expect": ALL_OK_201},
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
    ("api:consultation-transition", "post"): {
        "kwargs": {"slug"},
        "body": {"action": "close"},
        "expect": OFFICIALS_ONLY_200,
    },
    # Responses: officials of the department see all; an organisation token sees its own.
    ("api:response-list", "get"): {"kwargs": {"slug"}, "body": None, "expect": READERS_200},
    ("api:response-list", "post"): {"kwargs": {"slug"}, "body": VALID_BODY, "expect": ALL_OK_201},
    ("api:response-export", "get"): {"kwargs": {"slug"}, "body": None, "expect": READERS_200},
    # Bulk import: the department's officials, and organisations for their supporters.
    ("api:response-bulk", "post"): {
        "kwargs": {"slug"},
        "body": VALID_BODY,
        "expect": {
            "anonymous": 401,
            "citizen": 401,
            "organisation": 200,
            "official": 200,
            "other_official": 404,
        },
    },
}
