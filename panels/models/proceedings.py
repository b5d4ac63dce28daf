"""Parallel proceedings (DOMAIN.md 2.3): the criminal case, inquest and other reviews that
run beside the review, how the review takes account of each, and what it forwards to the
disclosure officer."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, Pause, User


class Proceeding(models.Model):
    """One parallel proceeding (DOMAIN 2.3 item 1; seed 000 l.319, l.329; seed 001 §3.2-3.5,
    §4.3, §4.10; seed 002 (7))."""

    class Kind(models.TextChoices):
        CRIMINAL_INVESTIGATION = "criminal_investigation", "Criminal investigation"
        PROSECUTION = "prosecution", "Prosecution and trial"
        INQUEST = "inquest", "Inquest"
        CHILD_SAFEGUARDING_REVIEW = "cspr", "Child safeguarding practice review or SCR"
        SAFEGUARDING_ADULTS_REVIEW = "sar", "Safeguarding adults review"
        MENTAL_HEALTH_INVESTIGATION = "mental_health", "Mental health homicide investigation"
        IOPC_INVESTIGATION = "iopc", "IOPC investigation"
        AGENCY_DISCIPLINARY = "disciplinary", "Agency disciplinary process"

    class ContactRole(models.TextChoices):
        SIO = "sio", "Senior investigating officer (SIO)"
        CPS_LAWYER = "cps_lawyer", "CPS lawyer"
        CORONERS_OFFICER = "coroners_officer", "Coroner's officer"
        OTHER_REVIEW_CHAIR = "other_review_chair", "Chair of the other review"
        DISCLOSURE_OFFICER = "disclosure_officer", "Disclosure officer"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        ONGOING = "ongoing", "Ongoing"
        ADJOURNED = "adjourned", "Adjourned or suspended"
        CONCLUDED = "concluded", "Concluded"

    class Outcome(models.TextChoices):
        CONVICTED = "convicted", "Convicted"
        ACQUITTED = "acquitted", "Acquitted"
        NOT_CHARGED = "not_charged", "Not charged"
        SUSPECT_DECEASED = "suspect_deceased", "Suspect deceased"
        OTHER = "other", "Other outcome"

    class Effect(models.TextChoices):
        PENDED = "pended", "Pended: the review waits for it"
        COMBINED = "combined", "Combined with the review"
        COORDINATED = "coordinated", "Coordinated with the review"
        PARALLEL = "parallel", "Runs in parallel"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proceedings")
    kind = models.CharField("type", max_length=32, choices=Kind.choices)
    description = models.CharField(
        max_length=200, blank=True, help_text="For example: R v Corbett, Riverside Crown Court"
    )
    lead_contact_role = models.CharField(
        "lead contact's role", max_length=32, choices=ContactRole.choices
    )
    lead_contact_name = models.CharField("lead contact's name", max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ONGOING)
    charged_on = models.DateField("date charged", null=True, blank=True)
    trial_listed_for = models.DateField("trial listed for", null=True, blank=True)
    verdict_on = models.DateField("date of verdict", null=True, blank=True)
    sentenced_on = models.DateField("date of sentence", null=True, blank=True)
    appeal_window_ends_on = models.DateField("appeal window ends", null=True, blank=True)
    inquest_opened_on = models.DateField("inquest opened", null=True, blank=True)
    inquest_resumed_on = models.DateField("inquest resumed", null=True, blank=True)
    inquest_concluded_on = models.DateField("inquest concluded", null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_detail = models.CharField(
        "outcome in detail", max_length=300, blank=True, help_text="For example: murder"
    )
    effect_on_review = models.CharField(
        "effect on the review", max_length=16, choices=Effect.choices
    )
    # Early liaison with the SIO, CPS and coroner "at an early stage" (seed 000 l.329; seed
    # 002 (7)): when, and what was agreed.
    liaised_on = models.DateField("date of early liaison", null=True, blank=True)
    agreed_approach = models.TextField("approach agreed", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="concluded") | ~models.Q(outcome=""),
                name="concluded_proceeding_has_outcome",
                violation_error_message="Select the outcome of a concluded proceeding.",
            ),
            models.CheckConstraint(
                condition=models.Q(liaised_on__isnull=True) | ~models.Q(agreed_approach=""),
                name="liaison_has_agreed_approach",
                violation_error_message="Say what approach was agreed at the liaison.",
            ),
        ]

    def __str__(self):
        name = self.get_kind_display()
        return f"{name}: {self.description}" if self.description else name

    @property
    def is_criminal(self) -> bool:
        return self.kind in (self.Kind.CRIMINAL_INVESTIGATION, self.Kind.PROSECUTION)


class DocumentsForwarded(models.Model):
    """Chronologies and immediate lessons forwarded to the disclosure officer, with the date
    (seed 000 l.403; seed 001 §4.15; DOMAIN 2.3 item 3)."""

    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.CASCADE, related_name="documents_forwarded"
    )
    what = models.CharField("what was forwarded", max_length=300)
    forwarded_on = models.DateField("date forwarded")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["forwarded_on", "id"]
        verbose_name_plural = "documents forwarded"

    def __str__(self):
        return f"{self.what} ({self.forwarded_on:%d %B %Y})"


class PauseCause(models.Model):
    """The proceeding that a pause of the review waits for, chosen when the pause starts."""

    pause = models.OneToOneField(Pause, on_delete=models.CASCADE, related_name="cause")
    proceeding = models.ForeignKey(Proceeding, on_delete=models.PROTECT, related_name="pauses")
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.pause} for {self.proceeding}"
