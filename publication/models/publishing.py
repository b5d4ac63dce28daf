"""Publication, withholding, the copies sent and the Commissioner's copy (DOMAIN.md 2.8):
what the CSP officer or chair records once the Home Office has cleared the report, and the
published record the public pages read."""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import Agency, Case, User
from reports.models import RenderedPdf, ReportVersion

from .home_office import QaOutcome


class PublicationDate(models.Model):
    """The publication date agreed with the family (seed 002 (13)). Agreed again, a new row:
    the latest one counts."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="publication_dates")
    publish_on = models.DateField("publication date")
    agreed_with = models.CharField("who agreed it for the family", max_length=200)
    agreed_how = models.CharField("how it was agreed", max_length=300)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-recorded_at", "-id"]

    def __str__(self):
        return f"Publication date {self.publish_on:%-d %B %Y} ({self.case})"


class FamilyForewarning(models.Model):
    """The family forewarned of the consequences of publication (seed 000 l.208): media
    interest, what the report says, when it appears."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="family_forewarnings")
    forewarned_on = models.DateField("date forewarned")
    who = models.CharField("who was told", max_length=200)
    how = models.CharField("how they were told", max_length=300)
    consequences = models.TextField("what they were told to expect")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-forewarned_on", "-id"]

    def __str__(self):
        return f"Family forewarned on {self.forewarned_on:%-d %B %Y} ({self.case})"


class MediaBriefing(models.Model):
    """The media lead's briefing, only once the Home Office has cleared the report (seed 001
    §4.28; the media lead is named in the terms of reference, seed 000 l.363)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="media_briefings")
    briefed_on = models.DateField("date briefed")
    media_lead = models.CharField("media lead", max_length=200)
    notes = models.TextField("what was agreed", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-briefed_on", "-id"]

    def __str__(self):
        return f"Media briefing on {self.briefed_on:%-d %B %Y} ({self.case})"


class QaLetterCheck(models.Model):
    """One run of the leak gate's scan over the QA letter before it is published with the
    report. A DOCX letter cannot be published (only PDFs are): `is_pdf` false, not passed."""

    outcome = models.ForeignKey(QaOutcome, on_delete=models.PROTECT, related_name="letter_checks")
    is_pdf = models.BooleanField()
    hits = models.JSONField(default=list)
    ran_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    ran_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome", "-ran_at", "-id"]
        verbose_name = "QA letter check"

    def __str__(self):
        return f"Check of the QA letter of {self.outcome}: {'clean' if self.passed else 'refused'}"

    @property
    def case_id(self) -> int:
        return self.outcome.submission.case_id

    @property
    def passed(self) -> bool:
        return self.is_pdf and not self.hits


def new_public_id() -> str:
    # Random, so the public address says nothing of the case's pk or reference.
    return secrets.token_hex(8)


class Publication(models.Model):
    """A review published on the public pages, with the text of its executive summary as
    published. Withdrawn only by a recorded decision of the CSP chair."""

    class WithdrawalKind(models.TextChoices):
        COURT_ORDER = "court_order", "A court order or legal advice requires it"
        WELFARE = "welfare", "The welfare of a child or other person directly concerned"
        IDENTIFIES = "identifies", "It allows someone to be identified"
        IN_ERROR = "in_error", "Published in error"
        PERIOD_ENDED = "period_ended", "It has been online for at least 12 months"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="publication")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    title = models.CharField("title as published", max_length=300)
    partnership_name = models.CharField(max_length=200)
    published_on = models.DateField("date published")
    # [{"title": ..., "text": ...}]: each section of the executive summary, anonymised.
    summary = models.JSONField(default=list)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField("date withdrawn", null=True, blank=True)
    withdrawal_kind = models.CharField(max_length=20, choices=WithdrawalKind.choices, blank=True)
    withdrawal_reason = models.TextField("why it was withdrawn", blank=True)
    withdrawn_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | (
                    ~Q(withdrawal_kind="")
                    & ~Q(withdrawal_reason="")
                    & Q(withdrawn_by__isnull=False)
                ),
                name="a_withdrawal_has_its_decision",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.published_on:%-d %B %Y})"


def published_file_path(published, filename):
    return f"published/{uuid.uuid4().hex}"


class PublishedFile(models.Model):
    """One document as published, frozen: a copy of the exact file checked, with its hash, so
    a later rendering never changes what is public."""

    class Kind(models.TextChoices):
        OVERVIEW_REPORT = "overview_report", "Overview report"
        EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
        QA_LETTER = "qa_letter", "Home Office quality assurance letter"

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=published_file_path, max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    # What it was copied from: the rendering (the leak gate's clean check is of its file), or
    # for the QA letter the outcome whose letter it is.
    rendering = models.ForeignKey(
        RenderedPdf, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    qa_outcome = models.ForeignKey(
        QaOutcome, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "kind"], name="one_published_file_each"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.publication}"

    @property
    def case_id(self) -> int:
        # dhr.uploads lists each stored document with its case, for administrators.
        return self.publication.case_id

    @property
    def download_name(self) -> str:
        return f"{self.kind.replace('_', '-')}.pdf"


class Withholding(models.Model):
    """Publication withheld for compelling reasons relating to the welfare of any children or
    other persons directly concerned (seed 000 l.373): the reasons and who decided."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="withholding")
    decided_on = models.DateField("date decided")
    decided_by = models.CharField("who decided", max_length=200)
    reasons = models.TextField("the compelling reasons")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Publication withheld ({self.case})"


class CopySent(models.Model):
    """A copy or notice after publication, each recorded: to each participating agency's
    senior manager (seed 000 l.259; seed 002 (13)(a)), to the family with the QA letter (seed
    002 (13)(g)), the Home Office told of publication with the links (seed 002 (13)(f)), and
    the Home Office library's link once it appears (DESIGN §3 item 8)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "Copy to the agency's senior manager"
        FAMILY = "family", "Copy to the family, with the QA letter"
        HOME_OFFICE_TOLD = "home_office_told", "The Home Office told of publication"
        LIBRARY_LINK = "library_link", "The Home Office library's link"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="copies_sent")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_on = models.DateField("date")
    how = models.CharField("how", max_length=300)
    links = models.TextField("links", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "kind", "sent_on", "id"]
        verbose_name_plural = "copies sent"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="agency", agency__isnull=False)
                | (~Q(kind="agency") & Q(agency__isnull=True)),
                name="an_agency_copy_names_its_agency",
            ),
            models.UniqueConstraint(
                fields=["case", "agency"],
                condition=Q(agency__isnull=False),
                name="one_copy_per_agency",
            ),
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(agency__isnull=True),
                name="one_notice_of_each_kind",
            ),
        ]

    def __str__(self):
        who = f" ({self.agency})" if self.agency_id else ""
        return f"{self.get_kind_display()}{who}, {self.sent_on:%-d %B %Y}"


class ReportCopy(models.Model):
    """The completed report sent to a body owed a copy (settings.DHR_REPORT_RECIPIENTS: the
    Domestic Abuse Commissioner, DVCVA 2004 s.9(3B)-(3C)), whether or not it is published."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="report_copies")
    recipient = models.CharField(max_length=50)
    sent_on = models.DateField("date sent")
    method = models.CharField("how it was sent", max_length=300)
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "recipient"]
        verbose_name_plural = "report copies"
        constraints = [
            models.UniqueConstraint(fields=["case", "recipient"], name="one_copy_per_recipient"),
        ]

    def __str__(self):
        return f"Report copy to {self.recipient} ({self.case})"
