"""`{% load organisations %}`: an organisation's name with its verified badge.

`{% organisation_badge org %}` renders the badge alone (nothing unless the organisation is
verified; `{% verified_badge %}` where a query already said it is); `{% organisation_name org %}` renders the name followed by the badge. Use one of them
wherever an organisation's name appears, so the badge is never missing or faked.
"""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import Organisation

register = template.Library()


@register.simple_tag
def organisation_badge(organisation: Any) -> SafeString:
    if not isinstance(organisation, Organisation) or organisation.verified_at is None:
        return mark_safe("")
    return verified_badge()


@register.simple_tag
def verified_badge() -> SafeString:
    """The badge alone, where the caller already knows the organisation is verified (a row
    read with ``values()``)."""
    return format_html(
        '<span class="badge badge-verified" title="{}">✓ {}</span>',
        _("Verified by the platform administrators"),
        _("Verified"),
    )


@register.simple_tag
def organisation_name(organisation: Any) -> SafeString:
    if not isinstance(organisation, Organisation):
        return mark_safe("")
    badge = organisation_badge(organisation)
    if not badge:
        return format_html('<span class="org-name">{}</span>', organisation.name)
    return format_html('<span class="org-name">{}</span> {}', organisation.name, badge)
