from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import DraftSection, ReportComment, ReportVersion

# View-only, every one: the drafts are written, fixed as versions and commented on through
# reports.services.drafting, so each change keeps its checks; a version is evidence of what
# the panel read and agreed, and is never changed.


@admin.register(DraftSection)
class DraftSectionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "document", "key", "updated_by", "updated_at"]
    list_filter = ["document"]
    list_select_related = ["case", "updated_by"]
    search_fields = ["case__reference"]


@admin.register(ReportVersion)
class ReportVersionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["case", "document", "number", "made_by", "made_at"]
    list_filter = ["document"]
    list_select_related = ["case", "made_by"]
    search_fields = ["case__reference"]


@admin.register(ReportComment)
class ReportCommentAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["version", "section", "by", "at", "resolved_at"]
    list_select_related = ["version__case", "by"]
    search_fields = ["version__case__reference"]
