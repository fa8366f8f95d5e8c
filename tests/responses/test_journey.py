"""The citizen journey through the HTTP interface, in Japanese and English."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consult.responses.models import Response
from consult.responses.services import response_for_token

pytestmark = pytest.mark.django_db

VALID_FORM = {
    "respondent-kind": "individual",
    "respondent-consent": "anonymous",
    "respondent-region": "13",
    "respondent-notice-accepted": "1",
    "q-overall": "2",
    "q-retention": "24h",
    "q-concerns": ["bias", "privacy"],
    "q-priorities-warrant": "1",
    "q-priorities-audit": "2",
    "q-comments": "顔認証の誤認識が心配です。",
    "c-2": "72時間は長すぎます。",
}


def respond_url(consultation):
    return reverse("responses:respond", args=[consultation.slug])


def token_from(url: str) -> str:
    match = re.search(r"/r/([0-9a-f]+)/", url)
    assert match, url
    return match.group(1)


def review_and_submit(client, url, form, submission_id="abc123", **headers):
    review = client.post(
        url, {**form, "action": "review", "submission_id": submission_id}, **headers
    )
    assert review.status_code == 200, review.content.decode()[:2000]
    payload = review.context["payload"]
    return client.post(
        url, {"action": "submit", "payload": payload, "submission_id": submission_id}, **headers
    ), payload


@pytest.mark.parametrize(
    ("lang", "title", "button", "no_personal_data"),
    [
        ("ja", "顔認証", "確認", "氏名・住所・連絡先を書かないでください"),
        ("en", "Facial recognition", "review", "Please do not write anyone"),
    ],
)
def test_pages_render_in_both_languages(
    client, consultation, lang, title, button, no_personal_data
):
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    listing = client.get("/", **headers)
    assert listing.status_code == 200 and title in listing.content.decode()
    detail = client.get(reverse("consultations:detail", args=[consultation.slug]), **headers)
    assert "<strong>" in detail.content.decode()  # sanitised markdown rendered
    form = client.get(respond_url(consultation), **headers)
    html = form.content.decode()
    assert f'lang="{lang}"' in html
    assert 'for="q-overall"' in html and 'id="c-2"' in html and 'id="respondent-email"' in html
    # Before any box to write in, the form asks for no personal data in the comments.
    assert html.index(no_personal_data) < html.index('id="c-2"')


@pytest.mark.parametrize(
    ("lang", "deadline", "limit"),
    [
        ("en", "come back before 7 January 2027, 23:59 JST.</p>", "Up to 20,000 characters."),
        ("ja", "2027年1月7日 23:59", "20,000文字以内"),
    ],
)
def test_the_form_gives_its_deadline_and_limits_as_people_write_them(
    client, consultation, lang, deadline, limit
):
    # A sentence ending with the deadline ends with one full stop (Django's English format
    # wrote "11:59 p.m.."), in the consultation's time zone, named; numbers are grouped.
    consultation.closes_at = datetime(2027, 1, 7, 14, 59, tzinfo=UTC)  # 23:59 in Tokyo
    consultation.save(update_fields=["closes_at"])
    html = client.get(respond_url(consultation), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert deadline in html
    assert limit in html
    assert ".." not in html.replace("...", "")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_submit_journey_stores_everything_and_emails_a_receipt(client, consultation, lang):
    form = {**VALID_FORM, "respondent-email": "citizen@example.jp"}
    done, _payload = review_and_submit(
        client, respond_url(consultation), form, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert done.status_code == 302 and "/receipt/" in done["Location"]
    response = Response.objects.get()
    assert (
        response.status == "submitted" and response.language == lang and response.channel == "web"
    )
    assert response.respondent.notice_version == consultation.notice_version
    answers = {a.question.key: a.value for a in response.answers.select_related("question")}
    assert answers == {
        "overall": 2,
        "retention": "24h",
        "concerns": ["bias", "privacy"],
        "priorities": ["warrant", "audit"],
        "comments": "顔認証の誤認識が心配です。",
    }
    assert response.clause_comments.get().text == "72時間は長すぎます。"
    receipt = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE=lang)
    assert response.reference in receipt.content.decode()
    # The private link works until the consultation closes, and both say when that is.
    closes = timezone.localtime(consultation.closes_at)
    deadline = (
        f"{closes.day} {closes:%B %Y, %H:%M} JST"
        if lang == "en"
        else f"{closes.year}年{closes.month}月{closes.day}日 {closes.hour}:{closes:%M}"
    )
    assert deadline in receipt.content.decode()
    # The confirmation email was recorded and is sent by the worker; run it as the worker would.
    from consult.core.models import OutboxJob
    from consult.responses.notifications import response_send_confirmation

    job = OutboxJob.objects.get(task_name="responses.send_confirmation")
    assert response_send_confirmation(**job.kwargs) is True
    assert response_send_confirmation(**job.kwargs) is False  # safe to run twice
    assert len(mail.outbox) == 1 and response.reference in mail.outbox[0].body
    assert deadline in mail.outbox[0].body
    verify = re.search(r"/verify/(\S+)/", mail.outbox[0].body)
    assert verify
    client.get(f"/verify/{verify.group(1)}/")
    response.respondent.refresh_from_db()
    assert response.respondent.email_verified_at is not None


def test_invalid_form_shows_summary_and_saves_nothing(client, consultation):
    bad = {
        **VALID_FORM,
        "q-overall": "9",
        "respondent-email": "nope",
        "q-comments": "x" * 501,
        "q-retention": "forever",
    }
    page = client.post(
        respond_url(consultation), {**bad, "action": "review"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert 'class="error-summary"' in html
    for field in ("q-overall", "respondent-email", "q-comments", "q-retention"):
        assert f'href="#{field}"' in html and f'id="{field}"' in html
    assert 'aria-invalid="true"' in html
    assert "x" * 501 in html  # what the citizen typed is kept
    assert Response.objects.count() == 0


@pytest.mark.parametrize(("lang", "opening", "joiner"), [("en", "", " — "), ("ja", "「", "」：")])
def test_the_error_summary_names_the_question_or_clause_of_each_error(
    client, consultation, lang, opening, joiner
):
    # Read apart from the fields, "This question requires an answer." would not say which.
    page = client.post(
        respond_url(consultation),
        {
            **VALID_FORM,
            "q-overall": "",
            "c-2": "x" * 20_001,
            "respondent-email": "nope",
            "action": "review",
        },
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert page.status_code == 400
    summary = dict(page.context["form"].error_summary)
    overall = consultation.questions.get(key="overall")
    question = overall.text_en if lang == "en" else overall.text_ja
    assert summary["q-overall"].startswith(opening + question[:79] + joiner)
    clause = "Your comment on clause 2" if lang == "en" else "条項2へのご意見"
    assert summary["c-2"].startswith(opening + clause + joiner)
    # What the respondent is asked about themselves already names its field.
    assert joiner not in summary["respondent-email"]


def test_errors_are_in_japanese_for_japanese_users(client, consultation):
    page = client.post(respond_url(consultation), {"action": "review"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert page.status_code == 400
    assert "This question requires an answer." not in page.content.decode()


def test_duplicate_submit_clicks_create_one_response(client, consultation):
    url = respond_url(consultation)
    first, payload = review_and_submit(client, url, VALID_FORM)
    second = client.post(url, {"action": "submit", "payload": payload, "submission_id": "abc123"})
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert Response.objects.count() == 1


def test_tampered_payload_is_revalidated(client, consultation):
    url = respond_url(consultation)
    review = client.post(url, {**VALID_FORM, "action": "review"})
    payload = json.loads(review.context["payload"])
    payload["answers"]["retention"] = "forever"
    payload["answers"]["unknown"] = "x"
    resp = client.post(
        url, {"action": "submit", "payload": json.dumps(payload), "submission_id": "t1"}
    )
    assert resp.status_code == 400 and Response.objects.count() == 0
    garbage = client.post(url, {"action": "submit", "payload": "{not json", "submission_id": "t2"})
    assert garbage.status_code == 400 and Response.objects.count() == 0
    wrong_shape = client.post(
        url,
        {
            "action": "submit",
            "payload": '{"respondent": {"admin": true}, "answers": [], "comments": {}}',
        },
    )
    assert wrong_shape.status_code == 400 and Response.objects.count() == 0
    for hostile in ("[" * 100_000 + "]" * 100_000, '{"respondent": NaN}', "1" * 5000):
        r = client.post(url, {"action": "submit", "payload": hostile, "submission_id": "t3"})
        assert r.status_code == 400 and Response.objects.count() == 0


def test_tampered_hidden_and_choice_fields(client, consultation):
    url = respond_url(consultation)
    resp = client.post(
        url,
        {**VALID_FORM, "q-priorities-warrant": "1", "q-priorities-audit": "1", "action": "review"},
    )
    assert resp.status_code == 400 and "q-priorities" in {
        i for i, _m in resp.context["form"].error_summary
    }
    resp = client.post(url, {**VALID_FORM, "q-priorities-warrant": "x", "action": "review"})
    assert resp.status_code == 400
    resp = client.post(url, {**VALID_FORM, "respondent-kind": "admin", "action": "review"})
    assert resp.status_code == 400
    resp = client.post(url, {**VALID_FORM, "action": "explode"})  # unknown action → review
    assert resp.status_code == 200
    assert Response.objects.count() == 0


def test_draft_resume_and_submit(client, consultation):
    url = respond_url(consultation)
    saved = client.post(url, {"q-comments": "途中まで書きました", "action": "draft"})
    assert saved.status_code == 302
    token = token_from(saved["Location"])
    draft = response_for_token(token)
    assert draft is not None and draft.status == "draft" and draft.submitted_at is None
    page = client.get(reverse("responses:edit", args=[token]))
    assert "途中まで書きました" in page.content.decode()
    done, _ = review_and_submit(client, reverse("responses:edit", args=[token]), VALID_FORM)
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and Response.objects.count() == 1


def test_draft_with_invalid_value_is_refused(client, consultation):
    resp = client.post(respond_url(consultation), {"q-retention": "forever", "action": "draft"})
    assert resp.status_code == 400 and Response.objects.count() == 0


def test_a_draft_lacking_a_name_the_database_needs_asks_for_it(client, consultation):
    """Publish-by-name chosen before the name is typed: saving the draft says what is missing
    (the database keeps no respondent to be published by a name they lack), never a 500."""
    for extra in ({}, {"respondent-organisation-name": "NGO"}):
        resp = client.post(
            respond_url(consultation) + "?lang=en",
            {
                "respondent-kind": "individual",
                "respondent-consent": "named",
                "action": "draft",
                **extra,
            },
        )
        assert resp.status_code == 400
        assert "Enter the name to publish" in resp.content.decode()
    assert Response.objects.count() == 0
    # Likewise an organisation without its name.
    resp = client.post(
        respond_url(consultation) + "?lang=en",
        {"respondent-kind": "organisation", "action": "draft"},
    )
    assert resp.status_code == 400
    assert "Enter the name of the organisation" in resp.content.decode()
    assert Response.objects.count() == 0


def test_amend_and_withdraw(client, consultation):
    done, _ = review_and_submit(client, respond_url(consultation), VALID_FORM)
    token = token_from(done["Location"])
    amended = {**VALID_FORM, "q-overall": "5", "q-comments": "考えが変わりました。"}
    again, _ = review_and_submit(client, reverse("responses:edit", args=[token]), amended)
    assert again.status_code == 302
    response = Response.objects.get()
    assert response.amended_at is not None
    assert response.answers.get(question__key="overall").value == 5
    assert client.get(reverse("responses:withdraw", args=[token])).status_code == 200
    client.post(reverse("responses:withdraw", args=[token]))
    response.refresh_from_db()
    assert response.status == "withdrawn" and response.withdrawn_at
    # A withdrawn response cannot be edited again.
    assert client.get(reverse("responses:edit", args=[token])).status_code == 302


def test_closed_consultation_refuses_clearly(client, consultation):
    done, _ = review_and_submit(client, respond_url(consultation), VALID_FORM)
    token = token_from(done["Location"])
    consultation.closes_at = timezone.now() - timedelta(seconds=1)
    consultation.opens_at = timezone.now() - timedelta(days=2)
    consultation.save()
    page = client.get(respond_url(consultation), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "not accepting responses" in page.content.decode()
    assert (
        client.post(respond_url(consultation), {**VALID_FORM, "action": "review"}).status_code
        == 403
    )
    assert client.post(reverse("responses:withdraw", args=[token])).status_code == 403
    assert client.post(reverse("responses:edit", args=[token]), {**VALID_FORM}).status_code == 403
    manage = client.get(reverse("responses:manage", args=[token]), HTTP_ACCEPT_LANGUAGE="en")
    assert "can no longer be changed" in manage.content.decode()
    assert Response.objects.get().status == "submitted"


def test_unknown_links_are_404(client, consultation):
    assert client.get("/r/0000/").status_code == 404
    assert client.get("/r/" + "f" * 40 + "/edit/").status_code == 404
    assert client.get("/consultations/nope/respond/").status_code == 404
    assert client.get("/verify/garbage/").status_code == 400


def test_draft_consultation_is_not_public(client, consultation):
    consultation.status = "draft"
    consultation.save()
    assert client.get(reverse("consultations:detail", args=[consultation.slug])).status_code == 404
    assert client.get(respond_url(consultation)).status_code == 404


def test_response_shows_in_the_officials_view(client, consultation, official):
    review_and_submit(client, respond_url(consultation), VALID_FORM)
    reference = Response.objects.get().reference
    client.force_login(official)
    overview = client.get(reverse("staff:consultation", args=[consultation.slug]))
    assert reference in overview.content.decode()
    detail = client.get(reverse("staff:response", args=[consultation.slug, reference]))
    assert "顔認証の誤認識が心配です。" in detail.content.decode()


def test_huge_and_strange_text_never_500(client, consultation):
    weird = "‮rtl‬ 👩‍👩‍👧 e\u0301 \u200b" * 10
    form = {**VALID_FORM, "q-comments": weird[:500], "c-1": "\x00" + "y" * 200_000}
    resp = client.post(respond_url(consultation), {**form, "action": "review"})
    assert resp.status_code == 400  # the clause comment is too long; the message says by how much
    assert Response.objects.count() == 0
