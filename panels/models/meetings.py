"""Meetings of the review (DOMAIN.md 2.1 item 8): the panel's, the family's and agencies'
presentations, with who came, the restricted minutes, and the decisions and actions."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Case, User


def minutes_upload_path(meeting, filename):
    # Stored under a random name; the original name is kept for display only.
    return f"minutes/{uuid.uuid4().hex}.pdf"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        PANEL = "panel", "Panel meeting"
        FAMILY = "family", "Meeting with the family"
        AGENCY_PRESENTATION = "agency_presentation", "Agency presentation"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("type of meeting", max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField("date and time")
    venue = models.CharField(max_length=300)
    agenda = models.TextField(blank=True)
    # The calendar invitation's UID: the same event in everyone's calendar.
    calendar_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scheduled_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # Restricted: read only by those who read the case file's submissions (DESIGN §5).
    minutes = models.TextField(blank=True)
    minutes_copy = models.FileField(upload_to=minutes_upload_path, blank=True)
    minutes_copy_name = models.CharField(max_length=200, blank=True, editable=False)
    minutes_recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            # The same meeting entered twice would invite everyone twice.
            models.UniqueConstraint(
                fields=["case", "kind", "starts_at"], name="one_meeting_of_a_kind_at_a_time"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {timezone.localtime(self.starts_at):%-d %B %Y}"

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes or self.minutes_copy)

    @property
    def has_taken_place(self) -> bool:
        return self.starts_at <= timezone.now()


class MeetingAttendee(models.Model):
    """Someone asked to the meeting, by name; a case member also by account, to be sent the
    invitation. Whether they came or sent apologies is recorded with the minutes."""

    class Attendance(models.TextChoices):
        INVITED = "invited", "Invited"
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.INVITED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="one_attendance_per_user",
            )
        ]

    def __str__(self):
        return self.name


class MeetingOutcome(models.Model):
    """A decision the meeting made, or an action it gave someone, by a date."""

    class Kind(models.TextChoices):
        DECISION = "decision", "Decision"
        ACTION = "action", "Action"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    due_on = models.DateField("due", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="action") | (~Q(owner="") & Q(due_on__isnull=False)),
                name="an_action_has_an_owner_and_a_date",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"
