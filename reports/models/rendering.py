"""The PDFs of the three documents (DOMAIN.md 2.5; DESIGN §6), each rendered once per content
and variant, and the leak gate's checks of a public rendering before it may be published."""

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Case, User

from .drafting import Document, ReportVersion


class PdfDocument(models.TextChoices):
    OVERVIEW_REPORT = Document.OVERVIEW_REPORT.value, Document.OVERVIEW_REPORT.label
    EXECUTIVE_SUMMARY = Document.EXECUTIVE_SUMMARY.value, Document.EXECUTIVE_SUMMARY.label
    ACTION_PLAN = "action_plan", "Action plan"


class RenderedPdf(models.Model):
    """One rendering of one document. Restricted drafts keep real names and are marked
    OFFICIAL-SENSITIVE with a draft watermark; public ones are anonymised and carry neither.
    A rendering whose input (`content_hash`: the version's text, the anonymisation decisions,
    the variant) is unchanged is reused, not made again."""

    class Variant(models.TextChoices):
        RESTRICTED = "restricted", "Restricted draft (real names)"
        PUBLIC = "public", "Public (anonymised)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be rendered"
        RENDERING = "rendering", "Being rendered"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rendered_pdfs")
    document = models.CharField(max_length=30, choices=PdfDocument.choices)
    # The version rendered; the action plan is rendered from its current actions.
    version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="pdfs"
    )
    variant = models.CharField(max_length=12, choices=Variant.choices)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    # The stored file's name in the private storage, once ready.
    file_name = models.CharField(max_length=255, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    failure = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set only through the leak gate (reports.leak_gate): a clean check of this very file.
    publishable_at = models.DateTimeField(null=True, blank=True)
    publishable_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-requested_at"]
        verbose_name = "rendered PDF"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "document", "variant", "content_hash"],
                name="one_rendering_per_content",
            ),
            models.CheckConstraint(
                condition=models.Q(publishable_at__isnull=True) | models.Q(variant="public"),
                name="only_public_renderings_are_publishable",
            ),
        ]

    def __str__(self):
        return f"{self.get_document_display()} of {self.case} ({self.get_variant_display()})"


class LeakCheck(models.Model):
    """One run of the leak gate over one rendered PDF: every hit, with its page and where in
    the file it was found. A rendering may be marked publishable only after a clean run."""

    pdf = models.ForeignKey(RenderedPdf, on_delete=models.PROTECT, related_name="leak_checks")
    # [{"term": ..., "page": n or null, "where": "text" | "title" | "bookmark" | ...}], the
    # term as registered: the check page is as restricted as the register itself.
    hits = models.JSONField(default=list)
    ran_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    ran_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pdf", "-ran_at"]

    def __str__(self):
        return f"Leak check of {self.pdf}: {'clean' if self.passed else f'{len(self.hits)} hits'}"

    @property
    def passed(self) -> bool:
        return not self.hits
