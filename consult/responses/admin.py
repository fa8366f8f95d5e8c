"""Responses in the admin site: to look at, not to edit, and every look at a respondent's
details is recorded in the audit log as on the staff pages.

A response is the respondent's own record: it changes only through their private link, and is
erased only by the retention and erasure services (which keep an audit trail). Consent in
particular is the respondent's to give, never an administrator's to set.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from consult.core.admin_mixins import ViewOnly
from consult.privacy.audit import audit_record
from consult.privacy.models import AuditAction

from .models import Answer, ClauseComment, Respondent, Response


class AnswerInline(ViewOnly, admin.TabularInline):
    model = Answer
    extra = 0
    fields = ("question", "value", "text")


class ClauseCommentInline(ViewOnly, admin.TabularInline):
    model = ClauseComment
    extra = 0
    fields = ("section", "text")


def _record_view(request: HttpRequest, response: Response | None) -> None:
    if response is not None:
        audit_record(
            user=request.user,
            action=AuditAction.RESPONSE_VIEW,
            objects=[response],
            request=request,
            reason="admin",
        )


@admin.register(Response)
class ResponseAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("reference", "consultation", "status", "channel", "language", "submitted_at")
    list_filter = ("status", "channel", "language", "consultation")
    search_fields = ("reference",)
    list_select_related = ("consultation",)
    inlines = (AnswerInline, ClauseCommentInline)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        page = super().change_view(request, object_id, form_url, extra_context)
        if page.status_code == 200:
            _record_view(request, self.get_object(request, object_id))
        return page


@admin.register(Respondent)
class RespondentAdmin(ViewOnly, admin.ModelAdmin):
    # The list shows no personal details; a respondent's page does, and is audited.
    list_display = ("id", "kind", "consent", "created_at")
    list_filter = ("kind", "consent")

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        page = super().change_view(request, object_id, form_url, extra_context)
        respondent = self.get_object(request, object_id)
        if page.status_code == 200 and respondent is not None:
            _record_view(request, Response.objects.filter(respondent=respondent).first())
        return page
