"""Theme review: rename, merge, split, delete, move responses, add themes, mark reviewed, and
the government's view for the e-Gov results table. Every action calls one service."""

from collections.abc import Callable
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from consult.accounts.models import User
from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.consultations.models import Consultation
from consult.core.i18n import current_language
from consult.responses.models import Response

from .. import services
from ..agreement import SAMPLE_INTERVAL_MIN
from ..forms import (
    AddThemeForm,
    GovernmentViewForm,
    MergeForm,
    MoveForm,
    SampleCheckForm,
    SplitForm,
    ThemeLabelForm,
)
from ..models import Theme
from ..selectors import (
    SAMPLE_MAX,
    SAMPLE_SIZE,
    checked_sections,
    latest_succeeded_run,
    review_agreement,
    review_sample,
    review_sections,
    sample_agreement,
    sample_theme_shares,
    theme_edits,
    theme_for_staff,
    theme_members,
    theme_overlaps,
)


@login_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REVIEW_THEMES)
    sections = review_sections(consultation, language=current_language())
    return render(
        request,
        "reports/review.html",
        {
            "consultation": consultation,
            "sections": sections,
            "checked": checked_sections(consultation, sections),
            "latest": latest_succeeded_run(consultation),
            "agreement": review_agreement(consultation),
            "edits": theme_edits(consultation, limit=20),
        },
    )


@login_required
def theme_detail(request: HttpRequest, slug: str, theme_id: int) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REVIEW_THEMES)
    theme = theme_for_staff(consultation, theme_id)
    if not theme.is_live:
        raise Http404
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    members, more = theme_members(theme, page=page)
    siblings = [
        s
        for section in review_sections(consultation, language=current_language())
        if section.key == theme.section
        for s in section.themes
        if s.pk != theme.pk
    ]
    return render(
        request,
        "reports/theme.html",
        {
            "consultation": consultation,
            "theme": theme,
            "members": members,
            "page": page,
            "more": more,
            "siblings": siblings,
            "overlaps": theme_overlaps(theme),
            "label_form": ThemeLabelForm(
                initial={"label": theme.label, "description": theme.description}
            ),
            "view_form": GovernmentViewForm(initial={"government_view": theme.government_view}),
        },
    )


def _rename(request: HttpRequest, theme: Theme, user: User) -> None:
    form = ThemeLabelForm(request.POST)
    if not form.is_valid():
        raise ValidationError([m for ms in form.errors.values() for m in ms])
    services.theme_rename(
        theme=theme,
        user=user,
        label=form.cleaned_data["label"],
        description=form.cleaned_data["description"],
    )


def _government_view(request: HttpRequest, theme: Theme, user: User) -> None:
    form = GovernmentViewForm(request.POST)
    if not form.is_valid():
        raise ValidationError([m for ms in form.errors.values() for m in ms])
    services.theme_set_government_view(
        theme=theme, user=user, text=form.cleaned_data["government_view"]
    )


def _merge(request: HttpRequest, theme: Theme, user: User) -> None:
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose the theme to merge into."))
    into = theme_for_staff(theme.consultation, form.cleaned_data["into"])
    services.theme_merge(themes=[theme], into=into, user=user)


def _response(consultation: Consultation, reference: str) -> Response:
    response = Response.objects.filter(consultation=consultation, reference=reference).first()
    if response is None:
        raise ValidationError(_("No response with that reference."))
    return response


def _move(request: HttpRequest, theme: Theme, user: User) -> None:
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose the theme to move the response to."))
    target = theme_for_staff(theme.consultation, form.cleaned_data["to"])
    response = _response(theme.consultation, form.cleaned_data["reference"])
    services.assignment_move(response=response, from_theme=theme, to_theme=target, user=user)


def _split(request: HttpRequest, theme: Theme, user: User) -> None:
    form = SplitForm(request.POST)
    if not form.is_valid():
        raise ValidationError([m for ms in form.errors.values() for m in ms])
    services.theme_split(
        theme=theme,
        user=user,
        label=form.cleaned_data["label"],
        description=form.cleaned_data["description"],
        references=request.POST.getlist("references")[:1000],
    )


