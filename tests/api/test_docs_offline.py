"""The API reference pages work without the internet and call no third party."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_reference_pages_load_everything_from_this_site(path):
    r = Client().get(path)
    assert r.status_code == 200
    page = r.content.decode()
    assert "googleapis" not in page and "gstatic" not in page
    links = [a or b for a, b in URL.findall(page)]
    assert links, "the page loads its viewer from somewhere"
    for link in links:
        assert not re.match(r"^(?:[a-z]+:)?//", link), f"{path} loads {link} from another host"
    scripts = [link for link in links if link.endswith(".js")]
    assert scripts and all(finders.find(s.split("/static/", 1)[1]) for s in scripts)
