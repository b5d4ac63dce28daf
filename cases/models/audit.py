"""Append-only records for auditors: events, views of restricted material, refused requests."""

from django.db import models
from django.utils import timezone

from .case import Case
from .organisations import User


class CaseEvent(models.Model):
    """A named event in the case's life (case.decision.recorded): who, when, why."""

    # PROTECT: the case's history outlives any attempt to delete the case.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.name} on {self.case}"


class AccessLogEntry(models.Model):
    """Append-only: who looked at restricted material or downloaded a document, and when.
    Views are not changes, so simple-history does not see them."""

    class What(models.TextChoices):
        PEOPLE_REGISTER = "people_register", "Viewed the people register"
        AUDIT_TRAIL = "audit_trail", "Viewed the audit trail"
        ACCESS_LOG = "access_log", "Viewed the access log"
        CASE_RECORD = "case_record", "Viewed the case record"
        DOCUMENT = "document", "Downloaded a document"
        FAMILY = "family", "Viewed the family and friends record"

    # PROTECT: the access log cannot be erased by deleting its case.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="access_log")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=20, choices=What.choices)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "access log entries"
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.user} – {self.get_what_display()} – {self.case}"


class RefusedCaseAccess(models.Model):
    """Append-only: a signed-in person asked for a case page they may not see (or a case
    that does not exist). They were shown the same 404 either way; auditors see both here."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=64, help_text="The reference asked for.")
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when no case has that reference.",
    )
    permission = models.CharField(max_length=60, help_text="The permission the page needed.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "refused case access"
        verbose_name_plural = "refused case access"
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{self.user} refused {self.reference}"
