"""Recording a submission's trace; never allowed to break the submission itself."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging

from django.db import transaction
from django.http import HttpRequest
from rest_framework.request import Request

from consult.privacy.audit import client_ip
from consult.privacy.pseudonyms import pseudonym_key
from consult.responses.insert import LinkedRow
from consult.responses.models import Response

from .models import SubmissionTrace

logger = logging.getLogger(__name__)

__all__ = ["network_prefix", "submission_trace_record", "submission_trace_row", "trace_hash"]


def network_prefix(address: str) -> str | None:
    """The /24 (IPv4) or /48 (IPv6) network of ``address`` as text, or None if not an address.
    An IPv4-mapped IPv6 address counts as its IPv4 address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    length = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{length}", strict=False))


def trace_hash(*, key: bytes, kind: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``key`` (domain-separated by ``kind``), 64 hex digits."""
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _trace_hashes(
    *, consultation_id: int, request: HttpRequest | Request, key: bytes | None = None
) -> tuple[str, str]:
    """(network hash, user agent hash) of ``request``, keyed for the consultation (``key``, when
    the caller read it already)."""
    address = client_ip(request)
    prefix = network_prefix(address) if address else None
    agent = (request.META.get("HTTP_USER_AGENT") or "")[:1000]
    if key is None:
        key = pseudonym_key(consultation_id=consultation_id)
    return (
        trace_hash(key=key, kind="net", value=prefix) if prefix else "",
        trace_hash(key=key, kind="ua", value=agent) if agent else "",
    )


def submission_trace_record(*, response: Response, request: HttpRequest | Request) -> None:
    """Store the hashed network prefix and user agent of a successful submission of
    ``response`` (the first submission's; an amendment keeps it). Any failure is logged and
    swallowed: a submission never fails because of its trace."""
    try:
        network_hash, user_agent_hash = _trace_hashes(
            consultation_id=response.consultation_id, request=request
        )
        with transaction.atomic():
            SubmissionTrace.objects.get_or_create(
                response_id=response.pk,
                defaults={"network_hash": network_hash, "user_agent_hash": user_agent_hash},
            )
    except Exception:
        logger.exception("could not record the submission trace of response %s", response.pk)


def submission_trace_row(
    *, consultation_id: int, request: HttpRequest | Request, key: bytes | None = None
) -> LinkedRow | None:
    """As ``submission_trace_record``, as a row to write with the submission itself (pass it
    in ``response_submit(linked=...)``): on PostgreSQL it goes in the response's own statement,
    so the trace costs neither a statement nor a commit of its own. ``key`` is the
    consultation's pseudonym key if the caller read it already (else it is looked up).

    A failure to compute the hashes (the keys database, say) is logged and swallowed: None, and
    the submission goes ahead without a trace. The row's values are valid by construction (64
    hex digits or empty), so it has nothing left to fail on that would not fail the submission's
    own rows too.
    """
    try:
        network_hash, user_agent_hash = _trace_hashes(
            consultation_id=consultation_id, request=request, key=key
        )
    except Exception:
        logger.exception(
            "could not record the submission trace of a submission to consultation %s",
            consultation_id,
        )
        return None
    return LinkedRow(
        SubmissionTrace,
        {"network_hash": network_hash, "user_agent_hash": user_agent_hash},
    )
