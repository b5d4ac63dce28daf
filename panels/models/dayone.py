"""Day-one work on a review, never held up by a pause (DOMAIN.md 2.0 items 1, 2 and 6):
agencies asked to secure their records and say whether they had contact, lessons acted on
at once, and risks to life passed to the police."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Agency, Case, User


class ScopingRequest(models.Model):
    """One agency asked to secure its records "against loss and interference" and to say
    whether it knew the people (seed 000 l.162, l.401; seed 002 (2), (9)(c)). "No contact"
    is an answer (a nil return); an unanswered request is reminded of after 14 days."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="scoping_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    asked_on = models.DateField("date asked")
    answered_on = models.DateField("date the agency answered", null=True, blank=True)
    records_secured_on = models.DateField("date records secured", null=True, blank=True)
    had_contact = models.BooleanField(
        "had contact with the people of the review", null=True, blank=True
    )
    contact_from = models.DateField("contact from", null=True, blank=True)
    contact_to = models.DateField("contact until", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "agency"], name="one_scoping_request_per_agency"
            ),
            # An answer is whole: when it came, and whether the agency had contact.
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True, had_contact__isnull=True)
                | Q(answered_on__isnull=False, had_contact__isnull=False),
                name="scoping_answer_is_whole",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("asked_on")),
                name="scoping_answered_after_asked",
            ),
            # A nil return has no contact period.
            models.CheckConstraint(
                condition=Q(had_contact=True)
                | Q(contact_from__isnull=True, contact_to__isnull=True),
                name="scoping_period_only_with_contact",
            ),
            models.CheckConstraint(
                condition=Q(contact_from__isnull=True)
                | Q(contact_to__isnull=True)
                | Q(contact_to__gte=F("contact_from")),
                name="scoping_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.agency} on {self.case}"

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None


class EarlyLesson(models.Model):
    """A lesson acted on without waiting for the report (seed 000 l.158, l.331; seed 001
    §3.6), and when it went to the disclosure officer (seed 000 l.403; seed 001 §4.15)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="early_lessons")
    lesson = models.TextField()
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    immediate_action = models.TextField("immediate action")
    owner = models.CharField("owner of the action", max_length=200)
    identified_on = models.DateField("date identified")
    forwarded_on = models.DateField(
        "date forwarded to the disclosure officer", null=True, blank=True
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-identified_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(forwarded_on__isnull=True) | Q(forwarded_on__gte=F("identified_on")),
                name="lesson_forwarded_after_identified",
            )
        ]

    def __str__(self):
        return f"Early lesson ({self.agency}) on {self.case}"


class RiskToLifeEscalation(models.Model):
    """A risk of imminent physical harm to someone, passed to the police at once, at any
    stage (seed 000 l.212-214). Whom it is about is restricted like the people register."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="risk_escalations")
    raised_by = models.CharField("who raised it", max_length=200)
    raised_at = models.DateTimeField("when it was raised")
    about_whom = models.TextField("who is at risk")
    police_contact = models.CharField("police contact", max_length=200)
    police_reference = models.CharField("police reference", max_length=100)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = "risk-to-life escalation"

    def __str__(self):
        return f"Risk to life on {self.case} ({self.police_reference})"
