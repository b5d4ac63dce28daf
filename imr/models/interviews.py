"""Staff interviews for an IMR (DOMAIN.md 2.4 item 6; seed 001 §4.18; seed 002 (9)(f)): a
written record of each, shared with the member of staff, who was reminded that the review
is not disciplinary. A witness in criminal proceedings is interviewed only after the SIO's
views and the CPS's advice were sought (DOMAIN 2.3 item 4; seed 001 §4.19; seed 002 (9)(f))."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import User
from panels.models import Proceeding

from .imr import Imr


class StaffInterview(models.Model):
    imr = models.ForeignKey(Imr, on_delete=models.PROTECT, related_name="interviews")
    # Staff are anonymised like everyone else (DESIGN §6); the job title is what the IMR
    # needs, and no name is asked for.
    job_title = models.CharField("interviewee's job title", max_length=200)
    interviewed_on = models.DateField("date of the interview")
    record = models.TextField("written record of the interview")
    shared_on = models.DateField("date the record was shared with the interviewee")
    reminded_not_disciplinary = models.BooleanField(
        "reminded that the review is not a disciplinary process", default=False
    )
    policies_not_followed = models.BooleanField(
        "interviewed because policies or procedures were not followed", default=False
    )
    # The SIO/CPS gate: the proceeding the interviewee is a witness in, and the advice
    # sought before the interview. Proceeding records hold no advice of their own, so it is
    # recorded here, per witness.
    witness_in = models.ForeignKey(
        Proceeding,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="witness in the criminal proceedings",
    )
    sio_advised_on = models.DateField("date of the SIO's views", null=True, blank=True)
    sio_advice = models.TextField("the SIO's views", blank=True)
    cps_advised_on = models.DateField("date of the CPS's advice", null=True, blank=True)
    cps_advice = models.TextField("the CPS's advice", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["interviewed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reminded_not_disciplinary=True),
                name="interviewee_reminded_not_disciplinary",
                violation_error_message="The interviewee must be reminded that the review is "
                "not disciplinary.",
            ),
            models.CheckConstraint(
                condition=Q(shared_on__gte=F("interviewed_on")),
                name="interview_shared_after_it_took_place",
            ),
            # A witness's interview comes after both pieces of advice, recorded in full.
            models.CheckConstraint(
                condition=Q(witness_in__isnull=True)
                | (
                    Q(sio_advised_on__lte=F("interviewed_on"))
                    & Q(cps_advised_on__lte=F("interviewed_on"))
                    & ~Q(sio_advice="")
                    & ~Q(cps_advice="")
                ),
                name="witness_interview_after_sio_and_cps_advice",
            ),
        ]

    def __str__(self):
        return f"Interview with the {self.job_title}, {self.interviewed_on:%-d %B %Y}"
