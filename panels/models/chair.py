"""The independent chair's appointment (DOMAIN.md 2.1 item 1).

The chair's role on the case is a CaseMembership, granted and ended through cases.services;
an appointment holds what the membership does not: who appointed them and when, the
declaration of independence, their training, a separate author and a loan from a regional
exchange, and, once it ends, why.
"""

from django.db import models
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords

from cases.models import Case, CaseMembership, User

# The knowledge an independent chair brings (seed 000 l.145-154; seed 001 §4.9).
KNOWLEDGE_FIELDS = (
    "knows_domestic_abuse",
    "knows_honour_based_abuse",
    "knows_equality_act",
    "knows_agencies",
)


class ChairAppointment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="chair_appointments")
    membership = models.OneToOneField(
        CaseMembership, on_delete=models.PROTECT, related_name="chair_appointment"
    )
    appointed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    appointed_on = models.DateField()
    # Seed 000 l.139; seed 001 §4.9; seed 002 (5): "not directly associated with any of the
    # agencies involved", now or before. No chair is appointed without it.
    declared_independent = models.BooleanField(
        "declared not directly associated with any agency involved, now or before"
    )
    # Seed 000 l.145-154; seed 001 §4.9: the Home Office e-learning and KNOWLEDGE_FIELDS.
    home_office_training_completed_on = models.DateField(
        "Home Office e-learning completed on", null=True, blank=True
    )
    knows_domestic_abuse = models.BooleanField(
        "knowledge of domestic violence and coercive control", default=False
    )
    knows_honour_based_abuse = models.BooleanField("knowledge of honour-based abuse", default=False)
    knows_equality_act = models.BooleanField("knowledge of the Equality Act 2010", default=False)
    knows_agencies = models.BooleanField(
        "knowledge of the main agencies and their disciplinary regimes", default=False
    )
    # Seed 002 "Chair/Author": the overview report may be written by someone else.
    overview_author_name = models.CharField(
        "separate overview report author", max_length=200, blank=True
    )
    # Seed 000 l.141: a chair loaned from a regional exchange.
    regional_exchange = models.CharField(
        "loaned from the regional exchange", max_length=200, blank=True
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField("why the appointment ended", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-appointed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_chair_appointment",
                violation_error_message="A case has one independent chair at a time.",
            ),
            models.CheckConstraint(
                condition=models.Q(declared_independent=True),
                name="chair_declared_independent",
                violation_error_message="The chair must declare their independence.",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | ~models.Q(end_reason=""),
                name="ended_chair_appointment_has_reason",
                violation_error_message="Say why the appointment ended.",
            ),
        ]

    def __str__(self):
        return f"{self.chair} – independent chair of {self.case}"

    @property
    def chair(self) -> User:
        return self.membership.user

    @property
    def knowledge_areas(self) -> list[str]:
        return [
            capfirst(self._meta.get_field(name).verbose_name)
            for name in KNOWLEDGE_FIELDS
            if getattr(self, name)
        ]
