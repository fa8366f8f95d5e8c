"""Every wording a consultation has had is kept (`ConsultationRevision`): what changed, when, by
whom and after how many responses, readable through the API and restorable by loading it back."""

import copy
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.tokens import api_token_create
from consult.consultations.authoring import StructureFrozen, consultation_author
from consult.consultations.documents import (
    changed_paths,
    consultation_document,
    consultation_load_document,
)
from consult.consultations.models import Consultation, ConsultationRevision
from consult.responses.services import response_submit
from tests.conftest import valid_input
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def revisions(consultation: Consultation) -> list[ConsultationRevision]:
    return list(consultation.revisions.order_by("number"))


@pytest.fixture
def api(official) -> APIClient:
    client = APIClient()
    key = api_token_create(access="read", user=official, name="revisions")[1]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_new_consultation_has_its_first_revision(consultation):
    document = {**consultation_document(consultation), "slug": "station-cameras"}
    created, was_created = consultation_load_document(document=document)
    assert was_created
    (first,) = revisions(created)
    assert (first.number, first.changed, first.responses_before, first.author) == (1, [], 0, None)
    assert first.document == consultation_document(created)


def test_loading_the_same_document_records_nothing(consultation, official):
    consultation_author(
        user=official, document=consultation_document(consultation), slug=consultation.slug
    )
    assert [r.number for r in revisions(consultation)] == [1]


def test_a_change_after_responses_is_recorded_with_its_author_and_paths(consultation, official):
    response_submit(consultation=consultation, data=valid_input())
    response_submit(consultation=consultation, data=valid_input())
    document = consultation_document(consultation)
    document["questions"][1]["text"]["ja"] = "映像の保存期間はどのくらいが適切ですか。"
    document["sections"][0]["text"]["en"] = "Cameras are installed to prevent serious crime."
    consultation_author(user=official, document=document, slug=consultation.slug)

    first, second = revisions(consultation)
    assert second.number == 2 and second.author == official
    assert second.responses_before == 2
    assert second.changed == ["sections[0].text.en", "questions[1].text.ja"]
    assert second.document == consultation_document(consultation) == document
    assert first.document["questions"][1]["text"]["ja"] == "適切な保存期間は。"


def test_a_consultation_without_revisions_first_keeps_how_it_stood(consultation, official):
    consultation.revisions.all().delete()  # authored before revisions were kept
    written = timezone.now() - timedelta(days=3)
    Consultation.objects.filter(pk=consultation.pk).update(updated_at=written)
    consultation.refresh_from_db()
    response_submit(consultation=consultation, data=valid_input())
    original = consultation_document(consultation)
    document = copy.deepcopy(original)
    document["title"]["en"] = "Cameras at station squares"
    consultation_author(user=official, document=document, slug=consultation.slug)

    first, second = revisions(consultation)
    assert first.document == original and first.created_at == written
    assert first.responses_before == 0 and first.author is None
    assert second.changed == ["title.en"] and second.responses_before == 1


def test_the_notice_respondents_accepted_cannot_change_under_its_version(consultation, official):
    response_submit(consultation=consultation, data=valid_input())
    document = consultation_document(consultation)
    document["notice"]["text"]["ja"] = "取得した個人情報は研究にも利用します。"
    with pytest.raises(StructureFrozen) as refused:
        consultation_author(user=official, document=document, slug=consultation.slug)
    assert list(refused.value.errors) == ["notice.version"]
    consultation.refresh_from_db()
    assert consultation.notice_ja == "取得した個人情報は本意見募集の目的にのみ利用します。"
    assert len(revisions(consultation)) == 1

    document["notice"]["version"] = "2026-12-01"
    consultation_author(user=official, document=document, slug=consultation.slug)
    assert revisions(consultation)[-1].changed == ["notice.version", "notice.text.ja"]


def test_without_responses_the_notice_may_be_corrected_in_place(consultation, official):
    document = consultation_document(consultation)
    document["notice"]["text"]["en"] = "Personal data is used for this consultation only."
    consultation_author(user=official, document=document, slug=consultation.slug)
    assert revisions(consultation)[-1].changed == ["notice.text.en"]


