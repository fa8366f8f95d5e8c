"""Staff download of an organisation's attachment: always as a download, never rendered."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.privacy.audit import audit_record

from ..models import ResponseAttachment

AUDIT_DOWNLOAD = "response.attachment_download"
logger = logging.getLogger(__name__)


@login_required
@require_GET
def download(request: HttpRequest, slug: str, reference: str, pk: int) -> HttpResponseBase:
    consultation = consultation_for_staff(request.user, slug, Right.VIEW_PERSONAL_DATA)
    attachment = (
        ResponseAttachment.objects.filter(
            pk=pk, response__consultation=consultation, response__reference=reference
        )
        .select_related("response")
        .first()
    )
    if attachment is None or attachment.erased_at is not None:
        raise Http404
    try:
        stored = attachment.file.open("rb")
    except OSError:
        logger.warning("Attachment %s is not in storage", attachment.pk)
        return render(
            request,
            "errors/file_missing.html",
            {
                "message": _(
                    "This attachment's file is no longer stored. Its extracted text, if any, "
                    "is still shown with the response; ask the organisation for the file again."
                ),
                "back_url": reverse("staff:response", args=[slug, reference]),
                "back_label": _("Back to the response"),
            },
            status=410,
        )
    audit_record(
        user=request.user,
        action=AUDIT_DOWNLOAD,
        objects=[attachment],
        request=request,
        consultation=consultation,
    )
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
