from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import Meeting, MeetingAttendee, MeetingOutcome


@admin.register(Meeting)
class MeetingAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only. The minutes' copy is a private file: it is read through the service's
    logged download (panels:minutes_copy), never linked from here."""

    exclude = ["minutes_copy"]
    list_display = ["case", "kind", "starts_at", "venue"]
    list_filter = ["kind"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]


class MeetingPartAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_select_related = ["meeting__case"]
    search_fields = ["meeting__case__reference"]

    def case_of(self, obj):
        return obj.meeting.case


@admin.register(MeetingAttendee)
class MeetingAttendeeAdmin(MeetingPartAdmin):
    list_display = ["meeting", "name", "attendance"]


@admin.register(MeetingOutcome)
class MeetingOutcomeAdmin(MeetingPartAdmin):
    list_display = ["meeting", "kind", "owner", "due_on"]
