"""The review panel: its members, one row each, and the agencies that declined to take part
(DOMAIN.md 2.1 items 2 to 4)."""

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Agency, Case, CaseMembership, User


class PanelMember(models.Model):
    class Seniority(models.TextChoices):
        # Seed 002 (4): members senior enough to commit their agency to the recommendations.
        SENIOR = "senior", "Senior manager: can commit the agency"
        MANAGER = "manager", "Manager"
        PRACTITIONER = "practitioner", "Practitioner"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panel_members")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Their account, if they have one: it is given the panel member role.",
    )
    membership = models.ForeignKey(
        CaseMembership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(max_length=10, choices=Agency.Sector.choices)
    role = models.CharField("role", max_length=200)
    seniority = models.CharField(max_length=20, choices=Seniority.choices)
    is_idva = models.BooleanField("an IDVA or specialist domestic abuse worker", default=False)
    also_imr_author = models.BooleanField("also an IMR author", default=False)
    # Seed 002 (4): managers or practitioners directly involved "should not sit on the Review
    # Panel"; seed 003: the panel agrees confidentiality. Both are given at joining.
    declared_no_involvement = models.BooleanField(
        "declared no direct involvement with the victim, perpetrator or their families"
    )
    confidentiality_undertaking = models.BooleanField("gave the confidentiality undertaking")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["left_on", "agency__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(left_on__isnull=True, user__isnull=False),
                name="one_current_panel_seat_per_person",
                violation_error_message="This person is already on the panel.",
            ),
            models.CheckConstraint(
                condition=models.Q(declared_no_involvement=True, confidentiality_undertaking=True),
                name="panel_member_declarations_given",
                violation_error_message="A member gives both declarations at joining.",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="panel_member_leaves_after_joining",
                violation_error_message="A member leaves on or after the day they joined.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.agency}) on the panel of {self.case}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class AgencyDeclined(models.Model):
    """An agency declining to take part: escalated to the Home Office, which may direct it
    under s.9(2) (seed 000 l.89: such a direction "is likely to be made where a person or
    body has declined involvement")."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agencies_declined")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    declined_on = models.DateField()
    reason = models.TextField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    home_office_told_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["declined_on", "id"]
        verbose_name = "agency that declined to take part"
        verbose_name_plural = "agencies that declined to take part"

    def __str__(self):
        return f"{self.agency} declined to take part in {self.case}"
