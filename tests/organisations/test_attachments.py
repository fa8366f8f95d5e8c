"""Attachment validation: wrong type, oversize, too many, zip bomb, PDF bomb, renamed HTML —
each refused with its own message, in bounded time (a generous bound: a safety check)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consult.responses.attachments.detect import AttachmentRejected, detect
from consult.responses.attachments.extract import ExtractionFailed, extract_text
from consult.responses.attachments.services import (
    attachment_add,
    attachment_extract,
    sanitise_filename,
)
from consult.responses.models import ResponseAttachment
from consult.responses.organisation import organisation_response_submit
from tests.conftest import valid_input

from . import documents

pytestmark = pytest.mark.django_db

BOUND = 15.0  # seconds; extraction's own limit is 10 s of CPU


@pytest.fixture(scope="session")
def zip_bomb():
    return documents.zip_bomb_docx(gigabytes=2)


@pytest.fixture
def response(verified, consultation):
    data = valid_input()
    data.respondent.consent = "named"
    return organisation_response_submit(
        organisation=verified, consultation=consultation, data=data, submission_id="t"
    )


def add(response, data: bytes, name: str = "file.pdf"):
    return attachment_add(
        response=response, upload=SimpleUploadedFile(name, data, "application/pdf"), user=None
    )


def rejected_code(response, data: bytes, name: str = "file.pdf") -> str:
    started = time.monotonic()
    with pytest.raises(AttachmentRejected) as caught:
        add(response, data, name)
    assert time.monotonic() - started < BOUND
    assert caught.value.message  # a specific sentence for the uploader
    return caught.value.code


def extracted(response, data: bytes, name: str) -> ResponseAttachment:
    attachment = add(response, data, name)
    started = time.monotonic()
    attachment_extract(attachment_id=attachment.pk)
    assert time.monotonic() - started < BOUND
    attachment.refresh_from_db()
    return attachment


def test_good_documents_are_detected_and_read(response):
    docx = extracted(response, documents.docx(["当会の意見", "second &amp; last"]), "a.bin")
    assert docx.kind == "docx" and docx.extracted_text == "当会の意見\nsecond & last"
    sjis = extracted(response, "顔認証に反対です。".encode("cp932"), "a.pdf")
    assert sjis.kind == "txt" and sjis.extracted_text == "顔認証に反対です。"
    pdf = extracted(response, documents.text_pdf("Keep it short"), "paper.txt")
    assert pdf.kind == "pdf" and "Keep it short" in pdf.extracted_text
    assert ResponseAttachment.objects.filter(extraction="done").count() == 3


def test_wrong_type_refused(response):
    assert rejected_code(response, documents.PNG, "photo.pdf") == "wrong_type"
    assert rejected_code(response, b"\xd0\xcf\x11\xe0" + bytes(600), "old.doc") == "wrong_type"
    assert rejected_code(response, b"", "empty.txt") == "empty"
    assert not ResponseAttachment.objects.exists()


def test_renamed_html_refused(response):
    assert rejected_code(response, documents.HTML, "notes.txt") == "html"
    sneaky = b"Our view\n\n<script src=//evil.example/x.js></script>"
    assert rejected_code(response, sneaky, "notes.txt") == "html"
    assert rejected_code(response, b"<svg onload=alert(1)>", "image.txt") == "html"


def test_oversize_refused(response, settings):
    settings.CONSULT_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = b"a" * (1024 * 1024 + 1)
    assert rejected_code(response, big, "big.txt") == "too_big"
    with pytest.raises(AttachmentRejected) as caught:
        add(response, big, "big.txt")
    assert "1 MB" in caught.value.message


def test_too_many_files_refused(response):
    for n in range(3):
        add(response, f"note {n}".encode(), f"{n}.txt")
    assert rejected_code(response, b"note 4", "4.txt") == "too_many"
    assert ResponseAttachment.objects.count() == 3


def test_zip_bomb_refused_before_anything_is_inflated(response, zip_bomb):
    assert len(zip_bomb) < 4 * 1024 * 1024  # two gigabytes of zeros, in a small file
    assert rejected_code(response, zip_bomb, "paper.docx") == "suspicious_archive"


def test_zip_bomb_with_lying_headers_stopped_while_reading(settings):
    # Whatever the headers say, the worker stops once more than the limit comes out.
    settings.CONSULT_ATTACHMENT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    data = documents.docx(["x" * 3_000_000])
    started = time.monotonic()
    with pytest.raises(ExtractionFailed) as caught:
        extract_text(data, kind="docx")
    assert caught.value.code == "too_large" and time.monotonic() - started < BOUND


def test_entity_expansion_refused(response):
    attachment = extracted(response, documents.entity_docx(), "laughs.docx")
    assert attachment.extraction == "failed" and attachment.extracted_text == ""
    assert attachment.problem


def test_pdf_bomb_rejected_in_bounded_time(response):
    bomb = documents.bomb_pdf(megabytes=1024)  # a gigabyte of text operators, ~2 MB compressed
    assert detect(bomb).kind == "pdf"
    attachment = extracted(response, bomb, "report.pdf")
    assert attachment.extraction == "failed" and attachment.extraction_error == "too_large"
    assert attachment.extracted_text == ""


def test_pdf_bomb_below_the_decompression_limit_hits_the_time_limit(settings):
    settings.CONSULT_ATTACHMENT_EXTRACT_SECONDS = 2
    bomb = documents.bomb_pdf(megabytes=60)
    started = time.monotonic()
    with pytest.raises(ExtractionFailed) as caught:
        extract_text(bomb, kind="pdf")
    assert caught.value.code == "timeout" and time.monotonic() - started < BOUND


def test_deeply_nested_pdf_handled_in_bounded_time(response):
    attachment = extracted(response, documents.nested_pdf(), "nested.pdf")
    assert attachment.extraction in ("done", "failed")
    assert attachment.extracted_text == ""


def test_upload_page_shows_each_reason(client, verified, owner, response):
    client.force_login(owner)
    url = reverse("organisations:response", args=[verified.slug, response.reference]) + "?lang=en"
    cases = [
        (documents.PNG, "not a PDF, a Word document (DOCX) or plain text"),
        (documents.HTML, "web page code (HTML)"),
    ]
    for data, message in cases:
        page = client.post(url, {"file": SimpleUploadedFile("x.pdf", data)})
        assert page.status_code == 400 and message in page.content.decode()
    missing = client.post(url, {})
    assert missing.status_code == 400 and "Choose a file to attach" in missing.content.decode()


def test_attachments_frozen_once_the_consultation_closes(client, verified, owner, response):
    attachment = add(response, b"our note", "note.txt")
    consultation = response.consultation
    consultation.closes_at = timezone.now()
    consultation.save(update_fields=["closes_at"])
    response.refresh_from_db()
    assert rejected_code(response, b"late", "late.txt") == "consultation_not_open"
    client.force_login(owner)
    url = reverse(
        "organisations:attachment-delete", args=[verified.slug, response.reference, attachment.pk]
    )
    client.post(url)
    assert ResponseAttachment.objects.filter(pk=attachment.pk).exists()


def test_owner_removes_an_attachment(client, verified, owner, response):
    attachment = add(response, b"our note", "note.txt")
    client.force_login(owner)
    url = reverse(
        "organisations:attachment-delete", args=[verified.slug, response.reference, attachment.pk]
    )
    assert client.post(url).status_code == 302
    assert not ResponseAttachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\意見書.pdf", "意見書.pdf"),
        ('x"; filename=evil.html', "x_ filename_evil.html"),
        ("", "attachment"),
        ("a" * 300 + ".docx", "a" * 145 + ".docx"),
    ],
)
def test_file_names_sanitised(name, expected):
    assert sanitise_filename(name) == expected


def test_erasure_removes_attachments_and_their_files(response, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from consult.privacy.erasure import response_erase

    attachment = add(response, b"contact: Sato Hanako", "note.txt")
    name = attachment.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response_erase(response=response)
    assert not ResponseAttachment.objects.exists()
    assert not default_storage.exists(name)


def test_oversize_upload_is_not_stored_and_csrf_still_checked(verified, owner, response, settings):
    from django.test import Client

    settings.CONSULT_ATTACHMENT_MAX_BYTES = 1024 * 1024
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    url = reverse("organisations:response", args=[verified.slug, response.reference])
    assert client.get(url).status_code == 200  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    big = SimpleUploadedFile("big.txt", b"a" * (3 * 1024 * 1024))
    refused = client.post(f"{url}?lang=en", {"file": big, "csrfmiddlewaretoken": token})
    assert refused.status_code == 400 and "larger than 1 MB" in refused.content.decode()
    forged = client.post(url, {"file": SimpleUploadedFile("a.txt", b"fine")})
    assert forged.status_code == 403
    assert not ResponseAttachment.objects.exists()
