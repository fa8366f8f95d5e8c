"""Text extraction, run as a child process: `python -m consult.responses.attachments.worker KIND
MAX_CHARS MAX_PAGES MAX_UNCOMPRESSED SECONDS MEMORY` with the file on stdin.

The process limits its own CPU time and address space before it parses anything, so a PDF or
DOCX built to exhaust memory or time kills only this process (the parent also keeps a wall-clock
timeout). It imports no Django. It writes one JSON object: {"text": ...} or {"error": code}.
"""

import io
import json
import resource
import sys
import zipfile

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _TooLarge(Exception):
    pass


class _Capped(io.RawIOBase):
    """Reads an archive entry, failing once more than `cap` bytes come out (whatever the
    entry's header claims)."""

    def __init__(self, raw: io.BufferedIOBase, cap: int):
        self.raw, self.left = raw, cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "bytearray | memoryview") -> int:  # type: ignore[override]
        chunk = self.raw.read(min(len(buffer), 64 * 1024))
        self.left -= len(chunk)
        if self.left < 0:
            raise _TooLarge
        buffer[: len(chunk)] = chunk
        return len(chunk)


def extract_docx(data: bytes, max_chars: int, max_uncompressed: int) -> str:
    """The paragraphs of word/document.xml, stream-parsed (DTDs and entities refused)."""
    from defusedxml.ElementTree import iterparse

    parts: list[str] = []
    size = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(entry.file_size for entry in archive.infolist()) > max_uncompressed:
            raise _TooLarge
        with archive.open("word/document.xml") as raw:
            stream = io.BufferedReader(_Capped(raw, max_uncompressed))  # type: ignore[arg-type]
            paragraph: list[str] = []
            for _event, element in iterparse(stream, events=("end",), forbid_dtd=True):
                tag = element.tag
                if tag == W_NS + "t" and element.text:
                    paragraph.append(element.text)
                elif tag == W_NS + "tab":
                    paragraph.append("\t")
                elif tag == W_NS + "p":
                    line = "".join(paragraph)
                    paragraph = []
                    parts.append(line)
                    size += len(line) + 1
                    element.clear()
                    if size >= max_chars:
                        break
    return "\n".join(parts)[:max_chars]


def extract_pdf(data: bytes, max_chars: int, max_pages: int) -> str:
    """The text of the first `max_pages` pages."""
    import logging

    from pypdf import PdfReader

    logging.disable(logging.WARNING)  # pypdf warns about every oddity on stderr
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise PermissionError
    parts: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= max_pages or size >= max_chars:
            break
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text) + 1
    return "\n".join(parts)[:max_chars]


def main(argv: list[str]) -> int:
    kind = argv[1]
    max_chars, max_pages, max_uncompressed, seconds, memory = (int(v) for v in argv[2:7])
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # writes nothing to disk
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    data = sys.stdin.buffer.read()
    try:
        if kind == "docx":
            text = extract_docx(data, max_chars, max_uncompressed)
        elif kind == "pdf":
            text = extract_pdf(data, max_chars, max_pages)
        else:
            raise ValueError(kind)
    except _TooLarge:
        result = {"error": "too_large"}
    except PermissionError:
        result = {"error": "encrypted"}
    except MemoryError:
        result = {"error": "too_large"}
    except Exception as exc:  # a damaged file, or pypdf's own limit on decompression
        limited = type(exc).__name__ == "LimitReachedError"
        result = {"error": "too_large" if limited else "unreadable"}
    else:
        result = {"text": text}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
