from collections.abc import Callable
from typing import Any

import pytest

from tests.reports.renderers.sample_content import make_coded_rows, make_content

CODED_ROWS = 40

Rendered = dict[str, tuple[str, bytes]]


@pytest.fixture(scope="session")
def rendered() -> Callable[[str], Rendered]:
    """render_all's output for the sample document in a language, rendered once per session."""
    from consult.reports.renderers import render_all

    cache: dict[str, Rendered] = {}

    def get(language: str) -> Rendered:
        if language not in cache:
            content = make_content(language)
            cache[language] = render_all(
                content, coded_rows=make_coded_rows(CODED_ROWS, language=language)
            )
        return cache[language]

    return get


@pytest.fixture(params=["ja", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def content(language: str) -> dict[str, Any]:
    return make_content(language)
