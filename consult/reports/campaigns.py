"""Campaigns on the database side: what a run reads about them, what it stores for officials'
triage, and officials' decisions (confirm, merge into a declared campaign, dismiss).

- `campaign_inputs` (read with the snapshot, so the input hash covers it): declared campaigns
  with their supporters' response ids, decisions, email verification counts;
- `undeclared_store` (during a run): each section's undeclared campaigns with their
  automation signals, a redacted sample of texts and their member response ids;
- `campaign_decide` (an official): the decision, keyed by section and cluster key, with the
  member responses at the time so the next run finds it again even if the text drifts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from consult.accounts.models import User
from consult.analysis.campaigns import MemberInfo, automation_signals
from consult.analysis.types import AnalysisResult
from consult.campaigns.models import Campaign, CampaignSupport
from consult.consultations.models import Consultation
from consult.integrity.models import SubmissionTrace
from consult.responses.models import Respondent, Response

from .content.campaigns import declared_by_row, section_detections
from .models import CampaignDecision, ReportRun, UndeclaredCampaign
from .snapshot import Snapshot

__all__ = [
    "SAMPLE_SIZE",
    "CampaignDecisionInvalid",
    "campaign_decide",
    "campaign_inputs",
    "decision_of",
    "declared_campaigns_for",
    "signal_evidence",
    "triage_run",
    "undeclared_store",
]

SAMPLE_SIZE = 5
_CHUNK = 5000


class CampaignDecisionInvalid(Exception):
    """A decision that cannot be taken; ``message`` says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def declared_campaigns_for(consultation: Consultation) -> QuerySet[Campaign]:
    """The consultation's published campaigns (active or closed), by title."""
    return (
        Campaign.objects.filter(consultation=consultation)
        .exclude(status=Campaign.Status.DRAFT)
        .select_related("organisation")
        .order_by("title_ja", "title_en", "id")
    )


def campaign_inputs(consultation: Consultation) -> dict[str, Any]:
    """What the next run needs to count campaigns, as plain data for the snapshot header."""
    supports: dict[int, list[int]] = {}
    for campaign_id, response_id in (
        CampaignSupport.objects.filter(
            campaign__consultation=consultation, response__status=Response.Status.SUBMITTED
        )
        .order_by("response_id")
        .values_list("campaign_id", "response_id")
    ):
        supports.setdefault(campaign_id, []).append(response_id)
    declared = [
        {
            "id": str(campaign.pk),
            "slug": campaign.slug,
            "title_ja": campaign.title_ja,
            "title_en": campaign.title_en,
            "organisation": str(campaign.organisation),
            "responses": supports.get(campaign.pk, []),
        }
        for campaign in Campaign.objects.filter(consultation=consultation)
        .select_related("organisation")
        .order_by("id")
        if campaign.pk in supports
    ]
    decisions = [
        {
            "section": d.section,
            "key": d.key,
            "action": d.action,
            "campaign": None if d.campaign_id is None else str(d.campaign_id),
            "response_ids": sorted(int(r) for r in d.response_ids),
        }
        for d in CampaignDecision.objects.filter(consultation=consultation).order_by("id")
    ]
    # Past retention the address is gone but its erasure says what it was, so reports reproduce.
    live = Q(response__erasure__isnull=True)
    state = "response__erasure__email_state"
    email = Respondent.objects.filter(
        response__consultation=consultation, response__status=Response.Status.SUBMITTED
    ).aggregate(
        verified=Count(
            "pk", filter=live & Q(email_verified_at__isnull=False) | Q(**{state: "verified"})
        ),
        unverified=Count(
            "pk",
            filter=live & ~Q(email="") & Q(email_verified_at__isnull=True)
            | Q(**{state: "unverified"}),
        ),
        none=Count(
            "pk",
            filter=live & Q(email="")
            | Q(response__erasure__isnull=False)
            & ~Q(**{f"{state}__in": ["verified", "unverified"]}),
        ),
    )
    return {"declared": declared, "decisions": decisions, "email": email}


def _member_info(snapshot: Snapshot, rows: Sequence[int]) -> list[MemberInfo]:
    """Submission time (snapshot), hashed network (trace), email domain and name (respondent)
    of each response row; personal data read for the signals only, never stored."""
    ids = [snapshot.ids[r] for r in rows]
    networks: dict[int, str] = {}
    people: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        networks.update(
            SubmissionTrace.objects.filter(response_id__in=part)
            .exclude(network_hash="")
            .values_list("response_id", "network_hash")
        )
        for rid, email, name in Response.objects.filter(pk__in=part).values_list(
            "id", "respondent__email", "respondent__name"
        ):
            people[rid] = (email or "", name or "")
    out = []
    for row, rid in zip(rows, ids, strict=True):
        at = parse_datetime(snapshot.submitted_at[row] or "")
        email, name = people.get(rid, ("", ""))
        out.append(
            MemberInfo(
                submitted_at=at.timestamp() if at else None,
                network=networks.get(rid),
                email_domain=email.rpartition("@")[2].lower() or None if "@" in email else None,
                name=name or None,
            )
        )
    return out


