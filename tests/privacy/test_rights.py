"""People's rights through the private link: see and download their data, and erase it."""

import json

import pytest
from django.urls import reverse

from consult.privacy.erasure import response_erase
from consult.privacy.models import AuditAction, AuditEvent, Erasure
from consult.responses.models import Answer, ClauseComment, Response
from consult.responses.selectors import response_breakdown

from .conftest import PLANTED_EMAIL, PLANTED_NAME, publish

pytestmark = pytest.mark.django_db


def my_data_url(token: str) -> str:
    return reverse("privacy:my_data", args=[token])


def erase_url(token: str) -> str:
    return reverse("privacy:erase", args=[token])


def download(client, token: str, lang: str) -> dict:
    reply = client.get(my_data_url(token), {"format": "json"}, HTTP_ACCEPT_LANGUAGE=lang)
    assert reply.status_code == 200
    assert reply["Content-Type"].startswith("application/json")
    assert reply["Content-Disposition"].startswith("attachment;")
    assert "no-store" in reply["Cache-Control"]
    return json.loads(reply.content)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_export_and_erasure_end_to_end(client, consultation, submit_response, token_of, lang):
    response = submit_response(consultation, language=lang)
    token = token_of(response)

    manage = client.get(reverse("responses:manage", args=[token]), HTTP_ACCEPT_LANGUAGE=lang)
    html = manage.content.decode()
    assert f'lang="{lang}"' in html
    assert my_data_url(token) in html and erase_url(token) in html

    page = client.get(my_data_url(token), HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200 and f'lang="{lang}"' in page.content.decode()
    assert PLANTED_EMAIL in page.content.decode() and response.reference in page.content.decode()

    data = download(client, token, lang)
    assert data["respondent"]["email"] == PLANTED_EMAIL
    assert data["respondent"]["name"] == PLANTED_NAME
    assert data["respondent"]["privacy_notice_version"] == consultation.notice_version
    assert data["response"]["reference"] == response.reference
    assert data["response"]["status"] == "submitted" and data["response"]["submitted_at"]
    assert {a["question"] for a in data["answers"]} == {
        "overall",
        "retention",
        "concerns",
        "priorities",
        "comments",
    }
    assert data["clause_comments"][0]["clause"] == "2"
    assert PLANTED_EMAIL in data["clause_comments"][0]["text"]
    assert data["erasure"] is None
    question = "Overall, do you agree" if lang == "en" else "全体として本案に賛成ですか"
    assert any(a["question_text"].startswith(question) for a in data["answers"])

    confirm = client.get(erase_url(token), HTTP_ACCEPT_LANGUAGE=lang)
    assert confirm.status_code == 200 and "<form" in confirm.content.decode()
    assert Response.objects.get().status == "submitted"  # a GET erases nothing

    done = client.post(erase_url(token), HTTP_ACCEPT_LANGUAGE=lang)
    assert done.status_code == 302 and done["Location"] == erase_url(token)
    confirmation = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE=lang)
    assert confirmation.status_code == 200
    assert 'class="erased"' in confirmation.content.decode()

    after = download(client, token, lang)
    assert PLANTED_EMAIL not in json.dumps(after, ensure_ascii=False)
    assert PLANTED_NAME not in json.dumps(after, ensure_ascii=False)
    assert after["answers"] == [] and after["clause_comments"] == []
    assert after["response"]["status"] == "withdrawn" and after["erasure"]["reason"] == "request"

    response.refresh_from_db()
    assert response.status == "withdrawn" and response.withdrawn_at is not None
    assert not Response.objects.filter(status="submitted").exists()
    assert response_breakdown(consultation)["kind"] == []  # not counted
    assert not Answer.objects.exists() and not ClauseComment.objects.exists()
    erasure_events = AuditEvent.objects.filter(action=AuditAction.REQUEST_ERASE)
    assert erasure_events.count() == 1
    assert erasure_events.get().actor_kind == "respondent" and erasure_events.get().ip is None
    assert AuditEvent.objects.filter(action=AuditAction.SUBJECT_ACCESS).count() == 3


def test_erasing_twice_changes_nothing(client, consultation, submit_response, token_of):
    response = submit_response(consultation)
    token = token_of(response)
    client.post(erase_url(token))
    first = Erasure.objects.get()
    again = client.post(erase_url(token))
    assert again.status_code == 302
    assert Erasure.objects.get().erased_at == first.erased_at
    assert AuditEvent.objects.filter(action=AuditAction.REQUEST_ERASE).count() == 1


def test_erasure_works_after_the_consultation_closed(consultation, submit_response):
    """The right to erasure does not end with the consultation; withdrawal does."""
    response = submit_response(consultation)
    publish(consultation)
    response_erase(response=response)
    response.refresh_from_db()
    assert response.status == "withdrawn" and response.respondent.email == ""


def test_erasure_after_retention_deletes_the_rest(consultation, submit_response):
    from consult.privacy.retention import retention_apply

    response = submit_response(consultation)
    publish(consultation)
    consultation.refresh_from_db()
    retention_apply(now=consultation.published_at.replace(year=consultation.published_at.year + 2))
    assert Erasure.objects.get().reason == "retention"
    response_erase(response=response)
    response.refresh_from_db()
    assert Erasure.objects.get().reason == "request" and response.respondent.name == ""
    assert not Answer.objects.filter(response=response).exists()


@pytest.mark.parametrize("name", ["privacy:my_data", "privacy:erase"])
def test_unknown_links_are_404(client, db, name):
    assert client.get(reverse(name, args=["0" * 40])).status_code == 404
    assert client.get(reverse(name, args=["x" * 200])).status_code == 404
    assert not AuditEvent.objects.exists()


def test_my_data_is_read_only(client, consultation, submit_response, token_of):
    token = token_of(submit_response(consultation))
    assert client.post(my_data_url(token)).status_code == 405
    assert client.delete(erase_url(token)).status_code == 405
    assert Response.objects.get().status == "submitted"
