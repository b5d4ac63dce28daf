"""The chronology of each IMR and the combined chronology of the case (DOMAIN.md 2.4 item 4).

Each agency's author writes its chronology entries: what the agency's records say happened,
when, to whom, what risk was assessed, and the author's comment. The combined chronology
merges every agency's entries once the agency has put its IMR before the panel; the
independent chair compiles it (a recorded act, which the start of drafting needs) and it is
sent to the disclosure officer (also recorded)."""

import calendar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, Person, User

from .imr import Imr


class ChronologyEntry(models.Model):
    class Precision(models.TextChoices):
        EXACT = "exact", "Exact date"
        MONTH = "month", "Month only"
        APPROXIMATE = "approximate", "Approximate date"

    class DashLevel(models.TextChoices):
        # The DASH risk identification checklist's outcome, as the agency recorded it.
        STANDARD = "standard", "Standard"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    imr = models.ForeignKey(Imr, on_delete=models.CASCADE, related_name="chronology_entries")
    # A month-only date is kept as the month's first day, so entries still sort by date.
    occurred_on = models.DateField("date")
    precision = models.CharField(
        "how exact the date is", max_length=12, choices=Precision.choices, default="exact"
    )
    occurred_at = models.TimeField("time", null=True, blank=True)
    source_reference = models.CharField(
        "source record reference",
        max_length=200,
        blank=True,
        help_text="Where the agency's record is: a crime number, case note or system ID.",
    )
    what_happened = models.TextField("what happened")
    people = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name="people involved"
    )
    dash_level = models.CharField(
        "DASH risk level", max_length=10, choices=DashLevel.choices, blank=True
    )
    referred_to_marac = models.BooleanField("referred to MARAC", default=False)
    discussed_at_marac = models.BooleanField("discussed at MARAC", default=False)
    author_comment = models.TextField("author's comment or analysis", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[people])

    class Meta:
        ordering = ["occurred_on", "occurred_at", "id"]
        verbose_name = "chronology entry"
        verbose_name_plural = "chronology entries"
        constraints = [
            # A time means the day is known: "about March, at 14:30" says nothing.
            models.CheckConstraint(
                condition=Q(occurred_at__isnull=True) | Q(precision="exact"),
                name="a_time_only_with_an_exact_date",
            ),
            models.CheckConstraint(
                condition=~Q(precision="month") | Q(occurred_on__day=1),
                name="a_month_only_date_is_its_first_day",
            ),
        ]
        indexes = [models.Index(fields=["imr", "occurred_on"])]

    def __str__(self):
        return f"{self.when}: {self.what_happened[:60]}"

    @property
    def when(self) -> str:
        """The date as precisely as the agency knows it."""
        if self.precision == self.Precision.MONTH:
            return f"{calendar.month_name[self.occurred_on.month]} {self.occurred_on.year}"
        day = f"{self.occurred_on.day} {calendar.month_name[self.occurred_on.month]} "
        day += str(self.occurred_on.year)
        if self.precision == self.Precision.APPROXIMATE:
            return f"About {day}"
        return f"{day}, {self.occurred_at:%H:%M}" if self.occurred_at else day

    @property
    def marac(self) -> str:
        flags = [
            label
            for flag, label in (
                (self.referred_to_marac, "referred"),
                (self.discussed_at_marac, "discussed"),
            )
            if flag
        ]
        return " and ".join(flags).capitalize()


class CombinedChronology(models.Model):
    """The case's combined chronology as a record of two acts: the independent chair
    compiled it (who, when), and it was sent to the police disclosure officer (when, to
    whom, recorded by whom). The entries themselves stay in each IMR."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="chronology")
    compiled_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    compiled_at = models.DateTimeField(default=timezone.now)
    sent_on = models.DateField("date sent to the disclosure officer", null=True, blank=True)
    sent_to = models.CharField("disclosure officer", max_length=200, blank=True)
    sent_recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "combined chronology"
        verbose_name_plural = "combined chronologies"
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True, sent_to="")
                | (Q(sent_on__isnull=False) & ~Q(sent_to="")),
                name="sent_with_a_date_and_a_disclosure_officer",
            )
        ]

    def __str__(self):
        return f"Combined chronology of {self.case}"
