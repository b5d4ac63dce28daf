from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import AgencyDeclined, PanelMember


@admin.register(PanelMember)
class PanelMemberAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """Read-only: panels.services.panel adds members and records them leaving."""

    list_display = ["name", "agency", "case", "sector", "joined_on", "left_on"]
    list_filter = ["sector", "left_on"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "name", "agency__name"]


@admin.register(AgencyDeclined)
class AgencyDeclinedAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["agency", "case", "declined_on", "home_office_told_on"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "agency__name"]
