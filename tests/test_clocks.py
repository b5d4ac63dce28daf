"""cases.clocks: calendar months at month ends and leap years, and each clock status."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from freezegun import freeze_time

from cases import clocks
from cases.clocks import Clock, ClockStatus

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 11, 30), 6, date(2027, 5, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 7, 1), 6, date(2027, 1, 1)),
        (date(2026, 6, 30), 0, date(2026, 6, 30)),
    ],
)
def test_add_calendar_months_keeps_the_day_or_takes_the_months_last_day(start, months, expected):
    assert clocks.add_calendar_months(start, months) == expected


def test_the_decision_and_the_home_office_letter_are_due_one_calendar_month_after_notification():
    assert clocks.decision_due(date(2026, 3, 4)) == date(2026, 4, 4)
    assert clocks.decision_due(date(2026, 1, 31)) == date(2026, 2, 28)
    assert clocks.home_office_letter_due(date(2026, 1, 31)) == date(2026, 2, 28)
    assert clocks.home_office_letter_due(date(2026, 3, 4)) == clocks.decision_due(date(2026, 3, 4))


def test_the_overview_report_is_due_six_months_after_the_decision():
    assert clocks.overview_report_due(date(2026, 3, 10)) == date(2026, 9, 10)
    assert clocks.overview_report_due(date(2026, 8, 31)) == date(2027, 2, 28)


def test_an_agreed_extension_replaces_the_six_month_date():
    assert clocks.overview_report_due(date(2026, 3, 10), date(2026, 12, 1)) == date(2026, 12, 1)
    assert clocks.overview_report_due(date(2026, 3, 10), None) == date(2026, 9, 10)


@pytest.mark.parametrize(
    ("new_due_on", "reported"),
    [
        (date(2026, 9, 9), False),
        (date(2026, 9, 10), False),  # exactly six months: still within the statutory time
        (date(2026, 9, 11), True),
        (date(2027, 1, 1), True),
    ],
)
def test_an_extension_past_six_months_is_reported_to_the_home_office(new_due_on, reported):
    assert clocks.extension_needs_home_office(date(2026, 3, 10), new_due_on) is reported


DUE = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("due_on", "met_on", "on", "expected"),
    [
        (None, None, DUE, ClockStatus.NOT_STARTED),
        (None, DUE, DUE, ClockStatus.NOT_STARTED),
        (DUE, None, DUE - 15 * DAY, ClockStatus.ON_TRACK),
        (DUE, None, DUE - 14 * DAY, ClockStatus.DUE_SOON),
        (DUE, None, DUE - DAY, ClockStatus.DUE_SOON),
        (DUE, None, DUE, ClockStatus.DUE_SOON),
        (DUE, None, DUE + DAY, ClockStatus.OVERDUE),
        (DUE, DUE, DUE, ClockStatus.MET_ON_TIME),
        (DUE, DUE - 30 * DAY, DUE - 20 * DAY, ClockStatus.MET_ON_TIME),
        (DUE, DUE + DAY, DUE + DAY, ClockStatus.MET_LATE),
        # Met is final: the day you look does not change it.
        (DUE, DUE, DUE + 100 * DAY, ClockStatus.MET_ON_TIME),
    ],
)
def test_clock_status(due_on, met_on, on, expected):
    assert clocks.status(due_on, met_on, on) == expected


def test_every_clock_status_is_reachable():
    cases = [
        (None, None, DUE),
        (DUE, None, DUE - 15 * DAY),
        (DUE, None, DUE - 14 * DAY),
        (DUE, None, DUE + DAY),
        (DUE, DUE, DUE),
        (DUE, DUE + DAY, DUE),
    ]
    assert {clocks.status(*args) for args in cases} == set(ClockStatus)


def a_case(**fields):
    defaults = {
        "decision_due_on": date(2026, 4, 4),
        "decided_on": None,
        "home_office_letter_due_on": date(2026, 4, 4),
        "overview_report_due_on": None,
        "overview_report_completed_on": None,
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_case_clocks_of_a_case_awaiting_a_decision():
    decision, letter, report = clocks.case_clocks(
        a_case(), home_office_letter_sent_on=None, on=date(2026, 3, 10)
    )
    assert decision == Clock("Decision", date(2026, 4, 4), None, ClockStatus.ON_TRACK)
    assert letter == Clock(
        "Letter to the Home Office", date(2026, 4, 4), None, ClockStatus.ON_TRACK
    )
    assert report == Clock("Overview report", None, None, ClockStatus.NOT_STARTED)
    assert [clock.is_open for clock in (decision, letter, report)] == [True, True, False]


def test_case_clocks_after_a_decision_to_review():
    case = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=date(2026, 9, 30))
    decision, letter, report = clocks.case_clocks(
        case, home_office_letter_sent_on=date(2026, 4, 6), on=date(2026, 4, 10)
    )
    assert decision.status == ClockStatus.MET_ON_TIME
    assert letter.status == ClockStatus.MET_LATE
    assert letter.met_on == date(2026, 4, 6)
    assert report.status == ClockStatus.ON_TRACK
    assert not decision.is_open
    assert not letter.is_open
    assert report.is_open


def test_the_next_deadline_is_the_earliest_open_clock():
    case = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=date(2026, 9, 30))
    on_time = clocks.case_clocks(case, home_office_letter_sent_on=None, on=date(2026, 4, 1))
    assert clocks.next_deadline(on_time).name == "Letter to the Home Office"

    letter_sent = clocks.case_clocks(
        case, home_office_letter_sent_on=date(2026, 4, 1), on=date(2026, 4, 1)
    )
    assert clocks.next_deadline(letter_sent).name == "Overview report"


def test_an_overdue_clock_is_still_the_next_deadline():
    clocks_now = clocks.case_clocks(a_case(), home_office_letter_sent_on=None, on=date(2026, 5, 1))
    deadline = clocks.next_deadline(clocks_now)
    assert deadline.status == ClockStatus.OVERDUE
    assert deadline.due_on == date(2026, 4, 4)


def test_no_next_deadline_when_every_clock_is_met_or_not_started():
    case = a_case(decided_on=date(2026, 3, 30))  # not reviewed: no report clock
    met = clocks.case_clocks(
        case, home_office_letter_sent_on=date(2026, 3, 31), on=date(2026, 4, 1)
    )
    assert clocks.next_deadline(met) is None
    assert clocks.next_deadline([]) is None


def test_today_is_the_calendar_date_in_london():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    with freeze_time("2026-06-30T23:30:00Z"):
        assert clocks.today() == date(2026, 7, 1)
    # In winter London is on UTC.
    with freeze_time("2026-12-31T23:30:00Z"):
        assert clocks.today() == date(2026, 12, 31)
