"""The organisation's campaign form: texts in both languages; the template comes from the
response form's own fields (see `consult.responses.forms.submission_from_post`)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from consult.consultations.models import Consultation

from .models import Campaign


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ("slug", "title_ja", "title_en", "message_ja", "message_en")
        help_texts = {
            "slug": _(
                "The end of the share link: lower-case letters, digits and hyphens. It cannot "
                "be changed later."
            ),
            "message_ja": _("Markdown: paragraphs, lists, links, emphasis."),
            "message_en": _("Markdown: paragraphs, lists, links, emphasis."),
        }
        widgets = {
            "message_ja": forms.Textarea(attrs={"rows": 6}),
            "message_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["slug"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_ja") or "").strip() and not (data.get("title_en") or "").strip():
            self.add_error("title_ja", _("Give the campaign a title in Japanese or English."))
        return data

    def validate_unique(self) -> None:
        # The service saves; uniqueness of the slug is checked here so the message is the form's.
        slug = self.cleaned_data.get("slug")
        if (
            slug
            and not self.fields["slug"].disabled
            and Campaign.objects.filter(slug=slug).exists()
        ):
            self.add_error("slug", _("This link is already taken; choose another."))


class ConsultationChoiceForm(forms.Form):
    """Which consultation a new campaign is for: only open ones are offered; any other is refused
    with its own message by the service."""

    consultation = forms.SlugField(label=_("Consultation"), max_length=80)

    def clean_consultation(self) -> Consultation:
        slug = self.cleaned_data["consultation"]
        consultation = Consultation.objects.public().filter(slug=slug).first()
        if consultation is None:
            raise forms.ValidationError(_("There is no such consultation."))
        return consultation


def open_consultations() -> list[Consultation]:
    return [c for c in Consultation.objects.public() if c.accepts_responses()]
