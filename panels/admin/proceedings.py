from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import DocumentsForwarded, PauseCause, Proceeding


@admin.register(Proceeding)
class ProceedingAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: proceedings are recorded through panels.services.proceedings."""

    list_display = ["case", "kind", "status", "effect_on_review"]
    list_filter = ["kind", "status"]
    list_select_related = ["case"]
    search_fields = ["case__reference", "description"]


@admin.register(DocumentsForwarded)
class DocumentsForwardedAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["proceeding", "what", "forwarded_on"]
    list_select_related = ["proceeding"]

    def case_of(self, obj):
        return obj.proceeding.case


@admin.register(PauseCause)
class PauseCauseAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["pause", "proceeding"]
    list_select_related = ["pause__case", "proceeding"]

    def case_of(self, obj):
        return obj.pause.case
