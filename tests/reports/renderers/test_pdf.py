import io
import json
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.reports.renderers.sample_content import make_content

pypdf = pytest.importorskip("pypdf")


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        names |= {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    return names


def test_pdf_has_the_headings_japanese_text_and_several_pages(rendered, language):
    name, data = rendered(language)["pdf"]
    assert name == f"facial-recognition-report-{language}.pdf"
    assert data.startswith(b"%PDF-")
    texts = pages_text(data)
    assert len(texts) > 1
    whole = "\n".join(texts)
    with translation.override(language):
        for msgid in ("Contents", "Headline figures", "Questions", "Methodology"):
            assert gettext(msgid) in whole
    if language == "ja":
        assert "顔認証システム" in whole
        assert "プライバシーの侵害" in whole
    assert any("NotoSansCJKJP" in font.replace("-", "") for font in font_names(data))


def test_pdf_pages_are_numbered_n_of_total(rendered):
    texts = pages_text(rendered("en")["pdf"][1])
    total = len(texts)
    assert f"1 / {total}" not in texts[0]  # the title page has no number
    for number in (2, total):
        assert f"{number} / {total}" in texts[number - 1]


def test_table_of_contents_gives_the_page_of_each_chapter(rendered):
    texts = pages_text(rendered("en")["pdf"][1])
    contents = texts[1]
    assert contents.lstrip().startswith("Contents")
    found = {}
    for title, marker in (
        ("Campaigns", "Identical opinions are reported with their count"),
        ("Methodology", "What was done"),
    ):
        match = re.search(rf"^{title}[ .]*?(\d+)\s*$", contents, flags=re.M)
        assert match, contents
        found[title] = int(match.group(1))
        assert marker in texts[found[title] - 1]
    assert found["Campaigns"] < found["Methodology"]


def test_renderer_fetches_nothing_but_data_uris():
    from consult.reports.renderers.pdf_report import render_pdf

    content = make_content("en")
    hostile = (
        '<html><body><p>x</p><img src="file:///etc/hostname">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></body></html>'
    )
    data = render_pdf(content, html=hostile)
    assert data.startswith(b"%PDF-")
    assert b"/Subtype /Image" not in data


def test_emoji_in_quotes_are_drawn_not_left_as_empty_boxes(language, caplog):
    """Citizens write emoji; the PDF draws them with Noto Color Emoji (Debian
    fonts-noto-color-emoji, scripts/ensure-fonts.sh) rather than the .notdef box."""
    from consult.reports.renderers.pdf_report import render_pdf

    content = make_content(language)
    assert "🙏" in json.dumps(content, ensure_ascii=False) or "👍" in json.dumps(
        content, ensure_ascii=False
    )
    with caplog.at_level("WARNING", logger="weasyprint"):
        data = render_pdf(content)
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]
    assert any("NotoColorEmoji" in font.replace("-", "") for font in font_names(data))
