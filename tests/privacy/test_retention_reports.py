"""Retention keeps reports reproducible: with the clock moved past the period, no expired
personal data remains and a new report run reads the same input and says the same things."""

import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consult.accounts.models import Organisation
from consult.privacy.retention import retention_apply
from consult.reports.services import report_run_execute, report_run_start
from consult.responses.attachments.services import attachment_add, attachment_extract
from consult.responses.models import Respondent, ResponseAttachment
from consult.responses.organisation import organisation_response_submit
from tests.conftest import valid_input

from .conftest import PLANTED_EMAIL, PLANTED_NAME, publish, submit

pytestmark = pytest.mark.django_db

# What changes from one run to the next whatever the input: when and which run made it, the
# stored themes' ids and run-prefixed keys, and the engine's timings.
VOLATILE = {"generated_at", "run", "id"}
RUN_KEY = re.compile(r"^r\d+-")


def comparable(value):
    if isinstance(value, dict):
        return {
            k: comparable(v)
            for k, v in value.items()
            if k not in VOLATILE and not k.startswith("seconds_")
        }
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return RUN_KEY.sub("r-", value) if isinstance(value, str) else value


DOCUMENT = (
    "Retention of footage for 72 hours is far too long. Oversight is missing. "
    "Write to 佐藤一郎 at ichiro.sato@example.org or call 03-1234-5678."
)
TEXTS = [
    ("顔認証に反対です。電話 090-1234-5678 にどうぞ。", "72時間は長すぎます。"),
    ("誤認識で冤罪が生まれます。", "保存期間を短くしてください。taro.yamada@example.jp"),
    ("Facial recognition misidentifies people. Mail me at jo@example.com", "Too long."),
    ("防犯のためなら賛成です。", "24時間で十分です。"),
]


def run(consultation, user):
    started = report_run_start(
        consultation=consultation,
        user=user,
        language="ja",
        parameters={"analysis": {"max_discovered": 4}},
    )
    finished = report_run_execute(run_id=started.pk)
    assert finished is not None and finished.status == "succeeded", finished and finished.error
    content = json.loads(finished.artifacts.get(format="json").file.read())
    return finished.input_hash, comparable(content)


def test_reports_reproduce_after_retention(
    consultation, official, django_capture_on_commit_callbacks
):
    for i in range(24):
        free_text, comment = TEXTS[i % len(TEXTS)]
        response = submit(
            consultation,
            email="" if i % 3 == 0 else f"person{i}@example.jp",
            name=PLANTED_NAME if i % 3 == 0 or i % 2 else "",
            consent=("named", "anonymous", "none")[i % 3],
            free_text=f"{free_text} ({i})",
            comment=comment,
        )
        if i % 4 == 1 and i % 3:
            Respondent.objects.filter(pk=response.respondent_id).update(
                email_verified_at=timezone.now()
            )
    organisation = Organisation.objects.create(
        slug="privacy-first", name="Privacy First", verified_at=timezone.now()
    )
    data = valid_input()
    data.respondent.consent = "named"
    data.respondent.email = PLANTED_EMAIL
    own = organisation_response_submit(
        organisation=organisation, consultation=consultation, data=data, submission_id="o"
    )
    attachment = attachment_add(
        response=own,
        upload=SimpleUploadedFile("position.txt", DOCUMENT.encode(), "text/plain"),
        user=None,
    )
    attachment_extract(attachment_id=attachment.pk)
    publish(consultation)

    before_hash, before = run(consultation, official)
    assert before["documents"]["responses"] == 1
    assert sum(before["headline"]["email"].values()) == 25

    consultation.refresh_from_db()
    later = consultation.published_at + timedelta(days=consultation.retention_days + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_apply(now=later).responses == 25

    respondents = list(Respondent.objects.values_list("name", "email"))
    assert all(email == "" and name.startswith("psn-") for name, email in respondents)
    erased = ResponseAttachment.objects.get()
    assert erased.erased_at is not None and not erased.file and not erased.extracted_text

    after_hash, after = run(consultation, official)
    assert after_hash == before_hash
    assert after == before
    dumped = json.dumps(after, ensure_ascii=False)
    for planted in (PLANTED_EMAIL, PLANTED_NAME, "090-1234-5678", "佐藤一郎", "03-1234-5678"):
        assert planted not in dumped
