"""OpenAPI post-processing: the error responses every operation can give, documented once."""

from typing import Any

ERROR_REF = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def add_standard_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Add 401/403 (authentication), 429 (throttled) to every operation, and 413/415 to those with
    a request body, unless the operation documents them itself."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            responses.setdefault(
                "401", _error("The API key is missing, invalid, expired or revoked.")
            )
            responses.setdefault("403", _error("Not allowed for this caller."))
            responses.setdefault(
                "429", _error("Too many requests: wait for the Retry-After seconds.")
            )
            if method in ("post", "put", "patch"):
                responses.setdefault("413", _error("The request body is too large."))
                responses.setdefault("415", _error("Unsupported media type."))
    return result
