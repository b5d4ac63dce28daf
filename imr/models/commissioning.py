"""What commissioning leaves on record besides the IMR itself: the commissioning letter as
it was sent, and each change of the due date with its reason (DOMAIN.md 2.4 item 1)."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import User
from panels.models import TermsOfReferenceVersion

from .imr import Imr


class CommissioningLetter(models.Model):
    """The letter to the agency's senior manager (seed 000 l.335; seed 001 §4.16): the
    terms of reference it carried and the due date it gave, as they were when it was sent,
    so the letter downloaded later is the letter sent even after the terms or the date
    changed."""

    imr = models.ForeignKey(Imr, on_delete=models.PROTECT, related_name="letters")
    terms = models.ForeignKey(
        TermsOfReferenceVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="terms of reference version",
    )
    due_on = models.DateField("due date given")
    sent_to = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["imr", "-sent_at", "-id"]
        get_latest_by = ["sent_at", "id"]

    def __str__(self):
        return f"Commissioning letter to {self.imr.agency}, {timezone.localdate(self.sent_at)}"


class DueDateChange(models.Model):
    """The chair moved the IMR's due date, and why (an agency asked for more time, say)."""

    imr = models.ForeignKey(Imr, on_delete=models.PROTECT, related_name="due_date_changes")
    from_date = models.DateField("due date before")
    to_date = models.DateField("new due date")
    reason = models.TextField()
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["imr", "changed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_date=models.F("to_date")),
                name="imr_due_date_change_changes_it",
                violation_error_message="The new due date is the same as the old one.",
            )
        ]

    def __str__(self):
        return f"{self.imr.agency} IMR due date moved to {self.to_date}"
