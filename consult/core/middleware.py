from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .i18n import CONTENT_LANGUAGES


class QueryLanguageMiddleware:
    """`?lang=en` / `?lang=ja` overrides the negotiated language for one request (API clients,
    shared links). Placed after LocaleMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if lang in CONTENT_LANGUAGES:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)
