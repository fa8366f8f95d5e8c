"""The submission document of the API as documented in the schema, and the mapping of the shared
validation's errors onto it. Requests are parsed by
`consult.responses.import_json.parse_submission_document` (shared with bulk import).

{"language": "ja",
 "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": true, …},
 "answers": [{"question": "overall", "value": 2}, …],
 "comments": [{"section": "2", "text": "…"}]}
"""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from consult.consultations.questionnaire import Questionnaire
from consult.responses.models import Respondent, SupporterConsent
from consult.responses.regions import AgeBand, Region


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo is an error rather than silently ignored."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        key: [ErrorDetail(_("Unknown field."), code="unknown_field")]
                        for key in unknown
                    }
                )
        return super().to_internal_value(data)


class RespondentIn(StrictSerializer):
    kind = serializers.ChoiceField(choices=Respondent.Kind.choices)
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, trim_whitespace=False
    )
    organisation_name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, trim_whitespace=False
    )
    region = serializers.ChoiceField(choices=Region.choices, required=False, allow_blank=True)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    consent = serializers.ChoiceField(choices=Respondent.Consent.choices)
    notice_accepted = serializers.BooleanField(
        help_text="The respondent has read the consultation's purpose-of-use notice (required)."
    )


class AnswerIn(StrictSerializer):
    question = serializers.CharField(max_length=40)
    value = serializers.JSONField(
        help_text="likert: 1–5; single_choice: a choice key; multiple_choice and ranking: a list of "
        "choice keys (ranking in order); free_text: the text."
    )


class CommentIn(StrictSerializer):
    section = serializers.CharField(max_length=20)
    text = serializers.CharField(max_length=1_000_000, trim_whitespace=False, allow_blank=True)


class SupporterConsentIn(StrictSerializer):
    share = serializers.BooleanField(
        help_text="The supporter agreed that the organisation may see their submission "
        "afterwards (its reads and exports leave it out otherwise)."
    )
    consented_at = serializers.DateTimeField(
        help_text="When the supporter consented: ISO 8601 with a time zone, not in the future."
    )
    method = serializers.ChoiceField(
        choices=SupporterConsent.Method.choices, help_text="How the organisation collected it."
    )


class SubmissionIn(StrictSerializer):
    language = serializers.ChoiceField(choices=[("ja", "ja"), ("en", "en")], required=False)
    respondent = RespondentIn()
    answers = AnswerIn(many=True, required=False, max_length=200)  # type: ignore[call-arg]
    comments = CommentIn(many=True, required=False, max_length=200)  # type: ignore[call-arg]
    supporter_consent = SupporterConsentIn(
        required=False,
        help_text="The supporter's consent to the organisation submitting on their behalf: "
        "required with an organisation's API key (400 `consent_required` without it), an "
        "unknown field otherwise.",
    )


def error_paths(
    errors: dict[str, list[str]],
    questionnaire: Questionnaire,
    answer_index: dict[str, int],
    comment_index: dict[str, int],
) -> list[tuple[str, str, str]]:
    """Map validation paths (`answers.<key>`) onto the request body (`answers[3].value`), by
    the position of each answered question and commented section in the body as the parser
    found them (a question given as the number 5 is the key "5", at its own position)."""
    out = []
    for path, messages in errors.items():
        group, _dot, name = path.partition(".")
        if group == "answers" and name in answer_index and name not in questionnaire.questions:
            target, code = f"answers[{answer_index[name]}].question", "unknown_question"
        elif group == "answers" and name in answer_index:
            target, code = f"answers[{answer_index[name]}].value", "invalid"
        elif group == "answers":
            target, code = "answers", "required"
        elif group == "comments" and name in comment_index and name not in questionnaire.sections:
            target, code = f"comments[{comment_index[name]}].section", "unknown_section"
        elif group == "comments" and name in comment_index:
            target, code = f"comments[{comment_index[name]}].text", "invalid"
        else:
            target, code = path, "invalid"
        for message in messages:
            if group == "answers" and name not in answer_index:
                message = _("Question “%(key)s”: %(message)s") % {"key": name, "message": message}
            out.append((target, code, message))
    return out
