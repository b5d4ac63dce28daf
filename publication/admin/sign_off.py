from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import (
    AreaForFinalDevelopment,
    FamilyToldOfQa,
    HomeOfficeSubmission,
    PackageFile,
    QaOutcome,
    SignOff,
)

# View-only, every one: the sign-off, the submission and the QA answer are evidence of what
# was agreed, sent and answered, written through publication.services with their checks,
# guards and events. Their files are private: read through the service's logged downloads
# (publication:package_file, publication:qa_letter), never linked from here.


@admin.register(SignOff)
class SignOffAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "round", "meeting", "met_on", "recorded_by"]
    list_select_related = ["case", "recorded_by"]
    search_fields = ["case__reference", "meeting"]


@admin.register(HomeOfficeSubmission)
class HomeOfficeSubmissionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "number", "sent_on", "acknowledged_on", "sent_by"]
    list_select_related = ["case", "sent_by"]
    search_fields = ["case__reference"]


@admin.register(PackageFile)
class PackageFileAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    exclude = ["upload"]
    list_display = ["submission", "document", "file_name", "sha256"]
    list_filter = ["document"]
    list_select_related = ["submission__case"]
    search_fields = ["submission__case__reference"]

    def case_of(self, obj):
        return obj.submission.case


@admin.register(QaOutcome)
class QaOutcomeAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    exclude = ["letter"]
    list_display = ["submission", "outcome", "qa_panel_on", "letter_received_on"]
    list_filter = ["outcome"]
    list_select_related = ["submission__case"]
    search_fields = ["submission__case__reference"]

    def case_of(self, obj):
        return obj.submission.case


@admin.register(AreaForFinalDevelopment)
class AreaForFinalDevelopmentAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["outcome", "number", "done_on", "done_by"]
    list_select_related = ["outcome__submission__case", "done_by"]
    search_fields = ["outcome__submission__case__reference"]

    def case_of(self, obj):
        return obj.outcome.submission.case


@admin.register(FamilyToldOfQa)
class FamilyToldOfQaAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["outcome", "told_on", "how"]
    list_select_related = ["outcome__submission__case"]
    search_fields = ["outcome__submission__case__reference"]

    def case_of(self, obj):
        return obj.outcome.submission.case
