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
# Seed 000 l.160: the terms of reference are "drafted and agreed within" the month of the
# decision.
TERMS_OF_REFERENCE_MONTHS = 1
# An agreed report date more than this after the current one is taken for a typing error
# (a year of 2099 for 2029): no source sets a limit, and a review so long would need a new
# agreement long before then anyway.
MAX_EXTENSION_MONTHS = 24


class ClockStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    DUE_SOON = "due_soon", "Due within 14 days"
    OVERDUE = "overdue", "Overdue"
    MET_ON_TIME = "met_on_time", "Met on time"
    MET_LATE = "met_late", "Met late"
    # The review is paused: its own clocks wait (Pause).
    PAUSED = "paused", "Paused"
    # No letter to the family, and the reason why recorded instead (FamilyLetterNotSent).
    REASON_RECORDED = "reason_recorded", "Not sent: reason recorded"


@dataclass(frozen=True)
class Clock:
    name: str
    due_on: date | None
    met_on: date | None
    status: ClockStatus

    @property
    def is_open(self) -> bool:
        """Running and not met. A paused clock is not running."""
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


def family_letter_due(notified_on: date) -> date:
    # "Home Office and family of victim informed of decision, within 1 month of homicide
    # being notified" (seed 002, appendix 1).
    return decision_due(notified_on)


def decision_clocks(starts_on: date) -> dict[str, date]:
    """The due dates of the decision and its letters, as stored on the case, from the day
    the case came to the partnership for a decision: the notification, or the Home
    Office's letter or s.9(2) direction that reopened it. A reopened case is decided again
    within a calendar month of that letter, as a new notification would be, so it is not
    overdue the day it reopens (DOMAIN M3)."""
    return {
        "decision_due_on": decision_due(starts_on),
        "home_office_letter_due_on": home_office_letter_due(starts_on),
        "family_letter_due_on": family_letter_due(starts_on),
    }


def terms_of_reference_due(decided_on: date) -> date:
    return add_calendar_months(decided_on, TERMS_OF_REFERENCE_MONTHS)


def overview_report_due(decided_on: date, extended_to: date | None = None) -> date:
    """Six months after the decision, unless a later extension was agreed."""
    return extended_to or add_calendar_months(decided_on, OVERVIEW_REPORT_MONTHS)


def latest_plausible_extension(current_due_on: date) -> date:
    return add_calendar_months(current_due_on, MAX_EXTENSION_MONTHS)


def extension_date_problem(current_due_on: date, new_due_on: date) -> str | None:
    """Why `new_due_on` cannot be agreed as the report's new due date, or None. The form
    and cases.services.agree_extension both ask, so the message is the same in both."""
    if new_due_on <= current_due_on:
        return f"The new date must be after the current due date ({current_due_on:%-d %B %Y})."
    latest = latest_plausible_extension(current_due_on)
    if new_due_on > latest:
        return (
            f"The new date must be no later than {latest:%-d %B %Y}, "
            f"{MAX_EXTENSION_MONTHS // 12} years after the current due date. Check the year."
        )
    return None


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


def case_clocks(
    case,
    *,
    home_office_letter_sent_on: date | None,
    family_letter_sent_on: date | None,
    family_letter_not_sent_on: date | None,
    paused: bool,
    on: date,
) -> list[Clock]:
    """The case's clocks as of `on`. The letter dates and whether the review is paused are
    passed in so lists can fetch them in the same query as the case.

    A pause stops only the review's own clock (the overview report); the decision and its
    letters are due within the month whatever happens (seed 000 l.160, l.331)."""
    report_status = status(case.overview_report_due_on, case.overview_report_completed_on, on)
    if paused and report_status in (
        ClockStatus.ON_TRACK,
        ClockStatus.DUE_SOON,
        ClockStatus.OVERDUE,
    ):
        report_status = ClockStatus.PAUSED
    family_status = status(case.family_letter_due_on, family_letter_sent_on, on)
    if family_letter_sent_on is None and family_letter_not_sent_on is not None:
        family_status = ClockStatus.REASON_RECORDED
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
            "Letter to the family",
            case.family_letter_due_on,
            family_letter_sent_on or family_letter_not_sent_on,
            family_status,
        ),
        Clock(
            "Overview report",
            case.overview_report_due_on,
            case.overview_report_completed_on,
            report_status,
        ),
    ]


def next_deadline(clocks: list[Clock]) -> Clock | None:
    """The earliest running clock; a paused one only when nothing else runs."""
    running = [clock for clock in clocks if clock.is_open]
    waiting = running or [clock for clock in clocks if clock.status == ClockStatus.PAUSED]
    return min(waiting, key=lambda clock: clock.due_on, default=None)
