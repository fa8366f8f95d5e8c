"""Serializers of the consultation document (README "Consultation documents") for the authoring API.

The input serializer describes the document for the schema and validates it with the same rules
as `load_consultation` (`document_errors`), so both report the same JSON paths.
"""

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import empty

from consult.consultations.authoring import document_errors
from consult.consultations.documents import consultation_document
from consult.consultations.models import Consultation, Question


class BilingualText(serializers.Serializer):
    ja = serializers.CharField(allow_blank=True)
    en = serializers.CharField(allow_blank=True)


class DepartmentDoc(serializers.Serializer):
    code = serializers.SlugField(max_length=64)
    name = BilingualText(required=False, help_text="Used when the department is new.")


class NoticeDoc(serializers.Serializer):
    version = serializers.CharField(max_length=40)
    text = BilingualText()


class SectionDoc(serializers.Serializer):
    number = serializers.CharField(max_length=20, help_text="e.g. “1” or “3-2”; unique")
    title = BilingualText()
    text = BilingualText(help_text="Markdown")


class ChoiceDoc(serializers.Serializer):
    key = serializers.CharField(max_length=40)
    label = BilingualText()  # type: ignore[assignment]


class QuestionDoc(serializers.Serializer):
    key = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    text = BilingualText()
    help_text = BilingualText(required=False)  # type: ignore[assignment]
    required = serializers.BooleanField(required=False)  # type: ignore[assignment]
    section = serializers.CharField(
        required=False, allow_null=True, help_text="The number of the clause it asks about."
    )
    max_length = serializers.IntegerField(
        required=False, min_value=1, max_value=20000, help_text="free_text only (required there)"
    )
    choices = ChoiceDoc(
        many=True, required=False, help_text="single_choice, multiple_choice and ranking: 2 or more"
    )


class ConsultationDocumentIn(serializers.Serializer):
    slug = serializers.SlugField(max_length=80)
    department = DepartmentDoc()
    title = BilingualText()
    summary = BilingualText()
    body = BilingualText(help_text="Markdown")
    notice = NoticeDoc(help_text="The purpose-of-use notice respondents accept, and its version.")
    sections = SectionDoc(many=True)
    questions = QuestionDoc(many=True)

    def run_validation(self, data: Any = empty) -> Any:
        """Validate with the document rules; the errors keep their JSON paths."""
        errors = document_errors(None if data is empty else data)
        if errors:
            raise serializers.ValidationError(
                {
                    path: [ErrorDetail(message, code="invalid") for message in messages]
                    for path, messages in errors.items()
                }
            )
        return data


class ConsultationDocumentOut(ConsultationDocumentIn):
    status = serializers.ChoiceField(choices=Consultation.Status.choices)
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, c: Consultation) -> dict[str, Any]:
        return {
            **consultation_document(c),
            "status": c.status,
            "opens_at": c.opens_at.isoformat() if c.opens_at else None,
            "closes_at": c.closes_at.isoformat() if c.closes_at else None,
            "created_at": c.created_at.isoformat(),
            "updated_at": c.updated_at.isoformat(),
        }
