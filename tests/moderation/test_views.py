"""Moderators' pages as a moderator meets them: queue, item, decisions, export, access."""

import csv
import io
import re

import pytest
from django.urls import reverse

from consult.moderation.models import ModerationItem, ModerationReason
from consult.privacy.models import AuditEvent
from tests.factories import UserFactory

from .conftest import EMAIL, PHONE, item_of, submit

pytestmark = pytest.mark.django_db


def item_url(consultation, item):
    return reverse("moderation:item", args=[consultation.slug, item.pk])


def test_a_moderator_redacts_a_phone_number(client, consultation, moderator, planted):
    item = item_of(planted)
    client.force_login(moderator)
    page = client.get(item_url(consultation, item))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<mark class="flag phone" data-kind="phone"' in body and PHONE in body
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert f"#{item.pk}" in title and "<" not in title  # the page script is not in the title
    assert body.count("js/moderation.js") == 1
    phone_index = next(i for i, f in enumerate(item.flags) if f["kind"] == "phone")
    done = client.post(item_url(consultation, item), {"action": "redact", "flags": [phone_index]})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "redacted" and item.decided_by == moderator and item.decided_at
    assert PHONE not in item.published_text and "［電話番号］" in item.published_text
    assert item.published_text.startswith("顔認証の導入に反対です。")


