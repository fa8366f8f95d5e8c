"""A random sample of responses officials check: drawn blind to the themes and stable, each
check recorded with the engine's themes beside officials', and the agreement on the sample
estimated with an interval."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from consult.reports.adapter import live_theme_of
from consult.reports.agreement import checked_samples, wilson_interval
from consult.reports.models import Theme, ThemeAssignment, ThemeEdit
from consult.reports.selectors import (
    review_agreement,
    review_sample,
    sample_agreement,
    section_texts,
)
from consult.reports.services import assignment_move, theme_delete, unit_check
from consult.responses.models import Answer, Response

from .test_review import SECTION, section_themes

pytestmark = pytest.mark.django_db


def engine_themes(response):
    return set(
        ThemeAssignment.objects.filter(
            response=response, source="engine", theme__section=SECTION
        ).values_list("theme_id", flat=True)
    )


def test_the_sample_is_every_writer_in_a_stable_order_blind_to_the_themes(answered):
    writers = set(
        Answer.objects.filter(
            question__consultation=answered,
            question__key="comments",
            response__status=Response.Status.SUBMITTED,
        )
        .exclude(text="")
        .values_list("response_id", flat=True)
    )
    withdrawn = Response.objects.get(pk=min(writers))
    withdrawn.status = Response.Status.WITHDRAWN
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    everyone = review_sample(answered, SECTION, size=1000)
    assert {u.response_id for u in everyone} == writers - {withdrawn.pk}
    assert [u.rank for u in everyone] == list(range(1, len(everyone) + 1))
    # Not the order responses came in, and the same on every visit; more takes more of it.
    ids = [u.response_id for u in everyone]
    assert ids != sorted(ids)
    first = review_sample(answered, SECTION, size=10)
    assert [u.response_id for u in first] == ids[:10]
    assert [u.response_id for u in review_sample(answered, SECTION, size=20)][:10] == ids[:10]
    texts = section_texts(answered, SECTION, ids[:10])
    assert [u.text for u in first] == [texts[i] for i in ids[:10]]
    # Another section of the same consultation is drawn in another order.
    clause = review_sample(answered, "clause:1", size=1000)
    common = [u.response_id for u in clause if u.response_id in writers]
    assert common != [i for i in ids if i in set(common)] or len(common) < 3


def test_checks_record_both_sides_and_the_agreement_on_the_sample(
    answered, official, run_report, quick_render
):
    run_report(answered, official)
    big, other = section_themes(answered)[:2]
    units = review_sample(answered, SECTION, size=5)
    assert sample_agreement(answered, SECTION, units) is None
    agreed, changed, third = (Response.objects.get(pk=u.response_id) for u in units[:3])
    unit_check(
        response=agreed, section=SECTION, theme_ids=sorted(engine_themes(agreed)), user=official
    )
    wanted = (engine_themes(changed) - {big.pk}) | {other.pk}
    unit_check(response=changed, section=SECTION, theme_ids=sorted(wanted), user=official)
    with pytest.raises(ValidationError):  # no theme: the engine's would still count
        unit_check(response=third, section=SECTION, theme_ids=[], user=official)
    unit_check(response=third, section=SECTION, theme_ids=[other.pk], user=official)

    units = review_sample(answered, SECTION, size=5)
    assert [u.checked for u in units] == [True, True, True, False, False]
    assert units[1].themes == sorted(wanted) and units[2].themes == [other.pk]
    edit = ThemeEdit.objects.filter(action="check").order_by("id").last()
    assert edit.payload["response"] == third.reference and edit.payload["after"] == [other.pk]
    assert set(edit.payload["engine"]) == engine_themes(third)

    result = sample_agreement(answered, SECTION, units)
    pairs = [
        (engine_themes(r), set(u.themes))
        for r, u in zip((agreed, changed, third), units[:3], strict=True)
    ]
    tp = sum(len(e & o) for e, o in pairs)
    fp = sum(len(e - o) for e, o in pairs)
    fn = sum(len(o - e) for e, o in pairs)
    assert (result.checked, result.drawn) == (3, 5)
    assert result.agreement.precision == round(tp / (tp + fp), 3)
    assert result.agreement.recall == round(tp / (tp + fn), 3)
    assert result.agreement.exact == round(sum(e == o for e, o in pairs) / 3, 3)
    assert result.f1_low is None  # three checked: too few for an interval

    # The engine's side is the one officials saw: later engine rows do not change the estimate.
    ThemeAssignment.objects.filter(response__in=[agreed, changed], source="engine").delete()
    assert sample_agreement(answered, SECTION, units) == result

    # Ten checked: a 95 % interval around the estimate.
    for unit in review_sample(answered, SECTION, size=10)[3:]:
        response = Response.objects.get(pk=unit.response_id)
        unit_check(response=response, section=SECTION, theme_ids=[other.pk], user=official)
    wider = sample_agreement(answered, SECTION, review_sample(answered, SECTION, size=12))
    assert (wider.checked, wider.drawn) == (10, 12)
    assert wider.f1_low <= wider.agreement.f1 <= wider.f1_high and wider.f1_low < wider.f1_high


def test_a_check_takes_only_live_themes_of_its_own_section(answered, official):
    response = Response.objects.get(pk=review_sample(answered, SECTION, size=1)[0].response_id)
    mine = Theme.objects.create(
        consultation=answered, section=SECTION, key="a", label="A theme", source="official"
    )
    clause = Theme.objects.create(
        consultation=answered, section="clause:1", key="c", label="Clause", source="official"
    )
    gone = Theme.objects.create(
        consultation=answered, section=SECTION, key="g", label="Gone", source="official"
    )
    theme_delete(theme=gone, user=official)
    for ids in ([clause.pk], [gone.pk], [mine.pk, 10**12]):
        with pytest.raises(ValidationError):
            unit_check(response=response, section=SECTION, theme_ids=ids, user=official)
    assert not ThemeEdit.objects.filter(action="check").exists()
    assert unit_check(response=response, section=SECTION, theme_ids=[mine.pk], user=official) == [
        mine.pk
    ]


def test_the_sample_page_shows_the_responses_and_saves_a_check(
    answered, official, run_report, quick_render, client
):
    run_report(answered, official)
    client.force_login(official)
    url = reverse("staff:reports:sample", kwargs={"slug": answered.slug})
    page = client.get(url, {"section": SECTION, "size": "3"})
    assert page.status_code == 200
    units = review_sample(answered, SECTION, size=3)
    body = page.content.decode()
    assert all(u.reference in body for u in units) and 'id="unit-3"' in body
    assert "抽出した意見はまだ確認されていません。" in body  # the officials' language by default
    theme = section_themes(answered)[0]
    saved = client.post(
        url,
        {
            "section": SECTION,
            "size": "3",
            "reference": units[0].reference,
            "rank": "1",
            "themes": [str(theme.pk)],
        },
    )
    assert saved.status_code == 302 and saved["Location"].endswith("size=3#unit-2")
    assert review_sample(answered, SECTION, size=1)[0].themes == [theme.pk]
    page = client.get(url, {"section": SECTION, "size": "3"})
    assert page.context["agreement"].checked == 1
    assert "確認済み" in page.content.decode()

    # Bad input: a message, nothing written; an unknown question is not found.
    before = ThemeEdit.objects.count()
    for data in (
        {"reference": units[1].reference, "themes": ["abc"]},
        {"reference": units[1].reference},  # no theme ticked
        {"reference": units[1].reference, "themes": ["²"]},  # a digit int() refuses
        {"reference": "a\x00b", "themes": [str(theme.pk)]},  # PostgreSQL refuses NUL
        {"reference": "NO-SUCH-REF", "themes": [str(theme.pk)]},
    ):
        refused = client.post(url, {"section": SECTION, "size": "3", "rank": "x", **data})
        assert refused.status_code == 302 and "#" not in refused["Location"]
    assert ThemeEdit.objects.count() == before
    assert client.get(url, {"section": "question:nope"}).status_code == 404
    for size in ("99999999999", "²", "-1"):
        assert client.get(url, {"section": SECTION, "size": size}).status_code == 200


def test_the_next_report_states_how_far_its_themes_were_checked(
    answered, official, run_report, quick_render
):
    from consult.reports.renderers import content_errors, render_html, render_xlsx

    from .renderers.xlsx_reader import Workbook
    from .test_content import content_of

    first = content_of(run_report(answered, official))
    assert first["methodology"]["theme_checks"] == []
    assert any("have not checked a random sample" in s for s in first["methodology"]["steps"])
    assert "Officials have not checked a random sample" in render_html(first).decode()

    other = section_themes(answered)[1]
    units = review_sample(answered, SECTION, size=12)
    for unit in units:
        response = Response.objects.get(pk=unit.response_id)
        unit_check(response=response, section=SECTION, theme_ids=[other.pk], user=official)
    withdrawn = Response.objects.get(pk=units[-1].response_id)  # no longer counted
    withdrawn.status = Response.Status.WITHDRAWN
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    expected = sample_agreement(answered, SECTION, review_sample(answered, SECTION, size=11))
    assert expected.checked == 11

    content = content_of(run_report(answered, official))
    assert content_errors(content) == []
    (check,) = content["methodology"]["theme_checks"]
    assert check["section"] == SECTION and check["label"]
    assert (check["checked"], check["f1"], check["f1_low"], check["f1_high"]) == (
        11,
        expected.agreement.f1,
        expected.f1_low,
        expected.f1_high,
    )
    assert (check["precision"], check["recall"], check["exact"]) == (
        expected.agreement.precision,
        expected.agreement.recall,
        expected.agreement.exact,
    )
    step = next(s for s in content["methodology"]["steps"] if s.startswith("Checking the themes"))
    assert "11 responses drawn at random" in step and "in 1 question or clause." in step

    html = render_html(content).decode()
    assert "Themes checked by officials" in html
    assert f"{expected.f1_low:.2f}–{expected.f1_high:.2f}" in html
    sheet = Workbook(render_xlsx(content, coded_rows=[])).cells("Methodology")
    row = next(
        int(ref[1:]) for ref, value in sheet.items() if value == "Themes checked by officials"
    )
    assert sheet[f"B{row + 2}"] == 11 and sheet[f"E{row + 2}"] == expected.agreement.f1
    assert sheet[f"F{row + 2}"] == f"{expected.f1_low:.2f}–{expected.f1_high:.2f}"

    japanese = content_of(run_report(answered, official, language="ja"))
    assert any("無作為に抽出した11件" in s for s in japanese["methodology"]["steps"])
    assert "職員が確認したテーマ" in render_html(japanese).decode()


def test_the_review_pages_agreement_leaves_the_checked_sample_out(
    answered, official, run_report, quick_render
):
    run_report(answered, official)
    big, other = section_themes(answered)[:2]
    sampled, *rest = review_sample(answered, SECTION, size=1000)
    checked = Response.objects.get(pk=sampled.response_id)
    unit_check(response=checked, section=SECTION, theme_ids=[other.pk], user=official)
    assert review_agreement(answered) is None  # only the sample: its own figure
    assert sample_agreement(answered, SECTION, review_sample(answered, SECTION)).checked == 1
    noticed = next(Response.objects.get(pk=u.response_id) for u in rest if big.pk in u.themes)
    assignment_move(response=noticed, from_theme=big, to_theme=other, user=official)
    assert review_agreement(answered).units == 1


def test_the_wilson_interval_holds_small_samples_and_the_extremes():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and round(high, 4) == 0.2775
    low, high = wilson_interval(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    low, high = wilson_interval(10, 10)
    assert round(low, 4) == 0.7225 and high == 1.0


def test_the_sample_page_sets_each_themes_count_against_the_sample(
    answered, official, run_report, quick_render, client
):
    run_report(answered, official)
    big, other = section_themes(answered)[:2]
    client.force_login(official)
    url = reverse("staff:reports:sample", kwargs={"slug": answered.slug})
    units = review_sample(answered, SECTION, size=10)
    for unit in units[:9]:  # below ten checked: no table, the intervals would say nothing
        response = Response.objects.get(pk=unit.response_id)
        unit_check(response=response, section=SECTION, theme_ids=[other.pk], user=official)
    assert client.get(url, {"section": SECTION, "size": "10"}).context["shares"] == []
    last = Response.objects.get(pk=units[9].response_id)
    unit_check(response=last, section=SECTION, theme_ids=[other.pk], user=official)

    page = client.get(url, {"section": SECTION, "size": "10"})
    rows = {row.theme.pk: row for row in page.context["shares"]}
    writers = len(review_sample(answered, SECTION, size=1000))
    # Officials gave `other` to all ten and `big` to none: the sample puts `other` at 72–100 %
    # and `big` at 0–28 %.
    assert (rows[other.pk].sample.count, rows[other.pk].sample.checked) == (10, 10)
    assert rows[other.pk].sample.low == 0.722 and rows[big.pk].sample.high == 0.278
    for theme in (big, other):
        row = rows[theme.pk]
        assert row.share == row.count / writers
        expected = (
            "fewer" if row.share < row.sample.low else "more" if row.share > row.sample.high else ""
        )
        assert row.outside == expected
    assert rows[big.pk].outside == "more"  # the engine gave it to most; the sample to none
    body = page.content.decode()
    assert "抽出から推定されるより多い" in body and rows[other.pk].interval_text in body
    # The review page lists the section among those checked, with the figure the report states.
    review = client.get(reverse("staff:reports:review", kwargs={"slug": answered.slug}))
    ((section, found),) = review.context["checked"]
    assert section.key == SECTION and found.checked == 10
    assert found == checked_samples(answered, live_theme_of(answered))[SECTION]
    assert f"{found.f1_low}–{found.f1_high}" in review.content.decode()


def test_theme_counts_leave_out_responses_withdrawn_since_the_run(
    answered, official, run_report, quick_render
):
    from consult.reports.selectors import theme_counts

    run_report(answered, official)
    big, other = section_themes(answered)[:2]
    before = theme_counts(answered)
    engine_only, corrected = (
        Response.objects.get(pk=u.response_id)
        for u in [u for u in review_sample(answered, SECTION, size=1000) if big.pk in u.themes][:2]
    )
    unit_check(response=corrected, section=SECTION, theme_ids=[other.pk], user=official)
    after_check = theme_counts(answered)
    assert after_check[big.pk] == before[big.pk] - 1
    assert after_check[other.pk] == before[other.pk] + (other.pk not in engine_themes(corrected))
    for response in (engine_only, corrected):
        response.status = Response.Status.WITHDRAWN
        response.withdrawn_at = timezone.now()
        response.save()
    now = theme_counts(answered)
    assert now[big.pk] == after_check[big.pk] - 1  # the engine's row of the one not corrected
    assert now[other.pk] == after_check[other.pk] - 1 - (other.pk in engine_themes(engine_only))
