"""Pausing a review (DESIGN §3, DOMAIN H1): an expected end kept apart from the actual end,
pauses that never overlap, one definition of "paused" read by the case page, the dashboard
and the reminders, clocks that show "Paused", and a resume that asks for the report
deadline to be agreed again."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from freezegun import freeze_time

from cases import clocks, reminders, selectors, services
from cases.models import Pause
from cases.services import CaseActionRefused
from tests.case_factories import (
    case_awaiting_decision,
    case_with_letters_sent,
    days_ago,
    notified_case,
    partnership_with_staff,
)

pytestmark = pytest.mark.django_db


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def page(client, name, case, **kwargs):
    return client.get(reverse(name, kwargs={"reference": case.reference}), **kwargs)


def review_due_on(due_on):
    """A review with both letters sent, decided six months before `due_on` (its overview
    report is due then, or a day or two earlier at a month's end)."""
    partnership, officer, chair = partnership_with_staff()
    decided_on = clocks.add_calendar_months(due_on, -6)
    case = case_with_letters_sent(
        partnership, officer, notified_on=decided_on - timedelta(days=3), decided_on=decided_on
    )
    return case, officer, chair


# The expected end is not the end ----------------------------------------------------------


def test_the_expected_end_is_stored_apart_and_does_not_end_the_pause():
    case, officer, _ = review_due_on(days_ago(-60))
    expected = days_ago(-30)

    pause = services.pause_case(
        case=case,
        by=officer,
        reason="Trial listed",
        starts_on=days_ago(3),
        expected_end_on=expected,
    )

    assert (pause.expected_end_on, pause.ends_on) == (expected, None)
    assert case.open_pause() == pause
    # The trial slips: long after the expected date the review is still paused.
    with freeze_time(expected + timedelta(days=40)):
        assert case.open_pause() == pause
        refused = pytest.raises(CaseActionRefused, match="already paused")
        with refused:
            services.pause_case(
                case=case, by=officer, reason="Again", starts_on=expected + timedelta(days=1)
            )
    assert Pause.objects.filter(case=case).count() == 1


def test_a_case_paused_with_an_expected_end_shows_paused_and_offers_only_resume(client):
    case, officer, _ = review_due_on(days_ago(-60))
    client.force_login(officer)

    response = client.post(
        reverse("cases:pause", kwargs={"reference": case.reference}),
        {
            "reason": "Criminal trial listed",
            **date_fields("starts_on", days_ago(2)),
            **date_fields("expected_end_on", days_ago(-45)),
        },
    )

    assert response.status_code == 302
    pause = case.pauses.get()
    assert (pause.expected_end_on, pause.ends_on) == (days_ago(-45), None)
    content = page(client, "cases:detail", case).content.decode()
    assert "The review is paused" in content
    assert f"expected to resume on {days_ago(-45):%-d %B %Y}" in content
    assert reverse("cases:resume", kwargs={"reference": case.reference}) in content
    assert reverse("cases:pause", kwargs={"reference": case.reference}) not in content
    # The pause page itself, asked for again, says the pause is recorded and shows the case.
    assert page(client, "cases:pause", case).url == case.get_absolute_url()


# Pauses never overlap ---------------------------------------------------------------------


def test_a_new_pause_cannot_overlap_an_earlier_one():
    case, officer, _ = review_due_on(days_ago(-60))
    services.pause_case(case=case, by=officer, reason="Inquest", starts_on=days_ago(20))
    services.resume_case(case=case, by=officer, resumed_on=days_ago(10))

    with pytest.raises(CaseActionRefused, match="already paused from") as refusal:
        services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(15))
    assert refusal.value.field == "starts_on"
    assert case.pauses.count() == 1

    # From the day it resumed, a new pause may start.
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(10))
    assert case.pauses.count() == 2


def test_the_database_refuses_overlapping_pauses_whatever_writes_them():
    case, officer, _ = review_due_on(days_ago(-60))
    Pause.objects.create(
        case=case, reason="First", starts_on=days_ago(30), ends_on=days_ago(10), recorded_by=officer
    )
    for starts_on, ends_on in ((days_ago(20), days_ago(5)), (days_ago(40), None)):
        with pytest.raises(IntegrityError, match="pauses_never_overlap"), transaction.atomic():
            Pause.objects.create(
                case=case,
                reason="Overlap",
                starts_on=starts_on,
                ends_on=ends_on,
                recorded_by=officer,
            )
    Pause.objects.create(case=case, reason="Open", starts_on=days_ago(10), recorded_by=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pause.objects.create(
            case=case, reason="Open too", starts_on=days_ago(1), recorded_by=officer
        )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts_on": days_ago(-1)}, "starts_on", "must start today or earlier"),
        ({"starts_on": days_ago(400)}, "starts_on", "cannot start before the partnership"),
        (
            {"starts_on": days_ago(2), "expected_end_on": days_ago(3)},
            "expected_end_on",
            "must be on or after the date the pause starts",
        ),
    ],
)
def test_implausible_pause_dates_are_refused_at_their_field(fields, field, message):
    case, officer, _ = review_due_on(days_ago(-60))
    with pytest.raises(CaseActionRefused, match=message) as refusal:
        services.pause_case(case=case, by=officer, reason="Trial", **fields)
    assert refusal.value.field == field
    assert not case.pauses.exists()


# One definition of "paused" ----------------------------------------------------------------


