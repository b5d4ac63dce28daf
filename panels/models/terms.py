"""Terms of reference (DOMAIN.md 2.1 items 5-7): a version per change, agreed by the
independent chair, with the checklist of what they must cover."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, User


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str
    source: str


# What the terms of reference must cover: each item is answered or marked not applicable
# before they can be agreed (DOMAIN 2.1 item 7). The one place the list is kept.
CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "key_issues", "The key issues, and how information is obtained and analysed", "S2 (7)(a)"
    ),
    ChecklistItem(
        "agencies",
        "Which agencies submit IMRs or short reports, including agencies that might have "
        "been expected to be involved but were not",
        "S2 (7)(b)",
    ),
    ChecklistItem("period", "The time period under review", "S2 (7)(c)"),
    ChecklistItem(
        "equality", "Equality and diversity (the protected characteristics)", "S2 (7)(d)"
    ),
    ChecklistItem(
        "barriers",
        "Barriers to accessing services where there was little or no contact",
        "S2 (7)(e)",
    ),
    ChecklistItem(
        "marac", "MARAC, perpetrator programmes and the release of information", "S2 (7)(f)"
    ),
    ChecklistItem(
        "honour_based_abuse", "Confidentiality arrangements for honour-based abuse", "S2 (7)(g)"
    ),
    ChecklistItem("family_liaison", "Liaison with the family", "S2 (7)(h)"),
    ChecklistItem("media", "The media", "S2 (7)(i)"),
    ChecklistItem("previous_reviews", "Lessons from previous reviews", "S2 (7)(j)"),
    ChecklistItem("legal_advice", "Legal advice", "S2 (7)(k)"),
    ChecklistItem(
        "parallel_processes", "How the review dovetails with parallel processes", "S1 §4.10"
    ),
    ChecklistItem(
        "resources",
        "Support and resources, and deficits referred to the CSP chair",
        "S1 §4.10",
    ),
    ChecklistItem("meetings", "Meeting dates, times and venues", "S1 §4.10"),
    ChecklistItem(
        "interview_timing",
        "The timing of interviews, given any criminal proceedings",
        "S1 §4.10",
    ),
    ChecklistItem("insurers", "Whether each agency's insurers must be told", "S1 §4.10"),
    ChecklistItem(
        "communications",
        "Who handles the family, the public and the media, before, during and after",
        "S1 §4.10",
    ),
)
CHECKLIST_KEYS = frozenset(item.key for item in CHECKLIST)


class TermsOfReferenceVersion(models.Model):
    """One version of a case's terms of reference. Every change is a new version (they
    "remain under review", seed 002 (7)); the newest is the current one. Only the independent
    chair agrees a version (seed 000 l.323; seed 001 §4.11; seed 002 (7)); changing an agreed
    version makes a new draft, to be agreed again.

    `checklist` holds each item's answer or why it does not apply: {key: {"answer": text,
    "not_applicable": reason}}, never both. `proceedings_addressed` says how the review takes
    account of each parallel proceeding: {proceeding id: text} (seed 002 App.1).
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="terms_of_reference_versions"
    )
    number = models.PositiveIntegerField("version")
    scope = models.TextField("scope and purpose of the review")
    checklist = models.JSONField(default=dict, blank=True)
    proceedings_addressed = models.JSONField(
        "how each parallel proceeding is taken into account", default=dict, blank=True
    )
    # The chair appoints a lead for the family and one for the media (seed 000 l.363).
    family_liaison_lead = models.CharField("family liaison lead", max_length=200, blank=True)
    media_lead = models.CharField("media lead", max_length=200, blank=True)
    drafted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    # Written only by panels.services.terms.agree_terms_of_reference.
    agreed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField("date agreed", null=True, blank=True)
    # The family is told of the terms of reference and may influence them (seed 002 (6)).
    shared_with_family_on = models.DateField("date shared with the family", null=True, blank=True)
    family_comments = models.TextField("the family's comments", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "number"]
        verbose_name = "terms of reference version"
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_terms_version_number"),
            models.CheckConstraint(
                condition=models.Q(agreed_by__isnull=True, agreed_on__isnull=True)
                | models.Q(agreed_by__isnull=False, agreed_on__isnull=False),
                name="terms_agreed_by_someone_on_a_date",
            ),
            models.CheckConstraint(
                condition=models.Q(shared_with_family_on__isnull=False)
                | models.Q(family_comments=""),
                name="family_comments_after_sharing",
                violation_error_message="Record when the terms were shared with the family.",
            ),
        ]

    def __str__(self):
        return f"Terms of reference of {self.case}, version {self.number}"

    def clean(self):
        unknown = set(self.checklist) - CHECKLIST_KEYS
        if unknown:
            raise ValidationError({"checklist": f"Unknown checklist items: {sorted(unknown)}."})
        for item in CHECKLIST:
            entry = self.checklist.get(item.key, {})
            if entry.get("answer") and entry.get("not_applicable"):
                raise ValidationError(
                    {item.key: "Answer the item or say why it does not apply, not both."}
                )

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None

    def answer(self, item: ChecklistItem) -> str:
        return self.checklist.get(item.key, {}).get("answer", "")

    def not_applicable(self, item: ChecklistItem) -> str:
        return self.checklist.get(item.key, {}).get("not_applicable", "")

    def items_outstanding(self) -> list[ChecklistItem]:
        """The checklist items neither answered nor marked not applicable."""
        return [item for item in CHECKLIST if not (self.answer(item) or self.not_applicable(item))]

    def addresses(self, proceeding) -> str:
        return self.proceedings_addressed.get(str(proceeding.pk), "")
