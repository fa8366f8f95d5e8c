from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent, Erasure


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_kind", "username", "action", "object_type", "object_count", "ip")
    list_filter = ("action", "actor_kind")
    search_fields = ("username", "action")
    date_hierarchy = "at"


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ("response", "reason", "erased_at")
    list_filter = ("reason",)
