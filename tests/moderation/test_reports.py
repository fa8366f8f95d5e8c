"""Reports publish only moderated text: redacted personal data never reaches any format,
rejected and unmoderated texts are never quoted, set-aside responses are not counted and the
methodology says so."""

import json
import re

import pytest
from django.urls import reverse

from consult.demo.generator import responses_generate
from consult.moderation.models import FalseAttributionReport, ModerationItem, ModerationReason
from consult.moderation.services import moderation_redact, moderation_reject
from consult.responses.models import Response

from .conftest import EMAIL, PHONE, item_of, submit

pytestmark = pytest.mark.django_db

PHONE_DIGITS = re.compile(r"090\D{0,3}1234\D{0,3}5678")


def files_of(run) -> str:
    return "\n".join(
        artifact.file.read().decode("utf-8-sig") for artifact in run.artifacts.order_by("format")
    )


def report_content(run) -> dict:
    """The report's JSON file, as the reports services wrote it."""
    return json.loads(run.artifacts.get(format="json").file.read())


def quotes_of(content) -> list[dict]:
    return [
        quote
        for item in [*content["questions"], *content["clauses"]]
        for theme in item["themes"]
        for quote in theme["quotes"]
    ]


@pytest.fixture
def answered(consultation):
    responses_generate(consultation=consultation, count=40, seed=11)
    return consultation


def test_a_redacted_phone_number_is_in_no_report_format(
    answered, official, moderator, run_report, quick_render
):
    planted = submit(answered, free_text=f"顔認証の誤認識が心配です。電話 {PHONE} まで。")
    item = item_of(planted)
    phone = next(i for i, f in enumerate(item.flags) if f["kind"] == "phone")
    moderation_redact(item=item, user=moderator, flag_indexes=[phone])
    run = run_report(answered, official, language="ja")
    everything = files_of(run)
    assert PHONE_DIGITS.search(everything) is None
    assert EMAIL not in everything
    content = report_content(run)
    assert content is not None and PHONE_DIGITS.search(json.dumps(content)) is None
    coded = run.artifacts.get(format="csv").file.read().decode("utf-8-sig")
    assert "顔認証の誤認識が心配です。電話 ［電話番号］ まで。" in coded


def test_rejected_and_unmoderated_texts_are_never_quoted(
    answered, official, moderator, run_report, quick_render
):
    # Many copies of the same comment so the engine would surely quote one of them.
    text = "顔認証カメラの導入に強く反対します。誤認識で市民が疑われる危険があります。"
    rejected = [submit(answered, free_text=f"{text} お前ら死ね。") for _ in range(6)]
    reason = ModerationReason.objects.get(code="abuse")
    for response in rejected:
        moderation_reject(item=item_of(response), user=moderator, reason=reason)
    pending = [submit(answered, free_text=f"{text} 連絡は {EMAIL} へ。") for _ in range(6)]
    assert all(item_of(r).status == "pending" for r in pending)
    run = run_report(answered, official, language="en")
    content = report_content(run)
    comments = next(q for q in content["questions"] if q["key"] == "comments")
    quoted = {quote["reference"] for theme in comments["themes"] for quote in theme["quotes"]}
    assert quoted, "the report quotes something"
    # Their answers to this question were rejected or await moderation (their clause
    # comments were approved and may be quoted under the clause).
    assert not quoted & {r.reference for r in rejected + pending}
    everything = files_of(run)
    assert "死ね" not in everything and EMAIL not in everything
    steps = content["methodology"]["steps"]
    waiting = ModerationItem.objects.filter(status="pending").count()
    assert waiting >= 6  # the generated responses may hold a flagged text or two
    assert f"{waiting} texts were still awaiting moderation" in " ".join(steps)
    assert "6 texts rejected by moderators were left out." in steps
    # Every quoted answer is published text: approved (here automatically) or redacted.
    publishable = set(
        ModerationItem.objects.publishable()
        .filter(answer__question__key="comments")
        .values_list("answer__response__reference", flat=True)
    )
    assert quoted <= publishable


def test_texts_never_scanned_are_scanned_before_the_snapshot(
    answered, official, run_report, quick_render
):
    assert not ModerationItem.objects.exists()  # generated responses skip submission
    run_report(answered, official)
    submitted = Response.objects.filter(consultation=answered, status="submitted")
    assert ModerationItem.objects.filter(clause_comment__response__in=submitted).exists()
    assert (
        not ModerationItem.objects.filter(
            clause_comment__isnull=False, clause_comment__response__status="submitted"
        )
        .filter(text_hash="")
        .exists()
    )


