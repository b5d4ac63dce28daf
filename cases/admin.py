from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agency, Partnership, User


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "local_authority_area"]
    search_fields = ["name", "code", "local_authority_area"]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "sector"]
    list_filter = ["kind", "sector"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "job_title", "organisation", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "partnership", "agency"]
    list_select_related = ["partnership", "agency"]
    search_fields = ["email", "full_name", "job_title"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title"]}),
        ("Organisation", {"fields": ["partnership", "agency", "other_organisation"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "password1", "password2"],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]
