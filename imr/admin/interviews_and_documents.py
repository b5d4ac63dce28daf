from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import ImrDocument, ShortReport, StaffInterview


@admin.register(StaffInterview)
class StaffInterviewAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: interviews are recorded through imr.services.interviews, which holds the
    SIO/CPS gate."""

    list_display = ["imr", "job_title", "interviewed_on", "shared_on"]
    list_select_related = ["imr__case", "imr__agency"]
    search_fields = ["imr__case__reference", "imr__agency__name"]

    def case_of(self, obj):
        return obj.imr.case


@admin.register(ImrDocument)
class ImrDocumentAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: documents come in through the upload check (imr.services.documents). The
    file is private: it is read through the service's logged download
    (imr:download_document), never linked from here."""

    exclude = ["file"]
    list_display = ["imr", "kind", "description", "uploaded_at"]
    list_filter = ["kind"]
    list_select_related = ["imr__case", "imr__agency"]
    search_fields = ["imr__case__reference", "imr__agency__name"]

    def case_of(self, obj):
        return obj.imr.case


@admin.register(ShortReport)
class ShortReportAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: asked for, received and accepted through imr.services.short_reports. Its
    copy is read through the logged download (imr:short_report_copy), never linked here."""

    exclude = ["copy"]
    list_display = ["case", "professional_name", "organisation", "due_on", "received_on"]
    list_select_related = ["case"]
    search_fields = ["case__reference", "professional_name", "organisation"]