ACTIONS: dict[str, Callable[[HttpRequest, Theme, User], object]] = {
    "rename": _rename,
    "government_view": _government_view,
    "merge": _merge,
    "move": _move,
    "split": _split,
    "review": lambda request, theme, user: services.theme_mark_reviewed(theme=theme, user=user),
    "unreview": lambda request, theme, user: services.theme_mark_reviewed(
        theme=theme, user=user, reviewed=False
    ),
    "delete": lambda request, theme, user: services.theme_delete(theme=theme, user=user),
}
DONE = {
    "rename": gettext_lazy("The theme was renamed."),
    "government_view": gettext_lazy("The government's view was saved."),
    "merge": gettext_lazy("The themes were merged."),
    "move": gettext_lazy("The response was moved."),
    "split": gettext_lazy("The new theme was created from the chosen responses."),
    "review": gettext_lazy("The theme is marked as reviewed."),
    "unreview": gettext_lazy("The theme is no longer marked as reviewed."),
    "delete": gettext_lazy("The theme was deleted."),
}


@login_required
@require_POST
def theme_action(request: HttpRequest, slug: str, theme_id: int, action: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REVIEW_THEMES)
    theme = theme_for_staff(consultation, theme_id)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        handler(request, theme, request.user)  # type: ignore[arg-type]
        messages.success(request, str(DONE[action]))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    theme.refresh_from_db()
    if request.POST.get("back") == "theme" and theme.is_live:
        return redirect("staff:reports:theme", slug=slug, theme_id=theme.pk)
    return redirect(f"{_review_url(slug)}#section-{quote(theme.section, safe=':')}")


def _review_url(slug: str) -> str:
    return reverse("staff:reports:review", kwargs={"slug": slug})


@login_required
@require_POST
def theme_add(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REVIEW_THEMES)
    form = AddThemeForm(request.POST)
    if form.is_valid():
        try:
            services.theme_add_codebook(
                consultation=consultation,
                section=form.cleaned_data["section"],
                user=request.user,  # type: ignore[arg-type]
                label=form.cleaned_data["label"],
                description=form.cleaned_data["description"],
            )
            messages.success(request, _("The theme was added; the next report will look for it."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    section = quote(str(form.data.get("section", ""))[:60], safe=":")
    return redirect(f"{_review_url(slug)}#section-{section}")


SAMPLE_STEP = 25  # responses added to the sample by "Draw more"


def _sample_size(raw: str | None) -> int:
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 6:
        return SAMPLE_SIZE
    return max(1, min(int(raw), SAMPLE_MAX))


def _theme_ids(values: list[str]) -> list[int]:
    if any(not (v.isascii() and v.isdigit()) or len(v) > 18 for v in values):
        raise ValidationError(_("Choose themes from the list."))
    return [int(v) for v in values]


@login_required
@require_http_methods(["GET", "POST"])
def sample(request: HttpRequest, slug: str) -> HttpResponse:
    """A random sample of one question's or clause's responses, for officials to check the
    engine's themes one response at a time; with the agreement on those checked so far."""
    consultation = consultation_for_staff(request.user, slug, Right.REVIEW_THEMES)
    sections = review_sections(consultation, language=current_language())
    by_key = {s.key: s for s in sections}
    params = request.POST if request.method == "POST" else request.GET
    key = params.get("section") or (sections[0].key if sections else "")
    section = by_key.get(key)
    if section is None:
        raise Http404
    size = _sample_size(params.get("size"))
    url = reverse("staff:reports:sample", kwargs={"slug": slug})
    if request.method == "POST":
        form = SampleCheckForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("No response with that reference."))
            response = _response(consultation, form.cleaned_data["reference"])
            services.unit_check(
                response=response,
                section=section.key,
                theme_ids=_theme_ids(request.POST.getlist("themes")[:200]),
                user=request.user,  # type: ignore[arg-type]
            )
            messages.success(
                request, _("Response %(ref)s is checked.") % {"ref": response.reference}
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        # Back to the next response of the sample (a rank that is not one: the page's top).
        rank = params.get("rank", "")
        valid_rank = rank.isascii() and rank.isdigit() and len(rank) <= 6
        anchor = f"#unit-{int(rank) + 1}" if valid_rank else ""
        return redirect(f"{url}?section={quote(section.key, safe=':')}&size={size}{anchor}")
    units = review_sample(consultation, section.key, size=size)
    themes = {t.pk: t for t in section.themes}
    agreement = sample_agreement(consultation, section.key, units)
    return render(
        request,
        "reports/sample.html",
        {
            "consultation": consultation,
            "sections": sections,
            "section": section,
            "units": [(u, [themes[t] for t in u.themes if t in themes]) for u in units],
            "size": size,
            "more": min(size + SAMPLE_STEP, SAMPLE_MAX)
            if len(units) == size < SAMPLE_MAX
            else None,
            "agreement": agreement,
            "shares": sample_theme_shares(consultation, section.key, units, section.themes)
            if agreement is not None
            else [],
            "interval_min": SAMPLE_INTERVAL_MIN,
        },
    )
