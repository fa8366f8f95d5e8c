"""The gate between organisation members and their organisation's campaigns."""

from typing import TYPE_CHECKING

from django.http import Http404

from consult.accounts.access import organisation_for_member

from .models import Campaign

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from consult.accounts.models import User


def campaign_for_member(user: "User | AnonymousUser", slug: str) -> Campaign:
    """The campaign with this slug if the user is an owner or editor of its organisation; 404
    otherwise (another organisation's campaign is not revealed)."""
    campaign = (
        Campaign.objects.select_related("organisation", "consultation").filter(slug=slug).first()
    )
    if campaign is None:
        raise Http404
    organisation_for_member(user, campaign.organisation.slug)
    return campaign
