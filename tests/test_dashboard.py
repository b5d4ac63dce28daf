"""The dashboard answers "what needs me now": cases most urgent first, the steps waiting for
this person, and each case's victim by pseudonym only."""

import pytest
from django.urls import reverse

from cases import clocks, rules, selectors, services
from cases.access import case_permissions_by_case
from cases.clocks import ClockStatus
from cases.models import Case, CaseLetter
from cases.roles import CaseRole
from tests.case_factories import (
    case_awaiting_decision,
    case_member,
    case_not_reviewed,
    case_under_review,
    case_with_letters_sent,
    days_ago,
    letter_pdf,
    notified_case,
    outsider,
    partnership_with_staff,
    record_decision_letters,
    victim_details,
)
from tests.dashboard_page import table_references, waiting_steps

pytestmark = pytest.mark.django_db


def dashboard(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("home"), params)
    assert response.status_code == 200
    return response.content.decode()


def paused_review_with_report_overdue(partnership, officer) -> Case:
    """A review decided long ago, letters sent, whose overview report date has passed, and
    paused since yesterday for the criminal trial."""
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(300))
    assert case.overview_report_due_on < clocks.today()
    services.pause_case(case=case, by=officer, reason="Criminal trial", starts_on=days_ago(1))
    return case


def withdrawn_case(partnership, officer) -> Case:
    """Recorded in error long enough ago that its decision date has passed."""
    case = notified_case(partnership, officer, notified_on=days_ago(60))
    return services.withdraw_case(case=case, by=officer, reason="Recorded twice.")


def closed_case(partnership, officer) -> Case:
    """Not reviewed, with both letters about the decision sent: nothing more is owed."""
    case = case_not_reviewed(partnership, officer)
    record_decision_letters(case, officer)
    return case


# Urgency ----------------------------------------------------------------------------------


def test_cases_are_ordered_by_urgency(client):
    partnership, officer, _ = partnership_with_staff()
    # Made in an order unlike the expected one, so neither reference nor date decides it.
    closed = closed_case(partnership, officer)
    on_track = notified_case(partnership, officer, notified_on=days_ago(5))
    paused = paused_review_with_report_overdue(partnership, officer)
    withdrawn = withdrawn_case(partnership, officer)
    due_soon = notified_case(partnership, officer, notified_on=days_ago(20))
    overdue = notified_case(partnership, officer, notified_on=days_ago(40))
    most_overdue = notified_case(partnership, officer, notified_on=days_ago(60))
    # Closed, but the letter to the Home Office about its decision is still owed and late:
    # it is as urgent as its letter, not filed with the closed cases.
    letter_owed = case_not_reviewed(partnership, officer, notified_on=days_ago(50))

    references = table_references(dashboard(client, officer))

    assert references == [
        most_overdue.reference,  # decision due about 30 days ago
        letter_owed.reference,  # Home Office letter due about 20 days ago
        overdue.reference,  # decision due about 10 days ago
        due_soon.reference,
        on_track.reference,
        paused.reference,  # its only running clock is the report's, stopped by the pause
        closed.reference,
        withdrawn.reference,
    ]


def test_ties_are_broken_by_due_date_then_reference():
    partnership, officer, _ = partnership_with_staff()
    later = notified_case(partnership, officer, notified_on=days_ago(3))
    second = notified_case(partnership, officer, notified_on=days_ago(5))
    first = notified_case(partnership, officer, notified_on=days_ago(5))

    cases = selectors.dashboard_cases(officer, on=clocks.today())

    expected = [*sorted([first.reference, second.reference]), later.reference]
    assert [case.reference for case in cases] == expected


def test_the_order_runs_on_across_the_page_of_fifty(client):
    partnership, officer, _ = partnership_with_staff()
    closed = closed_case(partnership, officer)
    on_track = [notified_case(partnership, officer) for _ in range(50)]
    overdue = notified_case(partnership, officer, notified_on=days_ago(40))

    first_page = table_references(dashboard(client, officer))
    second_page = table_references(dashboard(client, officer, page=2))

    assert len(first_page) == 50
    assert first_page[0] == overdue.reference
    assert first_page[1:] + second_page[:1] == [case.reference for case in on_track]
    assert second_page == [on_track[-1].reference, closed.reference]


