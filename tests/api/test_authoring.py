"""Officials author consultations through the API: create, update, errors with paths, departments,
a questionnaire frozen by responses, lifecycle transitions."""

import copy
import json
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from consult.accounts.models import Department
from consult.accounts.tokens import api_token_create
from consult.consultations.documents import consultation_document
from consult.consultations.models import Consultation
from consult.responses.services import response_submit
from tests.conftest import valid_input
from tests.factories import ConsultationFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/consultations/"


def detail(slug: str) -> str:
    return f"/api/v1/consultations/{slug}/"


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {api_token_create(access='write', user=user, name='t')[1]}"
    )
    return client


@pytest.fixture
def api(official) -> APIClient:
    return token_client(official)


@pytest.fixture
def document(consultation) -> dict[str, Any]:
    """A valid document for a new consultation of the official's department."""
    doc = copy.deepcopy(consultation_document(consultation))
    doc["slug"] = "station-cameras"
    doc["title"] = {"ja": "駅前カメラ", "en": "Station cameras"}
    return doc


def send(client: APIClient, method: str, url: str, body: Any, lang: str = "en") -> Any:
    return getattr(client, method)(
        f"{url}?lang={lang}", json.dumps(body), content_type="application/json"
    )


def paths(response: Any) -> dict[str, str]:
    return {e["path"]: e["code"] for e in response.json()["errors"]}


def test_official_creates_a_draft_in_both_languages(api, document):
    r = send(api, "post", LIST, document)
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["slug"] == "station-cameras" and body["status"] == "draft"
    assert body["title"] == {"ja": "駅前カメラ", "en": "Station cameras"}
    assert [q["key"] for q in body["questions"]] == [q["key"] for q in document["questions"]]
    created = Consultation.objects.get(slug="station-cameras")
    assert created.status == "draft" and created.sections.count() == 2
    assert created.questions.get(key="retention").choices.count() == 3
    # Drafts stay out of the public API.
    assert APIClient().get(detail("station-cameras")).status_code == 404


def test_a_staff_session_may_author_too(official, document):
    client = APIClient()
    client.force_login(official)
    assert send(client, "post", LIST, document).status_code == 201


def test_the_answer_round_trips(api, document):
    created = send(api, "post", LIST, document).json()
    again = send(api, "put", detail("station-cameras"), _document_part(created))
    assert again.status_code == 200
    assert _document_part(again.json()) == _document_part(created)


def _document_part(body: dict[str, Any]) -> dict[str, Any]:
    extra = {"status", "opens_at", "closes_at", "created_at", "updated_at"}
    return {k: v for k, v in body.items() if k not in extra}


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(slug="Not A Slug"), "slug"),
        (lambda d: d["title"].update(en=""), "title.en"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["questions"][1].update(kind="essay"), "questions[1].kind"),
        (lambda d: d["questions"][1].update(kind=["likert"]), "questions[1].kind"),
        (lambda d: d["questions"][1].update(section={"n": 1}), "questions[1].section"),
        (
            lambda d: d["questions"][1].update(choices=d["questions"][1]["choices"][:1]),
            "questions[1].choices",
        ),
        (
            lambda d: d["questions"][1]["choices"][0].update(key="a b"),
            "questions[1].choices[0].key",
        ),
        (lambda d: d["sections"][1].update(number="1"), "sections[1].number"),
        (lambda d: d["sections"][0]["title"].update(ja="a\x00b"), "sections[0].title.ja"),
        (lambda d: d["summary"].update(en="\ud800"), "summary.en"),
        (lambda d: d["department"].update(code="d" * 70), "department.code"),
        (lambda d: d["notice"].update(version="v" * 41), "notice.version"),
    ],
)
def test_invalid_documents_name_every_path_and_write_nothing(api, document, mutate, path):
    before = Consultation.objects.count()
    mutate(document)
    r = send(api, "post", LIST, document)
    assert r.status_code == 400, r.json()
    assert path in paths(r), r.json()
    assert Consultation.objects.count() == before


@pytest.mark.parametrize("body", [[], "text", 3, None])
def test_a_body_that_is_not_an_object_is_a_400(api, body):
    r = send(api, "post", LIST, body)
    assert r.status_code == 400
    assert paths(r) == {"": "invalid"}


def test_errors_come_in_the_request_language(api, document):
    document["title"]["en"] = ""
    document["extra"] = True
    ja = send(api, "post", LIST, document, lang="ja").json()["errors"]
    en = send(api, "post", LIST, document, lang="en").json()["errors"]
    assert {e["path"]: e["message"] for e in ja} == {
        "extra": "不明な項目です。",
        "title.en": "このテキストは必須です。",
    }
    assert {e["path"]: e["message"] for e in en} == {
        "extra": "Unknown field.",
        "title.en": "This text is required.",
    }


def test_another_departments_document_is_forbidden(api, document):
    other = Department.objects.create(code="defence", name_ja="防衛", name_en="Defence")
    document["department"] = {"code": other.code}
    r = send(api, "post", LIST, document)
    assert r.status_code == 403
    assert "defence" in r.json()["errors"][0]["message"]
    assert not Consultation.objects.filter(slug=document["slug"]).exists()


def test_a_superuser_may_author_for_any_department(document):
    admin = UserFactory(is_superuser=True, department=None)
    document["department"] = {"code": "new-agency", "name": {"ja": "新庁", "en": "New agency"}}
    r = send(token_client(admin), "post", LIST, document)
    assert r.status_code == 201, r.json()
    assert Department.objects.get(code="new-agency").name_en == "New agency"


