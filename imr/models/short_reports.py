"""Short reports (DOMAIN.md 2.4 item 9; seed 000 l.230, l.345; seed 002 (9)(g)): a GP or
another professional outside the IMR process writes a short report for the independent
chair, who asks for it by a date and accepts it once it is in."""

import uuid

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from cases.models import Case, StoredDocument, User


def short_report_upload_path(report, filename):
    # A random name; the name the sender's file had is kept for display only.
    return f"short-reports/{uuid.uuid4().hex}"


class ShortReport(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="short_reports")
    professional_name = models.CharField("professional's name", max_length=200)
    professional_role = models.CharField("professional's role", max_length=200)
    organisation = models.CharField(
        max_length=200, help_text="For example: Riverside Medical Practice"
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField("date requested")
    due_on = models.DateField("due date")
    received_on = models.DateField("date received", null=True, blank=True)
    text = models.TextField("the report", blank=True)
    copy = models.FileField(upload_to=short_report_upload_path, max_length=255, blank=True)
    copy_name = models.CharField(max_length=200, blank=True, editable=False)
    stored = models.OneToOneField(
        StoredDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    received_recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gt=F("requested_on")),
                name="short_report_due_after_requested",
            ),
            # Received means the report is here, as text or a copy, on a recorded date.
            models.CheckConstraint(
                condition=Q(received_on__isnull=True, text="", copy="")
                | (Q(received_on__isnull=False) & (~Q(text="") | ~Q(copy=""))),
                name="short_report_received_whole",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(received_on__isnull=False),
                name="short_report_accepted_once_received",
            ),
        ]

    def __str__(self):
        return f"Short report from {self.professional_name}, {self.organisation}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "Accepted"
        if self.received_on:
            return "Received, waiting for the chair's acceptance"
        return "Requested"

    @property
    def is_received(self) -> bool:
        return self.received_on is not None

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def is_overdue(self, on) -> bool:
        return not self.is_received and self.due_on < on
