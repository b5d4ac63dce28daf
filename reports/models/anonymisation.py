"""A person's decision on an identifier the anonymiser flagged (DOMAIN.md 2.5 item 6: "let a
person sign off what is flagged"): keep it as written, or replace it. One per case and key
(kind and normalised text), so the decision holds wherever the identifier recurs."""

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Case, User


class AnonymisationDecision(models.Model):
    class Decision(models.TextChoices):
        KEEP = "keep", "Keep as written"
        REPLACE = "replace", "Replace"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="anonymisation_decisions")
    key = models.CharField(max_length=300)
    kind = models.CharField(max_length=30)
    # The identifier as first decided on, restricted like the register.
    text = models.CharField(max_length=300)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    replacement = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="one_decision_per_identifier"),
            models.CheckConstraint(
                condition=models.Q(decision="keep", replacement="")
                | (models.Q(decision="replace") & ~models.Q(replacement="")),
                name="replacement_only_when_replaced",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.kind} on {self.case}"