def test_the_case_page_the_dashboard_and_the_reminders_agree_on_who_is_paused():
    """Case.open_pause, the selectors' is_paused and the reminder scan all read
    PauseQuerySet.open_on, so they answer alike for every kind of pause."""
    due_soon = days_ago(-5)
    open_pause, officer, _ = review_due_on(due_soon)
    services.pause_case(case=open_pause, by=officer, reason="Trial", starts_on=days_ago(9))
    past_expected, officer, _ = review_due_on(due_soon)
    services.pause_case(
        case=past_expected,
        by=officer,
        reason="Trial",
        starts_on=days_ago(9),
        expected_end_on=days_ago(2),
    )
    resumed_today, officer, _ = review_due_on(due_soon)
    services.pause_case(case=resumed_today, by=officer, reason="Trial", starts_on=days_ago(9))
    services.resume_case(case=resumed_today, by=officer, resumed_on=days_ago(0))
    never, _, _ = review_due_on(due_soon)
    cases = [open_pause, past_expected, resumed_today, never]

    on = days_ago(0)
    case_pages = [case.open_pause() is not None for case in cases]
    dashboard = [selectors.case_file(case, on=on).case.is_paused for case in cases]
    rule = reminders.RULES_BY_NAME["overview_report_due"]
    reminded = {case_id for case_id, _ in reminders.due_rows(rule, on)}
    silenced = [case.pk not in reminded for case in cases]

    assert case_pages == dashboard == silenced == [True, True, False, False]


# Paused clocks -----------------------------------------------------------------------------


def test_a_paused_review_shows_paused_not_overdue_on_the_case_page_and_the_dashboard(client):
    case, officer, _ = review_due_on(days_ago(10))
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(30))
    client.force_login(officer)

    detail = page(client, "cases:detail", case)
    [report] = [clock for clock in detail.context["clocks"] if clock.name == "Overview report"]
    assert report.status == "paused"
    # The only clock overdue is one a pause never stops: the terms of reference, due within
    # the decision's month (seed 000 l.160), which this review never agreed.
    overdue = [clock.name for clock in detail.context["clocks"] if clock.status == "overdue"]
    assert overdue == ["Terms of reference agreed"]
    assert detail.content.decode().count(">Overdue</strong>") == 1

    dashboard = client.get(reverse("home"))
    [row] = dashboard.context["rows"]
    assert (row.next_deadline.name, row.next_deadline.status) == ("Overview report", "paused")
    assert ">Paused</strong>" in dashboard.content.decode()
    assert "Overdue" not in dashboard.content.decode()
    overdue_only = client.get(reverse("home"), {"overdue": "on"})
    assert case.reference not in overdue_only.content.decode()

    services.resume_case(case=case, by=officer, resumed_on=days_ago(0))
    overdue_only = client.get(reverse("home"), {"overdue": "on"})
    assert case.reference in overdue_only.content.decode()


def test_a_paused_case_with_its_decision_overdue_is_still_listed_as_overdue(client):
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer, notified_on=days_ago(40))
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(35))
    client.force_login(officer)

    overdue_only = client.get(reverse("home"), {"overdue": "on"})

    assert case.reference in overdue_only.content.decode()
    [row] = overdue_only.context["rows"]
    assert row.next_deadline.name == "Decision"
    assert row.next_deadline.status == "overdue"


def test_the_pause_page_says_the_decision_and_letters_still_fall_due(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    client.force_login(officer)

    content = page(client, "cases:pause", case).content.decode()

    assert "A pause does not stop the decision or the letters" in content
    assert f"{case.decision_due_on:%-d %B %Y}" in content


# Resuming asks for the deadline to be agreed again ------------------------------------------


def test_resuming_after_the_due_date_passed_leads_to_recording_an_extension(client):
    case, officer, _ = review_due_on(days_ago(10))
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(30))
    client.force_login(officer)

    content = page(client, "cases:resume", case).content.decode()
    assert (
        f"The overview report was due on {case.overview_report_due_on:%-d %B %Y}, while the "
        "review was paused" in content
    )
    assert "Resume and record the new date" in content

    response = client.post(
        reverse("cases:resume", kwargs={"reference": case.reference}),
        date_fields("resumed_on", days_ago(0)),
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("cases:extension", kwargs={"reference": case.reference}), 302)
    ]
    assert "record the new date agreed with the CSP chair" in response.content.decode()
    assert case.pauses.get().ends_on == days_ago(0)


def test_resuming_before_the_due_date_says_the_date_stands_unless_agreed_again(client):
    case, officer, _ = review_due_on(days_ago(-40))
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(30))
    client.force_login(officer)

    content = page(client, "cases:resume", case).content.decode()
    assert f"The overview report is due on {case.overview_report_due_on:%-d %B %Y}" in content
    assert "agree with the CSP chair whether it still stands" in content

    response = client.post(
        reverse("cases:resume", kwargs={"reference": case.reference}),
        date_fields("resumed_on", days_ago(0)),
    )

    assert response.url == case.get_absolute_url()
    assert case.open_pause() is None


def test_the_review_cannot_resume_in_the_future():
    case, officer, _ = review_due_on(days_ago(-40))
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=days_ago(30))
    with pytest.raises(CaseActionRefused, match="cannot resume after today"):
        services.resume_case(case=case, by=officer, resumed_on=days_ago(-1))
    assert case.open_pause() is not None
