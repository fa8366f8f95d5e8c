"""Admin-site building blocks shared by the apps."""

from typing import Any

from django.http import HttpRequest


class ViewOnly:
    """An admin (or inline) that shows rows but cannot add, change or delete them: for records
    that change only through their services (with their checks, history and audit)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