def _base_rate(snapshot: Snapshot) -> float:
    times = [t for t in (parse_datetime(s or "") for s in snapshot.submitted_at) if t]
    if len(times) < 2:
        return 0.0
    span = (max(times) - min(times)).total_seconds()
    return len(times) / span if span > 0 else 0.0


def _when(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, tz=UTC)


@transaction.atomic
def undeclared_store(
    *,
    run: ReportRun,
    snapshot: Snapshot,
    results: Mapping[str, AnalysisResult],
    min_size: int,
    redact: Callable[[str], str],
) -> int:
    """Store the run's undeclared campaigns (replacing any stored before); returns how many."""
    UndeclaredCampaign.objects.filter(run=run).delete()
    base_rate = _base_rate(snapshot)
    by_row = declared_by_row(snapshot)
    detections = section_detections(snapshot, results, min_size=min_size, declared=by_row)
    rows_out = []
    for section, detection in detections.items():
        units = snapshot.units[section]
        for cluster in detection.undeclared:
            member_rows = [units.rows[i] for i in cluster.members.tolist()]
            members = _member_info(snapshot, member_rows)
            signals = automation_signals(members, base_rate=base_rate)
            times = [m.submitted_at for m in members if m.submitted_at is not None]
            picks = np.unique(
                np.linspace(0, cluster.size - 1, num=min(SAMPLE_SIZE, cluster.size)).round()
            ).astype(np.int64)
            samples = [redact(units.texts[int(cluster.members[p])]) for p in picks]
            rows_out.append(
                UndeclaredCampaign(
                    run=run,
                    section=section,
                    key=cluster.key,
                    size=cluster.size,
                    canonical_text=redact(cluster.canonical_text),
                    first_at=_when(min(times)) if times else None,
                    last_at=_when(max(times)) if times else None,
                    signals=[
                        {"code": s.code, "score": s.score, "fired": s.fired, "evidence": s.evidence}
                        for s in signals
                    ],
                    samples=samples,
                    response_ids=sorted(snapshot.ids[r] for r in member_rows),
                )
            )
    UndeclaredCampaign.objects.bulk_create(rows_out, batch_size=500)
    return len(rows_out)


