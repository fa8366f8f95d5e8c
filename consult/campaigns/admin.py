"""Campaigns in the admin site. A campaign's texts and status belong to its organisation and
change through the campaign services (a campaign goes public only for a verified organisation,
on an open consultation); an administrator may look, and may close campaigns (to stop an
abusive one), which the close service records as the organisation closing it would."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consult.core.admin_mixins import ViewOnly

from .models import Campaign, CampaignSupport
from .services import campaign_close


@admin.register(Campaign)
class CampaignAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("slug", "organisation", "consultation", "status", "published_at")
    list_filter = ("status",)
    search_fields = ("slug", "title_ja", "title_en", "organisation__name")
    raw_id_fields = ("organisation", "consultation", "created_by")
    actions = ("close_campaigns",)

    @admin.action(description=_("Close the selected campaigns"), permissions=["view"])
    def close_campaigns(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        open_campaigns = list(queryset.exclude(status=Campaign.Status.CLOSED))
        for campaign in open_campaigns:
            campaign_close(campaign=campaign)
        count = len(open_campaigns)
        self.message_user(
            request,
            ngettext("%(n)d campaign closed.", "%(n)d campaigns closed.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(CampaignSupport)
class CampaignSupportAdmin(ViewOnly, admin.ModelAdmin):
    """View-only: a supporter's consent is theirs to give, never an administrator's to set."""

    list_display = ("response", "campaign", "via", "template_edited", "edit_ratio", "consent_share")
    list_filter = ("via", "template_edited", "consent_share")
    raw_id_fields = ("response", "campaign")
