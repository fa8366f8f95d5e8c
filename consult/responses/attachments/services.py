"""Adding, extracting and removing the attachments of an organisation's response."""

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consult.accounts.models import User
from consult.core.jobs import enqueue_after_commit

from ..models import Response, ResponseAttachment
from .detect import AttachmentRejected, detect
from .extract import ExtractionFailed, extract_text
from .limits import limit

ANALYSED_CHARS = 20_000  # of an attachment's text, kept redacted for reports (`analysed_text`)

_UNSAFE = re.compile(r"[^\w.\- ()\[\]]+", re.UNICODE)


def sanitise_filename(name: str) -> str:
    """The uploader's file name made harmless for display and download headers: no path, no
    control or shell characters, at most 150 characters (keeping the extension)."""
    name = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))
    name = _UNSAFE.sub("_", name).strip(" ._") or "attachment"
    stem, dot, ext = name.rpartition(".")
    if dot and len(ext) <= 10:
        return f"{stem[: 150 - len(ext) - 1]}.{ext}"
    return name[:150]


def _ensure_changeable(response: Response) -> None:
    if response.responding_organisation_id is None:
        raise AttachmentRejected(
            _("Only an organisation's own response can have attachments."), code="not_allowed"
        )
    if response.status == Response.Status.WITHDRAWN:
        raise AttachmentRejected(_("This response has been withdrawn."), code="withdrawn")
    if not response.consultation.accepts_responses():
        raise AttachmentRejected(
            _("This consultation is not accepting responses."), code="consultation_not_open"
        )


def attachment_add(
    *, response: Response, upload: UploadedFile, user: User | None
) -> ResponseAttachment:
    """Check and store one uploaded file, then extract its text in the background.

    Refused (AttachmentRejected with a message for the uploader) when the response has its
    `MAX_FILES` already, the file is larger than `MAX_BYTES`, or its content is not PDF, DOCX or
    plain text (an HTML page renamed .txt included) or is a suspicious archive.
    """
    max_bytes = limit("MAX_BYTES")
    if upload.size is None or upload.size > max_bytes:
        raise AttachmentRejected(
            _("This file is larger than %(limit)d MB. Make it smaller or split it.")
            % {"limit": max_bytes // (1024 * 1024)},
            code="too_big",
        )
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise AttachmentRejected(
            _("This file is larger than %(limit)d MB. Make it smaller or split it.")
            % {"limit": max_bytes // (1024 * 1024)},
            code="too_big",
        )
    detected = detect(data)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        response = (
            Response.objects.select_for_update().select_related("consultation").get(pk=response.pk)
        )
        _ensure_changeable(response)
        count = response.attachments.count()
        max_files = limit("MAX_FILES")
        if count >= max_files:
            raise AttachmentRejected(
                ngettext(
                    "A response can have at most %(n)d attachment. Remove one first.",
                    "A response can have at most %(n)d attachments. Remove one first.",
                    max_files,
                )
                % {"n": max_files},
                code="too_many",
            )
        if response.attachments.filter(sha256=digest).exists():
            raise AttachmentRejected(
                _("This file is attached to the response already."), code="duplicate"
            )
        attachment = ResponseAttachment(
            response=response,
            original_name=sanitise_filename(upload.name or ""),
            kind=detected.kind,
            size=len(data),
            sha256=digest,
            uploaded_by=user,
        )
        attachment.file.save("upload", ContentFile(data), save=False)
        try:
            attachment.full_clean(exclude=["file"])
        except ValidationError:
            attachment.file.delete(save=False)
            raise
        attachment.save()
        enqueue_after_commit("responses.extract_attachment", attachment_id=attachment.pk)
    return attachment


def attachment_extract(*, attachment_id: int) -> ResponseAttachment | None:
    """Extract the attachment's text (bounded, see `extract`); safe to run twice."""
    attachment = ResponseAttachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.extraction != ResponseAttachment.Extraction.PENDING:
        return attachment
    with attachment.file.open("rb") as stored:
        data = stored.read()
    try:
        try:
            encoding = detect(data).encoding or "utf-8-sig"
        except AttachmentRejected:
            raise ExtractionFailed("unreadable") from None
        text = extract_text(data, kind=attachment.kind, encoding=encoding)
    except ExtractionFailed as exc:
        attachment.extraction = ResponseAttachment.Extraction.FAILED
        attachment.extraction_error = exc.code
        attachment.extracted_text = ""
    else:
        attachment.extraction = ResponseAttachment.Extraction.DONE
        attachment.extraction_error = ""
        attachment.extracted_text = text
    attachment.analysed_text = analysed_text(attachment.extracted_text)
    ResponseAttachment.objects.filter(
        pk=attachment.pk, extraction=ResponseAttachment.Extraction.PENDING
    ).update(
        extraction=attachment.extraction,
        extraction_error=attachment.extraction_error,
        extracted_text=attachment.extracted_text,
        analysed_text=attachment.analysed_text,
    )
    return attachment


def analysed_text(text: str) -> str:
    """What reports analyse of an attachment: its first `ANALYSED_CHARS` characters with
    personal data and abuse replaced by labels, as for a comment awaiting moderation (documents
    are not moderated, and never quoted)."""
    from consult.moderation.scanning import labelled_text  # moderation builds on responses

    text = text.strip()[:ANALYSED_CHARS]
    return labelled_text(text)[0] if text else ""


@transaction.atomic
def attachment_remove(*, attachment: ResponseAttachment) -> None:
    """Remove an attachment and its stored file while the response may still change."""
    response = (
        Response.objects.select_for_update()
        .select_related("consultation")
        .get(pk=attachment.response_id)
    )
    _ensure_changeable(response)
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def attachments_erase(*, response_ids: Iterable[int], keep_analysed: bool = False) -> int:
    """Erase the attachments of these responses (erasure and retention: an attachment may name
    people). The files go once the transaction commits. Returns how many.

    On request (``keep_analysed`` false) the rows go too. At the end of retention the rows stay
    with their redacted ``analysed_text`` only (file, name and extracted text erased), so that
    reports still reproduce.
    """
    found = ResponseAttachment.objects.filter(response_id__in=list(response_ids))
    if keep_analysed:
        found = found.filter(erased_at__isnull=True)
    rows = list(found.values_list("pk", "file"))
    if not rows:
        return 0
    chosen = ResponseAttachment.objects.filter(pk__in=[pk for pk, _name in rows])
    if keep_analysed:
        chosen.update(file="", original_name="", extracted_text="", erased_at=timezone.now())
    else:
        chosen.delete()
    storage = ResponseAttachment._meta.get_field("file").storage

    def delete_files() -> None:
        for _pk, name in rows:
            if name:
                storage.delete(name)

    transaction.on_commit(delete_files)
    return len(rows)
