"""Read-only admin views of report runs, themes and the review log (changes go through the
staff pages and their services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import ReportArtifact, ReportRun, Theme, ThemeEdit


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ArtifactInline(admin.TabularInline):
    model = ReportArtifact
    fields = ("format", "filename", "size", "sha256", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnly):
    list_display = ("id", "consultation", "language", "status", "step", "progress", "created_at")
    list_filter = ("status", "language")
    list_select_related = ("consultation",)
    exclude = ("snapshot",)
    inlines = (ArtifactInline,)


@admin.register(Theme)
class ThemeAdmin(ReadOnly):
    list_display = ("label", "consultation", "section", "source", "reviewed", "deleted")
    list_filter = ("source", "reviewed", "deleted")
    search_fields = ("label", "key")
    list_select_related = ("consultation",)


@admin.register(ThemeEdit)
class ThemeEditAdmin(ReadOnly):
    list_display = ("created_at", "consultation", "action", "theme", "user")
    list_filter = ("action",)
    list_select_related = ("consultation", "theme", "user")
