from django.contrib import admin

from .models import ModerationReason


@admin.register(ModerationReason)
class ModerationReasonAdmin(admin.ModelAdmin):
    list_display = ("code", "label_ja", "label_en", "active", "position")
    list_editable = ("active", "position")
    search_fields = ("code", "label_ja", "label_en")
