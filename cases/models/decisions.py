"""Decisions as rows, the Home Office's reopening of one, transfers, and the letters each
decision owes."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .case import Case
from .organisations import Partnership, User


class DecisionQuerySet(models.QuerySet):
    def current(self) -> "DecisionQuerySet":
        """Decisions in force: not superseded by a reopening."""
        return self.filter(superseded_by__isnull=True)


class Decision(models.Model):
    """One decision of the CSP chair whether to hold a review (DESIGN §3.2), with its own
    date, reasons and decider, and its own letters (CaseLetter, FamilyLetterNotSent).

    A case can be decided more than once: when the Home Office overrules a decision not to
    hold a review, by letter or by a direction under s.9(2) (Reopening), the case goes back
    to the chair and this decision stays on record, superseded. At most one decision per
    case is current. Written only by cases.services.record_decision and reopen_case, which
    copy the current decision's date onto Case.decided_on in the same transaction.
    """

    class Outcome(models.TextChoices):
        REVIEW = "review", "Hold a review"
        JOINT_REVIEW = (
            "joint_review",
            "Hold a review jointly, or in coordination, with a safeguarding adults review or "
            "a child safeguarding practice review",
        )
        NO_REVIEW = "no_review", "Do not hold a review"
        OTHER_REVIEW = "other_review", "Another review leads instead of a review"

    class OtherReview(models.TextChoices):
        CHILD_SAFEGUARDING = "cspr", "Child safeguarding practice review"
        SAFEGUARDING_ADULTS = "sar", "Safeguarding adults review"
        OTHER = "other", "Another statutory review"

    # Outcomes that hold a review: the six-month report clock starts with them.
    REVIEWS = frozenset({Outcome.REVIEW, Outcome.JOINT_REVIEW})
    # A joint or coordinated review runs beside a SAR or a CSPR (seed 001 §3.3).
    JOINT_WITH = (OtherReview.SAFEGUARDING_ADULTS, OtherReview.CHILD_SAFEGUARDING)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField("decision", max_length=20, choices=Outcome.choices)
    decided_on = models.DateField("date of the decision")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(blank=True)
    single_agency_review_suggested = models.BooleanField(default=False)
    # For "another review leads": the review that leads. For a joint review: the review
    # held with this one, the body that leads the joint work and who chairs it.
    other_review = models.CharField(
        "the other review", max_length=10, choices=OtherReview.choices, blank=True
    )
    other_review_reference = models.CharField(
        "the other review's reference", max_length=100, blank=True
    )
    lead_body = models.CharField("body that leads the joint review", max_length=200, blank=True)
    joint_chair = models.CharField("chair of the joint review", max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    superseded_by = models.OneToOneField(
        "Reopening",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_decision",
        help_text="The Home Office's letter or direction that reopened the case.",
    )
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(superseded_by__isnull=True),
                name="one_current_decision_per_case",
                violation_error_message="The case already has a decision in force.",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["review", "joint_review"]) | ~models.Q(reasons=""),
                name="decision_not_to_review_has_reasons",
                violation_error_message="Give the reasons for the decision.",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(outcome__in=["other_review", "joint_review"])
                    & ~models.Q(other_review="")
                )
                | (
                    ~models.Q(outcome__in=["other_review", "joint_review"])
                    & models.Q(other_review="")
                ),
                name="decision_names_the_other_review",
                violation_error_message="Name the other review for a joint review or another "
                "review leading, and only then.",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="joint_review")
                | (
                    models.Q(other_review__in=["sar", "cspr"])
                    & ~models.Q(lead_body="")
                    & ~models.Q(joint_chair="")
                ),
                name="joint_review_has_its_lead_and_chair",
                violation_error_message="A joint review names the safeguarding review it is "
                "held with, the body that leads and the joint chair.",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.case}, {self.decided_on:%d %B %Y})"

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None

    @property
    def holds_a_review(self) -> bool:
        return self.outcome in self.REVIEWS

    def letters_to_record(self) -> list[str]:
        """Recipients with no letter recorded about this decision. Reads `letters` as
        loaded (prefetch them for a list)."""
        sent = {letter.recipient for letter in self.letters.all()}
        return [recipient for recipient in CaseLetter.Recipient if recipient not in sent]

    def letters_still_to_send(self) -> list[str]:
        """Recipients this decision is still owed to: no letter recorded and, for the
        family, no reason recorded instead (FamilyLetterNotSent)."""
        owed = self.letters_to_record()
        if CaseLetter.Recipient.FAMILY in owed and self.family_letter_not_sent_record():
            owed.remove(CaseLetter.Recipient.FAMILY)
        return owed

    def family_letter_not_sent_record(self) -> "FamilyLetterNotSent | None":
        # None when there is no such record (the reverse one-to-one raises then).
        return getattr(self, "family_letter_not_sent", None)

    def clean(self):
        """What each outcome needs, said next to the field it concerns."""
        errors = {}
        if self.outcome not in self.REVIEWS and not self.reasons.strip():
            errors["reasons"] = "Give the reasons for the decision."
        if self.outcome == self.Outcome.OTHER_REVIEW and not self.other_review:
            errors["other_review"] = "Say which review leads."
        if self.outcome == self.Outcome.JOINT_REVIEW:
            if self.other_review not in self.JOINT_WITH:
                errors["other_review"] = (
                    "Say whether the review is held with a safeguarding adults review or a "
                    "child safeguarding practice review."
                )
            if not self.lead_body.strip():
                errors["lead_body"] = "Say which body leads the joint review."
            if not self.joint_chair.strip():
                errors["joint_chair"] = "Say who chairs the joint review."
        if errors:
            raise ValidationError(errors)


def home_office_copy_upload_path(reopening, filename):
    # Stored under a random name; the original name is kept for display only.
    return f"home-office/{uuid.uuid4().hex}.pdf"


class Reopening(models.Model):
    """The Home Office overrules a decision not to hold a review (seed 002 appendix 1: "Home
    Office may over-rule a decision and require a DHR"; seed 004 l.21), by a letter or by a
    direction of the Secretary of State under s.9(2) of the 2004 Act. The case goes back to
    the CSP chair for a new decision, due one calendar month after the letter or direction
    was received (cases.clocks.decision_clocks); the overruled decision stays on record,
    superseded by this one, with its letters."""

    class Kind(models.TextChoices):
        LETTER = "letter", "A letter from the Home Office advising a review"
        DIRECTION = (
            "direction",
            "A direction to hold a review, under section 9(2) of the Domestic Violence, "
            "Crime and Victims Act 2004",
        )

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reopenings")
    kind = models.CharField("what the Home Office sent", max_length=10, choices=Kind.choices)
    received_on = models.DateField("date received")
    summary = models.TextField("what it says")
    copy = models.FileField(upload_to=home_office_copy_upload_path, blank=True)
    copy_name = models.CharField(max_length=200, blank=True, editable=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}, received {self.received_on:%d %B %Y} ({self.case})"


class Transfer(models.Model):
    """A case notified to the wrong partnership, passed to the lead one: where the victim
    normally lived (seed 000 l.74-76; seed 001 §4.2). The sending partnership's case closes
    as transferred, which is not a decision not to review; the receiving partnership gets a
    case of its own (its own reference and staff), opened by cases.services.transfer_case
    with the notification and the people register, and linked back here."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="transfer")
    to_partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="+", verbose_name="transferred to"
    )
    new_case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="transferred_from", editable=False
    )
    transferred_on = models.DateField("date transferred")
    reason = models.TextField("why the other partnership leads")
    transferred_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.case} transferred to {self.to_partnership} as {self.new_case}"


