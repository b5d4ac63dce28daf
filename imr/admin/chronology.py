from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import ChronologyEntry, CombinedChronology


@admin.register(ChronologyEntry)
class ChronologyEntryAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: entries are the agency author's, written through the service while the
    IMR is theirs to change."""

    list_display = ["imr", "occurred_on", "precision", "dash_level", "referred_to_marac"]
    list_filter = ["precision", "dash_level"]
    list_select_related = ["imr__case", "imr__agency"]
    search_fields = ["imr__case__reference", "imr__agency__name"]

    def case_of(self, obj):
        return obj.imr.case


@admin.register(CombinedChronology)
class CombinedChronologyAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: compiling and sending are the chair's recorded acts, through the service."""

    list_display = ["case", "compiled_at", "sent_on"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]
