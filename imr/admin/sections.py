from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial

from ..models import ImrComment, ImrRecommendation, ImrSections, ImrStep, ImrVersion

# View-only, every one: the sections are written, signed off, commented on and accepted
# through imr.services.sections, so each change keeps its checks and its step.


@admin.register(ImrSections)
class ImrSectionsAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["imr"]
    list_select_related = ["imr__case", "imr__agency"]
    search_fields = ["imr__case__reference", "imr__agency__name"]


@admin.register(ImrRecommendation)
class ImrRecommendationAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["imr", "owner", "target_on"]
    list_select_related = ["imr__case", "imr__agency"]
    search_fields = ["imr__case__reference", "imr__agency__name"]


@admin.register(ImrVersion)
class ImrVersionAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["imr", "number", "signed_off_by", "signed_off_at"]
    list_select_related = ["imr__case", "imr__agency", "signed_off_by"]
    search_fields = ["imr__case__reference", "imr__agency__name"]


@admin.register(ImrStep)
class ImrStepAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["imr", "kind", "by", "at"]
    list_filter = ["kind"]
    list_select_related = ["imr__case", "imr__agency", "by"]
    search_fields = ["imr__case__reference", "imr__agency__name"]


@admin.register(ImrComment)
class ImrCommentAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    list_display = ["version", "section", "by", "at", "resolved_at"]
    list_select_related = ["version__imr__case", "version__imr__agency", "by"]
    search_fields = ["version__imr__case__reference", "version__imr__agency__name"]
