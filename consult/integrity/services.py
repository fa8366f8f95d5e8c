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
from consult.responses.models import Response

from .models import SubmissionTrace

logger = logging.getLogger(__name__)

__all__ = ["network_prefix", "submission_trace_record", "trace_hash"]


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


def submission_trace_record(*, response: Response, request: HttpRequest | Request) -> None:
    """Store the hashed network prefix and user agent of a successful submission of
    ``response`` (the first submission's; an amendment keeps it). Any failure is logged and
    swallowed: a submission never fails because of its trace."""
    try:
        address = client_ip(request)
        prefix = network_prefix(address) if address else None
        agent = (request.META.get("HTTP_USER_AGENT") or "")[:1000]
        key = pseudonym_key(consultation_id=response.consultation_id)
        with transaction.atomic():
            SubmissionTrace.objects.get_or_create(
                response_id=response.pk,
                defaults={
                    "network_hash": trace_hash(key=key, kind="net", value=prefix) if prefix else "",
                    "user_agent_hash": trace_hash(key=key, kind="ua", value=agent) if agent else "",
                },
            )
    except Exception:
        logger.exception("could not record the submission trace of response %s", response.pk)
