"""What moderation lets the public read: the one place that knows the moderation app's models.

A free-text answer or clause comment is public only through its moderation item, and only when
the item is approved or redacted: then its ``published_text`` (the text after redaction) is
shown, never the original. A text without a decided item is "awaiting moderation"; a rejected
one is "withheld". Responses set aside after a report of false attribution are not public.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from consult.consultations.models import Consultation
from consult.moderation.models import FalseAttributionReport, ModerationItem

Status = ModerationItem.Status
PUBLISHED = (Status.APPROVED, Status.REDACTED)
DECIDED = (Status.APPROVED, Status.REDACTED, Status.REJECTED)


@dataclass(frozen=True, slots=True)
class Moderated:
    """A text as the public may know it: its published text, or why there is none."""

    published_text: str | None  # None unless approved or redacted
    withheld: bool  # rejected by moderators

    @property
    def awaiting(self) -> bool:
        return self.published_text is None and not self.withheld


AWAITING = Moderated(published_text=None, withheld=False)


def _published(consultation: Consultation) -> QuerySet[ModerationItem]:
    return ModerationItem.objects.filter(
        consultation=consultation, status__in=PUBLISHED, published_text__isnull=False
    )


def has_published_text(
    consultation: Consultation, *, search: str = "", clause_number: str = ""
) -> Q:
    """A condition on responses: some published text of theirs contains ``search``
    (case-insensitive; any when empty); with ``clause_number``, a published comment on that
    clause. Only published texts are searched, so a search cannot reveal a hidden one."""
    items = _published(consultation)
    if search:
        items = items.filter(published_text__icontains=search)
    comments = items.filter(clause_comment__response=OuterRef("pk"))
    if clause_number:
        return Q(Exists(comments.filter(clause_comment__section__number=clause_number)))
    return Q(Exists(items.filter(answer__response=OuterRef("pk")))) | Q(Exists(comments))


def set_aside_condition() -> Q:
    """Responses moderators set aside: a report that it was made in someone's name without
    their consent was upheld."""
    return Q(Exists(FalseAttributionReport.objects.filter(response=OuterRef("pk"), set_aside=True)))


# Appended to `values_list` of answers or clause comments: their item's outcome in the same query.
OUTCOME_FIELDS = ("moderation__status", "moderation__published_text")


def outcome(status: str | None, text: str | None) -> Moderated:
    """The outcome of a text from its item's status and published text (both None when it has
    no item yet)."""
    if status is None:
        return AWAITING
    if status in PUBLISHED and text is not None:
        return Moderated(published_text=text, withheld=False)
    return Moderated(published_text=None, withheld=status == Status.REJECTED)


def decided_item_exists(*, answers: bool) -> Exists:
    """A condition on answers (or clause comments): moderators have decided on the text."""
    field = "answer" if answers else "clause_comment"
    return Exists(ModerationItem.objects.filter(**{field: OuterRef("pk"), "status__in": DECIDED}))
