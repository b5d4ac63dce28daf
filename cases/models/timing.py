"""What moves the review's own clock: agreed extensions and pauses."""

from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .case import Case
from .organisations import User


class ReportExtensionQuerySet(models.QuerySet):
    def home_office_not_told(self) -> "ReportExtensionQuerySet":
        """Extensions the Home Office has not been told of: each an open obligation."""
        return self.filter(home_office_told_on__isnull=True)


class ReportExtension(models.Model):
    """An agreed new date for the overview report.

    The CSP chair agrees it (seed 000 l.164: "formally agreed with the relevant CSP"; seed
    002 (10)), and "any revised timescale going beyond six months should be communicated to
    the Home Office" (seed 002 (10)). The new date must be later than the current one,
    which is already six months or more after the decision, so every extension goes beyond
    six months: each stays an open obligation until `home_office_told_on` is recorded.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    new_due_on = models.DateField("new due date")
    reason = models.TextField()
    agreed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The CSP chair who agreed it. Empty only on extensions recorded before "
        "the service named the person (see the text as recorded).",
    )
    agreed_by_as_recorded = models.CharField(
        "agreed by (as first recorded)",
        max_length=200,
        blank=True,
        editable=False,
        help_text="The free text the service used to keep before it named the CSP chair.",
    )
    agreed_on = models.DateField("date agreed")
    home_office_told_on = models.DateField("date the Home Office was told", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = ReportExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [
            models.Index(
                fields=["agreed_on"],
                condition=models.Q(home_office_told_on__isnull=True),
                name="extension_home_office_untold",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreed_by__isnull=False) | ~models.Q(agreed_by_as_recorded=""),
                name="extension_agreed_by_someone",
                violation_error_message="Say which CSP chair agreed the extension.",
            ),
        ]

    def __str__(self):
        return f"Extension of {self.case} to {self.new_due_on:%d %B %Y}"

    @property
    def agreed_by_name(self) -> str:
        return str(self.agreed_by) if self.agreed_by else self.agreed_by_as_recorded


class PauseQuerySet(models.QuerySet):
    def open_on(self, on: date) -> "PauseQuerySet":
        """Pauses in force on `on`: begun, and not ended by resume_case before that day.

        The one definition of an open pause, used by the case page, the dashboard and the
        reminders. The expected end does not count: trials slip, and a pause ends only when
        someone resumes the review (on the day it resumes, it is no longer paused).
        """
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=on)
        )


def paused_on(on: date) -> Exists:
    """For a queryset of cases: whether the case has a pause open on `on`."""
    return Exists(Pause.objects.open_on(on).filter(case=OuterRef("pk")))


class Pause(models.Model):
    """The review is pended, for example for criminal proceedings (seed 000 l.331, l.401).
    Orthogonal to the stage. It stops only the review's own clocks (the overview report),
    never the decision and its letters, which are due within the month whatever happens
    (seed 000 l.160; seed 002 (3)).

    Pauses never overlap: one open pause per case here, and on PostgreSQL the exclusion
    constraint `pauses_never_overlap` over the date ranges, added by a migration because
    SQLite (demo mode) cannot hold it; cases.services.pause_case checks the same first.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    reason = models.TextField()
    starts_on = models.DateField("paused from")
    expected_end_on = models.DateField("expected to resume", null=True, blank=True)
    # Written only by cases.services.resume_case.
    ends_on = models.DateField("resumed on", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(ends_on__isnull=True), name="one_open_pause"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="pause_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_end_on__isnull=True)
                | models.Q(expected_end_on__gte=models.F("starts_on")),
                name="pause_expected_end_after_start",
            ),
        ]

    def __str__(self):
        return f"Pause of {self.case} from {self.starts_on:%d %B %Y}"

    def is_open_on(self, on: date) -> bool:
        """PauseQuerySet.open_on, for a pause already loaded (the case page lists them all)."""
        return self.starts_on <= on and (self.ends_on is None or self.ends_on > on)
