"""Reading campaigns: the public page, an organisation's list, the dashboard, the export."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from consult.accounts.models import Organisation
from consult.reports.suppression import suppress_cells
from consult.responses.models import Response
from consult.responses.regions import Region

from .edits import EDIT_BUCKETS
from .models import Campaign, CampaignSupport

MIN_CELL = 5


def campaign_public(slug: str) -> Campaign | None:
    """A published campaign (active or closed) with what its page shows, or None."""
    return (
        Campaign.objects.public()
        .select_related("organisation", "consultation", "consultation__department")
        .filter(slug=slug)
        .first()
    )


def campaigns_of(organisation: Organisation) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(organisation=organisation)
        .select_related("consultation")
        .annotate(
            supporter_count=Count(
                "supports", filter=Q(supports__response__status=Response.Status.SUBMITTED)
            )
        )
        .order_by("-created_at", "-id")
    )


def counted_supports(campaign: Campaign) -> QuerySet[CampaignSupport]:
    """The campaign's supporters whose responses count: submitted, not withdrawn."""
    return CampaignSupport.objects.filter(
        campaign=campaign, response__status=Response.Status.SUBMITTED
    )


@dataclass
class Dashboard:
    total: int = 0
    edited: int = 0
    with_own_words: int = 0
    shared: int = 0
    by_day: list[tuple[date, int]] = field(default_factory=list)
    by_region: list[dict[str, Any]] = field(default_factory=list)
    edit_buckets: list[dict[str, Any]] = field(default_factory=list)

    @property
    def edited_percent(self) -> int:
        return round(100 * self.edited / self.total) if self.total else 0

    @property
    def own_words_percent(self) -> int:
        return round(100 * self.with_own_words / self.total) if self.total else 0


def _bucket_filters() -> list[tuple[str, Q]]:
    out: list[tuple[str, Q]] = []
    lower: float | None = None
    for upper, key in EDIT_BUCKETS:
        if lower is None:
            out.append((key, Q(edit_ratio__lte=upper)))
        else:
            out.append((key, Q(edit_ratio__gt=lower, edit_ratio__lte=upper)))
        lower = upper
    return out


def campaign_dashboard(campaign: Campaign) -> Dashboard:
    """Supporters over time (per day), by region (small cells suppressed), how many edited the
    template and how much, and how many added their own words: three queries."""
    supports = counted_supports(campaign)
    buckets = _bucket_filters()
    totals = supports.aggregate(
        total=Count("pk"),
        edited=Count("pk", filter=Q(template_edited=True)),
        with_own_words=Count("pk", filter=Q(own_words_chars__gt=0)),
        shared=Count("pk", filter=Q(consent_share=True)),
        **{f"bucket_{i}": Count("pk", filter=q) for i, (_key, q) in enumerate(buckets)},
    )
    by_day = [
        (row["day"], row["n"])
        for row in supports.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    ]
    region_counts = dict(
        supports.values_list("response__respondent__region")
        .annotate(n=Count("pk"))
        .values_list("response__respondent__region", "n")
    )
    labels = dict(Region.choices)
    cells = [
        (key, str(labels.get(key, key)), count)
        for key, count in sorted(region_counts.items(), key=lambda kv: (kv[0] == "", kv[0]))
        if key
    ]
    unknown = region_counts.get("", 0)
    if unknown:
        cells.append(("", _("Not given"), unknown))
    total = totals["total"]
    return Dashboard(
        total=total,
        edited=totals["edited"],
        with_own_words=totals["with_own_words"],
        shared=totals["shared"],
        by_day=by_day,
        by_region=suppress_cells(cells, min_cell=MIN_CELL, total=total),
        edit_buckets=[
            {"key": key, "count": totals[f"bucket_{i}"]} for i, (key, _q) in enumerate(buckets)
        ],
    )


def shared_supports(campaign: Campaign) -> Iterator[CampaignSupport]:
    """Supporters who agreed to share their submission with the organisation, oldest first,
    with what the export needs (answers and comments prefetched a chunk at a time)."""
    return (
        counted_supports(campaign)
        .filter(consent_share=True)
        .select_related("response__respondent")
        .prefetch_related("response__answers__question", "response__clause_comments__section")
        .order_by("created_at", "pk")
        .iterator(chunk_size=500)
    )
