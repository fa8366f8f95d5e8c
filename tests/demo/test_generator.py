from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from consult.demo.generator import responses_generate
from consult.demo.loader import demo_load
from consult.responses.models import Answer, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_consultation():
    demo_load()
    from consult.consultations.models import Consultation

    return Consultation.objects.get(slug="facial-recognition")


def snapshot(consultation):
    return sorted(
        (r.reference, r.language, r.status, r.channel, r.respondent.kind, r.respondent.region)
        for r in Response.objects.filter(consultation=consultation).select_related("respondent")
    )


def test_generation_is_deterministic_and_idempotent(demo_consultation):
    first = responses_generate(consultation=demo_consultation, count=300, seed=7)
    assert first.created == 300
    snap = snapshot(demo_consultation)
    again = responses_generate(consultation=demo_consultation, count=300, seed=7)
    assert again.created == 0 and again.existing == 300
    assert snapshot(demo_consultation) == snap
    more = responses_generate(consultation=demo_consultation, count=350, seed=7)
    assert more.created == 50 and Response.objects.count() == 350
    # The same seed elsewhere gives the same data: delete and regenerate.
    Answer.objects.all().delete()
    from consult.responses.models import ClauseComment, Respondent

    ClauseComment.objects.all().delete()
    Response.objects.all().delete()
    Respondent.objects.all().delete()
    responses_generate(consultation=demo_consultation, count=300, seed=7)
    assert snapshot(demo_consultation) == snap


def test_generated_responses_are_varied_and_consistent(demo_consultation):
    responses_generate(consultation=demo_consultation, count=400, seed=3)
    responses = Response.objects.filter(consultation=demo_consultation).select_related("respondent")
    languages = Counter(r.language for r in responses)
    kinds = Counter(r.respondent.kind for r in responses)
    assert languages["ja"] > 50 and languages["en"] > 50
    assert kinds["individual"] > 300 and kinds["organisation"] > 5
    assert Counter(r.status for r in responses)["submitted"] > 350
    texts = list(Answer.objects.filter(question__key="comments").values_list("text", flat=True))
    assert len(texts) > 100 and len(set(texts)) < len(texts)  # form letters repeat
    # Likert on the whole proposal agrees with the comment's stance on average.
    overall = list(Answer.objects.filter(question__key="overall").values_list("value", flat=True))
    assert overall and all(1 <= v <= 5 for v in overall)


def test_command_validates_its_arguments(demo_consultation):
    with pytest.raises(CommandError):
        call_command("generate_responses", consultation="nope", count=1)
    with pytest.raises(CommandError):
        call_command("generate_responses", consultation="facial-recognition", count=-1)
