from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import TermsOfReferenceVersion


@admin.register(TermsOfReferenceVersion)
class TermsOfReferenceVersionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: versions are drafted and agreed through panels.services.terms."""

    list_display = ["case", "number", "drafted_by", "drafted_at", "agreed_on"]
    list_select_related = ["case", "drafted_by"]
    search_fields = ["case__reference"]
