from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial
from cases.models import AccessLogEntry

from ..models import AnonymisationDecision, LeakCheck


@admin.register(AnonymisationDecision)
class AnonymisationDecisionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only, evidence: decided through reports.services.anonymisation. The text is an
    identifier from the report, restricted like the register."""

    logged_as = AccessLogEntry.What.PEOPLE_REGISTER
    list_display = ["case", "kind", "decision", "decided_by", "decided_at"]
    list_filter = ["kind", "decision"]
    list_select_related = ["case", "decided_by"]
    search_fields = ["case__reference"]


@admin.register(LeakCheck)
class LeakCheckAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only, evidence: each run of the leak gate (reports.services.leak_gate). Its hits
    name registered real names."""

    logged_as = AccessLogEntry.What.PEOPLE_REGISTER
    list_display = ["pdf", "ran_by", "ran_at", "passed"]
    list_select_related = ["pdf__case", "ran_by"]
    search_fields = ["pdf__case__reference"]

    def case_of(self, obj):
        return obj.pdf.case

    @admin.display(boolean=True)
    def passed(self, obj):
        return obj.passed
