"""Extracting an attachment's text in bounded time and memory.

PDF and DOCX are parsed in a child process (`worker.py`, run by path so it loads no Django) that
limits its own CPU time and address space; the parent waits at most a few seconds more. Plain text
is only decoded. The result is plain text cut to `MAX_TEXT_CHARS`, or ExtractionFailed.
"""

import json
import subprocess
import sys
from pathlib import Path

from consult.responses.submission import clean_text

from .detect import DOCX, PDF, TXT
from .limits import limit

WORKER = Path(__file__).with_name("worker.py")


class ExtractionFailed(Exception):
    """The text could not be extracted; `code` is one of: timeout, too_large, encrypted,
    unreadable."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def extract_text(data: bytes, *, kind: str, encoding: str = "utf-8-sig") -> str:
    """The document's text (normalised like typed text), or ExtractionFailed."""
    max_chars = limit("MAX_TEXT_CHARS")
    if kind == TXT:
        try:
            return clean_text(data.decode(encoding)[:max_chars])
        except (UnicodeDecodeError, LookupError):
            raise ExtractionFailed("unreadable") from None
    if kind not in (PDF, DOCX):
        raise ExtractionFailed("unreadable")
    seconds = limit("EXTRACT_SECONDS")
    command = [
        sys.executable,
        "-I",  # isolated: no environment variables, no current directory on the path
        str(WORKER),
        kind,
        str(max_chars),
        str(limit("MAX_PDF_PAGES")),
        str(limit("MAX_UNCOMPRESSED_BYTES")),
        str(seconds),
        str(limit("EXTRACT_MEMORY_BYTES")),
    ]
    try:
        finished = subprocess.run(  # noqa: S603 (our own script; the file goes on stdin)
            command,
            input=data,
            capture_output=True,
            timeout=seconds + 2,
            check=False,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired:
        raise ExtractionFailed("timeout") from None
    if finished.returncode != 0:
        # Killed by its CPU limit (SIGXCPU/SIGKILL) or out of memory before it could answer.
        raise ExtractionFailed("timeout" if finished.returncode in (-9, -24, 152) else "too_large")
    try:
        result = json.loads(finished.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ExtractionFailed("unreadable") from None
    if "error" in result:
        raise ExtractionFailed(str(result["error"]))
    return clean_text(str(result.get("text", "")))[:max_chars]
