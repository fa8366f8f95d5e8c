"""Query parameters shared by the response list and the export, validated into `ResponseFilters`."""

from datetime import UTC, date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from consult.consultations.models import LIKERT_SCALE, Question
from consult.consultations.questionnaire import Questionnaire
from consult.responses.models import Respondent, Response
from consult.responses.regions import Region
from consult.responses.selectors import ResponseFilters
from consult.responses.submission import clean_text

MAX_SEARCH_LENGTH = 200


@extend_schema_field(OpenApiTypes.STR)
class InstantField(serializers.Field):
    """An ISO 8601 date (midnight in the site's time zone) or date-time (without an offset: in
    the site's time zone)."""

    def to_internal_value(self, data: Any) -> datetime:
        text = str(data).strip()
        try:
            moment = parse_datetime(text)
            day = None if moment else parse_date(text)
        except ValueError:
            moment = day = None
        if moment is None and day is None:
            raise serializers.ValidationError(
                _("Use an ISO 8601 date (2026-01-31) or date-time (2026-01-31T09:00:00+09:00)."),
                code="invalid",
            )
        if moment is None:
            assert isinstance(day, date)
            moment = datetime.combine(day, time.min)
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            # Compared in UTC by the database: 0001-01-01 in Tokyo is no instant it can hold.
            return moment.astimezone(UTC)
        except OverflowError as exc:
            raise serializers.ValidationError(
                _("Use a date between the years 1 and 9999."), code="invalid"
            ) from exc

    def to_representation(self, value: datetime) -> str:
        return value.isoformat()


class ResponseFiltersIn(serializers.Serializer):
    """Needs `questionnaire` in its context to check `question` and `answer`."""

    status = serializers.ChoiceField(choices=Response.Status.choices, required=False)
    channel = serializers.ChoiceField(choices=Response.Channel.choices, required=False)
    kind = serializers.ChoiceField(choices=Respondent.Kind.choices, required=False)
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    language = serializers.ChoiceField(choices=(("ja", "ja"), ("en", "en")), required=False)
    question = serializers.CharField(max_length=40, required=False)
    answer = serializers.CharField(max_length=40, required=False)
    submitted_after = InstantField(required=False)
    submitted_before = InstantField(required=False)
    q = serializers.CharField(max_length=MAX_SEARCH_LENGTH, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        questionnaire: Questionnaire = self.context["questionnaire"]
        key, answer = attrs.get("question", ""), attrs.get("answer", "")
        if answer and not key:
            raise serializers.ValidationError(
                {"answer": [_("Give the question this answer belongs to.")]}, code="required"
            )
        if key:
            spec = questionnaire.questions.get(key)
            if spec is None:
                raise serializers.ValidationError(
                    {"question": [_("This consultation has no question with this key.")]},
                    code="invalid",
                )
            if answer:
                _check_answer(spec.kind, spec.choice_keys, answer)
        after, before = attrs.get("submitted_after"), attrs.get("submitted_before")
        if after and before and before <= after:
            raise serializers.ValidationError(
                {"submitted_before": [_("This must be later than submitted_after.")]},
                code="invalid",
            )
        return attrs

    def filters(self) -> ResponseFilters:
        data = self.validated_data
        return ResponseFilters(
            status=data.get("status", ""),
            channel=data.get("channel", ""),
            kind=data.get("kind", ""),
            language=data.get("language", ""),
            region=data.get("region", ""),
            question=data.get("question", ""),
            answer=data.get("answer", ""),
            submitted_after=data.get("submitted_after"),
            submitted_before=data.get("submitted_before"),
            search=clean_text(data.get("q", "")),
        )


def _check_answer(kind: str, choice_keys: tuple[str, ...], answer: str) -> None:
    if kind == Question.Kind.FREE_TEXT:
        message = _("Free-text answers cannot be matched exactly; search them with q.")
    elif kind == Question.Kind.LIKERT:
        if answer in {str(n) for n, _label in LIKERT_SCALE}:
            return
        message = _("Give a scale value from 1 to 5.")
    elif answer in choice_keys:
        return
    else:
        message = _("This question has no choice with this key.")
    raise serializers.ValidationError({"answer": [message]}, code="invalid")


FILTER_PARAMETERS = [
    OpenApiParameter("status", str, enum=Response.Status.values),
    OpenApiParameter("channel", str, enum=Response.Channel.values),
    OpenApiParameter("kind", str, enum=Respondent.Kind.values, description="Respondent type"),
    OpenApiParameter("region", str, enum=Region.values, description="Prefecture code, 99 abroad"),
    OpenApiParameter("language", str, enum=["ja", "en"]),
    OpenApiParameter(
        "question", str, description="A question key: responses that answered it (see answer)"
    ),
    OpenApiParameter(
        "answer",
        str,
        description="With question: a choice key the answer equals (single choice) or contains "
        "(multiple choice, ranking), or a likert value 1–5.",
    ),
    OpenApiParameter(
        "submitted_after",
        str,
        description="Inclusive. ISO 8601 date or date-time; without an offset, in the site time zone.",
    ),
    OpenApiParameter(
        "submitted_before",
        str,
        description="Exclusive. ISO 8601 date or date-time; without an offset, in the site time zone.",
    ),
    OpenApiParameter(
        "q",
        str,
        description="Case-insensitive substring of a free-text answer or clause comment, in any "
        "language (Japanese needs no spaces), or a whole reference number. Up to "
        f"{MAX_SEARCH_LENGTH} characters.",
    ),
]
