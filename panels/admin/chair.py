from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import ChairAppointment


@admin.register(ChairAppointment)
class ChairAppointmentAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """Read-only: panels.services.chair appoints and changes chairs."""

    list_display = ["case", "chair", "appointed_on", "appointed_by", "ended_at"]
    list_select_related = ["case", "membership__user", "appointed_by"]
    search_fields = ["case__reference", "membership__user__full_name"]
