import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from consult.accounts.models import User
from consult.consultations.models import Consultation, Question
from consult.demo.loader import DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.django_db


def test_load_demo_creates_three_open_bilingual_consultations_idempotently():
    demo_load()
    demo_load()
    consultations = Consultation.objects.order_by("slug")
    assert [c.slug for c in consultations] == ["ai-copyright", "defence-ai", "facial-recognition"]
    for c in consultations:
        assert c.accepts_responses()
        assert 4 <= c.sections.count() <= 8 and 6 <= c.questions.count() <= 12
        assert c.title_ja and c.title_en and c.notice_ja and c.notice_en
        kinds = set(c.questions.values_list("kind", flat=True))
        assert {Question.Kind.LIKERT, Question.Kind.FREE_TEXT} <= kinds and len(kinds) >= 3
    assert User.objects.filter(username__startswith="official-").count() == 3
    official = authenticate(username="official-digital-safety", password=DEMO_PASSWORD)
    assert official is not None and official.department.code == "digital-safety"


def test_load_demo_command_prints_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "official-digital-safety" in out and DEMO_PASSWORD in out
