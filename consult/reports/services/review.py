"""Officials' review of themes. Every action writes one `ThemeEdit` (the append-only log).

The next run reads the result: reviewed or edited themes become its codebook (label and
description, with the labels of themes merged into them as keywords) and officials' theme sets
for the responses they moved become its corrections (see `consult.reports.adapter`).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from consult.accounts.models import User
from consult.consultations.models import Consultation
from consult.responses.models import Response

from ..adapter import live_theme_of
from ..models import Theme, ThemeAssignment, ThemeEdit

LABEL_MAX = 300
DESCRIPTION_MAX = 2000
GOVERNMENT_VIEW_MAX = 10000
SPLIT_MAX = 1000
Source = ThemeAssignment.Source


def _log(theme: Theme, user: User | None, action: str, **payload: Any) -> ThemeEdit:
    return ThemeEdit.objects.create(
        consultation_id=theme.consultation_id,
        theme=theme,
        user=user,
        action=action,
        payload=payload,
    )


def _locked(theme: Theme) -> Theme:
    locked = Theme.objects.select_for_update().get(pk=theme.pk)
    if not locked.is_live:
        raise ValidationError(
            _("This theme has been deleted or merged; reload the page."), code="theme_gone"
        )
    return locked


def _clean_label(label: str, description: str) -> tuple[str, str]:
    label, description = (label or "").strip(), (description or "").strip()
    errors = {}
    if not label:
        errors["label"] = _("Give the theme a label.")
    elif len(label) > LABEL_MAX:
        errors["label"] = _("A label can have at most %(n)s characters.") % {"n": LABEL_MAX}
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = _("A description can have at most %(n)s characters.") % {
            "n": DESCRIPTION_MAX
        }
    if errors:
        raise ValidationError(errors, code="invalid")
    return label, description


@transaction.atomic
def theme_rename(
    *, theme: Theme, user: User | None, label: str, description: str | None = None
) -> Theme:
    """Give a theme a new label (and description, if given)."""
    locked = _locked(theme)
    label, description = _clean_label(
        label, locked.description if description is None else description
    )
    before = {"label": locked.label, "description": locked.description}
    locked.label, locked.description, locked.updated_by = label, description, user
    if (label, description) != (before["label"], before["description"]):
        # Officials' own words name the theme in every report language from now on.
        locked.translations = {}
    locked.save(update_fields=["label", "description", "translations", "updated_by", "updated_at"])
    _log(
        locked,
        user,
        ThemeEdit.Action.RENAME,
        before=before,
        after={"label": label, "description": description},
    )
    return locked


@transaction.atomic
def theme_set_government_view(*, theme: Theme, user: User | None, text: str) -> Theme:
    """The government's view on a theme, shown beside it in the e-Gov results table."""
    locked = _locked(theme)
    text = (text or "").strip()
    if len(text) > GOVERNMENT_VIEW_MAX:
        raise ValidationError(
            {"government_view": _("At most %(n)s characters.") % {"n": GOVERNMENT_VIEW_MAX}},
            code="too_long",
        )
    before = locked.government_view
    locked.government_view, locked.updated_by = text, user
    locked.save(update_fields=["government_view", "updated_by", "updated_at"])
    _log(locked, user, ThemeEdit.Action.GOVERNMENT_VIEW, before=before, after=text)
    return locked


@transaction.atomic
def theme_mark_reviewed(*, theme: Theme, user: User | None, reviewed: bool = True) -> Theme:
    """Sign a theme off (or take the sign-off back)."""
    locked = _locked(theme)
    locked.reviewed, locked.updated_by = reviewed, user
    locked.save(update_fields=["reviewed", "updated_by", "updated_at"])
    _log(locked, user, ThemeEdit.Action.REVIEW, reviewed=reviewed)
    return locked


@transaction.atomic
def theme_delete(*, theme: Theme, user: User | None) -> Theme:
    """Remove a theme from the review and from the next run's codebook (kept for the log)."""
    locked = _locked(theme)
    locked.deleted, locked.updated_by = True, user
    locked.save(update_fields=["deleted", "updated_by", "updated_at"])
    _log(locked, user, ThemeEdit.Action.DELETE, label=locked.label)
    return locked


