"""Organisations in reports: the verified mark, and the documents they attached analysed as one
more section (personal data replaced by labels, never quoted)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.reports import renderers
from consult.reports.selectors import section_texts
from consult.reports.snapshot import DOCUMENTS_SECTION
from consult.responses.attachments.services import attachment_add, attachment_extract
from consult.responses.organisation import organisation_response_submit
from consult.responses.services import response_submit
from tests.conftest import valid_input
from tests.reports.renderers.xlsx_reader import Workbook

pytestmark = pytest.mark.django_db

PHONE = "090-1234-5678"
EMAIL = "kenji.sato@example.jp"
DOCUMENT = (
    "Our position on the facial recognition pilot.\n\n"
    "Retention of footage for 72 hours is far too long and must be cut to 24 hours. "
    "Independent oversight of the watch list is missing. "
    f"Contact our office at {EMAIL} or {PHONE} for the full study.\n\n"
    "顔認証の誤認識は冤罪につながります。保存期間を短縮し、第三者機関による監督を求めます。"
)
COMMENTS = [
    "Facial recognition will misidentify people; stop the pilot.",
    "Keeping footage for 72 hours is far too long.",
    "I support cameras at the station for safety.",
    "顔認証の誤認識が心配です。冤罪につながります。",
    "映像を72時間も保存するのは長すぎます。",
    "防犯のためなら賛成です。",
]


def individuals(consultation, count=12):
    for i in range(count):
        data = valid_input()
        data.answers["comments"] = f"{COMMENTS[i % len(COMMENTS)]} ({i})"
        data.idempotency_key = f"documents-{i}"
        response_submit(consultation=consultation, data=data)


def organisation(slug, *, verified):
    return Organisation.objects.create(
        slug=slug,
        name=slug.replace("-", " ").title(),
        kind="ngo",
        verified_at=timezone.now() if verified else None,
    )


def own_response(org, consultation, text="Our comment on the pilot."):
    data = valid_input()
    data.respondent.consent = "named"
    data.respondent.organisation_name = org.name
    data.answers["comments"] = text
    return organisation_response_submit(
        organisation=org, consultation=consultation, data=data, submission_id=org.slug
    )


def form_response(consultation, name, text):
    """An organisation answering through the public form: named, never verified."""
    data = valid_input()
    data.respondent.kind = "organisation"
    data.respondent.consent = "named"
    data.respondent.organisation_name = name
    data.answers["comments"] = text
    data.idempotency_key = f"form-{name}"
    return response_submit(consultation=consultation, data=data)[0]


def attach(response, text, name="position.txt"):
    attachment = attachment_add(
        response=response,
        upload=SimpleUploadedFile(name, text.encode(), "text/plain"),
        user=None,
    )
    attachment_extract(attachment_id=attachment.pk)
    attachment.refresh_from_db()
    assert attachment.extraction == "done", attachment.extraction_error
    return attachment


def content_of(run):
    return json.loads(run.artifacts.get(format="json").file.read())


@pytest.fixture
def with_document(consultation):
    individuals(consultation)
    verified = organisation("privacy-first", verified=True)
    response = own_response(verified, consultation)
    attach(response, DOCUMENT)
    return response


def test_attached_documents_are_analysed_and_never_quoted(
    consultation, official, run_report, quick_render, with_document
):
    run = run_report(consultation, official)
    assert run.status == "succeeded", run.error
    content = content_of(run)
    assert renderers.content_errors(content) == []

    documents = content["documents"]
    assert documents["responses"] == 1
    assert documents["label"] == "Organisations' attached documents"
    assert documents["themes"], "the document's text was analysed into themes"
    assert all(theme["quotes"] == [] for theme in documents["themes"])

    (entry,) = content["organisations"]
    assert entry["name"] == "Privacy First" and entry["verified"] is True
    labels = {theme["label"] for theme in documents["themes"] if theme["count"]}
    assert entry["document_themes"] and set(entry["document_themes"]) <= labels

    assert any("Attached documents" in step for step in content["methodology"]["steps"])
    assert any(row["section"] == documents["label"] for row in content["egov_table"])

    csv_text = run.artifacts.get(format="csv").file.read().decode("utf-8-sig")
    assert "[Documents]" in csv_text
    for planted in (PHONE, EMAIL):
        assert planted not in json.dumps(content, ensure_ascii=False)
        assert planted not in csv_text


def test_reports_without_documents_have_no_documents_section(
    consultation, official, run_report, quick_render
):
    individuals(consultation)
    response = own_response(organisation("local-watch", verified=True), consultation)
    attach_failed = SimpleUploadedFile("empty.txt", b"   \n", "text/plain")
    attachment = attachment_add(response=response, upload=attach_failed, user=None)
    attachment_extract(attachment_id=attachment.pk)
    run = run_report(consultation, official)
    assert run.status == "succeeded", run.error
    content = content_of(run)
    assert content["documents"] == {
        "label": "Organisations' attached documents",
        "responses": 0,
        "themes": [],
    }
    (entry,) = content["organisations"]
    assert entry["verified"] is True and "document_themes" not in entry
    assert not any("Attached documents" in s for s in content["methodology"]["steps"])


def test_html_and_xlsx_mark_verified_organisations_and_show_document_themes(
    consultation, official, run_report, quick_render, with_document
):
    form_response(consultation, "Local Watch", "We oppose the pilot.")
    content = content_of(run_report(consultation, official))
    html = renderers.render_html(content).decode()
    assert html.count("Verified organisation") == 1
    assert 'id="documents"' in html and "Themes of its attached documents" in html
    assert PHONE not in html and EMAIL not in html

    cells = Workbook(renderers.render_xlsx(content, coded_rows=[])).cells("Organisations")
    assert (cells["A1"], cells["B1"]) == ("Organisation", "Verified")
    assert {cells["A2"]: cells["B2"], cells["A3"]: cells["B3"]} == {
        "Local Watch": "No",
        "Privacy First": "Yes",
    }


def test_theme_review_reads_documents_as_the_report_did(consultation, with_document):
    texts = section_texts(consultation, DOCUMENTS_SECTION, [with_document.pk])
    text = texts[with_document.pk]
    assert "72 hours is far too long" in text
    assert PHONE not in text and EMAIL not in text


def test_the_report_in_japanese_names_the_documents_section(
    consultation, official, run_report, quick_render, with_document
):
    content = content_of(run_report(consultation, official, language="ja"))
    assert content["documents"]["label"] == "団体の添付文書"
