"""Refuse to start with an open-data licence nobody can look up."""

from typing import Any

from django.core.checks import Error, register

from .conf import licence_problems


@register()
def open_data_licence_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [Error(problem, id="publication.E001") for problem in licence_problems()]
