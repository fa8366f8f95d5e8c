"""Every label the renderers translate has a Japanese translation, in the project catalogue or in
the renderers' catalogue fragment (consult/reports/renderers/translations-ja.po) waiting to be
merged into it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "templates" / "reports" / "render"
PACKAGE = ROOT / "consult" / "reports" / "renderers"
CATALOGUES = (ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po", PACKAGE / "translations-ja.po")


def template_msgids() -> set[str]:
    found: set[str] = set()
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'{% translate "([^"]+)" %}', text))
        found |= set(re.findall(r'_\("([^"]+)"\)', text))
        for block in re.findall(
            r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text, re.S
        ):
            singular = block.split("{% plural %}")[0]  # a plural's msgid is its singular
            found.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", " ".join(singular.split())))
    return found


def python_msgids() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        for call in re.findall(r'_\(\s*((?:"[^"]*"\s*)+)\)', path.read_text(encoding="utf-8")):
            found.add("".join(re.findall(r'"([^"]*)"', call)))
    return found


def translated() -> dict[str, str]:
    entries: dict[str, str] = {}
    for path in CATALOGUES:
        text = path.read_text(encoding="utf-8")
        pattern = r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n)+)'
        for msgid, msgstr in re.findall(pattern, text, re.M):
            key = "".join(re.findall(r'"(.*)"', msgid)).replace('\\"', '"')
            value = "".join(re.findall(r'"(.*)"', msgstr))
            if key and value:
                entries.setdefault(key, value)
    return entries


def test_every_renderer_label_has_a_japanese_translation():
    wanted = template_msgids() | python_msgids()
    assert "Headline figures" in wanted
    assert "Clause %(number)s" in wanted
    missing = sorted(wanted - set(translated()))
    assert missing == []