def test_a_paused_review_is_not_overdue_but_a_withdrawn_case_owes_nothing(client):
    partnership, officer, _ = partnership_with_staff()
    paused = paused_review_with_report_overdue(partnership, officer)
    withdrawn = withdrawn_case(partnership, officer)
    overdue = notified_case(partnership, officer, notified_on=days_ago(40))

    content = dashboard(client, officer, overdue="on")

    assert table_references(content) == [overdue.reference]
    assert paused.reference not in content and withdrawn.reference not in content


def test_the_order_follows_the_deadlines_the_rows_show():
    """The order is computed in SQL, the deadlines and their status tags by cases.clocks:
    each row's next deadline is the date it is ordered by."""
    partnership, officer, _ = partnership_with_staff()
    notified_case(partnership, officer, notified_on=days_ago(60))
    notified_case(partnership, officer, notified_on=days_ago(20))
    notified_case(partnership, officer, notified_on=days_ago(5))
    case_under_review(partnership, officer)
    case_with_letters_sent(partnership, officer)
    case_with_letters_sent(partnership, officer, notified_on=days_ago(300))
    case_not_reviewed(partnership, officer, notified_on=days_ago(50))
    closed_case(partnership, officer)
    withdrawn_case(partnership, officer)
    today = clocks.today()

    rows = selectors.case_rows(selectors.dashboard_cases(officer, on=today), on=today)

    shown = [(row.case.next_due_on, row.next_deadline and row.next_deadline.due_on) for row in rows]
    assert all(ordered_by == displayed for ordered_by, displayed in shown)
    statuses = [row.next_deadline.status for row in rows if row.next_deadline]
    assert statuses == [
        ClockStatus.OVERDUE,
        ClockStatus.OVERDUE,
        ClockStatus.OVERDUE,  # the report of the review notified 300 days ago
        ClockStatus.DUE_SOON,
        ClockStatus.ON_TRACK,
        ClockStatus.ON_TRACK,
        ClockStatus.ON_TRACK,
    ]
    assert [row.case.is_closed for row in rows if not row.next_deadline] == [True, True]


# Waiting for you --------------------------------------------------------------------------


def test_the_chair_is_waiting_to_decide_and_the_officer_is_not(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    decision = ("Record the decision", case.reference)

    assert waiting_steps(dashboard(client, chair)) == [decision]
    assert waiting_steps(dashboard(client, officer)) == []


def test_the_officer_is_waiting_to_record_the_recommendation_on_a_notified_case(client):
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)

    content = dashboard(client, officer)

    assert waiting_steps(content) == [("Record the standing panel recommendation", case.reference)]
    assert f'href="/cases/{case.reference}/recommendation/"' in content


