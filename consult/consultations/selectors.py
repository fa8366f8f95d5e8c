"""Reads of consultations for public and staff pages."""

from django.db.models import Count, Q, QuerySet

from .models import Consultation, ConsultationRevision


def consultations_public_list() -> QuerySet[Consultation]:
    """Every consultation past draft, open ones first, with their department."""
    return Consultation.objects.public().select_related("department").order_by("-closes_at", "slug")


def consultation_public_detail(slug: str) -> Consultation | None:
    return (
        Consultation.objects.public()
        .select_related("department")
        .prefetch_related("sections", "questions__choices")
        .filter(slug=slug)
        .first()
    )


def consultations_with_counts(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """Annotate submitted and draft response counts (staff dashboard)."""
    return qs.annotate(
        n_submitted=Count("responses", filter=Q(responses__status="submitted")),
        n_drafts=Count("responses", filter=Q(responses__status="draft")),
        n_withdrawn=Count("responses", filter=Q(responses__status="withdrawn")),
    ).order_by("-opens_at", "slug")


def consultation_revisions(consultation: Consultation) -> QuerySet[ConsultationRevision]:
    """Its revisions, oldest first, with their authors and without their documents."""
    return consultation.revisions.select_related("author").defer("document_json").order_by("number")
