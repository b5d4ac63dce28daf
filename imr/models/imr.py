"""One agency's individual management review on one case (DOMAIN.md 2.4): commissioned by
the independent chair, written by an author the agency's senior manager appoints, signed
off by that senior manager, then reviewed and accepted by the panel. Never published
(seed 000 l.367)."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Agency, Case, User


class Imr(models.Model):
    class Status(models.TextChoices):
        COMMISSIONED = "commissioned", "Commissioned"
        DRAFTING = "drafting", "Being written"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for the senior manager's sign-off"
        RETURNED = "returned", "Returned to the author by the senior manager"
        SUBMITTED = "submitted", "Submitted to the panel"
        REVISION_REQUESTED = "revision_requested", "Revision asked for by the chair"
        ACCEPTED = "accepted", "Accepted"

    # The states in which the agency's author may change the draft.
    EDITABLE = frozenset({Status.DRAFTING, Status.RETURNED, Status.REVISION_REQUESTED})
    # The states in which the panel reads it: signed off by the agency at least once.
    BEFORE_THE_PANEL = frozenset({Status.SUBMITTED, Status.REVISION_REQUESTED, Status.ACCEPTED})
    # The due date runs until the senior manager first signs the IMR off: after that it is
    # the panel's to read, and the agency has done what the letter asked.
    DUE_DATE_RUNS = frozenset(
        {Status.COMMISSIONED, Status.DRAFTING, Status.AWAITING_SIGN_OFF, Status.RETURNED}
    )

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="imrs")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.COMMISSIONED)
    due_on = models.DateField("due date")
    commissioned_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    commissioned_at = models.DateTimeField(default=timezone.now)
    senior_manager = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency's senior manager the commissioning letter goes to, who appoints "
        "the author and signs the IMR off.",
    )
    author = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author_appointed_at = models.DateTimeField(null=True, blank=True)
    # The author's independence declaration, made when appointed (seed 000 l.230, l.347;
    # seed 001 §4.17): both must be true for the appointment to stand.
    author_not_involved = models.BooleanField(
        "not directly involved with the victim, the perpetrator or their families",
        default=False,
    )
    author_not_line_manager = models.BooleanField(
        "not the immediate line manager of any member of staff involved", default=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "id"]
        verbose_name = "IMR"
        verbose_name_plural = "IMRs"
        constraints = [
            # Commissioned twice (a double click, two chairs' tabs) would ask the agency twice.
            models.UniqueConstraint(
                fields=["case", "agency"],
                name="one_imr_per_agency",
                violation_error_message="This agency's IMR is commissioned already.",
            )
        ]

    def __str__(self):
        return f"{self.agency} IMR on {self.case}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_before_the_panel(self) -> bool:
        return self.status in self.BEFORE_THE_PANEL