@transaction.atomic
def theme_merge(*, themes: Sequence[Theme], into: Theme, user: User | None) -> Theme:
    """Merge ``themes`` into ``into`` (same section). Their labels become keywords of ``into``
    for the next run, and officials' choices of them become choices of ``into``."""
    target = _locked(into)
    sources = [_locked(t) for t in themes if t.pk != target.pk]
    if not sources:
        raise ValidationError(_("Choose at least one other theme to merge."), code="nothing")
    for source in sources:
        if (source.consultation_id, source.section) != (target.consultation_id, target.section):
            raise ValidationError(
                _("Only themes of the same question or clause can be merged."), code="section"
            )
    ids = [s.pk for s in sources]
    Theme.objects.filter(pk__in=ids).update(merged_into=target, updated_by=user)
    moved = ThemeAssignment.objects.filter(theme_id__in=ids, source=Source.OFFICIAL)
    have = set(
        ThemeAssignment.objects.filter(theme=target, source=Source.OFFICIAL).values_list(
            "response_id", flat=True
        )
    )
    for assignment in moved:
        if assignment.response_id in have:
            assignment.delete()
        else:
            have.add(assignment.response_id)
            ThemeAssignment.objects.filter(pk=assignment.pk).update(theme=target)
    target.updated_by = user
    target.save(update_fields=["updated_by", "updated_at"])
    _log(target, user, ThemeEdit.Action.MERGE, merged=ids, labels=[s.label for s in sources])
    return target


@transaction.atomic
def theme_add_codebook(
    *,
    consultation: Consultation,
    section: str,
    user: User | None,
    label: str,
    description: str = "",
) -> Theme:
    """A theme officials expect (e.g. from their own reading): the next run looks for it."""
    from ..snapshot import snapshot_header

    sections = {s["key"] for s in snapshot_header(consultation)["sections"]}
    if section not in sections:
        raise ValidationError(
            {"section": _("Choose a free-text question or a clause.")}, code="section"
        )
    label, description = _clean_label(label, description)
    theme = Theme.objects.create(
        consultation=consultation,
        section=section,
        key=f"o-{secrets.token_hex(6)}",
        label=label,
        description=description,
        source=Theme.Source.OFFICIAL,
        created_by=user,
        updated_by=user,
    )
    _log(theme, user, ThemeEdit.Action.ADD, label=label, description=description)
    return theme


def unit_themes(response: Response, section: str) -> tuple[list[int], bool]:
    """The live themes a response raises in ``section`` now: officials' set if they touched
    it, else the engine's; and whether officials touched it."""
    live = live_theme_of(response.consultation)
    rows = list(
        ThemeAssignment.objects.filter(response=response, theme__section=section).values_list(
            "theme_id", "source"
        )
    )
    official = [t for t, s in rows if s == Source.OFFICIAL]
    chosen = official if official else [t for t, s in rows if s == Source.ENGINE]
    themes = [live.get(t) for t in chosen]
    return sorted({t for t in themes if t is not None}), bool(official)


def _set_unit(response: Response, section: str, theme_ids: Sequence[int]) -> None:
    ThemeAssignment.objects.filter(
        response=response, theme__section=section, source=Source.OFFICIAL
    ).delete()
    ThemeAssignment.objects.bulk_create(
        ThemeAssignment(response=response, theme_id=t, source=Source.OFFICIAL, confidence=1.0)
        for t in theme_ids
    )


