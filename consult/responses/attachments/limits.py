"""The documented limits on attachments (README, "Organisations"); each can be set in settings."""

from django.conf import settings

MAX_BYTES = 10 * 1024 * 1024
"""Largest file accepted (10 MB)."""
MAX_FILES = 3
"""Attachments per response."""
MAX_TEXT_CHARS = 200_000
"""Extracted text kept per file; the rest is cut."""
MAX_PDF_PAGES = 300
"""PDF pages read for text."""
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
"""A DOCX's entries together, uncompressed (zip bomb guard)."""
MAX_COMPRESSION_RATIO = 100
"""Uncompressed / compressed size of any one DOCX entry (zip bomb guard)."""
MAX_ZIP_ENTRIES = 1000
"""Entries in a DOCX."""
EXTRACT_SECONDS = 10
"""Wall-clock and CPU time for extracting one file's text."""
EXTRACT_MEMORY_BYTES = 512 * 1024 * 1024
"""Address space of the extraction process."""


def limit(name: str) -> int:
    """The limit `name` (e.g. "MAX_BYTES"), overridden by `CONSULT_ATTACHMENT_<name>` if set."""
    return int(getattr(settings, f"CONSULT_ATTACHMENT_{name}", globals()[name]))
