from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from . import rules, services
from .models import (
    AccessLogEntry,
    Agency,
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    Decision,
    EmailDelivery,
    FamilyLetterNotSent,
    Message,
    Partnership,
    PartnershipRole,
    Pause,
    Person,
    RefusedCaseAccess,
    Reminder,
    Reopening,
    ReportExtension,
    StandingPanelRecommendation,
    StoredDocument,
    Transfer,
    User,
)


class VersionsAreReadOnly:
    """simple-history's page of one past version is a form that saves whatever is posted
    to it, whatever the admin's own permissions and SIMPLE_HISTORY_REVERT_DISABLED, and
    shows the version in editable widgets. Here it only shows: every change goes through
    the change form or the services, with their checks."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        request.showing_a_past_version = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not getattr(request, "showing_a_past_version", False):
            return readonly
        # The password stays in its own widget, which shows a summary and never the hash.
        kept = {*(self.exclude or ()), *readonly, "password"}
        opts = self.model._meta
        return readonly + [
            field.name
            for field in [*opts.fields, *opts.many_to_many]
            if field.editable and field.name not in kept
        ]


class ViewOnlyAdmin(VersionsAreReadOnly):
    """Case material is written by the service's workflow and services only: the admin
    shows it and never adds, changes or deletes it (DESIGN §5)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LogsViewsOfCaseMaterial(ViewOnlyAdmin):
    """Administrators' views of case material go into the case's access log, as the
    service's own views do. `logged_as` says what the page shows."""

    logged_as = AccessLogEntry.What.CASE_RECORD

    def case_of(self, obj) -> Case:
        return obj.case

    def _log_view(self, request, object_id, page: str) -> None:
        obj = self.get_object(request, object_id)
        if obj is not None:
            services.log_access(
                case=self.case_of(obj),
                user=request.user,
                what=self.logged_as,
                detail=f"in the admin: {page} of {self.model._meta.verbose_name} {obj.pk}",
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._log_view(request, object_id, "record")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._log_view(request, object_id, "history")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._log_view(request, object_id, f"version {version_id}")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Partnership)
class PartnershipAdmin(VersionsAreReadOnly, SimpleHistoryAdmin):
    list_display = ["name", "code", "local_authority_area"]
    search_fields = ["name", "code", "local_authority_area"]


@admin.register(Agency)
class AgencyAdmin(VersionsAreReadOnly, SimpleHistoryAdmin):
    list_display = ["name", "kind", "sector"]
    list_filter = ["kind", "sector"]
    search_fields = ["name"]


class PasswordHashWidget(ReadOnlyPasswordHashWidget):
    """Links to the password page by its address: Django's relative "../password/" is
    right on the change page only, and from a history version page it leads to a version
    called "password". It points no aria-describedby at the help text, which the admin
    renders without an id for a widget that has no label target (Django ticket #31617)."""

    password_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("aria-describedby", None)
        return {**context, "password_url": self.password_url}


