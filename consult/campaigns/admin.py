from django.contrib import admin

from consult.core.admin_mixins import ViewOnly

from .models import Campaign, CampaignSupport


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("slug", "organisation", "consultation", "status", "published_at")
    list_filter = ("status",)
    search_fields = ("slug", "title_ja", "title_en", "organisation__name")
    raw_id_fields = ("organisation", "consultation", "created_by")
    readonly_fields = ("published_at", "closed_at")


@admin.register(CampaignSupport)
class CampaignSupportAdmin(ViewOnly, admin.ModelAdmin):
    """View-only: a supporter's consent is theirs to give, never an administrator's to set."""

    list_display = ("response", "campaign", "via", "template_edited", "edit_ratio", "consent_share")
    list_filter = ("via", "template_edited", "consent_share")
    raw_id_fields = ("response", "campaign")
    readonly_fields = ("email_digest",)