def test_an_upheld_false_attribution_is_set_aside_and_explained(
    client, answered, official, moderator, run_report, quick_render
):
    victim = submit(answered, free_text="この案に賛成します。")
    before = report_content(run_report(answered, official))["headline"]["responses"]
    page = client.post(
        reverse("moderation:report_misattribution") + "?lang=en",
        {
            "reference": victim.reference.lower(),
            "statement": "I never wrote this; someone used my name.",
            "contact_email": "",
        },
    )
    assert page.status_code == 200 and "Report received" in page.content.decode()
    report = FalseAttributionReport.objects.get()
    assert report.response == victim and report.status == "open"
    client.force_login(moderator)
    url = reverse("moderation:report", args=[answered.slug, report.pk])
    assert client.get(url).status_code == 200
    reason = "The named person confirmed in writing they did not respond"
    assert client.post(url, {"decision": "uphold", "reason": reason}).status_code == 302
    report.refresh_from_db()
    assert report.status == "upheld" and report.set_aside and report.decided_by == moderator
    content = report_content(run_report(answered, official))
    assert content["headline"]["responses"] == before - 1
    steps = " ".join(content["methodology"]["steps"])
    assert "Set aside: 1 responses" in steps and reason in steps
    assert victim.reference not in json.dumps(content)


def test_a_dismissed_report_changes_no_count(client, consultation, moderator):
    victim = submit(consultation)
    client.post(
        reverse("moderation:report_misattribution"),
        {"reference": victim.reference, "statement": "Not me."},
    )
    report = FalseAttributionReport.objects.get()
    client.force_login(moderator)
    url = reverse("moderation:report", args=[consultation.slug, report.pk])
    for data in ({"decision": "dismiss", "reason": ""}, {}):  # an empty form says so too
        no_reason = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
        assert no_reason.status_code == 400
        assert "This field is required" in no_reason.content.decode()
    assert (
        client.post(url, {"decision": "dismiss", "reason": "Signed by the same person"}).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.status == "dismissed" and not report.set_aside


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reference": "NOPE-0000", "statement": "x"}, "reference", "No submitted response"),
        ({"reference": "", "statement": "x"}, "reference", "This field is required"),
        ({"reference": "R", "statement": ""}, "statement", "This field is required"),
        ({"reference": "R", "statement": "x" * 2001}, "statement", "at most 2000"),
        (
            {"reference": "R", "statement": "x", "contact_email": "no"},
            "contact_email",
            "valid email",
        ),
    ],
)
def test_the_public_form_explains_bad_input(client, consultation, data, field, message):
    page = client.post(reverse("moderation:report_misattribution"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert message in " ".join(page.context["form"].errors.get(field, []))
    assert not FalseAttributionReport.objects.exists()


def test_the_public_form_prefills_the_reference(client, consultation):
    page = client.get(reverse("moderation:report_misattribution"), {"reference": "ABC-123"})
    assert page.status_code == 200 and 'value="ABC-123"' in page.content.decode()


def test_every_public_page_links_to_the_form(client, consultation):
    page = client.get(reverse("consultations:detail", args=[consultation.slug]))
    assert reverse("moderation:report_misattribution") in page.content.decode()


def test_one_address_may_send_ten_reports_an_hour(client, consultation):
    victim = submit(consultation)
    url = reverse("moderation:report_misattribution")
    data = {"reference": victim.reference, "statement": "Not me."}
    assert all(client.post(url, data).status_code == 200 for _ in range(10))
    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429 and "Too many reports" in refused.content.decode()
    assert FalseAttributionReport.objects.count() == 10


def test_ids_beyond_the_database_range_are_not_found(client, consultation, moderator):
    client.force_login(moderator)
    huge = 2**70
    for name in ("moderation:item", "moderation:report"):
        assert client.get(reverse(name, args=[consultation.slug, huge])).status_code == 404


def test_an_empty_post_is_answered_with_what_is_missing(client, consultation):
    url = reverse("moderation:report_misattribution")
    page = client.post(url, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "This field is required" in " ".join(page.context["form"].errors.get("reference", []))
    # Past the hourly limit an empty form is refused as any other, not a server error.
    for _ in range(10):
        client.post(url, {})
    refused = client.post(url, {}, HTTP_ACCEPT_LANGUAGE="ja")
    assert refused.status_code == 429
    assert not FalseAttributionReport.objects.exists()
