"""What the partnership records while the action plan is monitored: the standing panel's
challenge meetings (seed 002 (13)(e)), the Home Office's requests for an update (seed 000
l.296) and the dissemination of the lessons (seed 000 l.273-277, l.414-421; seed 001
§4.33-4.34; seed 003 "Disseminating Lessons Learned")."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, User
from reports.models import Action


class ChallengeMeeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="challenge_meetings")
    held_on = models.DateField("date of the meeting")
    attendees = models.TextField("who attended")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Challenge meeting of {self.held_on}"


class Challenge(models.Model):
    meeting = models.ForeignKey(
        ChallengeMeeting, on_delete=models.PROTECT, related_name="challenges"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    # The action challenged, where the challenge is about one.
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="challenges"
    )
    challenge = models.TextField("the challenge made")
    response = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Challenge at the meeting of {self.meeting.held_on}"


class HomeOfficeUpdateRequest(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="home_office_update_requests"
    )
    received_on = models.DateField("date received")
    asked = models.TextField("what the Home Office asked")
    answer = models.TextField(blank=True)
    answered_on = models.DateField("date the answer was sent", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="", answered_on__isnull=True)
                | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="an_answer_is_dated",
            ),
        ]

    def __str__(self):
        return f"Home Office request of {self.received_on}"


class Dissemination(models.Model):
    class Learning(models.TextChoices):
        GOOD_PRACTICE = "good_practice", "Good practice"
        FAILINGS = "failings", "Lessons from failings"
        BOTH = "both", "Both"

    class Audience(models.TextChoices):
        MARAC = "marac", "The local MARAC"
        DOMESTIC_ABUSE_FORUM = "domestic_abuse_forum", "The domestic abuse forum"
        CHILDREN_BOARD = "children_board", "The safeguarding children partnership"
        ADULTS_BOARD = "adults_board", "The safeguarding adults board"
        COMMISSIONERS = "commissioners", "Commissioners"
        TRAINING = "training", "A training programme"
        CSP_AGENDA = "csp_agenda", "The CSP's standing DHR item"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="disseminations")
    shared_on = models.DateField("date shared")
    learning = models.CharField("kind of learning", max_length=20, choices=Learning.choices)
    what = models.TextField("what was shared")
    audience = models.CharField("shared with", max_length=30, choices=Audience.choices)
    audience_detail = models.CharField("who exactly", max_length=200, blank=True)
    how = models.CharField("how it was shared", max_length=300)
    # The CSP chair decides what is disseminated, how and to whom (seed 001 §4.33).
    decided_by = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-shared_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(audience="other") | ~Q(audience_detail=""),
                name="another_audience_is_named",
            ),
        ]

    def __str__(self):
        return f"Learning shared on {self.shared_on}"
