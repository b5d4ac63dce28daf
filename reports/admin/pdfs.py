from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import RenderedPdf


@admin.register(RenderedPdf)
class RenderedPdfAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    """View-only: renderings are asked for and made through reports.services.pdfs. The file
    is private: it is read through the service's permission-checked, logged download
    (reports:pdf_download), by members of the case; never served or linked from here."""

    exclude = ["file_name"]
    readonly_fields = ["download"]
    list_display = ["case", "document", "variant", "status", "pages", "requested_at"]
    list_filter = ["document", "variant", "status"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]

    @admin.display(description="file")
    def download(self, obj):
        if obj.status != RenderedPdf.Status.READY:
            return "-"
        return f"{obj.pages} pages, read through the case's PDFs page by members of the case"
