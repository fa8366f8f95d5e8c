from django.contrib import admin

from .models import Choice, Consultation, ProposalSection, Question


class ProposalSectionInline(admin.StackedInline):
    model = ProposalSection
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "consultation"


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_ja", "title_en", "department", "status", "opens_at", "closes_at")
    list_filter = ("status", "department")
    search_fields = ("slug", "title_ja", "title_en")
    # Status changes go through the lifecycle services (staff pages), not free editing.
    readonly_fields = ("status",)
    inlines = (ProposalSectionInline, QuestionInline)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("consultation", "position", "key", "kind", "required")
    list_filter = ("kind", "consultation")
    inlines = (ChoiceInline,)