def test_create_never_overwrites_an_existing_slug(api, consultation, document):
    elsewhere = ConsultationFactory(slug="taken-elsewhere")
    for slug in (consultation.slug, elsewhere.slug):
        document["slug"] = slug
        r = send(api, "post", LIST, document)
        assert r.status_code == 409 and paths(r) == {"slug": "slug_taken"}
    consultation.refresh_from_db()
    elsewhere.refresh_from_db()
    assert consultation.title_en == elsewhere.title_en == "Facial recognition cameras: consultation"
    assert elsewhere.department != consultation.department


def test_put_updates_texts_and_structure_while_there_are_no_responses(api, consultation):
    doc = consultation_document(consultation)
    doc["title"]["en"] = "Revised title"
    doc["questions"] = doc["questions"][:2]
    r = send(api, "put", detail(consultation.slug), doc)
    assert r.status_code == 200, r.json()
    consultation.refresh_from_db()
    assert consultation.title_en == "Revised title"
    assert list(consultation.questions.values_list("key", flat=True)) == ["overall", "retention"]
    assert consultation.status == "open"  # authoring does not change the lifecycle


def test_put_at_a_new_slug_creates(api, document):
    r = send(api, "put", detail(document["slug"]), document)
    assert r.status_code == 201 and r.json()["status"] == "draft"


def test_put_slug_must_match_the_address(api, consultation, document):
    r = send(api, "put", detail(consultation.slug), document)
    assert r.status_code == 400 and "slug" in paths(r)


def test_put_on_another_departments_consultation_is_a_404(api):
    elsewhere = ConsultationFactory()
    doc = consultation_document(elsewhere)
    doc["title"]["en"] = "Hijacked"
    r = send(api, "put", detail(elsewhere.slug), doc)
    assert r.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.title_en != "Hijacked"


def test_put_cannot_move_a_consultation_to_another_department(api, consultation):
    Department.objects.create(code="defence", name_ja="防衛", name_en="Defence")
    doc = consultation_document(consultation)
    doc["department"] = {"code": "defence"}
    assert send(api, "put", detail(consultation.slug), doc).status_code == 403
    consultation.refresh_from_db()
    assert consultation.department.code != "defence"


def test_responses_freeze_the_questionnaire_but_not_its_texts(api, consultation):
    response_submit(consultation=consultation, data=valid_input())
    doc = consultation_document(consultation)
    changed = copy.deepcopy(doc)
    changed["questions"][1]["choices"].pop()
    r = send(api, "put", detail(consultation.slug), changed)
    assert r.status_code == 409
    assert paths(r) == {"questions": "structure_frozen"}
    assert consultation.questions.get(key="retention").choices.count() == 3

    doc["questions"][1]["text"]["en"] = "How long should footage be kept?"
    doc["title"]["en"] = "Revised"
    r = send(api, "put", detail(consultation.slug), doc)
    assert r.status_code == 200, r.json()
    assert consultation.questions.get(key="retention").text_en.startswith("How long")


def test_organisation_tokens_cannot_author(organisation, org_member, document):
    client = APIClient()
    key = api_token_create(access="write", user=org_member, name="org", organisation=organisation)[
        1
    ]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    r = send(client, "post", LIST, document)
    assert r.status_code == 403 and r.json()["errors"][0]["message"]


def test_schedule_then_open_then_close(api, document):
    send(api, "post", LIST, document)
    url = detail(document["slug"]) + "transitions/"
    now = timezone.now()
    window = {
        "action": "schedule",
        "opens_at": (now + timedelta(days=1)).isoformat(),
        "closes_at": (now + timedelta(days=30)).isoformat(),
    }
    r = send(api, "post", url, window)
    assert r.status_code == 200 and r.json()["status"] == "scheduled", r.json()
    assert send(api, "post", url, {"action": "open"}).json()["status"] == "open"
    assert send(api, "post", url, {"action": "close"}).json()["status"] == "closed"


@pytest.mark.parametrize(
    ("body", "status", "path"),
    [
        ({"action": "schedule"}, 400, "opens_at"),
        ({"action": "fly"}, 400, "action"),
        ({"action": "publish"}, 409, "action"),
        (
            {
                "action": "schedule",
                "opens_at": "2030-01-02T00:00Z",
                "closes_at": "2030-01-01T00:00Z",
            },
            400,
            "closes_at",
        ),
    ],
)
def test_transition_errors(api, document, body, status, path):
    send(api, "post", LIST, document)
    r = send(api, "post", detail(document["slug"]) + "transitions/", body)
    assert r.status_code == status and path in paths(r), r.json()
    assert Consultation.objects.get(slug=document["slug"]).status == "draft"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["post", "put"])
def test_concurrent_creates_of_one_slug_make_one_consultation(official, document, method):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL (SQLite serialises writers)")
    key = api_token_create(access="write", user=official, name="t")[1]
    url = LIST if method == "post" else detail(document["slug"])
    results: list[int] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
            barrier.wait()
            results.append(send(client, method, url, document).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    allowed = {201, 409} if method == "post" else {200, 201, 409}
    assert results.count(201) == 1 and set(results) <= allowed, results
    consultation = Consultation.objects.get(slug=document["slug"])
    assert consultation.questions.count() == len(document["questions"])
