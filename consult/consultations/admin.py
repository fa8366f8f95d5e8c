"""Consultations in the admin site: to look at, not to edit.

A consultation's texts and questionnaire change only through its document (the authoring API,
`load_consultation`), which keeps every wording as a revision and freezes the questionnaire once
responses exist; editing rows here would bypass both. Status changes go through the lifecycle
services (staff pages and API).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Choice, Consultation, ConsultationRevision, ProposalSection, Question


class ReadOnlyMixin:
    """View permission only: no add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ProposalSectionInline(ReadOnlyMixin, admin.StackedInline):
    model = ProposalSection
    extra = 0


class QuestionInline(ReadOnlyMixin, admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "consultation"


class RevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = ConsultationRevision
    extra = 0
    fields = ("number", "created_at", "author", "responses_before", "changed")


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("slug", "title_ja", "title_en", "department", "status", "opens_at", "closes_at")
    list_filter = ("status", "department")
    search_fields = ("slug", "title_ja", "title_en")
    inlines = (ProposalSectionInline, QuestionInline, RevisionInline)


class ChoiceInline(ReadOnlyMixin, admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("consultation", "position", "key", "kind", "required")
    list_filter = ("kind", "consultation")
    inlines = (ChoiceInline,)
