from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import (
    Action,
    ActionAgreement,
    ContributorConfirmation,
    FamilyViewing,
    PanelAgreement,
    Recommendation,
)

# View-only, every one: the action plan and the checks before sign-off are evidence of what
# was agreed and when, written through reports.services with their checks and events.


@admin.register(Recommendation)
class RecommendationAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "number", "level", "agency"]
    list_filter = ["level"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "agency__name"]


@admin.register(Action)
class ActionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["recommendation", "lead_agency", "owner", "target_on", "scope"]
    list_filter = ["scope"]
    list_select_related = ["recommendation__case", "lead_agency"]
    search_fields = ["recommendation__case__reference", "lead_agency__name"]

    def case_of(self, obj):
        return obj.recommendation.case


@admin.register(ActionAgreement)
class ActionAgreementAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "agency", "agreed_by_name", "agreed_on", "agreed_in_service"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "agency__name"]


@admin.register(ContributorConfirmation)
class ContributorConfirmationAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "agency", "individual", "asked_on", "confirmed_on"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference", "agency__name", "individual"]


@admin.register(PanelAgreement)
class PanelAgreementAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "agreed_on", "recorded_by"]
    list_select_related = ["case", "recorded_by"]
    search_fields = ["case__reference"]


@admin.register(FamilyViewing)
class FamilyViewingAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "kind", "shown_on", "response"]
    list_filter = ["kind", "response"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]
