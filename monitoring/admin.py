from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from .models import (
    ActionAudit,
    ActionUpdate,
    Challenge,
    ChallengeMeeting,
    ClosureAgreement,
    Dissemination,
    HomeOfficeUpdateRequest,
)

# View-only, every one: monitoring's records are evidence of what was done, checked and
# agreed, written through monitoring.services with their checks and events.


@admin.register(ActionUpdate)
class ActionUpdateAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """The evidence is private: it is read through the service's logged download
    (monitoring:evidence), never linked from here; its file's name is shown."""

    exclude = ["evidence"]
    list_display = ["case", "action", "status", "rag", "posted_at", "on_behalf_of_agency"]
    list_filter = ["status", "rag"]
    list_select_related = ["case", "action"]
    search_fields = ["case__reference"]


@admin.register(ActionAudit)
class ActionAuditAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "update", "result", "verified_on", "verified_by"]
    list_filter = ["result"]
    list_select_related = ["case", "update__action", "verified_by"]
    search_fields = ["case__reference"]


@admin.register(ClosureAgreement)
class ClosureAgreementAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "update", "agreed_on", "agreed_by"]
    list_select_related = ["case", "update__action", "agreed_by"]
    search_fields = ["case__reference"]


@admin.register(ChallengeMeeting)
class ChallengeMeetingAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "held_on", "recorded_by"]
    list_select_related = ["case", "recorded_by"]
    search_fields = ["case__reference"]


@admin.register(Challenge)
class ChallengeAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "meeting", "action"]
    list_select_related = ["case", "meeting", "action"]
    search_fields = ["case__reference"]


@admin.register(HomeOfficeUpdateRequest)
class HomeOfficeUpdateRequestAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "received_on", "answered_on"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]


@admin.register(Dissemination)
class DisseminationAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "shared_on", "learning", "audience", "decided_by"]
    list_filter = ["learning", "audience"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]
