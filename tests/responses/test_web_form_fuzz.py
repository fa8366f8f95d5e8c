"""Property-based: whatever a browser (or anything pretending to be one) posts to the citizen's web
form, the answer is a page (the form again with its errors, the review page, or the receipt), never
a server error, and a response is stored only when the answer says so."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.responses.models import Response
from tests.responses.test_journey import VALID_FORM, respond_url

pytestmark = pytest.mark.django_db

FIELDS = [
    *VALID_FORM,
    "respondent-email",
    "respondent-name",
    "respondent-organisation-name",
    "respondent-age-band",
    "c-1",
    "c-99",
    "q-unknown",
    "payload",
    "submission_id",
]
ODD_VALUES = [
    "",
    "0",
    "-1",
    "9" * 40,
    "１３",
    "\x00",
    "a\x00b",
    "\u202etxt",
    "x" * 30_000,
    "=HYPERLINK(1)",
    "<script>alert(1)</script>",
    "eyJ4IjoxfQ:1abc:sig",
]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(ODD_VALUES),
    st.lists(st.one_of(st.text(max_size=8), st.sampled_from(ODD_VALUES)), max_size=3),
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    changes=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=6),
    dropped=st.sets(st.sampled_from(list(VALID_FORM)), max_size=3),
    action=st.sampled_from(["review", "submit", "edit", "", "bogus"]),
    lang=st.sampled_from(["ja", "en"]),
)
def test_any_post_to_the_web_form_is_answered_without_a_server_error(
    client, consultation, changes, dropped, action, lang
):
    form = {k: v for k, v in VALID_FORM.items() if k not in dropped}
    form.update(changes)
    before = Response.objects.count()
    # The test client raises the view's exception, so a server error fails here.
    page = client.post(
        respond_url(consultation), {**form, "action": action}, HTTP_ACCEPT_LANGUAGE=lang
    )
    assert page.status_code in (200, 302, 400, 403, 409, 413, 429), page.status_code
    stored = Response.objects.count() - before
    if page.status_code != 302:
        assert stored == 0
    else:
        assert stored <= 1
