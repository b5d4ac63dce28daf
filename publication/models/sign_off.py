"""The partnership's sign-off of the report (DOMAIN.md 2.6; seed 000 l.253-254; seed 001
§4.28; seed 002 (10)-(11)): the meeting that considered it, who attended, the versions
agreed (as hashes), and the four things the partnership confirms. A sign-off belongs to one
round of the review at CSP sign-off: after a return to drafting or a resubmission the
report comes back in a new round and needs a fresh sign-off; the earlier one stays."""

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Case, User
from reports.models import ReportVersion


class SignOff(models.Model):
    # What the partnership confirms, each required (seed 000 l.253-254; seed 002 (11)).
    CHECKS = (
        "content_agreed",
        "anonymisation_confirmed",
        "data_collection_form_completed",
        "debriefing_arranged",
    )

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sign_offs")
    # The how-many-th time the report came to the partnership (cases' submit_for_sign_off
    # events): one sign-off per round.
    round = models.PositiveSmallIntegerField(editable=False)
    meeting = models.CharField("the meeting that considered it", max_length=300)
    met_on = models.DateField("date of the meeting")
    attendees = models.TextField("who attended")
    overview_report_version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, related_name="+"
    )
    executive_summary_version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, related_name="+"
    )
    overview_report_hash = models.CharField(max_length=64)
    executive_summary_hash = models.CharField(max_length=64)
    action_plan_hash = models.CharField(max_length=64)
    content_agreed = models.BooleanField("the partnership agrees the content")
    anonymisation_confirmed = models.BooleanField(
        "the report is fully anonymised apart from the names of the review panel chair and members"
    )
    data_collection_form_completed = models.BooleanField("the data collection form is completed")
    debriefing_arranged = models.BooleanField(
        "debriefing is arranged for staff, the family and the media"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "round"]
        verbose_name = "CSP sign-off"
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="one_sign_off_per_round"),
            models.CheckConstraint(
                condition=models.Q(
                    content_agreed=True,
                    anonymisation_confirmed=True,
                    data_collection_form_completed=True,
                    debriefing_arranged=True,
                ),
                name="a_sign_off_confirms_every_check",
            ),
        ]

    def __str__(self):
        return f"Sign-off of {self.case} at {self.meeting} ({self.met_on:%-d %B %Y})"
