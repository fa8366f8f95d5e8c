from django.contrib import admin

from .models import OutboxJob


@admin.register(OutboxJob)
class OutboxJobAdmin(admin.ModelAdmin):
    list_display = ("id", "task_name", "queue", "created_at", "sent_at", "attempts")
    list_filter = ("task_name", "queue")
    readonly_fields = ("task_name", "kwargs", "queue", "sent_at", "attempts", "last_error")
