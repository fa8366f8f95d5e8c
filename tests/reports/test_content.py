"""The report content document: figures, small-cell suppression, and what it must never show."""

import json
import re

import pytest

from consult.consultations.authoring import consultation_author
from consult.consultations.documents import consultation_document
from consult.reports.renderers import content_errors
from consult.reports.suppression import suppress_cells
from consult.responses.models import Answer, Respondent, Response
from consult.responses.services import response_submit
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")

COMMENTS = [
    "顔認証の誤認識が心配です。冤罪につながります。",
    "映像を72時間も保存するのは長すぎます。",
    "防犯のためなら賛成です。駅前は安全になってほしい。",
    "Facial recognition will misidentify people; stop the pilot.",
    "Keeping footage for 72 hours is far too long.",
    "I support cameras at the station for safety.",
]


def submit(consultation, *, region, kind="individual", consent="anonymous", i=0, name=""):
    data = valid_input()
    data.respondent.region = region
    data.respondent.kind = kind
    data.respondent.consent = consent
    data.respondent.organisation_name = name
    data.answers["comments"] = COMMENTS[i % len(COMMENTS)] + f" ({i})"
    data.comments = {"2": COMMENTS[(i + 1) % len(COMMENTS)]}
    data.idempotency_key = f"content-test-{i}"
    response, _ = response_submit(consultation=consultation, data=data)
    return response


def content_of(run):
    return json.loads(run.artifacts.get(format="json").file.read())


def cell(cells, key):
    return next(c for c in cells if c["key"] == key)


def test_a_region_with_two_respondents_is_suppressed(
    consultation, official, run_report, quick_render
):
    regions = ["13"] * 10 + ["14"] * 6 + ["27"] * 2  # Tokyo 10, Kanagawa 6, Osaka 2
    for i, region in enumerate(regions):
        kind = "organisation" if i in (3, 4) else "individual"
        submit(
            consultation,
            region=region,
            kind=kind,
            i=i,
            name="市民団体" if kind == "organisation" else "",
        )
    run = run_report(consultation, official)
    assert run.status == "succeeded", run.error
    content = content_of(run)
    by_region = content["headline"]["by_region"]
    osaka = cell(by_region, "27")
    assert osaka == {
        "key": "27",
        "label": "Osaka",
        "count": None,
        "share": None,
        "suppressed": True,
    }
    # With Osaka hidden, Kanagawa is hidden too, or 18 − 10 would give Osaka away.
    assert cell(by_region, "14")["suppressed"] and cell(by_region, "14")["count"] is None
    assert cell(by_region, "13") == {
        "key": "13",
        "label": "Tokyo",
        "count": 10,
        "share": round(10 / 18, 4),
        "suppressed": False,
    }
    # Totals of the whole consultation are not suppressed.
    assert content["headline"]["responses"] == 18 and content["headline"]["organisations"] == 2
    assert content["suppression"] == {"min_cell": 5}
    # Theme × respondent type: two organisations are never shown as a count.
    for question in content["questions"]:
        for theme in question["themes"]:
            orgs = cell(theme["by_kind"], "organisation")
            assert orgs["count"] is None or orgs["count"] == 0 or orgs["count"] >= 5
    assert content_errors(content) == []


def test_the_threshold_follows_the_setting(
    consultation, official, run_report, quick_render, settings
):
    settings.REPORT_MIN_CELL = 2
    for i, region in enumerate(["13"] * 4 + ["27"] * 2):
        submit(consultation, region=region, i=i)
    content = content_of(run_report(consultation, official))
    assert content["suppression"]["min_cell"] == 2
    assert cell(content["headline"]["by_region"], "27")["count"] == 2


