from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import Imr


@admin.register(Imr)
class ImrAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: commissioning, sign-off and acceptance are the workflow's, through the
    service, so each keeps its checks and its place in the timeline."""

    list_display = ["case", "agency", "status", "due_on"]
    list_filter = ["status"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "agency__name"]
