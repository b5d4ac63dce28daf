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


def test_the_family_letter_is_due_with_the_home_office_letter():
    for notified_on in (date(2026, 1, 31), date(2026, 3, 4), date(2028, 1, 31)):
        assert clocks.family_letter_due(notified_on) == clocks.home_office_letter_due(notified_on)


def test_an_extension_more_than_two_years_after_the_current_date_is_implausible():
    assert clocks.latest_plausible_extension(date(2026, 9, 10)) == date(2028, 9, 10)
    assert clocks.latest_plausible_extension(date(2026, 8, 31)) == date(2028, 8, 31)


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
    statuses = {
        clocks.status(*args)
        for args in [
            (None, None, DUE),
            (DUE, None, DUE - 15 * DAY),
            (DUE, None, DUE - 14 * DAY),
            (DUE, None, DUE + DAY),
            (DUE, DUE, DUE),
            (DUE, DUE + DAY, DUE),
        ]
    }
    paused_review = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=DUE)
    no_family_letter = clocks.case_clocks(
        paused_review, **inputs(family_letter_not_sent_on=date(2026, 4, 1), paused=True), on=DUE
    )
    statuses |= {clock.status for clock in no_family_letter}
    assert statuses == set(ClockStatus)


def a_case(**fields):
    defaults = {
        "decision_due_on": date(2026, 4, 4),
        "decided_on": None,
        "home_office_letter_due_on": date(2026, 4, 4),
        "family_letter_due_on": date(2026, 4, 4),
        "overview_report_due_on": None,
        "overview_report_completed_on": None,
    }
    return SimpleNamespace(**{**defaults, **fields})


def inputs(**given):
    """What the selectors fetch with the case: letter dates and whether it is paused."""
    return {
        "home_office_letter_sent_on": None,
        "family_letter_sent_on": None,
        "family_letter_not_sent_on": None,
        "paused": False,
        **given,
    }


def test_case_clocks_of_a_case_awaiting_a_decision():
    decision, letter, family, report = clocks.case_clocks(
        a_case(), **inputs(), on=date(2026, 3, 10)
    )
    assert decision == Clock("Decision", date(2026, 4, 4), None, ClockStatus.ON_TRACK)
    assert letter == Clock(
        "Letter to the Home Office", date(2026, 4, 4), None, ClockStatus.ON_TRACK
    )
    assert family == Clock("Letter to the family", date(2026, 4, 4), None, ClockStatus.ON_TRACK)
    assert report == Clock("Overview report", None, None, ClockStatus.NOT_STARTED)
    assert [clock.is_open for clock in (decision, letter, family, report)] == [
        True,
        True,
        True,
        False,
    ]


def test_case_clocks_after_a_decision_to_review():
    case = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=date(2026, 9, 30))
    decision, letter, family, report = clocks.case_clocks(
        case,
        **inputs(
            home_office_letter_sent_on=date(2026, 4, 6), family_letter_sent_on=date(2026, 4, 2)
        ),
        on=date(2026, 4, 10),
    )
    assert decision.status == ClockStatus.MET_ON_TIME
    assert letter.status == ClockStatus.MET_LATE
    assert letter.met_on == date(2026, 4, 6)
    assert family.status == ClockStatus.MET_ON_TIME
    assert report.status == ClockStatus.ON_TRACK
    assert not decision.is_open
    assert not letter.is_open
    assert not family.is_open
    assert report.is_open


def test_a_reason_recorded_instead_of_the_family_letter_closes_its_clock():
    case = a_case(decided_on=date(2026, 3, 30))
    family = clocks.case_clocks(
        case, **inputs(family_letter_not_sent_on=date(2026, 4, 20)), on=date(2026, 5, 1)
    )[2]
    assert family == Clock(
        "Letter to the family", date(2026, 4, 4), date(2026, 4, 20), ClockStatus.REASON_RECORDED
    )
    assert not family.is_open
    # A letter sent after all (a deferral ended) is what the clock then shows.
    family = clocks.case_clocks(
        case,
        **inputs(
            family_letter_not_sent_on=date(2026, 4, 2), family_letter_sent_on=date(2026, 6, 1)
        ),
        on=date(2026, 7, 1),
    )[2]
    assert family.status == ClockStatus.MET_LATE


def test_a_pause_stops_only_the_overview_report_clock():
    case = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=date(2026, 9, 30))
    # Long after every date: the letters are overdue, paused or not; the report waits.
    decision, letter, family, report = clocks.case_clocks(
        case, **inputs(paused=True), on=date(2026, 12, 1)
    )
    assert decision.status == ClockStatus.MET_ON_TIME
    assert letter.status == ClockStatus.OVERDUE
    assert family.status == ClockStatus.OVERDUE
    assert report.status == ClockStatus.PAUSED
    assert not report.is_open
    # A report already completed stays met, paused or not.
    done = a_case(
        decided_on=date(2026, 3, 30),
        overview_report_due_on=date(2026, 9, 30),
        overview_report_completed_on=date(2026, 9, 1),
    )
    report = clocks.case_clocks(done, **inputs(paused=True), on=date(2026, 12, 1))[3]
    assert report.status == ClockStatus.MET_ON_TIME


def test_the_next_deadline_is_the_earliest_open_clock():
    case = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=date(2026, 9, 30))
    on_time = clocks.case_clocks(case, **inputs(), on=date(2026, 4, 1))
    assert clocks.next_deadline(on_time).name == "Letter to the Home Office"

    letters_sent = clocks.case_clocks(
        case,
        **inputs(
            home_office_letter_sent_on=date(2026, 4, 1), family_letter_sent_on=date(2026, 4, 1)
        ),
        on=date(2026, 4, 1),
    )
    assert clocks.next_deadline(letters_sent).name == "Overview report"


def test_a_paused_clock_is_the_next_deadline_only_when_nothing_else_runs():
    case = a_case(decided_on=date(2026, 3, 30), overview_report_due_on=date(2026, 3, 31))
    letters_owed = clocks.case_clocks(case, **inputs(paused=True), on=date(2026, 4, 1))
    assert clocks.next_deadline(letters_owed).name == "Letter to the Home Office"

    letters_sent = clocks.case_clocks(
        case,
        **inputs(
            home_office_letter_sent_on=date(2026, 4, 1),
            family_letter_sent_on=date(2026, 4, 1),
            paused=True,
        ),
        on=date(2026, 6, 1),
    )
    deadline = clocks.next_deadline(letters_sent)
    assert (deadline.name, deadline.status) == ("Overview report", ClockStatus.PAUSED)


def test_an_overdue_clock_is_still_the_next_deadline():
    clocks_now = clocks.case_clocks(a_case(), **inputs(), on=date(2026, 5, 1))
    deadline = clocks.next_deadline(clocks_now)
    assert deadline.status == ClockStatus.OVERDUE
    assert deadline.due_on == date(2026, 4, 4)


def test_no_next_deadline_when_every_clock_is_met_or_not_started():
    case = a_case(decided_on=date(2026, 3, 30))  # not reviewed: no report clock
    met = clocks.case_clocks(
        case,
        **inputs(
            home_office_letter_sent_on=date(2026, 3, 31), family_letter_sent_on=date(2026, 4, 1)
        ),
        on=date(2026, 4, 1),
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
