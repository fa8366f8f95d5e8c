"""Forms of the staff report pages: they read input; services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGES
from .services.review import DESCRIPTION_MAX, GOVERNMENT_VIEW_MAX, LABEL_MAX


class StartRunForm(forms.Form):
    language = forms.ChoiceField(label=_("Report language"), choices=LANGUAGES)


class ThemeLabelForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=LABEL_MAX)
    description = forms.CharField(
        label=_("Description"), max_length=DESCRIPTION_MAX, required=False, widget=forms.Textarea
    )


class AddThemeForm(ThemeLabelForm):
    section = forms.CharField(widget=forms.HiddenInput, max_length=60)


class GovernmentViewForm(forms.Form):
    government_view = forms.CharField(
        label=_("The government's view"),
        max_length=GOVERNMENT_VIEW_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Merge into"), min_value=1)


class MoveForm(forms.Form):
    reference = forms.CharField(max_length=20)
    to = forms.IntegerField(label=_("Move to"), min_value=1)


class SampleCheckForm(forms.Form):
    """One sampled response checked, by its reference."""

    reference = forms.CharField(max_length=20)


class SplitForm(ThemeLabelForm):
    """The new theme's label; the chosen responses come as a list of ``references``."""
