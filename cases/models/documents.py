from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dhr.uploads import Kind, Scan

from .case import Case


class StoredDocument(models.Model):
    """A document the service keeps, listed by dhr.uploads.store_document as it is stored,
    in the same transaction as the record it belongs to: its kind (found from its content)
    and whether the virus scanner passed it or none was configured ("not scanned"), so
    administrators can see which documents were never scanned. The record (a letter, a
    Home Office letter, an IMR) points to the file; this says how it came in."""

    name = models.CharField("stored as", max_length=255, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, editable=False)
    size = models.PositiveBigIntegerField("size in bytes", editable=False)
    scan = models.CharField("virus scan", max_length=20, choices=Scan.choices, editable=False)
    stored_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-stored_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.get_scan_display().lower()})"