@transaction.atomic
def unit_check(
    *, response: Response, section: str, theme_ids: Sequence[int], user: User | None
) -> list[int]:
    """Record that officials checked a response's themes in ``section`` (one drawn in the
    section's random sample): its themes become ``theme_ids`` (live themes of that section, at
    least one), and the log keeps the engine's themes beside them, so the agreement on
    the sample still reads as it was after the next run. Returns the themes set."""
    chosen = sorted(set(theme_ids))
    if not chosen:
        # A response's themes are its theme rows: with none, the engine's would still count.
        raise ValidationError(
            _(
                "Tick at least one theme. If none fits, add a theme on the review page, then "
                "check this response."
            ),
            code="no_theme",
        )
    found = set(
        Theme.objects.select_for_update()
        .filter(
            consultation_id=response.consultation_id,
            section=section,
            pk__in=chosen,
            deleted=False,
            merged_into=None,
        )
        .values_list("pk", flat=True)
    )
    if len(found) != len(chosen):
        raise ValidationError(
            _(
                "A theme chosen has been deleted or merged, or is not of this question; reload the page."
            ),
            code="theme_gone",
        )
    live = live_theme_of(response.consultation)
    before, _touched = unit_themes(response, section)
    engine = sorted(
        {
            target
            for target in (
                live.get(t)
                for t in ThemeAssignment.objects.filter(
                    response=response, theme__section=section, source=Source.ENGINE
                ).values_list("theme_id", flat=True)
            )
            if target is not None
        }
    )
    _set_unit(response, section, chosen)
    ThemeEdit.objects.create(
        consultation_id=response.consultation_id,
        theme=None,
        user=user,
        action=ThemeEdit.Action.CHECK,
        payload={
            "response": response.reference,
            "section": section,
            "engine": engine,
            "before": before,
            "after": chosen,
        },
    )
    return chosen


@transaction.atomic
def assignment_move(
    *, response: Response, from_theme: Theme | None, to_theme: Theme, user: User | None
) -> list[int]:
    """Move a response from one theme to another of the same section (or, without
    ``from_theme``, add a theme to it). Returns the response's new theme ids there."""
    target = _locked(to_theme)
    if response.consultation_id != target.consultation_id:
        raise ValidationError(_("This response belongs to another consultation."), code="response")
    if from_theme is not None and (from_theme.consultation_id, from_theme.section) != (
        target.consultation_id,
        target.section,
    ):
        raise ValidationError(
            _("Both themes must be of the same question or clause."), code="section"
        )
    before, _touched = unit_themes(response, target.section)
    after = set(before)
    if from_theme is not None:
        source = live_theme_of(response.consultation).get(from_theme.pk)
        if source not in after:
            raise ValidationError(
                _("Response %(ref)s does not raise the theme “%(label)s”.")
                % {"ref": response.reference, "label": from_theme.label},
                code="not_member",
            )
        after.discard(source)
    after.add(target.pk)
    _set_unit(response, target.section, sorted(after))
    _log(
        target,
        user,
        ThemeEdit.Action.MOVE,
        response=response.reference,
        from_theme=from_theme.pk if from_theme else None,
        before=before,
        after=sorted(after),
    )
    return sorted(after)


@transaction.atomic
def theme_split(
    *,
    theme: Theme,
    user: User | None,
    label: str,
    description: str = "",
    references: Sequence[str],
) -> Theme:
    """Split a theme: a new theme with ``label`` takes the named responses (by reference)."""
    source = _locked(theme)
    references = sorted({r.strip() for r in references if r.strip()})
    if not references:
        raise ValidationError(
            {"references": _("Choose the responses for the new theme.")}, code="empty"
        )
    if len(references) > SPLIT_MAX:
        raise ValidationError(
            {"references": _("At most %(n)s responses at a time.") % {"n": SPLIT_MAX}},
            code="too_many",
        )
    responses = {
        r.reference: r
        for r in Response.objects.filter(
            consultation_id=source.consultation_id, reference__in=references
        )
    }
    unknown = [r for r in references if r not in responses]
    if unknown:
        raise ValidationError(
            {
                "references": _("Not responses to this consultation: %(refs)s")
                % {"refs": ", ".join(unknown[:10])}
            },
            code="unknown",
        )
    new = theme_add_codebook(
        consultation=source.consultation,
        section=source.section,
        user=user,
        label=label,
        description=description,
    )
    for reference in references:
        assignment_move(response=responses[reference], from_theme=source, to_theme=new, user=user)
    _log(source, user, ThemeEdit.Action.SPLIT, new_theme=new.pk, responses=references)
    return new
