"""Erasure, at the respondent's request and at the end of retention, reaches what other apps keep
about a response: its attachments (rows and files), its hashed network trace and a campaign's
digest of the email address."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.campaigns.models import Campaign, CampaignSupport
from consult.integrity.models import SubmissionTrace
from consult.privacy.erasure import response_erase
from consult.privacy.retention import retention_apply
from consult.responses.attachments.services import analysed_text
from consult.responses.models import ResponseAttachment

from .conftest import publish

pytestmark = pytest.mark.django_db


def traced(response):
    """Give `response` an attachment, a submission trace and a campaign support with a digest."""
    attachment = ResponseAttachment.objects.create(
        response=response,
        original_name="position.txt",
        kind=ResponseAttachment.Kind.TXT,
        size=5,
        sha256="0" * 64,
        file=ContentFile(b"hello", name="position.txt"),
        extraction=ResponseAttachment.Extraction.DONE,
        extracted_text="Our view. Call 090-1234-5678.",
        analysed_text=analysed_text("Our view. Call 090-1234-5678."),
    )
    SubmissionTrace.objects.create(
        response=response, network_hash="a" * 64, user_agent_hash="b" * 64
    )
    organisation, _created = Organisation.objects.get_or_create(
        slug="privacy-first", defaults={"name": "Privacy First"}
    )
    campaign, _created = Campaign.objects.get_or_create(
        slug="no-cameras",
        defaults={
            "organisation": organisation,
            "consultation": response.consultation,
            "title_en": "No cameras",
            "status": Campaign.Status.ACTIVE,
            "published_at": timezone.now(),
        },
    )
    CampaignSupport.objects.create(
        response=response,
        campaign=campaign,
        via=CampaignSupport.Via.WEB,
        consent_method=CampaignSupport.ConsentMethod.CAMPAIGN_PAGE,
        consented_at=timezone.now(),
        email_digest=f"{response.pk:064d}",
    )
    return attachment.file.name


def assert_forgotten(response, file_name, *, analysed_kept=False):
    if analysed_kept:  # retention: the redacted text reports read stays, nothing else
        attachment = ResponseAttachment.objects.get(response=response)
        assert attachment.erased_at is not None
        assert (attachment.file.name, attachment.original_name, attachment.extracted_text) == (
            "",
            "",
            "",
        )
        assert attachment.analysed_text == "Our view. Call [phone]."
    else:
        assert not ResponseAttachment.objects.filter(response=response).exists()
    assert not default_storage.exists(file_name)
    assert not SubmissionTrace.objects.filter(response=response).exists()
    assert CampaignSupport.objects.get(response=response).email_digest == ""


def test_erasure_on_request_reaches_attachments_traces_and_campaign_digests(
    consultation, submit_response, django_capture_on_commit_callbacks
):
    response = submit_response(consultation)
    kept = submit_response(consultation, email="other@example.jp")
    file_name = traced(response)
    kept_file = traced(kept)
    with django_capture_on_commit_callbacks(execute=True):
        response_erase(response=response)
    assert_forgotten(response, file_name)
    assert default_storage.exists(kept_file)
    assert SubmissionTrace.objects.filter(response=kept).exists()
    assert CampaignSupport.objects.get(response=kept).email_digest != ""


def test_retention_reaches_attachments_traces_and_campaign_digests(
    consultation, submit_response, django_capture_on_commit_callbacks
):
    response = submit_response(consultation)
    file_name = traced(response)
    publish(consultation)
    consultation.refresh_from_db()
    later = consultation.published_at + timedelta(days=consultation.retention_days + 1)
    with django_capture_on_commit_callbacks(execute=True):
        result = retention_apply(now=later)
    assert result.responses == 1
    assert_forgotten(response, file_name, analysed_kept=True)
