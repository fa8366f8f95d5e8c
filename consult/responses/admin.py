from django.contrib import admin
from django.http import HttpRequest

from .models import Answer, ClauseComment, Respondent, Response


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ("question", "value", "text")
    can_delete = False


class ClauseCommentInline(admin.TabularInline):
    model = ClauseComment
    extra = 0
    readonly_fields = ("section", "text")
    can_delete = False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("reference", "consultation", "status", "channel", "language", "submitted_at")
    list_filter = ("status", "channel", "language", "consultation")
    search_fields = ("reference",)
    list_select_related = ("consultation",)
    readonly_fields = (
        "consultation",
        "respondent",
        "reference",
        "status",
        "channel",
        "language",
        "submitted_at",
        "amended_at",
        "withdrawn_at",
    )
    inlines = (AnswerInline, ClauseCommentInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Respondent)
class RespondentAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "region", "age_band", "consent", "email_verified_at")
    list_filter = ("kind", "consent", "region")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
