"""What a file is, judged from its bytes (never its name): PDF, DOCX or plain text.

The checks read at most the head and tail of the file and a ZIP's central directory, so they take
bounded time and memory whatever the file holds. A DOCX whose entries would expand beyond the
limits (a zip bomb) is refused here, before anything is decompressed.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .limits import limit

PDF = "pdf"
DOCX = "docx"
TXT = "txt"

_HTML = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|form|img|a\s)"
    rb"|<\?xml",
    re.IGNORECASE,
)


class AttachmentRejected(Exception):
    """The file is refused; `message` says why in the user's language, `code` names the reason."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Detected:
    kind: str
    encoding: str = ""  # plain text only


def wrong_type() -> AttachmentRejected:
    return AttachmentRejected(
        _("This file is not a PDF, a Word document (DOCX) or plain text. Save it as one of those."),
        code="wrong_type",
    )


def detect(data: bytes) -> Detected:
    """The kind of file `data` is, or AttachmentRejected (wrong type, suspicious archive)."""
    if not data:
        raise AttachmentRejected(_("The file is empty."), code="empty")
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise AttachmentRejected(
                _("This PDF is incomplete or damaged. Save it again and retry."),
                code="unreadable",
            )
        return Detected(PDF)
    if data.startswith(b"PK\x03\x04"):
        _check_docx(data)
        return Detected(DOCX)
    return Detected(TXT, _text_encoding(data))


def _check_docx(data: bytes) -> None:
    suspicious = AttachmentRejected(
        _(
            "This archive would expand far beyond its size (a “zip bomb”) or is built unusually, "
            "so it is refused. Save the document again as DOCX or PDF."
        ),
        code="suspicious_archive",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise AttachmentRejected(
            _("This Word document is damaged and cannot be read."), code="unreadable"
        ) from None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise wrong_type()
    if len(entries) > limit("MAX_ZIP_ENTRIES"):
        raise suspicious
    total = 0
    ratio = limit("MAX_COMPRESSION_RATIO")
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise AttachmentRejected(
                _("This document is encrypted. Remove the password and retry."), code="encrypted"
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise suspicious
        total += entry.file_size
        if entry.file_size > max(entry.compress_size, 1) * ratio and entry.file_size > 1024 * 1024:
            raise suspicious
    if total > limit("MAX_UNCOMPRESSED_BYTES"):
        raise suspicious


def _text_encoding(data: bytes) -> str:
    if b"\x00" in data:
        raise wrong_type()  # binary, or UTF-16, which we do not take
    head = data[:4096]
    if _HTML.search(head):
        raise AttachmentRejected(
            _(
                "This file contains web page code (HTML), which is not accepted. Save it as PDF "
                "or plain text."
            ),
            code="html",
        )
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text[:4096]):
            return encoding
    raise wrong_type()


def _mostly_printable(text: str) -> bool:
    if not text:
        return True
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control <= len(text) // 100
