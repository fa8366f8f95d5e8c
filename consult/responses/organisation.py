"""An organisation's own response: the citizen's submission with the respondent fixed as the
organisation, and the response linked to the (verified) Organisation."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation

from .models import Respondent, Response
from .services import response_submit
from .submission import SubmissionInput


class OrganisationMayNotRespond(ValidationError):
    """Not verified, or it has a standing response to this consultation already."""


def as_organisation(data: SubmissionInput, organisation: Organisation) -> SubmissionInput:
    """The submission with the respondent set to the organisation, whatever was posted."""
    respondent = replace(
        data.respondent,
        kind=Respondent.Kind.ORGANISATION,
        organisation_name=organisation.name,
        region="",
        age_band="",
    )
    return replace(data, respondent=respondent)


def organisation_response_for(
    organisation: Organisation, consultation: Consultation
) -> Response | None:
    """The organisation's standing (not withdrawn) response to the consultation, if any."""
    return (
        Response.objects.filter(responding_organisation=organisation, consultation=consultation)
        .exclude(status=Response.Status.WITHDRAWN)
        .first()
    )


def organisation_response_submit(
    *,
    organisation: Organisation,
    consultation: Consultation,
    data: SubmissionInput,
    response: Response | None = None,
    submission_id: str,
) -> Response:
    """Submit (or amend) the organisation's own response to an open consultation.

    Only a verified organisation responds as itself: officials weigh an organisation's response as
    the view of that body, so its identity must have been checked. One standing response per
    consultation; it is amended rather than repeated. Validation and the submission are the
    citizen's (`response_submit`).
    """
    if not organisation.is_verified:
        raise OrganisationMayNotRespond(
            _("Your organisation must be verified before it can respond as an organisation."),
            code="not_verified",
        )
    if response is not None and response.responding_organisation_id != organisation.pk:
        raise OrganisationMayNotRespond(
            _("This is not your organisation's response."), code="other"
        )
    data = as_organisation(data, organisation)
    try:
        with transaction.atomic():
            saved, _created = response_submit(
                consultation=consultation,
                data=data,
                response=response,
                channel=Response.Channel.WEB,
                idempotency_key=None if response else f"org:{organisation.pk}:{submission_id}",
            )
            if saved.responding_organisation_id is None:
                Response.objects.filter(pk=saved.pk).update(responding_organisation=organisation)
                saved.responding_organisation = organisation
    except IntegrityError:
        raise OrganisationMayNotRespond(
            _("Your organisation has responded to this consultation already. Amend that response."),
            code="duplicate",
        ) from None
    return saved
