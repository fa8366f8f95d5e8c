"""Consultations in the admin site: to look at, not to edit.

A consultation's texts and questionnaire change only through its document (the authoring API,
`load_consultation`), which keeps every wording as a revision and freezes the questionnaire once
responses exist; editing rows here would bypass both. Status changes go through the lifecycle
services (staff pages and API).
"""

from django.contrib import admin

from consult.core.admin_mixins import ViewOnly

from .models import Choice, Consultation, ConsultationRevision, ProposalSection, Question


class ProposalSectionInline(ViewOnly, admin.StackedInline):
    model = ProposalSection
    extra = 0


class QuestionInline(ViewOnly, admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "consultation"


class RevisionInline(ViewOnly, admin.TabularInline):
    model = ConsultationRevision
    extra = 0
    fields = ("number", "created_at", "author", "responses_before", "changed")


@admin.register(Consultation)
class ConsultationAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("slug", "title_ja", "title_en", "department", "status", "opens_at", "closes_at")
    list_filter = ("status", "department")
    search_fields = ("slug", "title_ja", "title_en")
    inlines = (ProposalSectionInline, QuestionInline, RevisionInline)


class ChoiceInline(ViewOnly, admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("consultation", "position", "key", "kind", "required")
    list_filter = ("kind", "consultation")
    inlines = (ChoiceInline,)
