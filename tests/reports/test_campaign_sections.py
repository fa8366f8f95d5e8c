"""Campaign sections of the report: each campaign once with its supporters, template position
and themes and the themes of supporters' own words; the headline separates individual
responses, campaign responses and organisations and counts verified email addresses."""

import json

import pytest
from django.utils import timezone

from consult.moderation.models import ModerationItem
from consult.reports.content.campaigns import Decision, decision_for
from consult.reports.models import UndeclaredCampaign
from consult.reports.renderers import content_errors, render_html
from consult.responses.models import Answer, Respondent
from tests.campaigns_detection.conftest import make_declared_campaign, support

pytestmark = pytest.mark.django_db


def content_of(run):
    return json.loads(run.artifacts.get(format="json").file.read())


def test_headline_counts_individuals_campaigns_and_emails_apart(
    answered, official, run_report, quick_render
):
    submitted = Respondent.objects.filter(
        response__consultation=answered, response__status="submitted"
    )
    with_email = submitted.exclude(email="")
    verified_ids = list(with_email.values_list("pk", flat=True)[:4])
    Respondent.objects.filter(pk__in=verified_ids).update(email_verified_at=timezone.now())
    content = content_of(run_report(answered, official))
    assert content_errors(content) == []
    head = content["headline"]
    assert head["email"] == {
        "verified": len(verified_ids),
        "unverified": with_email.count() - len(verified_ids),
        "none": submitted.filter(email="").count(),
    }
    assert (
        head["individual_responses"] + head["organisation_responses"] + head["campaign_responses"]
        == head["responses"]
    )
    assert head["campaigns"] == len(content["campaigns"]) >= 1
    assert head["campaign_responses"] == sum(c["size"] for c in content["campaigns"])
    steps = " ".join(content["methodology"]["steps"])
    assert "not weighed as separate arguments" in steps


def test_a_declared_campaign_appears_once_with_template_and_own_words(
    answered, official, run_report, quick_render
):
    declared_campaign = make_declared_campaign(answered)
    first = run_report(answered, official)
    cluster = UndeclaredCampaign.objects.filter(run=first).first()
    supporters = cluster.response_ids
    support(declared_campaign, supporters)
    # Supporters who add their own words to the letter: what they add is analysed.
    added = [
        "駅前の監視カメラの電力消費と維持費が心配です。税金の無駄遣いです。",
        "子どもの通学路での顔認証カメラ設置は保護者への説明が不十分です。",
        "高齢者の見守りには別の方法を検討してください。介護の現場の声を聞いてください。",
        "駅前の監視カメラの電力消費と維持費が心配です。予算の説明が必要です。",
    ]
    for rid, extra in zip(supporters, added, strict=False):
        answer = Answer.objects.get(response_id=rid, question__key="comments")
        text = f"{answer.text}{extra}"
        Answer.objects.filter(pk=answer.pk).update(value=text, text=text)
        # As moderation published it (reports read only moderated text).
        ModerationItem.objects.filter(answer=answer, published_text__isnull=False).update(
            published_text=text
        )
    content = content_of(run_report(answered, official))
    assert content_errors(content) == []
    declared = [c for c in content["campaigns"] if c["declared"]]
    assert len(declared) == 1
    entry = declared[0]
    assert entry["id"] == "campaign:stop-cameras" and entry["status"] == "declared"
    assert entry["title"] == "Say no to face cameras" and entry["organisation"] == "Privacy First"
    assert entry["size"] == entry["linked_supporters"] == len(supporters)
    assert entry["template_stance"] in {"support", "oppose", "mixed", "unclear"}
    assert entry["themes"] and all(t["label"] for t in entry["themes"])
    assert entry["own_words"] >= 3
    assert all(t["count"] >= 1 and t["label"] for t in entry["addition_themes"])
    # Its comments are not listed a second time as an undeclared group.
    others = [c for c in content["campaigns"] if not c["declared"]]
    assert all(not c["id"].endswith(cluster.key[:12]) for c in others)
    assert (
        sum(1 for c in content["campaigns"] if c["canonical_text"] == entry["canonical_text"]) == 1
    )
    html = render_html(content).decode()
    assert "Say no to face cameras" in html and "Number of supporters" in html
    assert "Template&#x27;s position" in html or "Template's position" in html


def test_decision_found_by_key_or_by_shared_members():
    by_key = Decision("question:comments", "k1", "dismiss", None, frozenset({1, 2}))
    by_members = Decision("question:comments", "k2", "confirm", None, frozenset({3, 4, 5, 6}))
    elsewhere = Decision("clause:2", "k3", "dismiss", None, frozenset({7, 8}))
    decisions = [by_key, by_members, elsewhere]
    assert (
        decision_for(decisions, section="question:comments", key="k1", response_ids=set()) == by_key
    )
    # The letter's text drifted (new key) but most members are the same group.
    found = decision_for(
        decisions, section="question:comments", key="new", response_ids={3, 4, 5, 9}
    )
    assert found == by_members
    assert (
        decision_for(decisions, section="question:comments", key="new", response_ids={5, 9, 10})
        is None
    )
    assert (
        decision_for(decisions, section="question:comments", key="k3", response_ids={7, 8}) is None
    )
