"""Documents an agency adds to its IMR (issue 10, "Uploads"): supporting documents, or the
whole IMR written elsewhere. Each comes in through dhr.uploads and is listed as a
StoredDocument, which says whether the virus scanner passed it; IMRs are never published
(DOMAIN.md 2.4 item 11), so none of these is ever served but through the logged download."""

import uuid

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import StoredDocument, User

from .imr import Imr


def imr_document_upload_path(document, filename):
    # A random name; the name the author's file had is kept for display only.
    return f"imr-documents/{uuid.uuid4().hex}"


class ImrDocument(models.Model):
    class Kind(models.TextChoices):
        WHOLE_IMR = "whole_imr", "The whole IMR, written outside the service"
        SUPPORTING = "supporting", "A supporting document"

    imr = models.ForeignKey(Imr, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("what it is", max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300)
    file = models.FileField(upload_to=imr_document_upload_path, max_length=255)
    file_name = models.CharField("name of the file uploaded", max_length=200)
    stored = models.OneToOneField(
        StoredDocument, on_delete=models.PROTECT, related_name="+", editable=False
    )
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "IMR document"

    def __str__(self):
        return f"{self.description} ({self.file_name})"

    @property
    def case_id(self) -> int:
        # dhr.uploads lists each stored document with its case, for administrators.
        return self.imr.case_id