def test_the_letters_wait_until_each_is_recorded(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    both = ("Record the letters to the Home Office and the victim's family", case.reference)
    assert waiting_steps(dashboard(client, officer)) == [both]
    assert waiting_steps(dashboard(client, chair)) == [both]

    services.record_letter(
        case=case,
        by=chair,
        recipient=CaseLetter.Recipient.HOME_OFFICE,
        sent_on=clocks.today(),
        method=CaseLetter.Method.EMAIL,
        copy=letter_pdf(),
    )
    family = ("Record the letter to the victim's family", case.reference)
    assert waiting_steps(dashboard(client, officer)) == [family]

    services.record_letter(
        case=case,
        by=chair,
        recipient=CaseLetter.Recipient.FAMILY,
        sent_on=clocks.today(),
        method=CaseLetter.Method.POST,
        copy=letter_pdf(),
    )
    assert waiting_steps(dashboard(client, officer)) == []


def test_nothing_waits_for_people_with_no_step_to_take(client):
    partnership, officer, _ = partnership_with_staff()
    awaiting_decision = case_awaiting_decision(partnership, officer)
    under_review = case_under_review(partnership, officer)
    panel_member = case_member(awaiting_decision, CaseRole.PANEL_MEMBER)
    independent_chair = case_member(under_review, CaseRole.INDEPENDENT_CHAIR)

    for person in (outsider(), panel_member):
        content = dashboard(client, person)
        assert waiting_steps(content) == []
        assert "Nothing is waiting for you now." in content
    # At panel set-up the independent chair's step is commissioning the IMRs (panels).
    commission = ("Commission the IMRs", under_review.reference)
    assert waiting_steps(dashboard(client, independent_chair)) == [commission]


def test_the_case_page_offers_the_same_steps(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    client.force_login(chair)

    content = client.get(case.get_absolute_url()).content.decode()

    step = "Record the letters to the Home Office and the victim&#x27;s family"
    assert f'href="/cases/{case.reference}/letters/new/">{step}</a>' in content


def test_the_waiting_filter_agrees_with_the_rule():
    """The list is cut to its most urgent cases in SQL (rules.steps_waiting_filter) and its
    steps are named in Python (rules.next_steps): both must pick the same cases."""
    partnership, officer, chair = partnership_with_staff()
    cases = [
        notified_case(partnership, officer),
        case_awaiting_decision(partnership, officer),
        case_under_review(partnership, officer),
        case_with_letters_sent(partnership, officer),
        case_not_reviewed(partnership, officer),
        closed_case(partnership, officer),
        withdrawn_case(partnership, officer),
    ]
    panel_member = case_member(cases[1], CaseRole.PANEL_MEMBER)
    today = clocks.today()

    for person in (officer, chair, panel_member, outsider()):
        rows = selectors.case_rows(selectors.dashboard_cases(person, on=today), on=today)
        permissions = case_permissions_by_case(person, [row.case for row in rows])
        by_rule = {
            row.case.pk
            for row in rows
            if rules.next_steps(
                row.case,
                permissions=permissions[row.case.pk],
                letters_to_send=row.letters_to_send,
            )
        }
        by_sql = set(
            selectors.dashboard_cases(person, on=today)
            .filter(rules.steps_waiting_filter(person))
            .values_list("pk", flat=True)
        )
        assert by_sql == by_rule, person
    assert by_rule == set()  # the outsider, last


def test_the_waiting_list_shows_the_most_urgent_cases_first(client):
    partnership, officer, chair = partnership_with_staff()
    later = case_awaiting_decision(partnership, officer, notified_on=days_ago(2))
    sooner = case_awaiting_decision(partnership, officer, notified_on=days_ago(25))

    assert [reference for _, reference in waiting_steps(dashboard(client, chair))] == [
        sooner.reference,
        later.reference,
    ]


# The victim, by pseudonym -----------------------------------------------------------------


def test_rows_name_the_victim_by_pseudonym_never_by_real_name(client):
    partnership, officer, chair = partnership_with_staff()
    named = case_awaiting_decision(
        partnership, officer, victim=victim_details(real_name="Mary Major", pseudonym="Adult A")
    )
    unnamed = notified_case(
        partnership, officer, victim=victim_details(real_name="Nora Noname", pseudonym="")
    )

    for person in (officer, chair):
        content = dashboard(client, person)
        row = f'{named.reference}</a> <span class="dhr-secondary-text">Adult A</span>'
        assert row in content
        row = f'{unnamed.reference}</a> <span class="dhr-secondary-text">Pseudonym not set'
        assert row in content
        assert "Mary Major" not in content and "Nora Noname" not in content
        assert "John Roe" not in content  # the suspect neither
    waiting = f'<span class="dhr-reference">{named.reference}</span> (Adult A)'
    assert waiting in dashboard(client, chair)


def test_a_withdrawn_case_page_shows_no_running_deadline(client):
    partnership, officer, _ = partnership_with_staff()
    case = withdrawn_case(partnership, officer)
    client.force_login(officer)

    content = client.get(case.get_absolute_url()).content.decode()

    assert "None: the case was withdrawn, so no deadline runs." in content
    assert "Overdue" not in content
