from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Department, User


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ja", "name_en")
    search_fields = ("code", "name_ja", "name_en")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "department", "is_staff", "is_superuser")
    list_filter = ("department", "is_staff", "is_superuser")
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("consult", {"fields": ("department",)}))
