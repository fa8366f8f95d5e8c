"""The public campaign page and a supporter's response, in Japanese and in English."""

import pytest
from django.urls import reverse

from consult.campaigns.models import CampaignSupport
from consult.responses.models import Response

from .conftest import TEMPLATE_COMMENT, TEMPLATE_TEXT, supporter_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "title", "button", "share"),
    [
        ("ja", "顔認証カメラに反対", "Make it your own", "Share my response with Privacy First"),
        (
            "en",
            "Say no to face cameras",
            "Make it your own",
            "Share my response with Privacy First",
        ),
    ],
)
def test_page_and_prefilled_form_in_both_languages(client, campaign, lang, title, button, share):
    page = client.get(reverse("campaigns:page", args=[campaign.slug]), {"lang": lang})
    html = page.content.decode()
    assert page.status_code == 200
    assert title in html
    assert "Privacy First" in html and "badge-verified" in html
    assert "<strong>" in html  # the message's markdown, rendered and sanitised
    assert TEMPLATE_COMMENT in html
    assert reverse("campaigns:respond", args=[campaign.slug]) in html
    form = client.get(reverse("campaigns:respond", args=[campaign.slug]), {"lang": lang})
    html = form.content.decode()
    assert form.status_code == 200
    # The template pre-fills the normal response form's fields.
    assert f">{TEMPLATE_COMMENT}</textarea>" in html
    assert f">{TEMPLATE_TEXT}</textarea>" in html
    assert 'name="respondent-notice-accepted"' in html
    assert 'name="share"' in html
    if lang == "en":
        assert share in html and "Make the response your own" in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_supporter_submits_with_edits_kept(client, campaign, lang):
    url = reverse("campaigns:respond", args=[campaign.slug]) + f"?lang={lang}"
    answer = TEMPLATE_TEXT + "私の住む町でも導入が検討されています。"
    posted = client.post(url, supporter_post(**{"c-2": "保存期間は12時間で十分です。"}))
    assert posted.status_code == 302 and "/receipt/" in posted["Location"]
    response = Response.objects.get()
    assert response.channel == Response.Channel.CAMPAIGN
    assert response.organisation_id == campaign.organisation_id
    assert response.language == lang
    assert response.answers.get(question__key="comments").text == answer
    assert response.clause_comments.get().text == "保存期間は12時間で十分です。"
    support = CampaignSupport.objects.get()
    assert support.campaign == campaign and support.via == "web"
    assert support.template_edited is True
    assert 0 < support.edit_ratio < 1
    assert support.own_words_chars >= len("保存期間は12時間で十分です。") - 5
    assert support.consent_share is True
    assert support.consent_method == "campaign_page"


def test_unchanged_template_measures_zero(client, campaign):
    url = reverse("campaigns:respond", args=[campaign.slug])
    client.post(url, supporter_post(**{"q-comments": TEMPLATE_TEXT, "share": ""}))
    support = CampaignSupport.objects.get()
    assert (support.template_edited, support.edit_ratio, support.own_words_chars) == (False, 0, 0)
    assert support.consent_share is False


def test_invalid_submission_shows_errors_and_keeps_edits(client, campaign):
    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    data = supporter_post(**{"respondent-notice-accepted": "", "c-2": "My own words here."})
    page = client.post(url, data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "Please read the notice on how your personal data is used" in html
    assert ">My own words here.</textarea>" in html
    assert 'name="share" value="1" checked' in html
    assert not Response.objects.exists()


def test_draft_campaign_is_not_public(client, organisation, consultation):
    from consult.campaigns.services import CampaignContent, campaign_create
    from consult.responses.submission import SubmissionInput

    draft = campaign_create(
        organisation=organisation,
        consultation=consultation,
        content=CampaignContent("draft-one", "下書き", "Draft", "", "", SubmissionInput()),
        created_by=None,
    )
    assert client.get(reverse("campaigns:page", args=[draft.slug])).status_code == 404
    assert client.get(reverse("campaigns:respond", args=[draft.slug])).status_code == 404


@pytest.mark.parametrize("share", [True, False])
def test_supporter_reviews_then_submits_and_can_go_back(client, campaign, share):
    url = reverse("campaigns:respond", args=[campaign.slug]) + "?lang=en"
    own = "I live near the station. Write to taro@example.com for details."
    form = supporter_post(**{"c-2": own, "action": "review"})
    if not share:
        del form["share"]
    review = client.post(url, form)
    html = review.content.decode()
    assert review.status_code == 200 and Response.objects.count() == 0
    assert "Check your response before you submit it" in html
    assert "<mark>taro@example.com</mark>" in html  # their own words, checked for personal data
    assert "Share my response with Privacy First</dt><dd>" + ("Yes" if share else "No") in html
    payload = review.context["payload"]
    # Back to the form: the answers as reviewed, the sharing choice kept.
    back = client.post(
        url,
        {"action": "edit", "payload": payload, "submission_id": "a" * 32}
        | ({"share": "1"} if share else {}),
    )
    assert back.status_code == 200 and own in back.content.decode()
    assert ('name="share" value="1" checked' in back.content.decode()) == share
    submitted = client.post(
        url,
        {"action": "submit", "payload": payload, "submission_id": "a" * 32}
        | ({"share": "1"} if share else {}),
    )
    assert submitted.status_code == 302 and "/receipt/" in submitted["Location"]
    assert Response.objects.get().clause_comments.get().text == own
    assert CampaignSupport.objects.get().consent_share == share


def test_review_of_an_invalid_form_shows_its_errors_and_a_tampered_payload_is_refused(
    client, campaign
):
    url = reverse("campaigns:respond", args=[campaign.slug])
    invalid = client.post(url, supporter_post(**{"q-overall": "9", "action": "review"}))
    assert invalid.status_code == 400 and 'class="error-summary"' in invalid.content.decode()
    tampered = client.post(url, {"action": "submit", "payload": "{not json", "share": "1"})
    assert tampered.status_code == 400 and Response.objects.count() == 0
    wrong = client.post(
        url, {"action": "submit", "payload": '{"respondent": {}, "answers": {"overall": 9}}'}
    )
    assert wrong.status_code == 400 and Response.objects.count() == 0
