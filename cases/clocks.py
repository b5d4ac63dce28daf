"""Every deadline of a case, computed here and nowhere else (DESIGN §4).

All dates are calendar dates in Europe/London. Templates only display what this module
returns; cases.services stores the due dates so deadline scans can use an index.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils import timezone

DUE_SOON_DAYS = 14
# Seed 000 l.160: "within 1 month of a case coming to their attention"; seed 002 (3).
DECISION_MONTHS = 1
# Seed 002 (10): "within six months of the SSP Chair's decision to conduct the Review";
# seed 000 l.164 and l.325.
OVERVIEW_REPORT_MONTHS = 6


class ClockStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    DUE_SOON = "due_soon", "Due within 14 days"
    OVERDUE = "overdue", "Overdue"
    MET_ON_TIME = "met_on_time", "Met on time"
    MET_LATE = "met_late", "Met late"


@dataclass(frozen=True)
class Clock:
    name: str
    due_on: date | None
    met_on: date | None
    status: ClockStatus

    @property
    def is_open(self) -> bool:
        return self.status in (ClockStatus.ON_TRACK, ClockStatus.DUE_SOON, ClockStatus.OVERDUE)


def today() -> date:
    return timezone.localdate()


def add_calendar_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day when the day does not exist
    (31 January + 1 month = 28 or 29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def decision_due(notified_on: date) -> date:
    return add_calendar_months(notified_on, DECISION_MONTHS)


def home_office_letter_due(notified_on: date) -> date:
    # The Home Office is told of the decision by the same date (seed 001 §4.4).
    return decision_due(notified_on)


def overview_report_due(decided_on: date, extended_to: date | None = None) -> date:
    """Six months after the decision, unless a later extension was agreed."""
    return extended_to or add_calendar_months(decided_on, OVERVIEW_REPORT_MONTHS)


def extension_needs_home_office(decided_on: date, new_due_on: date) -> bool:
    """An extension past six months from the decision is reported to the Home Office."""
    return new_due_on > add_calendar_months(decided_on, OVERVIEW_REPORT_MONTHS)


def status(due_on: date | None, met_on: date | None, on: date) -> ClockStatus:
    if due_on is None:
        return ClockStatus.NOT_STARTED
    if met_on is not None:
        return ClockStatus.MET_ON_TIME if met_on <= due_on else ClockStatus.MET_LATE
    if on > due_on:
        return ClockStatus.OVERDUE
    if on >= due_on - timedelta(days=DUE_SOON_DAYS):
        return ClockStatus.DUE_SOON
    return ClockStatus.ON_TRACK


def case_clocks(case, *, home_office_letter_sent_on: date | None, on: date) -> list[Clock]:
    """The case's clocks as of `on`. The letter date is passed in so lists can fetch it in
    the same query as the case."""
    return [
        Clock(
            "Decision",
            case.decision_due_on,
            case.decided_on,
            status(case.decision_due_on, case.decided_on, on),
        ),
        Clock(
            "Letter to the Home Office",
            case.home_office_letter_due_on,
            home_office_letter_sent_on,
            status(case.home_office_letter_due_on, home_office_letter_sent_on, on),
        ),
        Clock(
            "Overview report",
            case.overview_report_due_on,
            case.overview_report_completed_on,
            status(case.overview_report_due_on, case.overview_report_completed_on, on),
        ),
    ]


def next_deadline(clocks: list[Clock]) -> Clock | None:
    open_clocks = [clock for clock in clocks if clock.is_open]
    return min(open_clocks, key=lambda clock: clock.due_on, default=None)
