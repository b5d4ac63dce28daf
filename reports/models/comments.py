"""The panel's comments on a version of the overview report or the executive summary, per
section, threaded (DOMAIN.md 2.5 item 1; issue 11 "panel members comment per section"):
like an IMR's, a thread (a comment and its replies) is resolved as a whole, here by the
independent chair who writes the report."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import User

from .drafting import ReportVersion, sections_of


class ReportComment(models.Model):
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="comments")
    # A key of the version's document's sections (reports.models.drafting.sections_of).
    section = models.CharField(max_length=40)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField("comment")
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "at", "id"]
        verbose_name = "comment on the report"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolved_by__isnull=True, resolved_at__isnull=True)
                | models.Q(resolved_by__isnull=False, resolved_at__isnull=False),
                name="report_comment_resolved_by_someone_at_a_time",
            ),
            # Only a thread is resolved, not a reply within it.
            models.CheckConstraint(
                condition=models.Q(reply_to__isnull=True) | models.Q(resolved_at__isnull=True),
                name="report_comment_only_threads_resolved",
            ),
        ]

    def __str__(self):
        return f"Comment on {self.section_title} of {self.version}"

    @property
    def case(self):
        return self.version.case

    @property
    def section_title(self) -> str:
        titles = {section.key: section.title for section in sections_of(self.version.document)}
        return titles.get(self.section, self.section)

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