class UserForm(UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (password := self.fields.get("password")) and self.instance.pk:
            password.widget = PasswordHashWidget()
            # Django names the page after auth.User whatever the user model.
            password.widget.password_url = reverse(
                "admin:auth_user_password_change", args=[self.instance.pk]
            )


@admin.register(User)
class UserAdmin(VersionsAreReadOnly, SimpleHistoryAdmin, DjangoUserAdmin):
    form = UserForm
    # Plain labelled multiple selects: Django's two-box filter widget puts an aria-label
    # on a <span>, which ARIA prohibits (axe aria-prohibited-attr).
    filter_horizontal = []
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

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser makes administrators or hands out model-wide permissions.
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: the audit trail and access log keep the person's name.
        return False


class GroupAdmin(DjangoGroupAdmin):
    # A plain labelled multiple select, as on the user form (UserAdmin), for the same reason.
    filter_horizontal = []


admin.site.unregister(Group)
admin.site.register(Group, GroupAdmin)


class PartnershipRoleForm(forms.ModelForm):
    class Meta:
        model = PartnershipRole
        fields = ["partnership", "user", "role"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        refusal = rules.partnership_role_refusal(
            partnership=cleaned["partnership"], user=cleaned["user"], actor=self.actor
        )
        if refusal:
            self.add_error(refusal.field, refusal.message)
        return cleaned


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(VersionsAreReadOnly, SimpleHistoryAdmin):
    """Partnership roles are granted and revoked through the services, so the officers' and
    chair's case memberships and permissions follow."""

    list_display = ["user", "role", "partnership", "since"]
    list_filter = ["role", "partnership"]
    list_select_related = ["user", "partnership"]
    # A plain labelled select, as for memberships (CaseMembershipAdmin).
    form = PartnershipRoleForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

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


class PersonInline(admin.StackedInline):
    """Stacked, so each real name and date of birth sits next to its label, not under a
    column heading a screen reader does not announce with it. View-only, like the register."""

    model = Person
    extra = 0
    can_delete = False
    fieldsets = [
        (
            "Identity",
            {
                "fields": [
                    "role",
                    "real_name",
                    "aliases",
                    "date_of_birth",
                    "relationship_to_victim",
                    "pseudonym",
                ]
            },
        )
    ]
    readonly_fields = fieldsets[0][1]["fields"]

    def has_add_permission(self, request, obj=None):
        return False


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
class CaseAdmin(LogsViewsOfCaseMaterial, GuardedModelAdminMixin, SimpleHistoryAdmin):
    """View-only: the stage, decisions, clocks and partnership belong to the workflow, and a
    case is never deleted (its events and access log outlive it)."""

    # The record page lists the people register with real names.
    logged_as = AccessLogEntry.What.PEOPLE_REGISTER
    list_display = ["reference", "partnership", "stage", "notified_on", "decision_due_on"]
    list_filter = ["stage", "partnership"]
    list_select_related = ["partnership"]
    search_fields = ["reference", "police_reference"]
    inlines = [PersonInline, MembershipInline]
    view_on_site = False  # the site's shortcut is gone (dhr.admin); case pages need membership

    def case_of(self, obj):
        return obj

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


class CaseMembershipForm(forms.ModelForm):
    class Meta:
        model = CaseMembership
        fields = ["case", "user", "role", "agency"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        refusal = rules.grant_refusal(
            actor=self.actor,
            case=cleaned["case"],
            user=cleaned["user"],
            role=cleaned["role"],
            agency=cleaned.get("agency"),
        )
        if refusal:
            self.add_error(
                refusal.field if refusal.field in self.fields else "user", refusal.message
            )
        return cleaned


@admin.register(CaseMembership)
class CaseMembershipAdmin(VersionsAreReadOnly, SimpleHistoryAdmin):
    """Administrators add and end memberships by the same rule as the members page
    (cases.rules): they may give what a partnership's officer may."""

    list_display = ["case", "user", "role", "agency", "since", "granted_by", "ended_at"]
    list_filter = ["role", "ended_at"]
    list_select_related = ["case", "user", "agency", "granted_by"]
    search_fields = ["case__reference", "user__email", "user__full_name"]
    # Plain labelled selects (they find an option by typing, too): the autocomplete widget
    # (select2) gives its combobox no accessible name and sets inline styles the CSP blocks.
    form = CaseMembershipForm
    actions = ["end_memberships"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

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
            try:
                services.end_membership(membership=membership, by=request.user)
            except services.CaseActionRefused as error:
                self.message_user(request, f"{membership}: {error.message}", messages.ERROR)


@admin.register(Person)
class PersonAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only, and every view logged: the register holds real names. Corrections go
    through the service's people register, with its audit trail."""

    logged_as = AccessLogEntry.What.PEOPLE_REGISTER
    list_display = ["case", "role", "pseudonym"]
    list_filter = ["role"]
    list_select_related = ["case"]
    search_fields = ["case__reference", "pseudonym"]


@admin.register(CaseEvent)
class CaseEventAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "case", "name", "actor"]
    list_select_related = ["case", "actor"]
    search_fields = ["case__reference", "name"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(CaseEventAdmin):
    list_display = ["at", "case", "user", "what", "detail"]
    list_select_related = ["case", "user"]
    search_fields = ["case__reference", "user__email"]


@admin.register(RefusedCaseAccess)
class RefusedCaseAccessAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """Requests for case pages answered 404: someone probing references, or a person
    whose access has ended."""

    list_display = ["at", "user", "reference", "case", "permission"]
    list_select_related = ["user", "case"]
    search_fields = ["reference", "user__email"]


class DownloadsItsCopy(LogsViewsOfCaseMaterial):
    """Copies of letters are private files: the page links to a logged download, checked
    like the service's own (cases:letter_copy, cases:reopening_copy), never to the file's
    storage address, which answers 404."""

    exclude = ["copy"]
    readonly_fields = ["copy_download"]

    def get_urls(self):
        opts = self.model._meta
        download = path(
            "<id:object_id>/copy/",
            self.admin_site.admin_view(self.copy_view),
            name=f"{opts.app_label}_{opts.model_name}_copy",
        )
        return [download, *super().get_urls()]

    @admin.display(description="Copy")
    def copy_download(self, obj):
        if not obj.copy:
            return "None"
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_copy", args=[obj.pk])
        return format_html('<a href="{}" download>Download {}</a>', url, obj.copy_name)

    def copy_view(self, request, object_id):
        obj = get_object_or_404(self.model.objects.select_related("case"), pk=object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        if not obj.copy:
            raise Http404("No copy was kept.")
        services.log_access(
            case=obj.case,
            user=request.user,
            what=AccessLogEntry.What.DOCUMENT,
            detail=f"in the admin: {obj}",
        )
        return FileResponse(
            obj.copy.open("rb"),
            as_attachment=True,
            filename=obj.copy_name,
            content_type="application/pdf",
        )


@admin.register(StoredDocument)
class StoredDocumentAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """Every stored document and whether the virus scanner passed it: "not scanned" ones
    came in while no scanner was configured (dhr.uploads). It names files, never opens them;
    each is downloaded from its record's page."""

    list_display = ["name", "case", "scan", "kind", "stored_at"]
    list_filter = ["scan", "kind"]
    list_select_related = ["case"]
    search_fields = ["name", "case__reference"]
    readonly_fields = [*list_display, "size"]


@admin.register(CaseLetter)
class CaseLetterAdmin(DownloadsItsCopy, SimpleHistoryAdmin):
    pass


@admin.register(Reopening)
class ReopeningAdmin(DownloadsItsCopy, SimpleHistoryAdmin):
    """The Home Office's letter or direction that reopened the case, when a copy was kept."""


@admin.register(
    StandingPanelRecommendation,
    Decision,
    Transfer,
    FamilyLetterNotSent,
    ReportExtension,
    Pause,
)
class CaseRecordAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    pass


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["user", "text", "created_at", "read_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(ViewOnlyAdmin, admin.ModelAdmin):
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
        "claimed_at",
        "delivered_at",
    ]
    inlines = [MessageInline]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """Failed e-mails show here, with the mail server's last answer."""

    list_display = ["message", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["message__case", "message__user"]
    search_fields = ["message__case__reference", "message__user__email", "mail_message_id"]
    readonly_fields = ["message", "mail_message_id", "status", "attempts", "sent_at", "last_error"]


@admin.register(Message)
class MessageAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ["user", "text", "created_at", "read_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "text"]
    readonly_fields = ["user", "case", "reminder", "text", "link", "created_at", "read_at"]


# Second factors. An administrator may remove a lost device (its owner then sets up a new
# one at the next sign-in) but never adds one or reads its secret: either would let them
# stand in for the person.
class DeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__full_name"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)
    admin.site.register(device_model, DeviceAdmin)
