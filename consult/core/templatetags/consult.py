from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from consult.core.i18n import localized
from consult.core.markdown import render_markdown

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ consultation|tr:"title" }}`: the field in the active language."""
    return localized(obj, field)


@register.filter
def markdown(text: str) -> SafeString:
    """Render sanitised markdown."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag(takes_context=True)
def tr_md(context: dict[str, Any], obj: Any, field: str) -> SafeString:
    """Markdown field in the active language, sanitised."""
    return mark_safe(render_markdown(localized(obj, field)))  # noqa: S308 - sanitised by nh3
