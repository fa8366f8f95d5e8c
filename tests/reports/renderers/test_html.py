import copy
import html
import re
from html.parser import HTMLParser

from django.utils import translation
from django.utils.translation import gettext

from consult.reports.renderers import render_html
from tests.reports.renderers.sample_content import make_content


class Page(HTMLParser):
    """Collects the attributes that can load something, the tags seen and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.suppressed: list[str] = []
        self._in_suppressed = 0
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        found = dict(attrs)
        self.urls += [v or "" for k, v in attrs if k in {"src", "href", "srcset", "action"}]
        if tag == "img":
            self.images.append(found)
        if "suppressed" in (found.get("class") or "").split():
            self._in_suppressed += 1

    def handle_endtag(self, tag):
        if self._in_suppressed and tag in {"td", "span"}:
            self._in_suppressed -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._in_suppressed and data.strip():
            self.suppressed.append(data.strip())


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    return page


def test_html_loads_nothing_from_outside(rendered, language):
    name, data = rendered(language)["html"]
    assert name == f"facial-recognition-report-{language}.html"
    page = parse(data)
    assert page.urls
    assert all(url.startswith(("#", "data:image/svg+xml;base64,")) for url in page.urls)
    assert not page.tags & {"script", "link", "iframe", "object", "embed"}
    styles = re.findall(r"<style>(.*?)</style>", data.decode(), flags=re.S)
    assert len(styles) == 1
    assert "url(" not in styles[0]
    assert "@import" not in styles[0]
    # What respondents wrote is shown as text, never as markup.
    assert b"<script>alert" not in data
    assert b"&lt;script&gt;alert" in data


def test_suppressed_cells_show_the_threshold_with_a_footnote(rendered, language):
    data = rendered(language)["html"][1]
    page = parse(data)
    assert page.suppressed
    assert set(page.suppressed) == {"<5"}
    text = "".join(page.text)
    assert "<5:" in text  # the footnote


def test_another_threshold_shows_its_own_marker():
    content = make_content("en", min_cell=10)
    page = parse(render_html(content))
    assert set(page.suppressed) == {"<10"}
    assert "<10: fewer than 10 responses" in "".join(page.text)


def test_headings_and_labels_are_in_the_report_language(rendered, language):
    page = parse(rendered(language)["html"][1])
    text = html.unescape("".join(page.text))
    with translation.override(language):
        for msgid in (
            "Headline figures",
            "Questions",
            "Campaigns",
            "Methodology",
            "Summary of opinions and the government's view",
        ):
            assert gettext(msgid) in text
    content = make_content(language)
    assert content["consultation"]["title"] in text
    assert content["egov_table"][0]["summary"] in text
    assert f'<html lang="{language}">' in rendered(language)["html"][1].decode()


def test_charts_are_inline_svg_with_text_alternatives(rendered):
    page = parse(rendered("ja")["html"][1])
    charts = [image for image in page.images if "chart" in (image.get("class") or "")]
    assert len(charts) >= 4
    assert all((image.get("alt") or "").count(":") >= 2 for image in charts)
    assert any("<5" in (image.get("alt") or "") for image in charts)


def test_empty_sections_render_their_empty_state():
    content = copy.deepcopy(make_content("en"))
    content.update(campaigns=[], organisations=[], egov_table=[], clauses=[])
    text = html.unescape("".join(parse(render_html(content)).text))
    assert "No campaigns." in text
    assert "No organisation responded." in text
    assert "Comments on clauses" not in text
