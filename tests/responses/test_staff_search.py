"""The official's response list searches as the API's list does (`search_condition`): a
free-text answer, a clause comment or the reference, case-insensitive, each response once."""

import pytest
from django.urls import reverse

from consult.responses.services import response_submit
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(consultation):
    """Three responses: one whose answer and clause comment both hold "Camera", one whose
    clause comment alone does, one with neither."""
    both, _ = response_submit(
        consultation=consultation,
        data=valid_input(
            answers={**valid_input().answers, "comments": "The CAMERA network is too wide."},
            comments={"2": "Camera footage kept 72 hours is too long."},
        ),
    )
    comment_only, _ = response_submit(
        consultation=consultation,
        data=valid_input(comments={"2": "顔認証カメラ (camera) の保存期間"}),
    )
    neither, _ = response_submit(consultation=consultation, data=valid_input())
    return both, comment_only, neither


def _listed(client, consultation, search: str) -> tuple[list[str], int]:
    """The references on the first page of the search, and the count the page gives."""
    page = client.get(reverse("staff:consultation", args=[consultation.slug]), {"search": search})
    assert page.status_code == 200
    found = page.context["page"]
    references = [r.reference for r in found.object_list]
    for reference in references:
        assert reference in page.content.decode()
    return sorted(references), found.paginator.count


def test_search_finds_answers_and_clause_comments_each_response_once(
    client, consultation, official, submitted
):
    both, comment_only, _neither = submitted
    client.force_login(official)
    # "Camera" is in two texts of one response: it is listed, and counted, once.
    assert _listed(client, consultation, "camera") == (
        sorted([both.reference, comment_only.reference]),
        2,
    )


def test_search_by_reference_and_in_japanese(client, consultation, official, submitted):
    _both, comment_only, neither = submitted
    client.force_login(official)
    assert _listed(client, consultation, neither.reference.lower()) == ([neither.reference], 1)
    assert _listed(client, consultation, "顔認証カメラ") == ([comment_only.reference], 1)
    assert _listed(client, consultation, "誤認識が心配")[1] == 2  # "both" answered otherwise
    assert _listed(client, consultation, "no response says this") == ([], 0)