def test_suppress_cells_hides_small_counts_and_their_complement():
    cells = [("a", "A", 40), ("b", "B", 3), ("c", "C", 9), ("d", "D", 0)]
    out = suppress_cells(cells, min_cell=5)
    assert [c["count"] for c in out] == [40, None, None, 0]
    assert [c["suppressed"] for c in out] == [False, True, True, False]
    assert out[0]["share"] == round(40 / 52, 4)
    two_small = suppress_cells([("a", "A", 40), ("b", "B", 3), ("c", "C", 2)], min_cell=5)
    assert [c["count"] for c in two_small] == [40, None, None]
    assert [c["count"] for c in suppress_cells([("a", "A", 5)], min_cell=5)] == [5]


def test_the_document_matches_the_schema_and_names_no_individual(
    answered, official, run_report, quick_render
):
    planted = "監視に反対です。連絡は taro.yamada@example.jp までお願いします。"
    answer = Answer.objects.filter(
        response__consultation=answered, response__status="submitted", question__key="comments"
    ).first()
    Answer.objects.filter(pk=answer.pk).update(value=planted, text=planted)
    run = run_report(answered, official, language="ja")
    content = content_of(run)
    assert content_errors(content) == []
    assert content["language"] == "ja" and content["schema_version"] == 1
    assert content["run"]["input_hash"] == run.input_hash
    assert content["methodology"]["input_hash"] == run.input_hash
    comments = next(q for q in content["questions"] if q["key"] == "comments")
    assert comments["themes"] and comments["answered"] > 0
    overall = next(q for q in content["questions"] if q["key"] == "overall")
    assert sum(r["count"] for r in overall["results"]) == overall["answered"]
    ranking = next(q for q in content["questions"] if q["kind"] == "ranking")
    assert all("mean_rank" in r for r in ranking["results"])
    assert [c["number"] for c in content["clauses"]] == ["1", "2"]
    assert content["egov_table"] and content["egov_table"][0]["no"] == 1
    # Respondents' emails and names are never read; the comments' planted personal data is
    # redacted everywhere, including the coded responses.
    document = run.artifacts.get(format="json").file.read().decode()
    coded = run.artifacts.get(format="csv").file.read().decode("utf-8-sig")
    assert EMAIL.search(document) is None and EMAIL.search(coded) is None
    assert "連絡は ［メール］ までお願いします" in coded
    names = set(Respondent.objects.exclude(name="").values_list("name", flat=True))
    assert names and not any(name in document or name in coded for name in names)
    consent = dict(Response.objects.values_list("reference", "respondent__consent"))
    quotes = [
        quote
        for item in [*content["questions"], *content["clauses"]]
        for theme in item["themes"]
        for quote in theme["quotes"]
    ]
    assert quotes and all(consent[q["reference"]] != "none" for q in quotes)
    kinds = dict(Response.objects.values_list("reference", "respondent__kind"))
    for organisation in content["organisations"]:
        assert kinds[organisation["reference"]] == "organisation"
        assert consent[organisation["reference"]] == "named"
        assert len(organisation["summary"]) <= 400


def test_a_consultation_without_responses_gives_an_empty_valid_report(
    consultation, official, run_report, quick_render
):
    run = run_report(consultation, official)
    assert run.status == "succeeded", run.error
    content = content_of(run)
    assert content_errors(content) == []
    assert content["headline"]["responses"] == 0 and content["headline"]["by_region"] == []
    assert all(not q["themes"] and q["answered"] == 0 for q in content["questions"])
    assert content["egov_table"] == [] and content["organisations"] == []


def test_section_proposal_names_the_consultation_and_what_the_section_answers():
    from consult.reports.sections import section_proposal

    header = {
        "consultation": {"title_ja": "顔認証カメラの導入（案）", "title_en": "Introducing cameras"},
        "questions": [{"key": "comments", "text_ja": "ご意見", "text_en": "Any comments?"}],
        "clauses": [{"number": "3", "title_ja": "保存期間", "title_en": "Retention"}],
    }
    assert section_proposal(header, "question:comments").split("\n") == [
        "顔認証カメラの導入（案）",
        "Introducing cameras",
        "ご意見",
        "Any comments?",
    ]
    assert section_proposal(header, "clause:3").endswith("保存期間\nRetention")
    assert section_proposal(header, "documents:attachments") == (
        "顔認証カメラの導入（案）\nIntroducing cameras"
    )
    assert section_proposal({}, "question:gone") == ""


