"""The review's recommendations and the action plan made from them (DOMAIN.md 2.5 item 5;
seed 000 l.241-245; seed 001 §4.27): overview recommendations, and single-agency ones carried
from the accepted IMRs; each action SMART and linked to one recommendation."""

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Agency, Case
from imr.models import ImrRecommendation


class Recommendation(models.Model):
    class Level(models.TextChoices):
        OVERVIEW = "overview", "Overview (multi-agency)"
        SINGLE_AGENCY = "single_agency", "Single agency"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveIntegerField()
    level = models.CharField(max_length=20, choices=Level.choices)
    # The agency a single-agency recommendation is for; blank for an overview one.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField("recommendation")
    carried_from = models.OneToOneField(
        ImrRecommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_into",
        help_text="The IMR recommendation this one was carried from.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "number"], name="one_recommendation_per_number"
            ),
            models.CheckConstraint(
                condition=models.Q(level="overview", agency__isnull=True)
                | models.Q(level="single_agency", agency__isnull=False),
                name="single_agency_recommendation_names_its_agency",
            ),
        ]

    def __str__(self):
        return f"Recommendation {self.number} of {self.case}"


class Action(models.Model):
    """Who will do what, by when, with what intended outcome, and how it is monitored
    (seed 000 l.243-245; seed 001 "Action Plan")."""

    class Scope(models.TextChoices):
        LOCAL = "local", "Local"
        REGIONAL = "regional", "Regional"
        NATIONAL = "national", "National"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    owner = models.CharField(
        max_length=200, help_text="The post responsible, for example Head of Safeguarding."
    )
    action = models.TextField()
    milestones = models.TextField(blank=True)
    target_on = models.DateField("target date")
    intended_outcome = models.TextField()
    monitored_by = models.TextField("how it is monitored")
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.LOCAL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "id"]

    def __str__(self):
        return f"Action for recommendation {self.recommendation.number}: {self.action[:60]}"

    @property
    def case(self):
        return self.recommendation.case