def letter_upload_path(letter, filename):
    # Stored under a random name; the original name is kept for display only.
    return f"letters/{uuid.uuid4().hex}.pdf"


class CaseLetter(models.Model):
    """A letter the partnership sent about its decision: to the Home Office or the family."""

    class Recipient(models.TextChoices):
        HOME_OFFICE = "home_office", "Home Office"
        FAMILY = "family", "Victim's family"

    class Method(models.TextChoices):
        EMAIL = "email", "E-mail"
        POST = "post", "Post"
        HAND = "hand", "By hand"

    # The case is the decision's case (cases.services.record_letter takes it from the
    # decision); kept here so the case's letters, their audit trail and their downloads
    # are found without going through its decisions.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    # A reopened case is decided again, and each decision needs its own letters.
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name="the decision the letter is about",
    )
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    sent_on = models.DateField()
    method = models.CharField(max_length=10, choices=Method.choices)
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    copy = models.FileField(upload_to=letter_upload_path)
    copy_name = models.CharField(max_length=200, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "recipient"], name="one_letter_per_decision"
            )
        ]

    def __str__(self):
        return f"Letter to the {self.get_recipient_display()} on {self.sent_on:%d %B %Y}"

    @classmethod
    def for_current_decision(cls, recipient: str) -> models.QuerySet:
        """For a subquery over cases: the case's letter to `recipient` about its current
        decision."""
        return cls.objects.filter(
            case=OuterRef("pk"), decision__superseded_by__isnull=True, recipient=recipient
        )


class FamilyLetterNotSent(models.Model):
    """Why no decision letter goes to the victim's family, recorded instead of the letter
    (DESIGN §3.2). It satisfies the letters guard and stops the family letter reminders.
    The timing of contact is decided with the police and the advocate (seed 000 l.201-202),
    so a letter may still follow a deferral; it is then recorded as usual."""

    class Reason(models.TextChoices):
        NO_FAMILY = "no_family", "There is no family to write to"
        DEFERRED_POLICE = (
            "deferred_police",
            "Contact deferred on the police's advice (the senior investigating officer)",
        )
        DEFERRED_ADVOCATE = "deferred_advocate", "Contact deferred on the family advocate's advice"
        DECLINED = "declined", "The family declined contact"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="family_letters_not_sent")
    # Like a letter, the record belongs to the decision it would have reported.
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        related_name="family_letter_not_sent",
        verbose_name="the decision it concerns",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    explanation = models.TextField()
    recorded_on = models.DateField("date")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "family letter not sent"
        verbose_name_plural = "family letters not sent"

    def __str__(self):
        return f"No letter to the family of {self.case}: {self.get_reason_display()}"

    @classmethod
    def for_current_decision(cls) -> models.QuerySet:
        """For a subquery over cases: the record for the case's current decision."""
        return cls.objects.filter(case=OuterRef("pk"), decision__superseded_by__isnull=True)
