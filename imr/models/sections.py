"""An IMR's sections (DOMAIN.md 2.4 items 5, 7, 8): the text the author writes, following the
Home Office IMR template; the single-agency recommendations, each its own record so the
action plan can carry it later; the versions the senior manager signs off; the steps of
sign-off and review; and the panel's comments on a version, per section, threaded."""

import hashlib
import json
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import User

from .imr import Imr


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str


# The Home Office IMR template's analysis sections (seed 000 l.222-226, l.337-341; seed 001
# §4.20; seed 002 (7)(d), (9)(d)), in the template's order. The one place the list is kept.
SECTIONS: tuple[Section, ...] = (
    Section(
        "practice_analysis",
        "Analysis of practice",
        "Look openly and critically at what your agency's staff and the agency itself did, "
        "and why: the decisions taken, the policies followed or not, and the risks seen.",
    ),
    Section(
        "what_should_have_happened",
        "What should have happened",
        "Where practice fell short of policy, procedure or good practice, what should have "
        "happened instead.",
    ),
    Section(
        "good_practice",
        "Good practice",
        "What went well, and should be kept or shared.",
    ),
    Section(
        "equality_and_diversity",
        "Equality and diversity",
        "How the protected characteristics of the victim, the perpetrator and the family "
        "affected the services offered and received.",
    ),
    Section(
        "lessons_learned",
        "Lessons learned",
        "What your agency has learned, and how changes will be made.",
    ),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
RECOMMENDATIONS = Section(
    "recommendations",
    "Single-agency recommendations",
    "What your agency will do, who owns it, by when, and how you will know it is done.",
)
# What the panel comments on: each section, and the recommendations.
COMMENTED_ON: tuple[Section, ...] = (*SECTIONS, RECOMMENDATIONS)
SECTION_TITLES = {section.key: section.title for section in COMMENTED_ON}


class ImrSections(models.Model):
    """The author's draft of the sections: saved as written, complete or not. What is
    still missing is asked only when the author submits (imr.services.sections)."""

    imr = models.OneToOneField(Imr, on_delete=models.CASCADE, related_name="sections")
    practice_analysis = models.TextField("analysis of practice", blank=True)
    what_should_have_happened = models.TextField("what should have happened", blank=True)
    good_practice = models.TextField("good practice", blank=True)
    equality_and_diversity = models.TextField("equality and diversity", blank=True)
    lessons_learned = models.TextField("lessons learned", blank=True)
    # An agency may find nothing to recommend; it says why rather than leave it unsaid.
    no_recommendations_reason = models.TextField(
        "why the agency makes no recommendation", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "IMR sections"
        verbose_name_plural = "IMR sections"

    def __str__(self):
        return f"Sections of {self.imr}"

    @property
    def case(self):
        return self.imr.case

    def text_of(self, key: str) -> str:
        return getattr(self, key)


class ImrRecommendation(models.Model):
    """One single-agency recommendation, SMART enough to carry into the action plan: what
    is to be done, who owns it, by when, and how the agency will know it is done."""

    imr = models.ForeignKey(Imr, on_delete=models.CASCADE, related_name="recommendations")
    what = models.TextField("recommendation")
    owner = models.CharField(
        "owner", max_length=200, help_text="The post or team responsible for doing it."
    )
    target_on = models.DateField("target date")
    measure = models.TextField(
        "how the agency will know it is done",
        help_text="The evidence or measure of success.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["imr", "id"]
        verbose_name = "IMR recommendation"

    def __str__(self):
        return f"Recommendation of {self.imr}: {self.what[:60]}"

    @property
    def case(self):
        return self.imr.case

    def as_text(self) -> str:
        return (
            f"{self.what} (owner: {self.owner}; target date: {self.target_on:%-d %B %Y}; "
            f"done when: {self.measure})"
        )


def content_hash(sections: dict[str, str]) -> str:
    """A SHA-256 of a version's text, so a later change to a stored version shows."""
    return hashlib.sha256(
        json.dumps(sections, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


class ImrVersion(models.Model):
    """What the senior manager signed off, fixed: every section's text and the
    recommendations, as they stood. Every version is kept; the panel reads and comments on
    the newest. The senior manager who signs off answers for the recommendations being
    acted on (seed 000 l.232)."""

    imr = models.ForeignKey(Imr, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("version")
    signed_off_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency's senior manager, responsible for the IMR's recommendations "
        "being acted on.",
    )
    signed_off_at = models.DateTimeField(default=timezone.now)
    # {section key: text} for each of SECTIONS and "recommendations" (one per line).
    sections = models.JSONField()
    content_hash = models.CharField(max_length=64)
    history = HistoricalRecords()

    class Meta:
        ordering = ["imr", "number"]
        verbose_name = "IMR version"
        constraints = [
            models.UniqueConstraint(fields=["imr", "number"], name="one_imr_version_number"),
        ]

    def __str__(self):
        return f"{self.imr}, version {self.number}"

    @property
    def case(self):
        return self.imr.case

    @property
    def is_intact(self) -> bool:
        return content_hash(self.sections) == self.content_hash

    def text_of(self, key: str) -> str:
        return self.sections.get(key, "")


class ImrStep(models.Model):
    """One step of sign-off and review, with who took it, when, and what they said: the
    record of how the IMR moved (wagtail's workflow steps as rows)."""

    class Kind(models.TextChoices):
        SENT_FOR_SIGN_OFF = "sent_for_sign_off", "Sent to the senior manager for sign-off"
        RETURNED = "returned", "Returned to the author"
        SIGNED_OFF = "signed_off", "Quality-assured and signed off"
        REVISION_REQUESTED = "revision_requested", "Revision asked for"
        ACCEPTED = "accepted", "Accepted by the panel"

    imr = models.ForeignKey(Imr, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comments = models.TextField(blank=True)
    version = models.ForeignKey(
        ImrVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["imr", "at", "id"]
        verbose_name = "IMR sign-off or review step"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.imr}"

    @property
    def case(self):
        return self.imr.case


class ImrComment(models.Model):
    """A comment on one section of a submitted version, or a reply to one. A thread (a
    comment and its replies) is resolved as a whole, by the author or the chair."""

    version = models.ForeignKey(ImrVersion, on_delete=models.PROTECT, related_name="comments")
    section = models.CharField(
        max_length=40, choices=[(section.key, section.title) for section in COMMENTED_ON]
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField("comment")
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "at", "id"]
        verbose_name = "comment on an IMR"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolved_by__isnull=True, resolved_at__isnull=True)
                | models.Q(resolved_by__isnull=False, resolved_at__isnull=False),
                name="imr_comment_resolved_by_someone_at_a_time",
            ),
            # Only a thread is resolved, not a reply within it.
            models.CheckConstraint(
                condition=models.Q(reply_to__isnull=True) | models.Q(resolved_at__isnull=True),
                name="imr_comment_only_threads_resolved",
            ),
        ]

    def __str__(self):
        return f"Comment on {self.get_section_display()} of {self.version}"

    @property
    def case(self):
        return self.version.imr.case

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
