from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial
from cases.models import AccessLogEntry

from ..models import EarlyLesson, RiskToLifeEscalation, ScopingRequest


@admin.register(ScopingRequest)
class ScopingRequestAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: requests and answers are recorded through panels.services.dayone."""

    list_display = ["case", "agency", "asked_on", "answered_on", "had_contact"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "agency__name"]


@admin.register(EarlyLesson)
class EarlyLessonAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "agency", "identified_on", "forwarded_on"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference"]


@admin.register(RiskToLifeEscalation)
class RiskToLifeEscalationAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """Names who is at risk: every view is logged like a view of the people register."""

    logged_as = AccessLogEntry.What.PEOPLE_REGISTER
    list_display = ["case", "raised_at", "police_reference"]
    list_select_related = ["case"]
    search_fields = ["case__reference", "police_reference"]
