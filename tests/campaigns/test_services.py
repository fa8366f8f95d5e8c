"""Campaign services and models: lifecycle, template validation, edit measures, constraints."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from consult.campaigns.edits import edit_bucket, measure_edits
from consult.campaigns.models import Campaign, CampaignSupport
from consult.campaigns.services import (
    AlreadySupported,
    CampaignContent,
    CampaignRefused,
    campaign_close,
    campaign_create,
    campaign_publish,
    campaign_support_submit,
    campaign_update,
    email_digest,
)
from consult.consultations.models import Consultation
from consult.responses.submission import RespondentInput, SubmissionInput, SubmissionInvalid
from tests.factories import ConsultationFactory

from .conftest import TEMPLATE_TEXT, template_input

pytestmark = pytest.mark.django_db


def content(slug: str = "c1", template: SubmissionInput | None = None) -> CampaignContent:
    return CampaignContent(slug, "題", "Title", "", "", template or template_input())


def supporter(email: str = "", comment: str = TEMPLATE_TEXT) -> SubmissionInput:
    return SubmissionInput(
        respondent=RespondentInput(
            kind="individual", consent="anonymous", email=email, notice_accepted=True
        ),
        answers={"overall": 1, "retention": "24h", "comments": comment},
        comments={"2": "72時間の保存は長すぎます。24時間以内に消去すべきです。"},
    )


def test_create_is_a_draft_with_a_clean_template(organisation, consultation):
    campaign = campaign_create(
        organisation=organisation, consultation=consultation, content=content(), created_by=None
    )
    assert campaign.status == Campaign.Status.DRAFT and campaign.published_at is None
    assert campaign.template["answers"]["overall"] == 1
    assert campaign.template["comments"] == {
        "2": "72時間の保存は長すぎます。24時間以内に消去すべきです。"
    }


@pytest.mark.parametrize(
    "status",
    [Consultation.Status.DRAFT, Consultation.Status.CLOSED, Consultation.Status.ANALYSED],
)
def test_campaign_on_a_consultation_that_is_not_open_is_refused(organisation, status):
    consultation = ConsultationFactory(status=status)
    with pytest.raises(CampaignRefused) as exc:
        campaign_create(
            organisation=organisation, consultation=consultation, content=content(), created_by=None
        )
    assert exc.value.code == "consultation_not_open"
    assert not Campaign.objects.exists()


def test_template_is_validated_like_a_submission(organisation, consultation):
    bad = SubmissionInput(answers={"overall": 9, "nope": "x"}, comments={"99": "?"})
    with pytest.raises(SubmissionInvalid) as exc:
        campaign_create(
            organisation=organisation,
            consultation=consultation,
            content=content(template=bad),
            created_by=None,
        )
    assert set(exc.value.errors) == {"answers.overall", "answers.nope", "comments.99"}


def test_only_a_verified_organisation_publishes(organisation, consultation):
    organisation.verified_at = None
    organisation.save()
    campaign = campaign_create(
        organisation=organisation, consultation=consultation, content=content(), created_by=None
    )
    with pytest.raises(CampaignRefused) as exc:
        campaign_publish(campaign=campaign)
    assert exc.value.code == "organisation_not_verified"
    organisation.verified_at = timezone.now()
    organisation.save()
    assert campaign_publish(campaign=campaign).status == Campaign.Status.ACTIVE


def test_closed_campaign_refuses_changes_and_supporters(campaign):
    campaign = campaign_close(campaign=campaign)
    assert campaign.closed_at is not None
    with pytest.raises(CampaignRefused) as exc:
        campaign_update(campaign=campaign, content=content(campaign.slug))
    assert exc.value.code == "campaign_closed"
    with pytest.raises(CampaignRefused) as exc:
        campaign_support_submit(campaign=campaign, data=supporter(), consent_share=True)
    assert exc.value.code == "campaign_not_active"


def test_supporter_refused_once_the_consultation_closes(campaign):
    Consultation.objects.filter(pk=campaign.consultation_id).update(
        closes_at=timezone.now() - timedelta(seconds=1), opens_at=timezone.now() - timedelta(days=1)
    )
    campaign.refresh_from_db()
    with pytest.raises(CampaignRefused) as exc:
        campaign_support_submit(campaign=campaign, data=supporter(), consent_share=True)
    assert exc.value.code == "consultation_not_open"


def test_second_response_with_the_same_email_is_refused(campaign):
    first, _ = campaign_support_submit(
        campaign=campaign, data=supporter("Ann@Example.jp"), consent_share=True
    )
    with pytest.raises(AlreadySupported) as exc:
        campaign_support_submit(
            campaign=campaign, data=supporter(" ann@example.JP "), consent_share=False
        )
    assert exc.value.reference == first.reference
    assert first.reference in exc.value.messages[0]
    assert CampaignSupport.objects.count() == 1
    # Without an address the database cannot tell supporters apart (the page uses the session).
    campaign_support_submit(campaign=campaign, data=supporter(), consent_share=True)
    campaign_support_submit(campaign=campaign, data=supporter(), consent_share=True)
    assert CampaignSupport.objects.count() == 3


def test_email_digest_is_keyed_and_normalised():
    assert email_digest(" A@Example.jp") == email_digest("a@example.jp")
    assert email_digest("a@example.jp") != email_digest("b@example.jp")
    assert email_digest("") == ""
    assert "example" not in email_digest("a@example.jp")


def test_measures():
    same = measure_edits(
        template_answers={"c": "abc"},
        template_comments={"1": "x"},
        answers={"c": "abc"},
        comments={"1": "x"},
        text_keys={"c"},
    )
    assert (same.template_edited, same.edit_ratio, same.own_words_chars) == (False, 0.0, 0)
    choice_only = measure_edits(
        template_answers={"o": 1},
        template_comments={},
        answers={"o": 2},
        comments={},
        text_keys=set(),
    )
    assert choice_only.template_edited and choice_only.edit_ratio == 0.0
    rewritten = measure_edits(
        template_answers={"c": "the template text"},
        template_comments={},
        answers={"c": "my very own different words entirely"},
        comments={},
        text_keys={"c"},
    )
    assert rewritten.edit_ratio > 0.4 and rewritten.own_words_chars > 15
    assert [edit_bucket(r) for r in (0, 0.05, 0.2, 0.4, 0.9)] == [
        "0",
        "0-10",
        "10-25",
        "25-50",
        "50-100",
    ]


def test_database_constraints(campaign):
    campaign_support_submit(campaign=campaign, data=supporter(), consent_share=True)
    support = CampaignSupport.objects.get()
    for field, value in (("edit_ratio", 1.5), ("via", "fax")):
        with pytest.raises(IntegrityError), transaction.atomic():
            CampaignSupport.objects.filter(pk=support.pk).update(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        # Unedited with a non-zero ratio contradicts itself.
        CampaignSupport.objects.filter(pk=support.pk).update(template_edited=False, edit_ratio=0.5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(status="closed", closed_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(title_ja="", title_en="")


def test_forgetting_the_email_blanks_the_digest(campaign):
    from consult.campaigns.services import campaign_supports_forget_email

    response, _ = campaign_support_submit(
        campaign=campaign, data=supporter("gone@example.jp"), consent_share=True
    )
    assert CampaignSupport.objects.get().email_digest
    assert campaign_supports_forget_email(response_ids=[response.pk]) == 1
    assert CampaignSupport.objects.get().email_digest == ""
    assert campaign_supports_forget_email(response_ids=[response.pk]) == 0
