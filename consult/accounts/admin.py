from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Department, Organisation, User
from .organisations.services import organisation_verify


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ja", "name_en")
    search_fields = ("code", "name_ja", "name_en")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "department", "is_staff", "is_superuser")
    list_filter = ("department", "is_staff", "is_superuser")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("consult", {"fields": ("department",)}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "verified_at", "rejected_at")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    # Verification goes through the audited service (the action below or /staff/organisations/).
    readonly_fields = ("verified_at", "verified_by", "rejected_at", "rejection_reason")
    actions = ("verify",)

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        for organisation in queryset:
            organisation_verify(organisation=organisation, by=request.user, request=request)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "prefix",
        "user",
        "organisation",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    readonly_fields = ("prefix", "key_hash", "last_used_at")
    list_filter = ("organisation",)
