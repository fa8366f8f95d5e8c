"""Public, read-only: consultations with their clauses and questionnaire, in ja or en."""

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from consult.consultations.models import LIKERT_SCALE, Consultation, Question
from consult.consultations.selectors import consultation_public_detail
from consult.core.i18n import current_language, localized

from ..errors import ErrorSerializer

LANG_PARAM = OpenApiParameter(
    "lang", str, enum=["ja", "en"], description="Language of the texts (else Accept-Language)."
)


class DepartmentOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


def _department(c: Consultation) -> dict[str, str]:
    return {"code": c.department.code, "name": localized(c.department, "name")}


class ConsultationSummaryOut(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    status = serializers.ChoiceField(choices=Consultation.Status.choices)
    accepts_responses = serializers.BooleanField()
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    department = DepartmentOut()
    language = serializers.CharField()

    def to_representation(self, c: Consultation) -> dict[str, Any]:
        return {
            "slug": c.slug,
            "title": localized(c, "title"),
            "summary": localized(c, "summary"),
            "status": c.current_status(),
            "accepts_responses": c.accepts_responses(),
            "opens_at": c.opens_at.isoformat() if c.opens_at else None,
            "closes_at": c.closes_at.isoformat() if c.closes_at else None,
            "department": _department(c),
            "language": current_language(),
        }


class ChoiceOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class QuestionOut(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    text = serializers.CharField()
    help_text = serializers.CharField()  # type: ignore[assignment]
    required = serializers.BooleanField()  # type: ignore[assignment]
    section = serializers.CharField(allow_null=True)
    max_length = serializers.IntegerField(allow_null=True)
    choices = ChoiceOut(many=True, help_text="Options; for likert, the scale 1–5.")


class SectionOut(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField(help_text="Markdown")


class NoticeOut(serializers.Serializer):
    version = serializers.CharField()
    text = serializers.CharField()


class ConsultationOut(ConsultationSummaryOut):
    body = serializers.CharField(help_text="Markdown")
    notice = NoticeOut()
    sections = SectionOut(many=True)
    questions = QuestionOut(many=True)

    def to_representation(self, c: Consultation) -> dict[str, Any]:
        data = super().to_representation(c)
        numbers = {s.pk: s.number for s in c.sections.all()}
        data.update(
            body=localized(c, "body"),
            notice={"version": c.notice_version, "text": localized(c, "notice")},
            sections=[
                {"number": s.number, "title": localized(s, "title"), "text": localized(s, "text")}
                for s in c.sections.all()
            ],
            questions=[
                {
                    "key": q.key,
                    "kind": q.kind,
                    "text": localized(q, "text"),
                    "help_text": localized(q, "help_text"),
                    "required": q.required,
                    "section": numbers.get(q.section_id) if q.section_id else None,
                    "max_length": q.max_length,
                    "choices": (
                        [{"key": str(n), "label": str(label)} for n, label in LIKERT_SCALE]
                        if q.kind == Question.Kind.LIKERT
                        else [
                            {"key": ch.key, "label": localized(ch, "label")}
                            for ch in q.choices.all()
                        ]
                    ),
                }
                for q in c.questions.all()
            ],
        )
        return data


class ConsultationCursor(CursorPagination):
    ordering = "-id"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound as exc:  # DRF answers 404 for a bad cursor; it is a bad request
            raise serializers.ValidationError({"cursor": [_("This cursor is not valid.")]}) from exc


@extend_schema(
    tags=["consultations"],
    parameters=[
        LANG_PARAM,
        OpenApiParameter(
            "status", str, enum=[s.value for s in Consultation.Status if s != "draft"]
        ),
        OpenApiParameter("department", str, description="Department code"),
        OpenApiParameter("q", str, description="Text in the title or summary (either language)"),
    ],
    responses={200: ConsultationSummaryOut(many=True), 400: ErrorSerializer},
)
class ConsultationList(generics.ListAPIView):
    """Consultations past draft, newest first."""

    serializer_class = ConsultationSummaryOut
    pagination_class = ConsultationCursor
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Consultation]:
        qs = Consultation.objects.public().select_related("department")
        params = self.request.query_params
        status = params.get("status", "")
        now = timezone.now()
        window = Q(status__in=("open", "scheduled"))
        if status == "open":
            qs = qs.filter(window, opens_at__lte=now, closes_at__gt=now)
        elif status == "scheduled":
            qs = qs.filter(window, opens_at__gt=now)
        elif status == "closed":
            qs = qs.filter((window & Q(closes_at__lte=now)) | Q(status="closed"))
        elif status in ("analysed", "published"):
            qs = qs.filter(status=status)
        elif status:
            raise serializers.ValidationError({"status": [_("Unknown status.")]})
        for name in ("department", "q"):
            if "\x00" in params.get(name, ""):
                # PostgreSQL cannot compare text holding a NUL; say so, as a form would.
                raise serializers.ValidationError({name: [ProhibitNullCharactersValidator.message]})
        if department := params.get("department", "")[:64]:
            qs = qs.filter(department__code=department)
        if text := params.get("q", "")[:200].strip():
            qs = qs.filter(
                Q(title_ja__icontains=text)
                | Q(title_en__icontains=text)
                | Q(summary_ja__icontains=text)
                | Q(summary_en__icontains=text)
            )
        return qs


@extend_schema(
    tags=["consultations"],
    parameters=[LANG_PARAM],
    responses={200: ConsultationOut, 404: ErrorSerializer},
)
class ConsultationDetail(generics.RetrieveAPIView):
    """One consultation with its clauses and questionnaire."""

    serializer_class = ConsultationOut

    def get_object(self) -> Consultation:
        consultation = consultation_public_detail(self.kwargs["slug"])
        if consultation is None:
            from django.http import Http404

            raise Http404
        return consultation
