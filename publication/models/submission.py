"""What a Home Office submission held, file by file, and the family told of what the Home
Office answered (DOMAIN.md 2.7 items 1 and 4; seed 000 l.255; seed 002 (6), (11)(d)-(e))."""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import StoredDocument, User
from reports.models import RenderedPdf

from .home_office import HomeOfficeSubmission, QaOutcome


def package_upload_path(package_file, filename):
    # A random name; served only through a permission-checked, logged view.
    return f"home-office-packages/{uuid.uuid4().hex}"


class PackageFile(models.Model):
    """One file of a submission with the hash of its bytes as sent: the overview report,
    executive summary and action plan as their public renderings (made publishable by the
    leak gate), and the data collection form as uploaded."""

    class Document(models.TextChoices):
        OVERVIEW_REPORT = "overview_report", "Overview report"
        EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
        ACTION_PLAN = "action_plan", "Action plan"
        DATA_COLLECTION_FORM = "data_collection_form", "Data collection form"

    submission = models.ForeignKey(
        HomeOfficeSubmission, on_delete=models.PROTECT, related_name="files"
    )
    document = models.CharField(max_length=30, choices=Document.choices)
    rendering = models.ForeignKey(
        RenderedPdf, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    upload = models.FileField(upload_to=package_upload_path, max_length=255, blank=True)
    stored = models.OneToOneField(
        StoredDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    # The report version's number for the overview report and executive summary.
    version_number = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField("SHA-256 of the file sent", max_length=64)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "document"], name="one_file_per_document"
            ),
            # A rendering, or an uploaded file: never both, never neither.
            models.CheckConstraint(
                condition=(Q(rendering__isnull=False) & Q(upload=""))
                | (Q(rendering__isnull=True) & ~Q(upload="")),
                name="a_package_file_is_a_rendering_or_an_upload",
            ),
        ]

    def __str__(self):
        return f"{self.get_document_display()} of {self.submission}"

    @property
    def case_id(self) -> int:
        # dhr.uploads lists each stored document with its case, for administrators.
        return self.submission.case_id


class FamilyToldOfQa(models.Model):
    """The family told of the Home Office's QA letter (seed 002 (6)): outstanding on the QA
    page until recorded."""

    outcome = models.OneToOneField(QaOutcome, on_delete=models.PROTECT, related_name="family_told")
    told_on = models.DateField("date told")
    how = models.CharField("how they were told", max_length=300)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome"]
        verbose_name = "family told of the QA letter"
        verbose_name_plural = "family told of the QA letters"

    def __str__(self):
        return f"Family told of {self.outcome} on {self.told_on:%-d %B %Y}"
