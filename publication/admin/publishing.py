from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import (
    CopySent,
    FamilyForewarning,
    MediaBriefing,
    Publication,
    PublicationDate,
    PublishedFile,
    QaLetterCheck,
    ReportCopy,
    Withholding,
)

# View-only, every one: publication's records are written through
# publication.services.publishing and .copies, with their checks and events.


@admin.register(PublicationDate)
class PublicationDateAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "publish_on", "agreed_with", "recorded_at"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]


@admin.register(FamilyForewarning)
class FamilyForewarningAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "forewarned_on", "who"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]


@admin.register(MediaBriefing)
class MediaBriefingAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "briefed_on", "media_lead"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]


@admin.register(QaLetterCheck)
class QaLetterCheckAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["outcome", "is_pdf", "ran_at"]
    list_select_related = ["outcome__submission__case"]
    search_fields = ["outcome__submission__case__reference"]

    def case_of(self, obj):
        return obj.outcome.submission.case


@admin.register(Publication)
class PublicationAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "title", "published_on", "withdrawn_on"]
    list_select_related = ["case"]
    search_fields = ["case__reference", "title"]


@admin.register(PublishedFile)
class PublishedFileAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """The file is named, never linked: the public pages serve it."""

    exclude = ["file"]
    readonly_fields = ["stored_as"]
    list_display = ["publication", "kind", "size", "sha256"]
    list_select_related = ["publication__case"]
    search_fields = ["publication__case__reference"]

    def case_of(self, obj):
        return obj.publication.case

    @admin.display(description="file")
    def stored_as(self, obj):
        return obj.file.name


@admin.register(Withholding)
class WithholdingAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "decided_on", "decided_by"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]


@admin.register(CopySent)
class CopySentAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "kind", "agency", "sent_on"]
    list_filter = ["kind"]
    list_select_related = ["case", "agency"]
    search_fields = ["case__reference"]


@admin.register(ReportCopy)
class ReportCopyAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "recipient", "sent_on", "version"]
    list_select_related = ["case", "version"]
    search_fields = ["case__reference"]
