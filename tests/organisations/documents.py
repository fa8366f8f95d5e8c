"""Small documents built in the tests: good ones and hostile ones (bombs, renamed HTML)."""

import io
import struct
import zipfile
import zlib


def pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object 1 must be the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, *, flate: bool = False) -> bytes:
    head = b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if flate else b"")
    return head + data + b"\nendstream"


def text_pdf(text: str = "Cameras need a warrant") -> bytes:
    content = b"BT /F1 12 Tf 72 712 Td (" + text.encode("latin-1") + b") Tj ET"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def bomb_pdf(megabytes: int = 1024) -> bytes:
    """A one-page PDF whose content stream inflates to `megabytes` MB of text operators, from a
    compressed stream of about a thousandth of that."""
    compressor = zlib.compressobj(9)
    chunk = b"(A) Tj " * (1024 * 1024 // 7)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 712 Td ")]
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    parts.append(block)
    repeat = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    parts.extend([repeat] * (megabytes - 2))
    parts.append(compressor.compress(b" ET") + compressor.flush())
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"".join(parts), flate=True),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def nested_pdf(depth: int = 100_000) -> bytes:
    """A PDF whose page resources nest arrays `depth` deep (a parser-recursion bomb)."""
    nested = b"[" * depth + b"]" * depth
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /X " + nested + b" >> >>",
            _stream(b"BT ET"),
        ]
    )


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"></Types>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
    xml += "</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", xml.encode())
    return out.getvalue()


def entity_docx() -> bytes:
    """A DOCX whose document.xml declares nested entities ("billion laughs")."""
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{lol}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", xml.encode())
    return out.getvalue()


def _raw_zeros(total: int, block: int = 1024 * 1024) -> tuple[bytes, int]:
    """A raw deflate stream of `total` zero bytes and its CRC-32, built from one compressed
    block repeated (each block ends with a full flush, so every copy is the same bytes)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(block)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = total // block
    tail = compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    return first + again * (count - 1) + tail, crc


def _zip(entries: list[tuple[bytes, bytes, int, int, int]]) -> bytes:
    """A ZIP of (name, stored bytes, method, size, crc) entries, written by hand so an entry's
    deflate stream can be built without deflating gigabytes."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, size, crc in entries:
        offset = out.tell()
        fields = (20, 0, method, 0, 0x21, crc, len(data), size, len(name), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + data)
        central.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, offset)
            + name
        )
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0
        )
    )
    return out.getvalue()


def zip_bomb_docx(gigabytes: int = 1) -> bytes:
    """A DOCX whose document.xml really inflates to `gigabytes` GB of zeros (about 1 MB
    compressed per GB); its headers tell the truth."""
    total = gigabytes * 1024 * 1024 * 1024
    data, crc = _raw_zeros(total)
    types = (
        b"[Content_Types].xml",
        CONTENT_TYPES,
        0,
        len(CONTENT_TYPES),
        zlib.crc32(CONTENT_TYPES),
    )
    return _zip([types, (b"word/document.xml", data, 8, total, crc)])


PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"
