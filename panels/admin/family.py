"""Admin pages of the family and friends record: read-only (the services own it), every
view logged to the case's access log, and no one's words in a list. A contribution's
text is on its own page only, labelled private or publishable."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import LogsViewsOfCaseMaterial
from cases.models import AccessLogEntry

from ..models import (
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    PseudonymChoice,
    Tribute,
)


class FamilyRecordAdmin(LogsViewsOfCaseMaterial, SimpleHistoryAdmin):
    logged_as = AccessLogEntry.What.FAMILY
    list_select_related = ["case"]
    search_fields = ["case__reference"]


@admin.register(FamilyAdvocate)
class FamilyAdvocateAdmin(FamilyRecordAdmin):
    list_display = ["case", "named_on", "replaced_on"]


@admin.register(NetworkMember)
class NetworkMemberAdmin(FamilyRecordAdmin):
    list_display = ["case", "network", "connection"]
    list_filter = ["network", "connection"]


@admin.register(InvolvementDecision)
class InvolvementDecisionAdmin(FamilyRecordAdmin):
    # The reason (honour-based abuse, say) stays on the record's own page.
    list_display = ["case", "kind", "decided_on"]


@admin.register(FirstContact)
class FirstContactAdmin(FamilyRecordAdmin):
    list_display = ["case", "contacted_on", "in_person"]


@admin.register(ContactLogEntry)
class ContactLogEntryAdmin(FamilyRecordAdmin):
    list_display = ["case", "contacted_on", "kind", "method"]


@admin.register(Contribution)
class ContributionAdmin(FamilyRecordAdmin):
    list_display = ["case", "received_on"]
    exclude = ["content"]
    readonly_fields = ["labelled_content"]

    @admin.display(description="What they told the review")
    def labelled_content(self, contribution: Contribution) -> str:
        return f"[{contribution.get_visibility_display()}] {contribution.content}"


@admin.register(PseudonymChoice)
class PseudonymChoiceAdmin(FamilyRecordAdmin):
    list_display = ["case", "chosen_on"]


@admin.register(Tribute)
class TributeAdmin(FamilyRecordAdmin):
    list_display = ["case", "agreed_for_publication"]
