"""A verified organisation's own response: the citizen's form with the respondent fixed as the
organisation, linked to it; then a document attached, its text extracted, staff download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consult.core.models import OutboxJob
from consult.privacy.models import AuditEvent
from consult.responses.attachments.services import attachment_extract
from consult.responses.models import Response, ResponseAttachment
from tests.factories import ConsultationFactory, UserFactory

from . import documents
from .conftest import member

pytestmark = pytest.mark.django_db

FORM = {
    "respondent-kind": "individual",  # ignored: the organisation responds as itself
    "respondent-organisation-name": "Someone Else Ltd",  # ignored too
    "respondent-name": "Sato Hanako",
    "respondent-consent": "named",
    "respondent-notice-accepted": "1",
    "q-overall": "1",
    "q-comments": "当会は本案に反対します。",
    "c-2": "保存期間が長すぎます。",
}


def respond_url(organisation, consultation):
    return reverse("organisations:respond", args=[organisation.slug, consultation.slug])


def submit(client, url, form, submission_id="org-1", lang="ja"):
    review = client.post(
        url,
        {**form, "action": "review", "submission_id": submission_id},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert review.status_code == 200, review.content.decode()[:3000]
    return client.post(
        url,
        {"action": "submit", "payload": review.context["payload"], "submission_id": submission_id},
        HTTP_ACCEPT_LANGUAGE=lang,
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_verified_organisation_responds_and_attaches_a_document(
    client, verified, editor, consultation, lang
):
    client.force_login(editor)
    url = respond_url(verified, consultation)
    form_page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    html = form_page.content.decode()
    assert form_page.status_code == 200 and f'lang="{lang}"' in html
    assert "Privacy First" in html and "badge-verified" in html
    assert 'name="respondent-region"' not in html  # no individual's questions
    done = submit(client, url, FORM, lang=lang)
    response = Response.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse(
        "organisations:response", args=[verified.slug, response.reference]
    )
    assert response.responding_organisation == verified and response.status == "submitted"
    assert response.organisation is None  # not "submitted through" for a supporter
    respondent = response.respondent
    assert respondent.kind == "organisation" and respondent.organisation_name == "Privacy First"
    assert respondent.consent == "named" and response.language == lang

    upload = SimpleUploadedFile("../../position paper.pdf", documents.text_pdf(), "text/html")
    page = client.post(done["Location"], {"file": upload})
    assert page.status_code == 302
    attachment = ResponseAttachment.objects.get()
    assert attachment.kind == "pdf" and attachment.original_name == "position paper.pdf"
    assert attachment.extraction == "pending" and "attachments/" in attachment.file.name
    assert "position" not in attachment.file.name  # stored under a random name
    job = OutboxJob.objects.get(task_name="responses.extract_attachment")
    attachment_extract(**job.kwargs)
    attachment_extract(**job.kwargs)  # safe to run twice
    attachment.refresh_from_db()
    assert attachment.extraction == "done"
    assert "Cameras need a warrant" in attachment.extracted_text

    # Staff download it: as a file, never inline, and the download is audited.
    official = UserFactory(department=consultation.department, staff_role="analyst")
    client.force_login(official)
    detail = client.get(
        reverse("staff:response", args=[consultation.slug, response.reference]) + "?lang=en"
    )
    link = reverse(
        "responses:attachment-download",
        args=[consultation.slug, response.reference, attachment.pk],
    )
    assert link in detail.content.decode() and "badge-verified" in detail.content.decode()
    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(
        action="response.attachment_download", consultation_id=consultation.pk
    ).exists()

    # Storage lost the file (a volume not mounted, an older backup restored): a page that says
    # so in the official's language, not a server error, and no download is audited.
    attachment.file.storage.delete(attachment.file.name)
    gone = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    assert gone.status_code == 410
    assert "no longer stored" in gone.content.decode()
    assert AuditEvent.objects.filter(action="response.attachment_download").count() == 1


def test_unverified_organisation_cannot_respond_as_itself(
    client, organisation, owner, consultation
):
    client.force_login(owner)
    url = respond_url(organisation, consultation)
    page = client.get(f"{url}?lang=en", follow=True)
    assert "must be verified" in page.content.decode()
    done = client.post(url, {**FORM, "action": "review"})
    assert done.status_code == 302 and not Response.objects.exists()


def test_one_standing_response_per_consultation(client, verified, owner, consultation):
    client.force_login(owner)
    url = respond_url(verified, consultation)
    assert submit(client, url, FORM, submission_id="a").status_code == 302
    again = client.get(f"{url}?lang=en", follow=True)
    assert "responded to this consultation already" in again.content.decode()
    assert Response.objects.count() == 1
    # Amending keeps it the organisation's.
    response = Response.objects.get()
    amend = reverse("organisations:amend", args=[verified.slug, response.reference])
    changed = {**FORM, "q-comments": "修正しました。"}
    assert submit(client, amend, changed, submission_id="b").status_code == 302
    response.refresh_from_db()
    assert response.amended_at and response.respondent.kind == "organisation"
    assert response.answers.get(question__key="comments").text == "修正しました。"


def test_others_cannot_reach_the_organisations_response(client, verified, owner, consultation):
    client.force_login(owner)
    submit(client, respond_url(verified, consultation), FORM)
    response = Response.objects.get()
    url = reverse("organisations:response", args=[verified.slug, response.reference])
    outsider = UserFactory(is_staff=False, department=None, staff_role="")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(respond_url(verified, consultation)).status_code == 404
    # Staff of another department cannot download its attachments.
    other = UserFactory(staff_role="analyst")
    client.force_login(other)
    link = reverse("responses:attachment-download", args=[consultation.slug, response.reference, 1])
    assert client.get(link).status_code == 404


def test_closed_consultation_refuses(client, verified, owner):
    closed = ConsultationFactory(status="closed")
    client.force_login(owner)
    page = client.post(respond_url(verified, closed), {**FORM, "action": "review"})
    assert page.status_code == 403 and not Response.objects.exists()


def test_invalid_organisation_response_shows_errors(client, verified, owner, consultation):
    client.force_login(owner)
    url = respond_url(verified, consultation) + "?lang=en"
    page = client.post(url, {**FORM, "respondent-consent": "", "action": "review"})
    assert page.status_code == 400
    assert "Choose how your response may be published" in page.content.decode()
    member(verified, "editor")  # nothing else changes
    assert not Response.objects.exists()


def test_private_link_sends_amendments_to_the_organisation_pages(
    client, verified, owner, consultation
):
    from consult.responses.services import response_private_token

    client.force_login(owner)
    submit(client, respond_url(verified, consultation), FORM)
    response = Response.objects.get()
    client.logout()
    edit = client.get(reverse("responses:edit", args=[response_private_token(response)]))
    amend = reverse("organisations:amend", args=[verified.slug, response.reference])
    assert edit.status_code == 302 and edit["Location"] == amend
    changed = client.post(
        reverse("responses:edit", args=[response_private_token(response)]),
        {**FORM, "respondent-kind": "individual", "action": "review"},
    )
    assert changed.status_code == 302
    response.refresh_from_db()
    assert response.respondent.kind == "organisation" and response.amended_at is None


def test_database_keeps_one_standing_response_per_organisation(verified, consultation):
    from consult.responses.organisation import (
        OrganisationMayNotRespond,
        organisation_response_submit,
    )
    from tests.conftest import valid_input

    first = organisation_response_submit(
        organisation=verified, consultation=consultation, data=valid_input(), submission_id="1"
    )
    with pytest.raises(OrganisationMayNotRespond) as caught:
        organisation_response_submit(
            organisation=verified, consultation=consultation, data=valid_input(), submission_id="2"
        )
    assert caught.value.code == "duplicate"
    assert list(Response.objects.all()) == [first]
    assert first.respondent.kind == "organisation"


def test_verified_and_rejected_at_once_is_refused_by_the_database(verified):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    verified.rejected_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        verified.save(update_fields=["rejected_at"])