def triage_run(consultation: Consultation) -> ReportRun | None:
    """The latest succeeded run of the consultation (the one officials triage)."""
    return (
        ReportRun.objects.filter(consultation=consultation, status=ReportRun.Status.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .first()
    )


def decision_of(
    cluster: UndeclaredCampaign, decisions: Sequence[CampaignDecision]
) -> CampaignDecision | None:
    """The decision that applies to ``cluster``: same key, else most shared members."""
    from .content.campaigns import Decision, decision_for

    plain = [
        Decision(
            section=d.section,
            key=d.key,
            action=d.action,
            campaign=None if d.campaign_id is None else str(d.campaign_id),
            response_ids=frozenset(int(r) for r in d.response_ids),
        )
        for d in decisions
    ]
    found = decision_for(
        plain, section=cluster.section, key=cluster.key, response_ids=set(cluster.response_ids)
    )
    if found is None:
        return None
    return next(d for d in decisions if d.section == found.section and d.key == found.key)


@transaction.atomic
def campaign_decide(
    *,
    consultation: Consultation,
    cluster: UndeclaredCampaign,
    action: str,
    user: User,
    campaign: Campaign | None = None,
    note: str = "",
) -> CampaignDecision:
    """Record (or change) officials' decision on ``cluster``; the next run applies it.

    Raises CampaignDecisionInvalid for an unknown action, a merge without a declared campaign
    of this consultation, a campaign given for another action, or a cluster of another
    consultation.
    """
    if cluster.run.consultation_id != consultation.pk:
        raise CampaignDecisionInvalid(_("This campaign belongs to another consultation."))
    if action not in CampaignDecision.Action.values:
        raise CampaignDecisionInvalid(_("Choose confirm, merge or dismiss."))
    if action == CampaignDecision.Action.MERGE:
        if campaign is None:
            raise CampaignDecisionInvalid(_("Choose the declared campaign to merge into."))
        if campaign.consultation_id != consultation.pk:
            raise CampaignDecisionInvalid(_("That campaign is not one of this consultation."))
    elif campaign is not None:
        raise CampaignDecisionInvalid(_("A declared campaign is only chosen when merging."))
    note = note.strip()
    if len(note) > 2000:
        raise CampaignDecisionInvalid(_("The note can be at most 2,000 characters."))
    if "\x00" in note:
        raise CampaignDecisionInvalid(_("The note contains a null character; remove it."))
    existing = decision_of(
        cluster,
        list(
            CampaignDecision.objects.select_for_update().filter(
                consultation=consultation, section=cluster.section
            )
        ),
    )
    decision = existing or CampaignDecision(
        consultation=consultation, section=cluster.section, key=cluster.key
    )
    decision.key = cluster.key
    decision.action = action
    decision.campaign = campaign
    decision.canonical_text = cluster.canonical_text
    decision.response_ids = list(cluster.response_ids)
    decision.note = note
    decision.decided_by = user
    decision.decided_at = timezone.now()
    decision.save()
    return decision


# The analysis library writes each automation signal's evidence as one English line (it has no
# Django). Officials read it in their language: each known line's shape maps to a translated
# sentence with the same figures; a line of unknown shape is shown as written.
_EVIDENCE: tuple[tuple[re.Pattern[str], Callable[[], str]], ...] = (
    (
        re.compile(
            r"(?P<peak>\d+) of (?P<total>\d+) submissions within (?P<minutes>[\d.e+]+) minutes "
            r"\(the consultation averages (?P<expected>[\d.]+) in that time\)\."
        ),
        lambda: _(
            "%(peak)s of %(total)s submissions within %(minutes)s minutes "
            "(the consultation averages %(expected)s in that time)."
        ),
    ),
    (re.compile(r"No submission times\."), lambda: _("No submission times.")),
    (re.compile(r"No network data\."), lambda: _("No network data.")),
    (
        re.compile(
            r"(?P<count>\d+) of (?P<total>\d+) submissions \((?P<share>\d+%)\) came from one "
            r"network \((?P<network>[^()]*)\)\."
        ),
        lambda: _(
            "%(count)s of %(total)s submissions (%(share)s) came from one network (%(network)s)."
        ),
    ),
    (
        re.compile(r"Too few submission times to judge\."),
        lambda: _("Too few submission times to judge."),
    ),
    (
        re.compile(
            r"Submissions arrived every (?P<mean>[\d.]+) seconds with little variation "
            r"\(coefficient of variation (?P<cv>[\d.]+)\)\."
        ),
        lambda: _(
            "Submissions arrived every %(mean)s seconds with little variation "
            "(coefficient of variation %(cv)s)."
        ),
    ),
    (
        re.compile(
            r"(?P<count>\d+) of (?P<gaps>\d+) gaps between submissions were (?P<gap>-?\d+) seconds\."
        ),
        lambda: _("%(count)s of %(gaps)s gaps between submissions were %(gap)s seconds."),
    ),
    (
        re.compile(
            r"(?P<same>\d+%) of submissions shared their second with another; the most common "
            r"gap \((?P<gap>-?\d+) s\) is (?P<share>\d+%) of gaps\."
        ),
        lambda: _(
            "%(same)s of submissions shared their second with another; the most common gap "
            "(%(gap)s s) is %(share)s of gaps."
        ),
    ),
    (re.compile(r"No email addresses given\."), lambda: _("No email addresses given.")),
    (
        re.compile(
            r"(?P<count>\d+) of (?P<total>\d+) submissions \((?P<share>\d+%)\) used disposable "
            r"email domains \((?P<domains>[^()]*)\)\."
        ),
        lambda: _(
            "%(count)s of %(total)s submissions (%(share)s) used disposable email domains "
            "(%(domains)s)."
        ),
    ),
    (
        re.compile(
            r"(?P<count>\d+) of (?P<total>\d+) submissions \((?P<share>\d+%)\) used disposable "
            r"email domains\."
        ),
        lambda: _("%(count)s of %(total)s submissions (%(share)s) used disposable email domains."),
    ),
    (re.compile(r"No names given\."), lambda: _("No names given.")),
    (
        re.compile(
            r"(?P<flagged>\d+) of (?P<total>\d+) names look generated: (?P<sequential>\d+) "
            r"numbered in sequence, (?P<mash>\d+) keyboard mash, (?P<repeated>\d+) repeating "
            r"another's\."
        ),
        lambda: _(
            "%(flagged)s of %(total)s names look generated: %(sequential)s numbered in "
            "sequence, %(mash)s keyboard mash, %(repeated)s repeating another's."
        ),
    ),
)


def signal_evidence(evidence: str) -> str:
    """An automation signal's evidence line in the current language (as written if unknown)."""
    for pattern, sentence in _EVIDENCE:
        found = pattern.fullmatch(evidence)
        if found:
            return sentence() % found.groupdict()
    return evidence
