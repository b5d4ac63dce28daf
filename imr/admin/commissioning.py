from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import CommissioningLetter, DueDateChange


class ImrPartAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: letters are sent and due dates moved through the service, so each keeps
    its checks, its messages and its place in the timeline."""

    list_select_related = ["imr__case", "imr__agency"]
    search_fields = ["imr__case__reference", "imr__agency__name"]

    def case_of(self, obj):
        return obj.imr.case


@admin.register(CommissioningLetter)
class CommissioningLetterAdmin(ImrPartAdmin):
    """The letter's PDF is read through the service's logged download (imr:letter)."""

    list_display = ["imr", "sent_to", "sent_at", "due_on"]


@admin.register(DueDateChange)
class DueDateChangeAdmin(ImrPartAdmin):
    list_display = ["imr", "from_date", "to_date", "changed_at"]
