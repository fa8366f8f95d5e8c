"""The bytes of an import file: read to a temporary file within a size limit, then its text
encoding settled before any row is written.

Encodings: UTF-8, UTF-8 with BOM and Shift_JIS (read as CP932, which Japanese Excel writes). A
declared `charset` is honoured; otherwise a BOM means UTF-8, a file that is valid UTF-8 throughout
is UTF-8, and anything else must be valid CP932. Rows are numbered as the readers number them:
JSON Lines by line, CSV by record after the header (quoted cells may span lines).
"""

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

ErrorItem = tuple[str, str, str]  # (path, code, message), as in the API's error shape

BOM = b"\xef\xbb\xbf"
CHUNK_BYTES = 256 * 1024
SPOOL_MEMORY_BYTES = 4 * 1024 * 1024  # larger bodies go to a temporary file on disk
CHARSETS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "cp932": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
}
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp932": "Shift_JIS (CP932)"}
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "on", "はい", "同意", "同意する"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "off", "", "いいえ"})


def parse_bool(value: str) -> bool | None:
    """A yes/no value (true/false, 1/0, yes/no, はい/いいえ; empty is no); None if unreadable."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def csv_error_message(exc: csv.Error) -> str:
    """What is wrong with a CSV record, in the user's language (the csv module says it in
    English, in terms of its own parser)."""
    detail = str(exc)
    if "NUL" in detail:
        return _("This row contains a NUL character, which a CSV file cannot hold.")
    if "field larger than field limit" in detail:
        return _("A cell in this row is longer than %(n)d characters.") % {
            "n": csv.field_size_limit()
        }
    if "unexpected end of data" in detail:
        return _("This row ends inside a quoted cell: a closing double quote is missing.")
    if "expected after" in detail:
        return _(
            "A quoted cell in this row is followed by more text: a double quote inside a cell "
            "must be written twice."
        )
    return _("This row is not valid CSV.")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing has been written."""

    status = 400

    def __init__(self, items: list[ErrorItem]):
        super().__init__("; ".join(message for _path, _code, message in items))
        self.items = items


class ImportTooLarge(ImportFileError):
    status = 413


def spool(read: Callable[[int], bytes], *, limit: int) -> IO[bytes]:
    """Copy a stream into a temporary file chunk by chunk (memory stays flat); refuse more than
    `limit` bytes and an empty stream. The file is returned rewound."""
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES)  # noqa: SIM115
    size = 0
    while chunk := read(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            file.close()
            raise ImportTooLarge([("", "payload_too_large", too_large_message(limit))])
        file.write(chunk)
    if size == 0:
        file.close()
        raise ImportFileError([("", "empty", _("The file is empty."))])
    file.seek(0)
    return file


def too_large_message(limit: int) -> str:
    return _("The file is larger than %(n)d bytes.") % {"n": limit}


@dataclass(frozen=True)
class _Problem:
    row: int
    line: int
    kind: str  # "encoding" or "too_long"
    detail: str


def settle_encoding(file: IO[bytes], *, fmt: str, charset: str | None, max_line_bytes: int) -> str:
    """The Python codec to read `file` with; raise `ImportFileError` naming the row when the file
    cannot be decoded (or a line is longer than `max_line_bytes`). Leaves `file` rewound."""
    file.seek(0)
    has_bom = file.read(3) == BOM
    if charset:
        codec = CHARSETS.get(charset.strip().strip('"').lower())
        if codec is None:
            raise ImportFileError(
                [
                    (
                        "Content-Type",
                        "unsupported_charset",
                        _("Unsupported charset “%(charset)s”: use UTF-8 or Shift_JIS.")
                        % {"charset": charset[:40]},
                    )
                ]
            )
        if codec == "utf-8" and has_bom:
            codec = "utf-8-sig"
        candidates = [codec]
    else:
        candidates = ["utf-8-sig"] if has_bom else ["utf-8", "cp932"]
    problems = []
    for codec in candidates:
        problem = _first_problem(file, codec, fmt=fmt, max_line_bytes=max_line_bytes)
        if problem is None:
            file.seek(0)
            return codec
        if problem.kind == "too_long":
            raise ImportFileError([("", "row_too_long", _describe(problem, codec))])
        problems.append((problem, codec))
    # Neither fits: name the row where the encoding that got furthest fails.
    problem, codec = max(problems, key=lambda item: item[0].line)
    raise ImportFileError([("", "invalid_encoding", _describe(problem, codec))])


def _describe(problem: _Problem, codec: str) -> str:
    where = {"row": problem.row, "line": problem.line}
    if problem.kind == "too_long":
        return (
            _("Row %(row)d (line %(line)d) is longer than %(limit)s bytes.")
            % {**where, "limit": problem.detail}
            if problem.row
            else _("The header (line %(line)d) is longer than %(limit)s bytes.")
            % {**where, "limit": problem.detail}
        )
    values = {**where, "encoding": ENCODING_NAMES[codec], "detail": problem.detail}
    if problem.row:
        return (
            _("Row %(row)d (line %(line)d) is not valid %(encoding)s text (%(detail)s).") % values
        )
    return _("The header (line %(line)d) is not valid %(encoding)s text (%(detail)s).") % values


def _first_problem(
    file: IO[bytes], codec: str, *, fmt: str, max_line_bytes: int
) -> _Problem | None:
    """The first line that does not decode with `codec` or is too long, with its row number."""
    file.seek(3 if codec == "utf-8-sig" else 0)
    decode_as = "utf-8" if codec == "utf-8-sig" else codec
    line_number = 0
    record = 0  # CSV: records completed so far (the header is record 0)
    quoted = False  # CSV: inside a quoted cell at the start of this line
    while raw := file.readline(max_line_bytes + 1):
        line_number += 1
        row = line_number if fmt == "jsonl" else record
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            return _Problem(row, line_number, "too_long", f"{max_line_bytes:,}")
        try:
            raw.decode(decode_as)
        except UnicodeDecodeError as exc:
            detail = f"byte 0x{raw[exc.start]:02x} at {exc.start + 1}"
            return _Problem(row, line_number, "encoding", detail)
        if fmt == "csv":
            # `"` never occurs inside a UTF-8 or CP932 multi-byte character, so counting bytes
            # tells whether the line ends inside a quoted cell (then the record goes on).
            quoted ^= raw.count(b'"') % 2 == 1
            if not quoted:
                record += 1
    return None
