"""Staff download of an organisation's attachment: always as a download, never rendered."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.privacy.audit import audit_record

from ..models import ResponseAttachment

AUDIT_DOWNLOAD = "response.attachment_download"


@login_required
@require_GET
def download(request: HttpRequest, slug: str, reference: str, pk: int) -> FileResponse:
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
    audit_record(
        user=request.user,
        action=AUDIT_DOWNLOAD,
        objects=[attachment],
        request=request,
        consultation=consultation,
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
