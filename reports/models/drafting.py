"""The overview report and the executive summary as the independent chair drafts them
(DOMAIN.md 2.5 items 1-2): one text per section of the Home Office model structure, saved
as written, and the versions the chair fixes from it. Authors write real names; only what
is published is anonymised (reports.anonymisation)."""

import hashlib
import json
from dataclasses import dataclass

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Case, User


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str


class Document(models.TextChoices):
    OVERVIEW_REPORT = "overview_report", "Overview report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"


# The Home Office model overview report (seed 000 l.353-359, "the outline format and template";
# seed 001 §4.24; the 2016 statutory guidance's template), in its order.
OVERVIEW_REPORT_SECTIONS: tuple[Section, ...] = (
    Section(
        "introduction",
        "Introduction",
        "The circumstances that led to the review, its timescales, confidentiality, the terms "
        "of reference, the methods, the contributors, the panel and the author's independence.",
    ),
    Section(
        "family_involvement",
        "Involvement of family, friends and colleagues",
        "How the family and others were involved, in their own words where they agreed, and "
        "the tribute to the victim.",
    ),
    Section(
        "parallel_reviews",
        "Parallel reviews",
        "The criminal proceedings, inquest and other reviews, and how the review worked with them.",
    ),
    Section(
        "equality_and_diversity",
        "Equality and diversity",
        "The protected characteristics of the victim and the perpetrator, and how they bore on "
        "the services offered and received.",
    ),
    Section(
        "background",
        "Background information (the facts)",
        "The people, the relationship and the events leading to the death.",
    ),
    Section(
        "chronology",
        "Chronology",
        "The key events agencies knew of, drawn from the combined chronology.",
    ),
    Section(
        "overview",
        "Overview",
        "What each agency knew, and what it did, summarised from the IMRs and other reports.",
    ),
    Section(
        "analysis",
        "Analysis",
        "The analysis of practice against the terms of reference, including coercive and "
        "controlling behaviour.",
    ),
    Section(
        "conclusions",
        "Conclusions",
        "Whether the death could have been predicted or prevented, and the key issues found.",
    ),
    Section(
        "lessons_to_be_learnt",
        "Lessons to be learnt",
        "The lessons, for each agency and across agencies.",
    ),
)

# The executive summary stands alone when published (seed 000 l.359, l.380).
EXECUTIVE_SUMMARY_SECTIONS: tuple[Section, ...] = (
    Section(
        "review_process",
        "The review process",
        "Who died, when, and the review that followed, with the pseudonyms used.",
    ),
    Section(
        "contributors_and_panel",
        "Contributors and the review panel",
        "The agencies that contributed and the panel's members; the chair and author.",
    ),
    Section("terms_of_reference", "Terms of reference", "The review's purpose and its questions."),
    Section("summary_chronology", "Summary chronology", "The main events, in a few paragraphs."),
    Section("key_issues", "Key issues", "What the review found."),
    Section("conclusions", "Conclusions", "The review's conclusions."),
    Section("lessons_to_be_learnt", "Lessons to be learnt", "The main lessons."),
)

SECTIONS: dict[str, tuple[Section, ...]] = {
    Document.OVERVIEW_REPORT: OVERVIEW_REPORT_SECTIONS,
    Document.EXECUTIVE_SUMMARY: EXECUTIVE_SUMMARY_SECTIONS,
}


def sections_of(document: str) -> tuple[Section, ...]:
    return SECTIONS[Document(document)]


class DraftSection(models.Model):
    """The chair's working text of one section of one document: saved as written, complete
    or not. Each save is in the history; a version fixes all sections at once."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="report_sections")
    document = models.CharField(max_length=30, choices=Document.choices)
    key = models.CharField("section", max_length=40)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "document", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "document", "key"], name="one_draft_per_report_section"
            )
        ]

    def __str__(self):
        return f"{self.get_document_display()} of {self.case}: {self.title}"

    @property
    def title(self) -> str:
        return {section.key: section.title for section in sections_of(self.document)}.get(
            self.key, self.key
        )


def content_hash(content: dict) -> str:
    """A SHA-256 of a version's content, so a later change to a stored version shows and
    an unchanged version's PDF can be reused."""
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


class ReportVersion(models.Model):
    """One document as it stood when the chair fixed a version: every section's text, with
    real names (restricted). The panel comments on a version, agrees one, and the
    renderings and the leak gate work from one. Versions are never changed or deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="report_versions")
    document = models.CharField(max_length=30, choices=Document.choices)
    number = models.PositiveIntegerField("version")
    # {section key: text}, in the document's order.
    sections = models.JSONField()
    content_hash = models.CharField(max_length=64, editable=False)
    note = models.CharField("what changed", max_length=300, blank=True)
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "document", "number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "document", "number"], name="one_report_version_per_number"
            )
        ]

    def __str__(self):
        return f"{self.get_document_display()} of {self.case}, version {self.number}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.sections)
        super().save(*args, **kwargs)

    def titled_sections(self) -> list[tuple[Section, str]]:
        return [
            (section, self.sections.get(section.key, "")) for section in sections_of(self.document)
        ]
