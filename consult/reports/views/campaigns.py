"""Undeclared campaigns: officials see the latest report's near-identical groups that no
declared campaign claims, with their automation signals, and confirm, merge or dismiss them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consult.accounts.models import User
from consult.accounts.roles import Right
from consult.campaigns.models import Campaign
from consult.consultations.access import consultation_for_staff
from consult.core.i18n import current_language

from ..campaigns import (
    CampaignDecisionInvalid,
    campaign_decide,
    decision_of,
    declared_campaigns_for,
    signal_evidence,
    triage_run,
)
from ..models import CampaignDecision, UndeclaredCampaign
from ..sections import section_label


def _signal_label(code: str) -> str:
    labels = {
        "burst": _("Burst of submissions"),
        "one_network": _("One network"),
        "identical_timing": _("Identical timing"),
        "disposable_email": _("Disposable email domains"),
        "names": _("Generated names"),
    }
    return labels.get(code, code)


@login_required
def undeclared_list(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.CAMPAIGNS)
    run = triage_run(consultation)
    decisions = list(
        CampaignDecision.objects.filter(consultation=consultation).select_related(
            "campaign", "decided_by"
        )
    )
    header = {
        "questions": [
            {"key": q.key, "text_ja": q.text_ja, "text_en": q.text_en}
            for q in consultation.questions.all()
        ],
        "clauses": [
            {"number": c.number, "title_ja": c.title_ja, "title_en": c.title_en}
            for c in consultation.sections.all()
        ],
    }
    language = current_language()
    clusters = []
    if run is not None:
        for cluster in UndeclaredCampaign.objects.filter(run=run).order_by("-size", "id"):
            clusters.append(
                {
                    "object": cluster,
                    "section_label": section_label(header, cluster.section, language),
                    "decision": decision_of(cluster, decisions),
                    "signals": [
                        {
                            **signal,
                            "label": _signal_label(signal["code"]),
                            "evidence": signal_evidence(signal["evidence"]),
                        }
                        for signal in cluster.signals
                    ],
                    "fired": sum(1 for signal in cluster.signals if signal["fired"]),
                }
            )
    return render(
        request,
        "reports/campaigns.html",
        {
            "consultation": consultation,
            "run": run,
            "clusters": clusters,
            "campaigns": list(declared_campaigns_for(consultation)),
            "actions": CampaignDecision.Action.choices,
        },
    )


@login_required
@require_POST
def undeclared_decide(request: HttpRequest, slug: str, cluster_id: int) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, right=Right.CAMPAIGNS)
    cluster = (
        UndeclaredCampaign.objects.filter(pk=cluster_id, run__consultation=consultation)
        .select_related("run")
        .first()
    )
    if cluster is None:
        raise Http404
    campaign = None
    raw = request.POST.get("campaign", "").strip()
    if raw:
        campaign = (
            Campaign.objects.filter(pk=int(raw), consultation=consultation).first()
            if raw.isdigit()
            else None
        )
        if campaign is None:
            messages.error(request, _("That campaign is not one of this consultation."))
            return redirect("staff:reports:campaigns", slug=consultation.slug)
    assert isinstance(request.user, User)
    try:
        campaign_decide(
            consultation=consultation,
            cluster=cluster,
            action=request.POST.get("action", ""),
            user=request.user,
            campaign=campaign,
            note=request.POST.get("note", ""),
        )
    except CampaignDecisionInvalid as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Decision saved. The next report applies it."))
    return redirect("staff:reports:campaigns", slug=consultation.slug)
