"""Each action of the action plan, monitored to its end (DOMAIN.md 2.9 item 1; seed 000
l.276, l.420; seed 001 §4.34): its lead agency's progress updates with evidence, the CSP
officer's audit of each completed action, and the CSP chair's agreement to an action closed
without completion. An action's current status is its latest update's."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, StoredDocument, User
from reports.models import Action


def evidence_upload_path(update, filename):
    # A random name; the name the agency's file had is kept for display only.
    return f"action-evidence/{uuid.uuid4().hex}"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Closed without completion"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    progress = models.TextField("what was done")
    status = models.CharField(max_length=20, choices=Status.choices)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices)
    completed_on = models.DateField("date completed", null=True, blank=True)
    # Why an action closes without completion; the CSP chair agrees it (ClosureAgreement).
    closure_reason = models.TextField("why it closes without completion", blank=True)
    evidence = models.FileField(upload_to=evidence_upload_path, max_length=255, blank=True)
    evidence_name = models.CharField("name of the file uploaded", max_length=200, blank=True)
    stored = models.OneToOneField(
        StoredDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The CSP officer may post for the agency; the record says so (brief C item 1).
    on_behalf_of_agency = models.BooleanField(default=False)
    posted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["posted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="complete", completed_on__isnull=False)
                | (~Q(status="complete") & Q(completed_on__isnull=True)),
                name="a_complete_action_has_its_date_completed",
            ),
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(closure_reason=""))
                | (~Q(status="closed") & Q(closure_reason="")),
                name="an_action_closed_without_completion_has_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(evidence="", stored__isnull=True)
                | (~Q(evidence="") & Q(stored__isnull=False)),
                name="evidence_is_stored_with_its_update",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.get_rag_display()}): {self.action}"


class ActionAudit(models.Model):
    """The CSP officer's check of the evidence that an action is complete."""

    class Result(models.TextChoices):
        VERIFIED = "verified", "Verified"
        NOT_VERIFIED = "not_verified", "Not verified"

    # The completing update audited: a later completion needs an audit of its own.
    update = models.ForeignKey(ActionUpdate, on_delete=models.PROTECT, related_name="audits")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    verified_on = models.DateField("date the evidence was checked")
    result = models.CharField(max_length=20, choices=Result.choices)
    note = models.TextField(blank=True)
    verified_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="verified") | ~Q(note=""),
                name="an_action_not_verified_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.get_result_display()} on {self.verified_on}: {self.update.action}"

    @property
    def verified(self) -> bool:
        return self.result == self.Result.VERIFIED


class ClosureAgreement(models.Model):
    """The CSP chair's agreement that an action closes without completion (DOMAIN.md 2.9
    item 4): the chair concludes the review, so the chair agrees what it concludes without."""

    update = models.OneToOneField(
        ActionUpdate, on_delete=models.PROTECT, related_name="closure_agreement"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField()
    note = models.TextField(blank=True)
    agreed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self):
        return f"Closure agreed on {self.agreed_on}: {self.update.action}"