def test_the_methodology_says_whether_themes_were_matched_by_meaning(
    answered, official, run_report, quick_render
):
    steps = " ".join(content_of(run_report(answered, official))["methodology"]["steps"])
    assert "by meaning" in steps and "weight 0.5" in steps
    lexical = run_report(answered, official, analysis={"max_discovered": 4, "semantic_weight": 0})
    steps = " ".join(content_of(lexical)["methodology"]["steps"])
    assert "by meaning" not in steps and "used as a codebook" in steps
    japanese = " ".join(
        content_of(run_report(answered, official, language="ja"))["methodology"]["steps"]
    )
    assert "意味の近さ" in japanese


def test_the_methodology_states_wording_changed_after_responses(
    answered, official, run_report, quick_render
):
    before = " ".join(content_of(run_report(answered, official))["methodology"]["steps"])
    assert "Wording:" not in before
    document = consultation_document(answered)
    document["questions"][0]["text"]["en"] = "Do you agree with the pilot at three stations?"
    document["sections"][1]["title"]["ja"] = "映像の保存期間"
    consultation_author(user=official, document=document, slug=answered.slug)
    submitted = Response.objects.filter(consultation=answered, submitted_at__isnull=False).count()

    steps = content_of(run_report(answered, official))["methodology"]["steps"]
    (wording,) = [step for step in steps if step.startswith("Wording:")]
    assert f"after {submitted:,} responses" in wording
    assert "revision 2: sections[1].title.ja, questions[0].text.en" in wording
    japanese = content_of(run_report(answered, official, language="ja"))["methodology"]["steps"]
    assert any(step.startswith("文言：") and "第2版" in step for step in japanese)


def test_the_methodology_states_how_supporters_consent_was_recorded(
    answered, official, run_report, quick_render
):
    from django.utils import timezone

    from consult.accounts.models import Organisation
    from consult.campaigns.models import Campaign, CampaignSupport
    from consult.responses.models import SupporterConsent
    from tests.api.response_data import submit

    before = " ".join(content_of(run_report(answered, official))["methodology"]["steps"])
    assert "Supporters' consent" not in before
    organisation = Organisation.objects.create(slug="privacy-first", name="Privacy First")
    campaign = Campaign.objects.create(
        organisation=organisation,
        consultation=answered,
        slug="no-cameras",
        title_en="No cameras",
        status=Campaign.Status.ACTIVE,
        published_at=timezone.now(),
    )
    now = timezone.now()

    def through_organisation() -> Response:
        return submit(answered, organisation=organisation, channel="campaign")

    for _n in range(3):
        CampaignSupport.objects.create(
            response=through_organisation(),
            campaign=campaign,
            via="web",
            consent_method="campaign_page",
            consented_at=now,
        )
    for method in ("paper", "paper", "email"):
        SupporterConsent.objects.create(
            response=through_organisation(), share=True, method=method, consented_at=now
        )
    through_organisation()  # submitted before keys had to send a consent record

    steps = content_of(run_report(answered, official))["methodology"]["steps"]
    (consent,) = [step for step in steps if step.startswith("Supporters' consent:")]
    assert "6 responses were submitted on supporters' behalf" in consent
    assert "ticked on the campaign page (3), signed paper form (2), by email (1)" in consent, (
        consent
    )
    assert any(
        step.startswith("1 response was submitted by an organisation before") for step in steps
    )
    japanese = content_of(run_report(answered, official, language="ja"))["methodology"]["steps"]
    assert any(step.startswith("賛同者の同意：") for step in japanese), japanese
