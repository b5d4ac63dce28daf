from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    AccessLogEntry,
    Agency,
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    EmailDelivery,
    Notification,
    Partnership,
    PartnershipRole,
    Pause,
    Person,
    Reminder,
    ReportExtension,
    StandingPanelRecommendation,
    User,
)


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


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(SimpleHistoryAdmin):
    """Partnership roles are granted and revoked through the services, so the officers' and
    chair's case memberships and permissions follow."""

    list_display = ["user", "role", "partnership", "since"]
    list_filter = ["role", "partnership"]
    list_select_related = ["user", "partnership"]
    autocomplete_fields = ["user"]
    fields = ["partnership", "user", "role"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = services.grant_partnership_role(
            partnership=obj.partnership, user=obj.user, role=obj.role, by=request.user
        ).pk

    def delete_model(self, request, obj):
        services.revoke_partnership_role(partnership_role=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for partnership_role in queryset:
            self.delete_model(request, partnership_role)


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = [
        "role",
        "real_name",
        "aliases",
        "date_of_birth",
        "relationship_to_victim",
        "pseudonym",
    ]


class MembershipInline(admin.TabularInline):
    """Read-only here: memberships change through the services so permissions follow."""

    model = CaseMembership
    fk_name = "case"
    extra = 0
    fields = ["user", "role", "agency", "since", "granted_by", "ended_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference", "partnership", "stage", "notified_on", "decision_due_on"]
    list_filter = ["stage", "partnership"]
    list_select_related = ["partnership"]
    search_fields = ["reference", "police_reference"]
    readonly_fields = [
        "reference",
        "stage",
        "decision_due_on",
        "home_office_letter_due_on",
        "overview_report_due_on",
        "overview_report_completed_on",
        "created_at",
    ]
    inlines = [PersonInline, MembershipInline]

    def has_add_permission(self, request):
        # A case starts with a notification, recorded by the partnership in the service.
        return False

    # Guardian's object-permission pages show who holds what on the case; editing there
    # would let permissions drift from memberships, so edits are sent to memberships.
    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        return self._permissions_follow_memberships(request, object_pk)

    def obj_perms_manage_group_view(self, request, object_pk, group_id):
        return self._permissions_follow_memberships(request, object_pk)

    def _permissions_follow_memberships(self, request, object_pk):
        messages.warning(
            request,
            "Case permissions follow case memberships: add or end a membership instead.",
        )
        return redirect("admin:cases_casemembership_changelist")


@admin.register(CaseMembership)
class CaseMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["case", "user", "role", "agency", "since", "granted_by", "ended_at"]
    list_filter = ["role", "ended_at"]
    list_select_related = ["case", "user", "agency", "granted_by"]
    search_fields = ["case__reference", "user__email", "user__full_name"]
    autocomplete_fields = ["case", "user"]
    fields = ["case", "user", "role", "agency"]
    actions = ["end_memberships"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = services.grant_membership(
            case=obj.case, user=obj.user, role=obj.role, by=request.user, agency=obj.agency
        ).pk

    @admin.action(description="End the selected memberships")
    def end_memberships(self, request, queryset):
        for membership in queryset.select_related("case", "user"):
            services.revoke_membership(membership=membership, by=request.user)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["case", "role", "pseudonym"]
    list_filter = ["role"]
    list_select_related = ["case"]
    search_fields = ["case__reference", "pseudonym"]


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ["at", "case", "name", "actor"]
    list_select_related = ["case", "actor"]
    search_fields = ["case__reference", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(CaseEventAdmin):
    list_display = ["at", "case", "user", "what", "detail"]
    list_select_related = ["case", "user"]
    search_fields = ["case__reference", "user__email"]


for model in (StandingPanelRecommendation, CaseLetter, ReportExtension, Pause):
    admin.site.register(model, SimpleHistoryAdmin)


class EmailDeliveryInline(admin.TabularInline):
    model = EmailDelivery
    extra = 0
    fields = ["user", "status", "attempts", "sent_at", "last_error"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["case", "rule", "occurrence", "due_on", "created_at", "delivered_at"]
    list_filter = ["rule"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]
    readonly_fields = [
        "case",
        "rule",
        "occurrence",
        "due_on",
        "days_from_due",
        "created_at",
        "delivered_at",
    ]
    inlines = [EmailDeliveryInline]

    def has_add_permission(self, request):
        return False


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """Failed reminder e-mails show here, with the mail server's last answer."""

    list_display = ["reminder", "user", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["reminder__case", "user"]
    search_fields = ["reminder__case__reference", "user__email"]
    readonly_fields = ["reminder", "user", "status", "attempts", "sent_at", "last_error"]

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "message", "created_at", "read_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "message"]
    readonly_fields = ["user", "case", "reminder", "message", "link", "created_at", "read_at"]

    def has_add_permission(self, request):
        return False
