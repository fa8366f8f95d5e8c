"""Scanning: planted personal data and abuse become flags (spans only), clean texts are
approved automatically, changed texts are scanned again, the sweep finds what was missed."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consult.analysis.pii import DETECTOR_VERSION
from consult.core.models import OutboxJob
from consult.moderation.models import ModerationItem
from consult.moderation.scanning import moderation_scan, moderation_sweep, text_flags
from consult.moderation.selectors import scanned_clean_texts
from consult.moderation.tasks import scan_response, sweep
from consult.responses.models import Answer, ClauseComment, Response
from consult.responses.services import response_submit
from tests.conftest import valid_input

from .conftest import EMAIL, PHONE, item_of, submit

pytestmark = pytest.mark.django_db

MY_NUMBER = "1234 5678 9018"  # a valid check digit


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        (f"電話は{PHONE}です。", "phone", PHONE),
        ("Call me on +44 20 7946 0958 please.", "phone", "+44 20 7946 0958"),
        (f"メールは {EMAIL} まで。", "email", EMAIL),
        (f"マイナンバーは{MY_NUMBER}です。", "my_number", MY_NUMBER),
        ("東京都千代田区霞が関1-2-3に住んでいます。", "address", "東京都千代田区霞が関1-2-3"),
        ("I live at 221B Baker Street, London.", "address", "221B Baker Street, London"),
        ("My name is Alex Morgan and I object.", "name", "Alex Morgan"),
        ("山田太郎さんも反対しています。", "name", "山田太郎"),
        ("お前なんか死ね。", "abuse", "死ね"),
        ("This is fucking absurd.", "abuse", "fucking"),
        ("STOP THIS TERRIBLE AND DANGEROUS PROPOSAL RIGHT NOW", "all_caps", None),
        ("https://a.example/1 https://b.example/2 https://c.example/3", "link_spam", None),
    ],
)
def test_planted_personal_data_and_abuse_are_flagged(text, kind, found):
    flags = text_flags(text)
    assert kind in {flag["kind"] for flag in flags}
    if found is not None:
        assert any(text[f["start"] : f["end"]] == found for f in flags if f["kind"] == kind)
    assert all(set(flag) == {"start", "end", "kind"} for flag in flags)  # spans, never text


def test_submission_records_a_scan_and_the_scan_approves_clean_texts(consultation):
    data = valid_input()
    data.answers["comments"] = f"反対です。{PHONE} に電話を。"
    response, _created = response_submit(consultation=consultation, data=data)
    job = OutboxJob.objects.get(task_name="moderation.scan_response")
    assert job.kwargs == {"response_id": response.pk}
    assert scan_response(**job.kwargs)["written"] == 2
    assert scan_response(**job.kwargs)["written"] == 0  # safe to run twice
    flagged, clean = item_of(response), item_of(response, comment=True)
    assert flagged.status == "pending" and flagged.published_text is None
    assert [f["kind"] for f in flagged.flags] == ["phone"] and flagged.flag_kinds == ",phone,"
    assert PHONE not in json.dumps(flagged.flags)
    assert clean.status == "approved" and clean.auto
    assert clean.published_text == "72時間は長すぎます。"
    assert clean.consultation_id == consultation.pk


def test_an_item_is_one_answer_or_one_comment(consultation):
    from django.db import IntegrityError, transaction

    response = submit(consultation)
    answer = Answer.objects.filter(response=response, question__key="comments").get()
    comment = ClauseComment.objects.get(response=response)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModerationItem.objects.create(consultation=consultation, text_hash="x")
    ModerationItem.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        ModerationItem.objects.create(
            consultation=consultation, answer=answer, clause_comment=comment, text_hash="x"
        )


def test_a_text_changed_in_place_is_scanned_again(consultation):
    response = submit(consultation)
    item = item_of(response)
    assert item.status == "approved"
    Answer.objects.filter(pk=item.answer_id).update(text=f"電話 {PHONE}", value=f"電話 {PHONE}")
    assert moderation_scan(answer_ids=[item.answer_id]).written == 1
    item.refresh_from_db()
    assert item.status == "pending" and not item.auto and item.published_text is None


def test_an_amended_response_is_scanned_again(consultation):
    response = submit(consultation)
    data = valid_input()
    data.answers["comments"] = f"やはり {EMAIL} に連絡を。"
    response_submit(consultation=consultation, data=data, response=response)
    # The amendment wrote new rows: the old items went with the old rows.
    assert not ModerationItem.objects.filter(answer__response=response).exists()
    jobs = OutboxJob.objects.filter(task_name="moderation.scan_response")
    assert jobs.count() == 2
    scan_response(**jobs.last().kwargs)
    assert item_of(response).flag_kinds == ",email,"


def test_the_sweep_scans_imported_responses(consultation):
    from consult.demo.generator import responses_generate

    responses_generate(consultation=consultation, count=30, seed=3)
    submitted = Response.objects.filter(consultation=consultation, status="submitted")
    texts = (
        Answer.objects.filter(response__in=submitted, question__kind="free_text")
        .exclude(text="")
        .count()
        + ClauseComment.objects.filter(response__in=submitted).count()
    )
    assert texts > 0 and not ModerationItem.objects.exists()
    result = sweep()
    assert result["scanned"] == texts == ModerationItem.objects.count()
    assert sweep()["scanned"] == 0
    # Drafts and withdrawn responses are not in the queue.
    assert (
        not ModerationItem.objects.exclude(
            answer__response__status="submitted", clause_comment__isnull=True
        )
        .exclude(clause_comment__response__status="submitted")
        .exists()
    )


def test_the_sweep_respects_its_limit(consultation):
    for _ in range(3):
        submit(consultation, scan=False)
    assert moderation_sweep(limit=4).scanned == 4
    assert moderation_sweep().scanned == 2


def test_scanning_costs_the_same_queries_for_ten_or_forty_texts(consultation, monkeypatch):
    from consult.moderation import scanning

    monkeypatch.setattr(scanning, "BATCH", 100)

    def queries_for(n: int) -> int:
        ModerationItem.objects.all().delete()
        while ClauseComment.objects.count() < n:
            submit(consultation, scan=False)
        with CaptureQueriesContext(connection) as captured:
            moderation_sweep()
        return len(captured.captured_queries)

    assert queries_for(10) == queries_for(40)


def test_a_report_skips_only_texts_todays_detector_scanned_and_found_clean(consultation):
    clean, planted = "顔認証の誤認識が心配です。", f"連絡は {EMAIL} へ。"
    response = submit(consultation, free_text=clean, comment=planted)
    asked = [clean, planted, "まだ誰も書いていない文章です。"]
    assert scanned_clean_texts(consultation.pk, asked) == {clean}
    assert scanned_clean_texts(consultation.pk, [planted]) == set()
    # A scan by an earlier detector proves nothing: the report redacts the text again.
    item = item_of(response)
    assert item.pii_version == DETECTOR_VERSION
    ModerationItem.objects.filter(pk=item.pk).update(pii_version="2020-01")
    assert scanned_clean_texts(consultation.pk, asked) == set()
    # Nor does an item whose flags were cleared by erasure rather than by a scan.
    ModerationItem.objects.filter(pk=item.pk).update(pii_version=DETECTOR_VERSION)
    ModerationItem.objects.filter(pk=item.pk).update(original_erased_at=item.created_at)
    assert scanned_clean_texts(consultation.pk, asked) == set()
    # Another consultation's clean item does not count.
    assert scanned_clean_texts(consultation.pk + 1000, [clean]) == set()
