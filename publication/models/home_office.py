"""The package sent to the Home Office and what its quality assurance panel answered
(DOMAIN.md 2.7; seed 000 l.255, l.283-287; seed 001 §4.31; seed 002 (11)(e), (12)): every
source has the partnership e-mail the documents and the Home Office answer by letter, so
the CSP officer records the outcome from the letter, which is uploaded."""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import Case, StoredDocument, User

from .sign_off import SignOff


def qa_letter_upload_path(outcome, filename):
    # A random name; the letter is served only through a permission-checked view (and, once
    # the review is published, from the public pages).
    return f"qa-letters/{uuid.uuid4().hex}"


class HomeOfficeSubmission(models.Model):
    """One sending of the signed-off package to the Home Office. A review asked to resubmit
    is sent again after a fresh sign-off: `number` counts the submissions of the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveSmallIntegerField(editable=False)
    # The partnership's sign-off the package carries (DOMAIN.md 2.6 item 6).
    sign_off = models.OneToOneField(SignOff, on_delete=models.PROTECT, related_name="submission")
    sent_on = models.DateField("date sent")
    sent_how = models.CharField("how it was sent", max_length=300)
    acknowledged_on = models.DateField("date acknowledged", null=True, blank=True)
    acknowledgement = models.TextField("acknowledgement", blank=True)
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_submission_number"),
        ]

    def __str__(self):
        return f"Submission {self.number} of {self.case}"


class QaOutcome(models.Model):
    """The QA panel's answer to one submission, recorded from its letter (QA-Devon)."""

    class Outcome(models.TextChoices):
        CLEARED = "cleared", "Cleared for publication"
        CLEARED_SUBJECT_TO_CHANGES = (
            "cleared_subject_to_changes",
            "Cleared: may be published on completion of the changes asked for",
        )
        RESUBMIT = "resubmit", "Not cleared: revise and resubmit"

    submission = models.OneToOneField(
        HomeOfficeSubmission, on_delete=models.PROTECT, related_name="outcome"
    )
    qa_panel_on = models.DateField("date of the QA panel")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    letter = models.FileField(upload_to=qa_letter_upload_path, max_length=255)
    letter_stored = models.OneToOneField(
        StoredDocument, on_delete=models.PROTECT, related_name="+", editable=False
    )
    letter_received_on = models.DateField("date the letter was received")
    summary = models.TextField("what the letter says", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission"]
        verbose_name = "QA outcome"

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.submission})"

    @property
    def case_id(self) -> int:
        # dhr.uploads lists each stored document with its case, for administrators.
        return self.submission.case_id

    @property
    def clears(self) -> bool:
        return self.outcome != self.Outcome.RESUBMIT


class AreaForFinalDevelopment(models.Model):
    """One of the numbered "areas for final development" of a cleared-subject-to-changes
    letter, tracked to done with the evidence of the change (DOMAIN.md 2.7 item 3)."""

    outcome = models.ForeignKey(QaOutcome, on_delete=models.PROTECT, related_name="areas")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("what the Home Office asks")
    done_on = models.DateField("date done", null=True, blank=True)
    evidence = models.TextField("what was changed, and where", blank=True)
    done_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome", "number"]
        verbose_name = "area for final development"
        verbose_name_plural = "areas for final development"
        constraints = [
            models.UniqueConstraint(fields=["outcome", "number"], name="one_area_number"),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | ~Q(evidence=""),
                name="an_area_done_has_evidence",
            ),
        ]

    def __str__(self):
        return f"Area {self.number} ({'done' if self.done_on else 'open'})"
