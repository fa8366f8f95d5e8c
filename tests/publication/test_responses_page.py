"""The public responses page: who is shown, what of them, moderation, filters, pages, errors."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from consult.consultations.models import Consultation
from consult.moderation.models import ModerationItem

from .conftest import (
    ORG_NAME,
    ORIGINAL_PHONE,
    PERSON_EMAIL,
    PERSON_NAME,
    World,
    comment,
    free_answer,
    moderate,
    publish,
    respond,
)

pytestmark = pytest.mark.django_db


def page(client, world: World, **params: str):
    url = reverse("publication:responses", args=[world.consultation.slug])
    return client.get(url, {"lang": "en", **params})


def references(response) -> set[str]:
    return {e.response.reference for e in response.context["entries"]}


def test_only_consenting_submitted_responses_are_listed(client, world):
    response = page(client, world)
    assert response.status_code == 200
    assert references(response) == {
        world.org_named.reference,
        world.person_named.reference,
        world.anonymous.reference,
    }
    html = response.content.decode()
    for hidden in (world.not_published, world.withdrawn, world.set_aside):
        assert hidden.reference not in html
    assert "公開しないでください" not in html and "撤回した意見" not in html
    assert "なりすまし" not in html
    assert "3 responses are published" in html


def test_organisations_are_named_individuals_never(client, world):
    response = page(client, world)
    html = response.content.decode()
    html = html[html.index('class="published-responses"') :]
    assert ORG_NAME in html
    assert PERSON_NAME not in html
    assert PERSON_EMAIL not in html and "office@example.org" not in html
    assert "Osaka" in html and "Tokyo" in html  # named respondents' regions
    assert "Hokkaido" not in html  # the anonymous respondent's region is not shown
    assert "30–39" not in html and "70 or over" not in html  # never an age band


def test_only_moderated_text_is_shown(client, world):
    response = page(client, world)
    html = response.content.decode()
    assert "顔認証カメラの導入に反対します。" in html  # approved
    assert "担当 ［電話番号］ まで" in html  # redacted
    assert ORIGINAL_PHONE not in html
    assert "保存期間は短くすべきです" not in html  # pending
    assert "ばかげた計画だ" not in html  # rejected
    assert "72時間は長すぎると思います" in html
    entries = {e.response.reference: e.response for e in response.context["entries"]}
    assert entries[world.person_named.reference].awaiting == 1
    assert entries[world.anonymous.reference].withheld == 1
    assert "1 comment awaiting moderation." in html
    assert "1 comment withheld by moderators." in html
    assert response.context["summary"].awaiting_texts == 1


def test_a_text_never_scanned_is_awaiting_moderation(client, world):
    ModerationItem.objects.filter(answer=free_answer(world.org_named)).delete()
    response = page(client, world)
    assert "顔認証カメラの導入に反対します。" not in response.content.decode()
    entry = next(
        e.response
        for e in response.context["entries"]
        if e.response.reference == world.org_named.reference
    )
    assert entry.awaiting == 1 and entry.texts == {}


def test_choice_answers_are_shown_with_their_labels(client, world):
    html = page(client, world).content.decode()
    assert "None" in html and "Privacy" in html and "Strongly disagree" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"question": "retention", "answer": "72h"}, {"anonymous"}),
        ({"question": "concerns", "answer": "bias"}, {"org_named", "anonymous"}),
        ({"question": "overall", "answer": "2"}, {"person_named"}),
        ({"question": "retention"}, {"org_named", "person_named", "anonymous"}),
        ({"kind": "organisation"}, {"org_named"}),
        ({"kind": "individual"}, {"person_named", "anonymous"}),
        ({"region": "13"}, {"person_named"}),
        ({"region": "01"}, set()),  # the anonymous respondent's region is not searchable
        ({"clause": "1"}, {"org_named"}),
        ({"clause": "2"}, {"anonymous"}),
        ({"q": "反対します"}, {"org_named"}),
        ({"q": "電話番号"}, {"org_named"}),
        ({"q": ORIGINAL_PHONE}, set()),  # redacted away: the original is not searched
        ({"q": "短くすべき"}, set()),  # pending
        ({"q": "ばかげた"}, set()),  # rejected
        ({"q": "秘密"}, set()),  # the respondent did not consent
        ({"kind": "individual", "q": "72時間"}, {"anonymous"}),
    ],
)
def test_filters(client, world, params, expected):
    response = page(client, world, **params)
    assert response.status_code == 200
    assert references(response) == {getattr(world, name).reference for name in expected}
    assert response.context["page"].total == len(expected)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"question": "nope"}, "question", "Select a valid choice"),
        ({"question": "comments"}, "question", "Select a valid choice"),  # free text
        ({"question": "retention", "answer": "1y"}, "answer", "not an answer to this question"),
        ({"question": "overall", "answer": "9"}, "answer", "not an answer to this question"),
        ({"answer": "24h"}, "answer", "Choose the question"),
        ({"kind": "robot"}, "kind", "Select a valid choice"),
        ({"region": "48"}, "region", "Select a valid choice"),
        ({"clause": "9"}, "clause", "Select a valid choice"),
        ({"q": "x" * 201}, "q", "at most 200 characters"),
        ({"q": "a\x00b"}, "q", "Null characters"),
        ({"after": "abc"}, "after", "whole number"),
        ({"after": "0"}, "after", "greater than or equal to 1"),
        ({"after": "5", "before": "9"}, "", "not both"),
    ],
)
def test_bad_filters_get_a_specific_error(client, world, params, field, message):
    response = page(client, world, **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "These filters could not be used" in html


def test_pages_walk_every_response_once(client, world, settings):
    settings.PUBLIC_RESPONSES_PER_PAGE = 2
    first = page(client, world)
    assert len(first.context["entries"]) == 2 and first.context["page"].newer is None
    older = first.context["page"].older
    second = page(client, world, after=str(older))
    assert second.context["page"].older is None
    assert len(second.context["entries"]) == 1
    seen = references(first) | references(second)
    assert len(seen) == 3
    back = page(client, world, before=str(second.context["page"].newer))
    assert references(back) == references(first)
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()


def test_a_page_costs_the_same_queries_whatever_its_size(
    client, consultation, django_assert_max_num_queries, settings
):
    for n in range(25):
        r = respond(
            consultation,
            consent="named" if n % 2 else "anonymous",
            kind="organisation" if n % 3 == 0 else "individual",
            organisation_name=f"団体{n}" if n % 3 == 0 else "",
            name=f"名前{n}",
            region="13",
            free_text=f"意見その{n}",
            comments={"1": f"条項1への意見{n}", "2": f"条項2への意見{n}"},
            retention="24h",
            concerns=["bias"],
        )
        moderate(free_answer(r), ModerationItem.Status.APPROVED)
        moderate(comment(r, "1"), ModerationItem.Status.REDACTED, "［氏名］")
    publish(consultation)
    url = reverse("publication:responses", args=[consultation.slug])
    client.get(url)  # the questionnaire is loaded once per process and cached
    # consultation (+3 prefetches), 3 summary counts, the page's count (when filtered) and
    # rows, choice answers, free-text answers and clause comments with their moderation.
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(response.context["entries"]) == 20
    settings.PUBLIC_RESPONSES_PER_PAGE = 2
    with django_assert_max_num_queries(12):
        response = client.get(
            url, {"q": "意見", "region": "13", "question": "concerns", "answer": "bias"}
        )
    assert len(response.context["entries"]) == 2


def test_a_search_matching_many_is_counted_up_to_a_cap(client, consultation, settings, monkeypatch):
    """Matches are counted up to `MATCHES_COUNTED` ("more than 1,000 match"): a common word
    among a million texts is not counted to the end for every reader. A first page that holds
    every match gives the exact number without counting."""
    for n in range(5):
        r = respond(consultation, consent="anonymous", free_text=f"意見その{n}")
        moderate(free_answer(r), ModerationItem.Status.APPROVED)
    publish(consultation)
    url = reverse("publication:responses", args=[consultation.slug])
    monkeypatch.setattr("consult.publication.selectors.MATCHES_COUNTED", 3)
    settings.PUBLIC_RESPONSES_PER_PAGE = 2
    many = client.get(url, {"q": "意見", "lang": "en"})
    assert (many.context["page"].total, many.context["page"].total_capped) == (3, True)
    assert "More than 3 responses match." in many.content.decode()
    assert (
        "3件を超える意見が該当します"
        in client.get(url, {"q": "意見", "lang": "ja"}).content.decode()
    )
    settings.PUBLIC_RESPONSES_PER_PAGE = 20
    few = client.get(url, {"q": "意見", "lang": "en"})
    assert (few.context["page"].total, few.context["page"].total_capped) == (5, False)
    assert "5 responses match." in few.content.decode()
    one = client.get(url, {"q": "その3", "lang": "en"})
    assert "1 response matches." in one.content.decode()


def test_the_counts_are_cached_briefly(client, world, settings, django_assert_max_num_queries):
    settings.PUBLIC_SUMMARY_CACHE_SECONDS = 60
    page(client, world)
    moderate(free_answer(world.person_named), ModerationItem.Status.APPROVED)
    # consultation (+3 prefetches), the page's rows, choice answers, texts, comments
    with django_assert_max_num_queries(8):
        response = page(client, world)
    assert response.context["summary"].awaiting_texts == 1  # as counted a moment ago
    assert "保存期間は短くすべきです" in response.content.decode()  # the text itself is live


@pytest.mark.parametrize("status", ["open", "closed", "analysed"])
def test_not_published_is_not_found(client, consultation, status):
    if status != "open":
        from consult.consultations.services import consultation_close, consultation_mark_analysed

        consultation_close(consultation=consultation)
        if status == "analysed":
            consultation_mark_analysed(consultation=consultation)
    names = ("responses", "results", "open-data", "responses-csv", "responses-json")
    for name in (*names, "data-dictionary"):
        response = client.get(reverse(f"publication:{name}", args=[consultation.slug]))
        assert response.status_code == 404, name
    assert Consultation.objects.get(pk=consultation.pk).status == status


def test_unknown_consultation_is_not_found(client, db):
    assert client.get(reverse("publication:responses", args=["no-such"])).status_code == 404


def test_writes_are_refused(client, world):
    url = reverse("publication:responses", args=[world.consultation.slug])
    assert client.post(url).status_code == 405


def test_japanese_by_default(client, world):
    response = client.get(reverse("publication:responses", args=[world.consultation.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "保存しない" in html  # the choice label in Japanese
    assert 'lang="ja"' in html


def test_consultation_page_links_to_the_publication(client, world):
    html = client.get(reverse("consultations:detail", args=[world.consultation.slug])).content
    assert reverse("publication:responses", args=[world.consultation.slug]).encode() in html
    assert reverse("publication:results", args=[world.consultation.slug]).encode() in html
    assert reverse("publication:open-data", args=[world.consultation.slug]).encode() in html


PARAMETERS = ["question", "answer", "kind", "region", "clause", "q", "after", "before", "lang"]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(params=st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=30), max_size=4))
def test_any_query_string_is_answered_with_200_or_400(client, world, params):
    for name in ("responses", "responses-csv", "responses-json"):
        response = client.get(
            reverse(f"publication:{name}", args=[world.consultation.slug]), params
        )
        assert response.status_code in (200, 400), (name, params)
        if response.streaming:
            b"".join(response.streaming_content)


def test_each_response_links_to_the_false_attribution_report(client, world):
    html = page(client, world).content.decode()
    form = reverse("moderation:report_misattribution")
    for listed in (world.org_named, world.person_named, world.anonymous):
        link = f"{form}?reference={listed.reference}"
        assert f'href="{link}"' in html
        assert listed.reference in client.get(f"{link}&lang=en").content.decode()
