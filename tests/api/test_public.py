"""The public, unauthenticated reads: the consultation list (filters, cursor pages, language)
and one consultation with its clauses and questionnaire; and no CORS."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from consult.consultations.models import Consultation
from tests.factories import ConsultationFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/consultations/"


@pytest.fixture
def world(db):
    """Consultations in every public status and one draft, in two departments."""
    now = timezone.now()
    police = DepartmentFactory(code="police", name_ja="警察庁", name_en="Police Agency")
    digital = DepartmentFactory(code="digital", name_ja="デジタル庁", name_en="Digital Agency")
    made = {
        "open": ConsultationFactory(slug="cameras-open", department=police, structure=False),
        "scheduled": ConsultationFactory(
            slug="drones-scheduled",
            department=police,
            status=Consultation.Status.SCHEDULED,
            opens_at=now + timedelta(days=3),
            closes_at=now + timedelta(days=33),
            title_ja="ドローン監視の試行",
            title_en="Drone surveillance pilot",
            summary_ja="試行について",
            summary_en="About the pilot",
            structure=False,
        ),
        "ended": ConsultationFactory(  # still "open" in the table, but its window has passed
            slug="ai-training-ended",
            department=digital,
            opens_at=now - timedelta(days=40),
            closes_at=now - timedelta(days=1),
            title_ja="AI学習と著作権",
            title_en="AI training and copyright",
            summary_ja="著作権の例外",
            summary_en="A copyright exception",
            structure=False,
        ),
        "published": ConsultationFactory(
            slug="defence-published",
            department=digital,
            status=Consultation.Status.PUBLISHED,
            opens_at=now - timedelta(days=90),
            closes_at=now - timedelta(days=60),
            structure=False,
        ),
        "draft": ConsultationFactory(
            slug="secret-draft", department=police, status=Consultation.Status.DRAFT
        ),
    }
    return made


def slugs(body: dict) -> list[str]:
    return [item["slug"] for item in body["results"]]


def get(path: str, **headers: str) -> dict:
    r = APIClient().get(path, **headers)
    assert r.status_code == 200, r.json()
    return r.json()


def test_drafts_are_never_listed_or_shown(world):
    listed = slugs(get(LIST + "?page_size=100"))
    assert set(listed) == {
        "cameras-open",
        "drones-scheduled",
        "ai-training-ended",
        "defence-published",
    }
    assert APIClient().get(LIST + "secret-draft/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", {"cameras-open"}),
        ("status=scheduled", {"drones-scheduled"}),
        ("status=closed", {"ai-training-ended"}),
        ("status=published", {"defence-published"}),
        ("department=digital", {"ai-training-ended", "defence-published"}),
        ("department=nope", set()),
        ("q=ドローン", {"drones-scheduled"}),
        ("q=copyright", {"ai-training-ended"}),
        ("q=COPYRIGHT", {"ai-training-ended"}),
        ("status=open&department=digital", set()),
    ],
)
def test_filters(world, query, expected):
    assert set(slugs(get(f"{LIST}?{query}"))) == expected


@pytest.mark.parametrize(
    "query", ["status=draft", "status=whatever", "cursor=not-a-cursor", "q=a%00b", "department=%00"]
)
def test_bad_filters_are_400_with_their_name(world, query):
    r = APIClient().get(f"{LIST}?{query}&lang=ja")
    assert r.status_code == 400
    [error] = r.json()["errors"]
    assert error["path"] == query.split("=")[0] and error["message"].isascii() is False


def test_cursor_pages_walk_every_consultation_once_newest_first(world):
    seen: list[str] = []
    url = LIST + "?page_size=1"
    while url:
        body = get(url)
        assert len(body["results"]) <= 1
        seen += slugs(body)
        url = body["next"]
    expected = list(Consultation.objects.public().order_by("-id").values_list("slug", flat=True))
    assert seen == expected and len(seen) == 4


def test_page_size_is_bounded(world):
    ConsultationFactory.create_batch(97, structure=False)  # 101 public ones in all
    capped = get(LIST + "?page_size=1000")
    assert len(capped["results"]) == 100 and capped["next"]
    assert len(get(LIST)["results"]) == 20
    assert len(get(LIST + "?page_size=abc")["results"]) == 20


def test_texts_follow_lang_then_accept_language(world):
    by_param = get(LIST + "?status=scheduled&lang=en")["results"][0]
    assert by_param["title"] == "Drone surveillance pilot" and by_param["language"] == "en"
    assert by_param["department"] == {"code": "police", "name": "Police Agency"}
    by_header = get(LIST + "?status=scheduled", HTTP_ACCEPT_LANGUAGE="ja")["results"][0]
    assert by_header["title"] == "ドローン監視の試行" and by_header["language"] == "ja"
    both = get(LIST + "?status=scheduled&lang=en", HTTP_ACCEPT_LANGUAGE="ja")["results"][0]
    assert both["language"] == "en"


def test_one_consultation_in_each_language_with_its_questionnaire(consultation):
    en = get(f"{LIST}{consultation.slug}/?lang=en")
    ja = get(f"{LIST}{consultation.slug}/?lang=ja")
    assert en["title"] == consultation.title_en and ja["title"] == consultation.title_ja
    assert [s["number"] for s in en["sections"]] == ["1", "2"]
    assert en["sections"][1]["title"] == "Retention" and ja["sections"][1]["title"] == "保存期間"
    likert = next(q for q in en["questions"] if q["kind"] == "likert")
    assert [c["key"] for c in likert["choices"]] == ["1", "2", "3", "4", "5"]
    assert en["notice"]["version"] == consultation.notice_version
    assert {q["key"] for q in en["questions"]} == {q["key"] for q in ja["questions"]}


def test_the_list_does_not_query_per_consultation(world):
    with CaptureQueriesContext(connection) as few:
        get(LIST + "?page_size=2")
    for n in range(10):
        ConsultationFactory(slug=f"more-{n}", structure=False)
    with CaptureQueriesContext(connection) as many:
        get(LIST + "?page_size=14")
    assert len(many) == len(few)


def test_no_cors_headers_for_another_origin(consultation):
    client = APIClient()
    origin = {"HTTP_ORIGIN": "https://evil.example"}
    r = client.get(LIST, **origin)
    assert r.status_code == 200 and "Access-Control-Allow-Origin" not in r.headers
    preflight = client.options(
        f"{LIST}{consultation.slug}/responses/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, idempotency-key",
        **origin,
    )
    assert not any(h.lower().startswith("access-control-allow") for h in preflight.headers)
