"""Officials' triage of undeclared campaigns: the page, the decisions, and the next report
applying them (confirmed → a campaign, merged → counted in the declared one, dismissed →
individual responses)."""

import json

import pytest
from django.urls import reverse

from consult.campaigns.models import Campaign
from consult.demo.generator import responses_generate
from consult.reports.models import CampaignDecision, UndeclaredCampaign
from tests.factories import ConsultationFactory, UserFactory

from .conftest import make_declared_campaign, support

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_render")]


def content_of(run):
    return json.loads(run.artifacts.get(format="json").file.read())


def page(client, consultation):
    return client.get(reverse("staff:reports:campaigns", args=[consultation.slug]) + "?lang=en")


def decide(client, consultation, cluster, **data):
    url = reverse("staff:reports:campaign-decide", args=[consultation.slug, cluster.pk])
    return client.post(url + "?lang=en", data, follow=True)


@pytest.fixture
def first_run(triage_consultation, official, run_report):
    responses_generate(consultation=triage_consultation, count=120, seed=7)
    run = run_report(triage_consultation, official)
    assert run.status == "succeeded", run.error
    return run


def test_a_run_stores_its_undeclared_campaigns_with_signals(first_run):
    clusters = list(UndeclaredCampaign.objects.filter(run=first_run))
    assert clusters
    cluster = clusters[0]
    assert cluster.size >= 10 and len(cluster.response_ids) == cluster.size
    assert {s["code"] for s in cluster.signals} == {
        "burst",
        "one_network",
        "identical_timing",
        "disposable_email",
        "names",
    }
    assert all(s["evidence"] for s in cluster.signals)
    assert 1 <= len(cluster.samples) <= 5
    assert "@" not in cluster.canonical_text and all("@" not in t for t in cluster.samples)
    assert cluster.first_at is not None and cluster.first_at <= cluster.last_at


def test_the_page_lists_them_for_officials_with_the_campaigns_right(client, first_run, official):
    cluster = UndeclaredCampaign.objects.filter(run=first_run).first()
    client.force_login(official)
    response = page(client, first_run.consultation)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Undeclared campaigns" in html and cluster.canonical_text[:20] in html
    assert cluster.signals[0]["evidence"] in html
    moderator = UserFactory(department=official.department, staff_role="moderator")
    client.force_login(moderator)
    assert page(client, first_run.consultation).status_code == 404


def test_dismissed_groups_count_as_individual_responses_in_the_next_report(
    client, first_run, official, run_report
):
    consultation = first_run.consultation
    before = content_of(first_run)
    cluster = UndeclaredCampaign.objects.filter(run=first_run).first()
    entry = next(c for c in before["campaigns"] if c["id"].endswith(cluster.key[:12]))
    assert entry["status"] == "unreviewed" and entry["size"] == cluster.size
    client.force_login(official)
    response = decide(client, consultation, cluster, action="dismiss", note="Neighbours")
    assert "Decision saved" in response.content.decode()
    decision = CampaignDecision.objects.get()
    assert (decision.action, decision.decided_by, decision.note) == (
        "dismiss",
        official,
        "Neighbours",
    )
    assert decision.response_ids == cluster.response_ids

    after = content_of(run_report(consultation, official))
    assert all(not c["id"].endswith(cluster.key[:12]) for c in after["campaigns"])
    head_before, head_after = before["headline"], after["headline"]
    assert head_after["campaign_responses"] == head_before["campaign_responses"] - cluster.size
    moved = (head_after["individual_responses"] + head_after["organisation_responses"]) - (
        head_before["individual_responses"] + head_before["organisation_responses"]
    )
    assert moved == cluster.size
    # The decision is shown with the group of the new run, found again by its key.
    html = page(client, consultation).content.decode()
    assert "Dismissed: individual responses" in html and "Neighbours" in html


def test_confirmed_groups_stay_campaigns(client, first_run, official, run_report):
    cluster = UndeclaredCampaign.objects.filter(run=first_run).first()
    client.force_login(official)
    decide(client, first_run.consultation, cluster, action="confirm")
    after = content_of(run_report(first_run.consultation, official))
    entry = next(c for c in after["campaigns"] if c["id"].endswith(cluster.key[:12]))
    assert entry["status"] == "confirmed" and entry["size"] == cluster.size


def test_merged_groups_count_in_the_declared_campaign(client, first_run, official, run_report):
    consultation = first_run.consultation
    declared_campaign = make_declared_campaign(consultation)
    cluster = UndeclaredCampaign.objects.filter(run=first_run).first()
    others = [
        rid
        for rid in consultation.responses.filter(status="submitted").values_list("id", flat=True)
        if rid not in set(cluster.response_ids)
    ][:3]
    support(declared_campaign, others)
    client.force_login(official)
    decide(client, consultation, cluster, action="merge", campaign=str(declared_campaign.pk))
    after = content_of(run_report(consultation, official))
    declared = [c for c in after["campaigns"] if c["declared"]]
    assert len(declared) == 1
    entry = declared[0]
    assert entry["title"] == "Say no to face cameras" and entry["organisation"] == "Privacy First"
    assert entry["status"] == "declared" and entry["linked_supporters"] == 3
    assert entry["size"] == cluster.size + 3
    assert all(
        not c["id"].endswith(cluster.key[:12]) for c in after["campaigns"] if not c["declared"]
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "merge"}, "Choose the declared campaign to merge into."),
        ({"action": "delete"}, "Choose confirm, merge or dismiss."),
        ({"action": "confirm", "campaign": "CAMPAIGN"}, "only chosen when merging"),
        (
            {"action": "merge", "campaign": "OTHER"},
            "That campaign is not one of this consultation.",
        ),
        ({"action": "merge", "campaign": "abc"}, "That campaign is not one of this consultation."),
        ({"action": "dismiss", "note": "x" * 2001}, "at most 2,000 characters"),
        ({"action": "dismiss", "note": "a\x00b"}, "null character"),
    ],
)
def test_bad_decisions_are_refused_with_a_reason(client, first_run, official, data, message):
    declared_campaign = make_declared_campaign(first_run.consultation)
    other = Campaign.objects.create(
        organisation=declared_campaign.organisation,
        consultation=ConsultationFactory(),
        slug="elsewhere",
        title_en="Elsewhere",
    )
    replace = {"CAMPAIGN": str(declared_campaign.pk), "OTHER": str(other.pk)}
    data = {k: replace.get(v, v) for k, v in data.items()}
    cluster = UndeclaredCampaign.objects.filter(run=first_run).first()
    client.force_login(official)
    response = decide(client, first_run.consultation, cluster, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CampaignDecision.objects.exists()


def test_a_group_of_another_consultation_is_a_404(client, first_run, official):
    cluster = UndeclaredCampaign.objects.filter(run=first_run).first()
    elsewhere = ConsultationFactory(department=official.department)
    client.force_login(official)
    url = reverse("staff:reports:campaign-decide", args=[elsewhere.slug, cluster.pk])
    assert client.post(url, {"action": "dismiss"}).status_code == 404
    assert not CampaignDecision.objects.exists()


def test_the_page_without_a_report(client, consultation, official):
    client.force_login(official)
    html = page(client, consultation).content.decode()
    assert "No report has finished yet" in html