def test_changed_paths_name_each_difference_and_a_resized_list_once():
    old = {"title": {"ja": "a", "en": "b"}, "questions": [{"key": "q", "text": "x"}]}
    new = {"title": {"ja": "a", "en": "c"}, "questions": [{"key": "q", "text": "y"}], "extra": 1}
    assert changed_paths(old, new) == ["title.en", "questions[0].text", "extra"]
    assert changed_paths(old, {**old, "questions": []}) == ["questions"]
    assert changed_paths(old, copy.deepcopy(old)) == []


def test_the_api_lists_revisions_and_serves_each_document(api, consultation, official):
    response_submit(consultation=consultation, data=valid_input())
    original = consultation_document(consultation)
    document = copy.deepcopy(original)
    document["title"]["ja"] = "駅前広場の顔認証カメラに関する意見募集"
    consultation_author(user=official, document=document, slug=consultation.slug)

    url = f"/api/v1/consultations/{consultation.slug}/revisions"
    listed = api.get(url)
    assert listed.status_code == 200
    assert [
        (r["number"], r["author"], r["responses_before"], r["changed"]) for r in listed.json()
    ] == [(1, None, 0, []), (2, official.username, 1, ["title.ja"])]
    assert "document" not in listed.json()[0]

    first = api.get(f"{url}/1")
    assert first.status_code == 200 and first.json()["document"] == original
    assert list(first.json()["document"]) == list(original)  # kept as written, keys in order
    missing = api.get(f"{url}/9?lang=ja")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["message"] == "この意見募集にその版はありません。"


def test_putting_an_earlier_revision_back_restores_its_wording(consultation, official):
    response_submit(consultation=consultation, data=valid_input())
    original = consultation_document(consultation)
    document = copy.deepcopy(original)
    document["body"]["en"] = "## Background\n\nThis is a pilot in three stations."
    consultation_author(user=official, document=document, slug=consultation.slug)

    client = APIClient()
    key = api_token_create(access="write", user=official, name="restore")[1]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    restored = revisions(consultation)[0].document
    r = client.put(
        f"/api/v1/consultations/{consultation.slug}/",
        json.dumps(restored),
        content_type="application/json",
    )
    assert r.status_code == 200, r.json()
    assert consultation_document(consultation) == original
    latest = revisions(consultation)[-1]
    assert (latest.number, latest.changed) == (3, ["body.en"])


def test_the_staff_page_shows_the_wording_history(client, consultation, official):
    client.force_login(official)
    page = client.get(f"/staff/{consultation.slug}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Wording history" not in page.content.decode()

    response_submit(consultation=consultation, data=valid_input())
    document = consultation_document(consultation)
    document["summary"]["en"] = "We invite comments on cameras at three station squares."
    consultation_author(user=official, document=document, slug=consultation.slug)
    html = client.get(f"/staff/{consultation.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wording history (2 revisions)" in html
    assert "<code>summary.en</code>" in html and "(changed after responses)" in html
    assert official.username in html and "<td>command line</td>" in html  # the factory load


def test_the_admin_site_shows_consultations_but_cannot_change_them(client, consultation):
    admin = UserFactory(is_superuser=True, is_staff=True, staff_role="admin")
    client.force_login(admin)
    url = f"/admin/consultations/consultation/{consultation.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and consultation.slug in page.content.decode()
    changed = client.post(url, {"slug": consultation.slug, "title_en": "Edited in the admin"})
    assert changed.status_code == 403
    question = consultation.questions.get(key="overall")
    assert client.post(f"/admin/consultations/question/{question.pk}/delete/").status_code == 403
    assert client.get("/admin/consultations/consultation/add/").status_code == 403
    consultation.refresh_from_db()
    assert consultation.title_en == "Facial recognition cameras: consultation"
    assert consultation.questions.filter(key="overall").exists()
