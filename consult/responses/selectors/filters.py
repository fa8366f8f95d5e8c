"""Which responses a reader gets: the filters of the API's list and export, and what an
organisation may see of the responses it submitted (`Disclosure`)."""

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation, Question
from consult.consultations.questionnaire import QuestionSpec, questionnaire_for

from ..models import Answer, ClauseComment, Respondent, Response


@dataclass(frozen=True)
class ResponseFilters:
    """Filters of the response list and export; empty values do not filter.

    `question` alone keeps responses that answered it; with `answer`, those whose answer equals
    (single choice, likert) or contains (multiple choice, ranking) that choice key or scale value.
    `submitted_after` is inclusive and `submitted_before` exclusive. `search` is a substring of a
    free-text answer or a clause comment (or a whole reference number)."""

    status: str = ""
    channel: str = ""
    kind: str = ""
    language: str = ""
    region: str = ""
    question: str = ""
    answer: str = ""
    submitted_after: datetime | None = None
    submitted_before: datetime | None = None
    search: str = ""


class Disclosure(StrEnum):
    """How much of a response a reader may see.

    Officials of the consultation's department see everything (`full`) except email addresses,
    which no list or export carries. An organisation sees only the responses it submitted, less
    those of supporters who did not agree to share their response with it (a campaign
    supporter's `CampaignSupport.consent_share`, the `SupporterConsent.share` of a response its
    API key submitted): of those it sees nothing, not even a receipt, as in the campaign's own
    export. Of the rest it sees as much as each supporter agreed to publication:

    - `named` (consent "named"): everything officials see;
    - `anonymous` (consent "anonymous"): the answers and comments, the respondent's kind and
      consent; not their name, organisation name, region, age band or email status;
    - `receipt` (consent "none", or none recorded): only the receipt (reference, status, channel,
      language, time) and the respondent's kind and consent: not what they wrote.

    Responses an organisation's key submitted before keys had to send a consent record have none
    and follow publication consent alone.

    Filters follow the same rule, so they cannot be used to learn a hidden value: for an
    organisation, `region` matches only named responses; `question`/`answer` and `search` match
    only named and anonymous ones.
    """

    FULL = "full"
    NAMED = "named"
    ANONYMOUS = "anonymous"
    RECEIPT = "receipt"


SHOWS_IDENTITY = (Disclosure.FULL, Disclosure.NAMED)
SHOWS_CONTENT = (Disclosure.FULL, Disclosure.NAMED, Disclosure.ANONYMOUS)


def disclosure_for(consent: str, *, organisation_reader: bool) -> Disclosure:
    """What a reader may see of a response whose respondent gave `consent`."""
    if not organisation_reader:
        return Disclosure.FULL
    if consent == Respondent.Consent.NAMED:
        return Disclosure.NAMED
    if consent == Respondent.Consent.ANONYMOUS:
        return Disclosure.ANONYMOUS
    return Disclosure.RECEIPT


def responses_filtered(
    consultation: Consultation,
    *,
    filters: ResponseFilters,
    organisation: Organisation | None = None,
) -> QuerySet[Response]:
    """A consultation's responses matching `filters`: all of them for its officials, or (with
    `organisation`) only those that organisation submitted and may see, filtered as `Disclosure`
    explains. Unordered; an unknown `question` matches nothing."""
    qs = Response.objects.filter(consultation=consultation)
    identity_visible = Q()
    content_visible = Q()
    if organisation is not None:
        qs = qs.filter(organisation=organisation).exclude(_not_shared_with_organisation())
        identity_visible = Q(respondent__consent=Respondent.Consent.NAMED)
        content_visible = Q(
            respondent__consent__in=(Respondent.Consent.NAMED, Respondent.Consent.ANONYMOUS)
        )
    f = filters
    exact = {"status": f.status, "channel": f.channel, "language": f.language}
    qs = qs.filter(**{name: value for name, value in exact.items() if value})
    if f.kind:
        qs = qs.filter(respondent__kind=f.kind)
    if f.region:
        qs = qs.filter(identity_visible, respondent__region=f.region)
    if f.submitted_after:
        qs = qs.filter(submitted_at__gte=f.submitted_after)
    if f.submitted_before:
        qs = qs.filter(submitted_at__lt=f.submitted_before)
    if f.question:
        spec = questionnaire_for(consultation).questions.get(f.question)
        if spec is None:
            return qs.none()
        qs = qs.filter(content_visible, _answer_condition(spec, f.answer))
    if f.search:
        qs = qs.filter(content_visible, search_condition(f.search))
    return qs


def _not_shared_with_organisation() -> Q:
    """Supporters who did not agree that the organisation may see their response.

    Campaign supporters are read through the reverse accessor of `CampaignSupport.response`
    rather than by importing the campaigns app, which depends on this one: a response without a
    campaign support does not match. The campaigns export applies the same rule
    (`consult.campaigns.selectors`)."""
    return Q(campaign_support__consent_share=False) | Q(supporter_consent__share=False)


def _answer_condition(spec: QuestionSpec, answer: str) -> Q:
    """One join on the answer to `spec` (unique per response, so no duplicate rows)."""
    condition = Q(answers__question_id=spec.id)
    if not answer:
        return condition
    if spec.kind == Question.Kind.LIKERT:
        return condition & Q(answers__value=int(answer))
    if spec.kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.RANKING):
        if connection.vendor == "postgresql":
            return condition & Q(answers__value__contains=[answer])  # jsonb @>
        # Elsewhere there is no JSON containment: look for the quoted key in the JSON array's
        # text (choice keys are slugs, so they cannot contain a quote and match only a whole key).
        return condition & Q(answers__value__icontains=json.dumps(answer))
    return condition & Q(answers__value=answer)


def search_condition(text: str) -> Q:
    """A case-insensitive substring of a free-text answer or a clause comment, or the reference.

    Substring, not PostgreSQL full-text search: Japanese is written without spaces, so the
    `simple` configuration makes a whole phrase one lexeme and "監視" would not find
    "顔認証による監視に反対"; the `english` configuration stems English but fails Japanese the
    same way. A substring match finds both languages, the same way on SQLite and PostgreSQL.
    """
    return (
        Q(reference__iexact=text)
        | Exists(Answer.objects.filter(response=OuterRef("pk"), text__icontains=text))
        | Exists(ClauseComment.objects.filter(response=OuterRef("pk"), text__icontains=text))
    )