def test_free_ranges_redact_what_the_scanner_missed(client, consultation, moderator):
    response = submit(consultation, free_text="近所の佐藤は反対している。私も反対です。")
    item = item_of(response)
    client.force_login(moderator)
    reason = ModerationReason.objects.get(code="third-party")
    done = client.post(
        item_url(consultation, item),
        {"action": "redact", "ranges": "3-5", "reason": reason.pk},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.published_text == "近所の［非表示］は反対している。私も反対です。"
    assert item.reason == reason


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "redact", "ranges": "5-2"}, "are not a range of this text"),
        ({"action": "redact", "ranges": "0-9999"}, "are not a range of this text"),
        ({"action": "redact", "ranges": "abc"}, "is not a range"),
        ({"action": "redact"}, "Choose at least one span to redact."),
        ({"action": "redact", "flags": ["7"]}, "Select a valid choice"),
        ({"action": "reject"}, "Choose a reason for rejecting."),
        ({"action": "delete"}, "Select a valid choice"),
        ({}, "This field is required"),
    ],
)
def test_bad_decisions_get_a_clear_error_and_change_nothing(
    client, consultation, moderator, planted, data, message
):
    item = item_of(planted)
    client.force_login(moderator)
    page = client.post(item_url(consultation, item), data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert message in page.content.decode()
    item.refresh_from_db()
    assert item.status == "pending" and item.published_text is None


def test_reject_with_a_reason(client, consultation, moderator):
    response = submit(consultation, free_text="お前ら全員死ね。")
    item = item_of(response)
    assert item.flag_kinds == ",abuse,"
    client.force_login(moderator)
    reason = ModerationReason.objects.get(code="abuse")
    assert (
        client.post(
            item_url(consultation, item), {"action": "reject", "reason": reason.pk}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.status == "rejected" and item.reason == reason and item.published_text is None


def test_approve_as_written(client, consultation, moderator, planted):
    item = item_of(planted, comment=True)
    client.force_login(moderator)
    assert client.post(item_url(consultation, item), {"action": "approve"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "approved" and not item.auto and EMAIL in item.published_text


def test_the_original_is_escaped_and_each_view_is_audited(client, consultation, moderator):
    response = submit(consultation, free_text=f"<script>alert(1)</script> {PHONE}")
    item = item_of(response)
    client.force_login(moderator)
    for _ in range(2):
        body = client.get(item_url(consultation, item)).content.decode()
        assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    events = AuditEvent.objects.filter(action="moderation.view_original")
    assert events.count() == 2
    event = events.first()
    assert event.user_id == moderator.pk and event.object_ids == [item.pk]
    assert event.object_type == "moderation.moderationitem"
    assert event.consultation_id == consultation.pk


def test_staff_without_the_moderate_right_get_404(client, consultation, analyst, planted):
    item = item_of(planted)
    urls = [
        reverse("moderation:queue", args=[consultation.slug]),
        item_url(consultation, item),
        reverse("moderation:export", args=[consultation.slug]),
        reverse("moderation:reports", args=[consultation.slug]),
    ]
    client.force_login(analyst)
    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert client.post(urls[1], {"action": "approve"}).status_code == 404
    # A moderator of another department sees nothing of this consultation either.
    client.force_login(UserFactory(staff_role="moderator"))
    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert not AuditEvent.objects.filter(action="moderation.view_original").exists()
    item.refresh_from_db()
    assert item.status == "pending"


def test_the_queue_shows_pending_first_and_filters(client, consultation, moderator, planted):
    clean = submit(consultation)
    client.force_login(moderator)
    url = reverse("moderation:queue", args=[consultation.slug])
    page = client.get(url)
    items = [entry for entry, _labels in page.context["rows"]]
    assert [i.status for i in items][:2] == ["pending", "pending"]
    assert {i.status for i in items[2:]} == {"approved"}
    phones = client.get(url, {"kind": "phone"}).context["rows"]
    assert [entry.pk for entry, _l in phones] == [item_of(planted).pk]
    approved = client.get(url, {"status": "approved"}).context["rows"]
    assert item_of(clean).pk in [entry.pk for entry, _l in approved]
    assert client.get(url, {"status": "nonsense", "kind": "<b>", "page": "x"}).status_code == 200
    assert PHONE not in page.content.decode()  # the queue shows no text


def test_queue_page_query_budget(client, consultation, moderator, django_assert_num_queries):
    client.force_login(moderator)
    url = reverse("moderation:queue", args=[consultation.slug])
    for _ in range(3):
        submit(consultation, free_text=f"電話 {PHONE}")
    client.get(url)  # warm caches (session, reasons)
    # session, user, consultation, counts, open reports, page count, page rows, and one
    # more for the two-factor device of the user; the same for 3 or 13 items.
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    for _ in range(10):
        submit(consultation, free_text=f"電話 {PHONE}")
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_export_has_reasons_and_no_original_text(client, consultation, moderator, planted):
    client.force_login(moderator)
    reason = ModerationReason.objects.get(code="personal-data")
    item = item_of(planted)
    client.post(item_url(consultation, item), {"action": "reject", "reason": reason.pk})
    reply = client.get(reverse("moderation:export", args=[consultation.slug]))
    assert reply.status_code == 200 and reply["Content-Type"].startswith("text/csv")
    body = b"".join(reply.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:5] == ["item", "response", "kind", "section", "status"]
    rejected = next(r for r in rows[1:] if r[0] == str(item.pk))
    assert rejected[4] == "rejected" and rejected[7] == "personal-data"
    assert rejected[8] == reason.label_ja and rejected[9] == reason.label_en
    assert rejected[6] == "phone×1" and rejected[10] == moderator.username
    assert len(rows) == 1 + ModerationItem.objects.count()
    assert PHONE not in body and EMAIL not in body and "顔認証" not in body
    assert AuditEvent.objects.filter(action="moderation.export").count() == 1


def test_a_decision_on_an_inactive_reason_is_refused(client, consultation, moderator, planted):
    reason = ModerationReason.objects.get(code="spam")
    reason.active = False
    reason.save()
    client.force_login(moderator)
    page = client.post(
        item_url(consultation, item_of(planted)), {"action": "reject", "reason": reason.pk}
    )
    assert page.status_code == 400
    assert item_of(planted).status == "pending"


def test_the_consultation_page_links_to_the_queue_for_moderators(
    client, consultation, moderator, analyst
):
    url = reverse("staff:consultation", args=[consultation.slug])
    queue = reverse("moderation:queue", args=[consultation.slug])
    client.force_login(moderator)
    assert queue in client.get(url).content.decode()
    client.force_login(analyst)
    assert queue not in client.get(url).content.decode()
