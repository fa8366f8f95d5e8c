"""The review page shows a respondent the personal data in their own comments before they
submit, marked, with a word on what happens to it; what they submit is what they wrote."""

import pytest
from django.utils import translation

from consult.responses.models import ClauseComment, Response
from consult.responses.personal_data import personal_data_note
from tests.responses.test_journey import VALID_FORM, respond_url, review_and_submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "note", "kinds"),
    [
        ("en", "This looks like personal data", "Email address, Phone number"),
        ("ja", "個人情報と思われる箇所", "メールアドレス、電話番号"),
    ],
)
def test_review_marks_personal_data_in_a_comment(client, consultation, lang, note, kinds):
    comment = "72時間は長すぎます。\n連絡は taro@example.com か 090-1234-5678 まで"
    page = client.post(
        respond_url(consultation),
        {**VALID_FORM, "c-2": comment, "action": "review"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>taro@example.com</mark>" in html
    assert "<mark>090-1234-5678</mark>" in html
    assert "72時間は長すぎます。<br>連絡は" in html
    assert note in html
    assert (f"（{kinds}）" if lang == "ja" else f"({kinds})") in html


def test_review_marks_a_name_in_a_free_text_answer_and_submits_the_text_as_written(
    client, consultation
):
    answer = "顔認証に反対です。山田太郎と申します。"
    url = respond_url(consultation)
    page = client.post(url, {**VALID_FORM, "q-comments": answer, "action": "review"})
    html = page.content.decode()
    assert "<mark>山田太郎</mark>" in html and "personal-data-note" in html
    # Marking is for the respondent's eyes only: the response holds what they wrote.
    response, _payload = review_and_submit(client, url, {**VALID_FORM, "q-comments": answer})
    assert response.status_code == 302
    stored = Response.objects.get().answers.get(question__key="comments")
    assert stored.value == answer


def test_review_of_comments_without_personal_data_has_no_note(client, consultation):
    page = client.post(respond_url(consultation), {**VALID_FORM, "action": "review"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>" not in html and "personal-data-note" not in html
    assert "72時間は長すぎます。" in html  # the comment itself is shown as before


def test_review_escapes_the_text_around_and_inside_the_marks(client, consultation):
    comment = '<script>alert(1)</script> mail "<b>"@example.com or taro@example.com'
    page = client.post(
        respond_url(consultation), {**VALID_FORM, "c-2": comment, "action": "review"}
    )
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>taro@example.com</mark>" in html
    assert "<b>" not in html.split('class="answer-text"', 1)[1].split("</div>", 1)[0]
    assert ClauseComment.objects.count() == 0


def test_note_lists_each_kind_once_in_order_and_reads_in_the_language():
    text = "a@example.com, b@example.com\r\nTel 03-1234-5678"
    with translation.override("en"):
        note = personal_data_note(text)
        assert note is not None
        assert note.kinds == ("Email address", "Phone number")
        assert note.listed == "Email address, Phone number"
        assert str(note.marked).count("<mark>") == 3 and "<br>Tel" in str(note.marked)
    with translation.override("ja"):
        note = personal_data_note(text)
        assert note is not None and note.listed == "メールアドレス、電話番号"
    assert personal_data_note("") is None
    assert personal_data_note("保存期間は24時間にしてください。") is None
