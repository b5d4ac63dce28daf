"""Decisions are rows (issue 8, DOMAIN H2 and M3): a case decided again keeps each decision
with its own letters; the Home Office reopens a case not reviewed or where another review
leads, by a letter or a s.9(2) direction, and the clocks run afresh from it; a review held
jointly with a SAR or a CSPR goes on like a review; a case notified to the wrong
partnership is transferred to the lead one, which is not a decision not to review.

Through the services and the pages, against the database."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cases import clocks, selectors, services
from cases.access import cases_visible_to
from cases.clocks import ClockStatus, add_calendar_months
from cases.models import (
    AccessLogEntry,
    Case,
    CaseLetter,
    Decision,
    Person,
    Reminder,
    Reopening,
    Transfer,
)
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from cases.workflow import CLOSED_STAGES, Stage
from tests.case_factories import (
    PDF_BYTES,
    case_awaiting_decision,
    case_deferred_to_other_review,
    case_member,
    case_not_reviewed,
    case_under_review,
    case_with_joint_review,
    chair_of,
    days_ago,
    letter_pdf,
    notified_case,
    outsider,
    partnership_with_staff,
    record_decision_letters,
    reopen,
)
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def reloaded(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def clock(case: Case, name: str) -> clocks.Clock:
    row = selectors.case_file(case, on=clocks.today())
    return next(clock for clock in row.clocks if clock.name == name)


def assert_decided_on_is_the_current_decisions_date():
    """Case.decided_on is a copy of the current decision's date, for the deadline scan and
    the dashboard: it agrees with the rows on every case."""
    for case in Case.objects.all():
        current = case.current_decision()
        assert case.decided_on == (current.decided_on if current else None), case.reference


@pytest.fixture
def staff():
    return partnership_with_staff(PartnershipFactory(code="RIV"))


@pytest.fixture
def lead():
    """The partnership where the victim normally lived, with its own officer and chair."""
    return partnership_with_staff(PartnershipFactory(code="NOR", name="Northvale CSP"))


# Decided again: each decision its own letters ------------------------------------------


def test_a_new_decision_on_the_same_date_needs_letters_of_its_own(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    first_date = case.decided_on
    record_decision_letters(case, officer, sent_on=first_date)
    # The Home Office wrote the same day, and the chair decided again that day.
    reopen(case, received_on=first_date)
    case = services.record_decision(
        case=reloaded(case), by=chair, decision="review", decided_on=first_date
    )

    # The earlier decision's letters do not count for the new one.
    assert case.letters_still_to_send() == ["home_office", "family"]
    with pytest.raises(CaseActionRefused, match=r"Record the letter to the Home Office first\."):
        services.perform_transition(
            case=case,
            name="start_imrs",
            by=case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer),
        )
    record_decision_letters(case, officer, sent_on=first_date)

    earlier, current = case.decisions.order_by("recorded_at", "id")
    assert (earlier.decided_on, current.decided_on) == (first_date, first_date)
    assert earlier.letters.count() == current.letters.count() == 2
    assert reloaded(case).letters_still_to_send() == []


def test_decided_on_on_the_case_follows_the_current_decision(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    assert_decided_on_is_the_current_decisions_date()

    reopen(case)
    assert reloaded(case).decided_on is None
    assert_decided_on_is_the_current_decisions_date()

    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())
    assert reloaded(case).decided_on == clocks.today()
    assert_decided_on_is_the_current_decisions_date()


def test_one_decision_is_current_at_a_time(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    reopen(case)
    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())

    assert case.decisions.count() == 2
    assert case.decisions.current().count() == 1
    assert reloaded(case).current_decision().outcome == Decision.Outcome.REVIEW


# Reopening on the Home Office's advice ----------------------------------------------------


def test_the_home_office_letter_or_direction_is_recorded_and_supersedes_the_decision(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    record_decision_letters(case, officer)
    overruled = case.current_decision()

    reopening = services.reopen_case(
        case=case,
        by=chair,
        kind=Reopening.Kind.DIRECTION,
        received_on=days_ago(0),
        summary="The Secretary of State directs that a review is held.",
        copy=letter_pdf("direction.pdf"),
    )

    assert (reopening.kind, reopening.received_on, reopening.recorded_by) == (
        "direction",
        days_ago(0),
        chair,
    )
    assert reopening.copy.name.startswith("home-office/")
    assert reopening.copy_name == "direction.pdf"
    overruled.refresh_from_db()
    assert overruled.superseded_by == reopening
    assert not overruled.is_current
    # The overruled decision keeps its letters; the case has no decision in force.
    assert overruled.letters.count() == 2
    case = reloaded(case)
    assert (case.stage, case.current_decision(), case.letters_to_record()) == (
        Stage.DECISION,
        None,
        [],
    )
    event = case.events.order_by("-at", "-id").first()
    assert (event.name, event.actor, event.reason) == (
        "case.reopened",
        chair,
        "The Secretary of State directs that a review is held.",
    )


def test_a_case_where_another_review_leads_can_be_reopened(staff):
    partnership, officer, chair = staff
    case = case_deferred_to_other_review(partnership, officer)

    reopen(case)

    case = reloaded(case)
    assert case.stage == Stage.DECISION
    assert case.decisions.get().outcome == Decision.Outcome.OTHER_REVIEW
    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())
    assert reloaded(case).stage == Stage.PANEL_SET_UP


def test_a_reopened_case_is_due_a_month_after_the_home_office_letter_not_overdue_at_once(staff):
    partnership, officer, chair = staff
    # Notified two months ago: the first decision's month is long gone.
    case = case_not_reviewed(partnership, officer, notified_on=days_ago(60))
    record_decision_letters(case, officer)
    received_on = days_ago(2)

    reopen(case, received_on=received_on)

    case = reloaded(case)
    due_on = add_calendar_months(received_on, 1)
    assert (
        case.decision_due_on,
        case.home_office_letter_due_on,
        case.family_letter_due_on,
        case.overview_report_due_on,
    ) == (due_on, due_on, due_on, None)
    for name in ("Decision", "Letter to the Home Office", "Letter to the family"):
        assert clock(case, name).status == ClockStatus.ON_TRACK, name
    assert not Case.objects.filter(pk=case.pk).filter(
        decided_on__isnull=True, decision_due_on__lt=clocks.today()
    )
    # The daily scan has nothing to say about it today.
    call_command("send_reminders", "--date", clocks.today().isoformat(), stdout=StringIO())
    assert not Reminder.objects.filter(case=case).exists()

    # The new decision's report clock runs from the new decision.
    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())
    assert reloaded(case).overview_report_due_on == add_calendar_months(clocks.today(), 6)


def test_correcting_the_notification_of_a_reopened_case_keeps_the_home_office_clock(staff):
    partnership, officer, _chair = staff
    case = case_not_reviewed(partnership, officer, notified_on=days_ago(60))
    reopen(case, received_on=days_ago(2))

    services.correct_notification(
        case=reloaded(case),
        by=officer,
        notification={"notified_on": days_ago(61)},
        reason="The police's e-mail came a day earlier.",
    )

    case = reloaded(case)
    assert case.notified_on == days_ago(61)
    assert case.decision_due_on == add_calendar_months(days_ago(2), 1)
    assert case.family_letter_due_on == add_calendar_months(days_ago(2), 1)


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        (lambda case: case.decided_on - timedelta(days=1), "before the decision it overrules"),
        (lambda case: days_ago(-1), "must be today or earlier"),
    ],
)
def test_the_home_office_letter_is_dated_between_the_decision_and_today(
    staff, received_on, message
):
    partnership, officer, _chair = staff
    case = case_not_reviewed(partnership, officer)

    with pytest.raises(CaseActionRefused, match=message) as refusal:
        reopen(case, received_on=received_on(case))

    assert refusal.value.field == "received_on"
    case = reloaded(case)
    assert (case.stage, case.reopenings.count()) == (Stage.NOT_REVIEWED, 0)
    assert case.current_decision() is not None


def test_the_new_decision_cannot_predate_the_home_office_letter(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer, notified_on=days_ago(20))
    reopen(case, received_on=days_ago(3))

    with pytest.raises(CaseActionRefused, match="before the Home Office's letter") as refusal:
        services.record_decision(
            case=reloaded(case), by=chair, decision="review", decided_on=days_ago(4)
        )

    assert refusal.value.field == "decided_on"
    assert reloaded(case).decisions.count() == 1


# A joint or coordinated review -------------------------------------------------------------


def test_a_joint_review_goes_on_to_panel_set_up_with_the_six_month_clock(staff):
    partnership, officer, chair = staff

    case = reloaded(case_with_joint_review(partnership, officer))

    assert case.stage == Stage.PANEL_SET_UP
    assert not case.is_closed
    decision = case.current_decision()
    assert (
        decision.outcome,
        decision.other_review,
        decision.other_review_reference,
        decision.lead_body,
        decision.joint_chair,
        decision.decided_by,
    ) == (
        "joint_review",
        "sar",
        "SAR 2026/04",
        "Riverside Safeguarding Adults Board",
        "Jo Independent",
        chair,
    )
    assert case.overview_report_due_on == add_calendar_months(case.decided_on, 6)
    assert case.events.filter(name="case.decision.joint_review", actor=chair).exists()


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"other_review": "sar", "lead_body": "", "joint_chair": "Jo"}, "lead_body"),
        ({"other_review": "sar", "lead_body": "The board", "joint_chair": " "}, "joint_chair"),
        ({"other_review": "other", "lead_body": "The board", "joint_chair": "Jo"}, "other_review"),
    ],
)
def test_a_joint_review_names_its_partner_review_lead_and_chair(staff, details, field):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)

    with pytest.raises(CaseActionRefused) as refusal:
        services.record_decision(
            case=case,
            by=chair,
            decision="joint_review",
            decided_on=clocks.today(),
            **details,
        )

    assert refusal.value.field == field
    case = reloaded(case)
    assert (case.stage, case.decided_on, case.decisions.count()) == (Stage.DECISION, None, 0)


def test_another_review_leading_is_still_closed_and_not_a_review(staff):
    partnership, officer, _chair = staff
    case = reloaded(case_deferred_to_other_review(partnership, officer))

    assert case.stage == Stage.OTHER_REVIEW_LEADS
    assert case.is_closed
    assert case.overview_report_due_on is None


# Transfer to the lead partnership -----------------------------------------------------------


def test_a_transfer_opens_the_case_at_the_lead_partnership_and_closes_this_one(staff, lead):
    partnership, officer, _chair = staff
    northvale, northvale_officer, northvale_chair = lead
    case = case_awaiting_decision(partnership, officer, notified_on=days_ago(10))

    transfer = services.transfer_case(
        case=case,
        by=officer,
        to_partnership=northvale,
        transferred_on=days_ago(1),
        reason="The victim lived in Northvale; she died at her sister's home here.",
    )

    case = reloaded(case)
    assert case.stage == Stage.TRANSFERRED
    assert case.stage in CLOSED_STAGES
    assert case.reference.startswith("DHR-RIV-")  # unchanged
    new_case = transfer.new_case
    assert new_case.partnership == northvale
    assert new_case.reference.startswith(f"DHR-NOR-{days_ago(1).year}-")
    assert new_case.stage == Stage.NOTIFIED
    # Its clock runs from the day the lead partnership was told.
    assert new_case.notified_on == days_ago(1)
    assert new_case.decision_due_on == add_calendar_months(days_ago(1), 1)
    assert (new_case.police_reference, new_case.date_of_death, new_case.circumstances) == (
        case.police_reference,
        case.date_of_death,
        case.circumstances,
    )
    assert sorted(new_case.people.values_list("role", "real_name", "pseudonym")) == sorted(
        case.people.values_list("role", "real_name", "pseudonym")
    )
    assert set(new_case.memberships.values_list("user", "role")) == {
        (northvale_officer.pk, "csp_officer"),
        (northvale_chair.pk, "csp_chair"),
    }
    assert new_case.transferred_from == transfer
    assert new_case.events.filter(name="case.transferred_in").exists()
    assert case.events.filter(name="case.transferred", actor=officer).exists()


def test_each_partnership_sees_its_own_side_of_a_transfer(staff, lead, client):
    """The lead partnership's staff see the new case and not the sending partnership's; the
    sending partnership's staff keep their closed case and do not see the lead's (it is that
    partnership's review now; it can add them to it)."""
    partnership, officer, chair = staff
    northvale, northvale_officer, northvale_chair = lead
    case = notified_case(partnership, officer)
    new_case = services.transfer_case(
        case=case,
        by=chair,
        to_partnership=northvale,
        transferred_on=clocks.today(),
        reason="The victim lived in Northvale.",
    ).new_case

    for person in (northvale_officer, northvale_chair):
        assert list(cases_visible_to(person)) == [new_case]
    for person in (officer, chair):
        assert list(cases_visible_to(person)) == [case]
    client.force_login(northvale_officer)
    page = client.get(new_case.get_absolute_url()).content.decode()
    assert f"where it was {case.reference}" in page
    assert client.get(case.get_absolute_url()).status_code == 404
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert f"where it is {new_case.reference}" in page
    assert client.get(new_case.get_absolute_url()).status_code == 404


def test_a_transfer_is_not_a_decision_not_to_review_and_stops_the_reminders(staff, lead):
    partnership, officer, _chair = staff
    northvale = lead[0]
    case = notified_case(partnership, officer, notified_on=days_ago(40))
    new_case = services.transfer_case(
        case=case,
        by=officer,
        to_partnership=northvale,
        transferred_on=days_ago(5),
        reason="The victim lived in Northvale.",
    ).new_case

    assert not Case.objects.filter(stage=Stage.NOT_REVIEWED).exists()
    assert not reloaded(case).decisions.exists()
    call_command("send_reminders", "--date", clocks.today().isoformat(), stdout=StringIO())
    call_command(
        "send_reminders",
        "--date",
        reloaded(new_case).decision_due_on.isoformat(),
        stdout=StringIO(),
    )
    # This partnership's overdue decision is the lead partnership's to make, on its clock.
    assert not Reminder.objects.filter(case=case).exists()
    assert set(Reminder.objects.values_list("case", "rule")) == {(new_case.pk, "decision_due")}


@pytest.mark.parametrize(
    ("make_case", "who", "to", "message", "field"),
    [
        (case_under_review, "officer", "lead", "still waiting for its decision", None),
        (notified_case, "officer", "own", "not this one", "to_partnership"),
        (notified_case, "outsider", "lead", "You may not transfer", None),
        (notified_case, "panel member", "lead", "You may not transfer", None),
    ],
)
def test_a_transfer_is_refused(staff, lead, make_case, who, to, message, field):
    partnership, officer, _chair = staff
    case = make_case(partnership, officer)
    actor = {
        "officer": officer,
        "outsider": outsider(),
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=officer),
    }[who]
    stage = reloaded(case).stage

    with pytest.raises(CaseActionRefused, match=message) as refusal:
        services.transfer_case(
            case=case,
            by=actor,
            to_partnership=partnership if to == "own" else lead[0],
            transferred_on=clocks.today(),
            reason="The victim lived elsewhere.",
        )

    assert refusal.value.field == field
    assert reloaded(case).stage == stage
    assert not Transfer.objects.exists()
    assert not Case.objects.filter(partnership=lead[0]).exists()


def test_a_transfer_to_a_partnership_that_has_the_death_already_is_refused(staff, lead):
    partnership, officer, _chair = staff
    northvale, northvale_officer, _ = lead
    case = notified_case(partnership, officer)
    already = notified_case(northvale, northvale_officer)  # the same police reference

    with pytest.raises(CaseActionRefused, match="may be this death") as refusal:
        services.transfer_case(
            case=case,
            by=officer,
            to_partnership=northvale,
            transferred_on=clocks.today(),
            reason="The victim lived in Northvale.",
        )

    assert already.reference not in refusal.value.message
    assert reloaded(case).stage == Stage.NOTIFIED
    assert list(Case.objects.filter(partnership=northvale)) == [already]


# The pages ---------------------------------------------------------------------------------


def test_a_joint_review_asks_about_the_other_review_on_a_second_page(client, staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    client.force_login(chair)
    url = reverse("cases:decision", kwargs={"reference": case.reference})

    first = client.get(url).content.decode()
    assert 'name="decision" value=""' not in first  # no blank radio
    assert "Hold a review jointly, or in coordination" in first

    second = client.post(
        url,
        {
            "decision": "joint_review",
            "reasons": "The board's review and ours cover the same agencies.",
            **date_fields("decided_on", clocks.today()),
        },
    )

    html = second.content.decode()
    assert '<h1 class="govuk-heading-l">About the joint review</h1>' in html
    for question in (
        "Which review is it held with?",
        "Which body leads the joint review",
        "Who chairs the joint review",
    ):
        assert question in html
    # The first page's answers ride along, to be checked again with the second's.
    assert '<input type="hidden" name="decision" value="joint_review">' in html
    assert f'<input type="hidden" name="decided_on_day" value="{clocks.today().day}">' in html
    assert "Select whether the review is held" not in html  # not answered yet, not wrong
    assert not reloaded(case).decisions.exists()

    back = client.post(
        url,
        {
            "decision": "joint_review",
            "reasons": "The board's review and ours cover the same agencies.",
            **date_fields("decided_on", clocks.today()),
            "page": "details",
            "change": "decision",
        },
    ).content.decode()
    assert '<h1 class="govuk-heading-l">Record the decision</h1>' in back
    assert (
        'value="joint_review" required class="govuk-radios__input" id="id_decision_1" checked'
        in back
    )


def test_the_chair_records_a_joint_review_on_its_second_page(client, staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    client.force_login(chair)

    response = client.post(
        reverse("cases:decision", kwargs={"reference": case.reference}),
        {
            "decision": "joint_review",
            **date_fields("decided_on", clocks.today()),
            # A suggested single-agency review belongs to a decision not to review only.
            "single_agency_review_suggested": "on",
            "page": "details",
            "other_review": "cspr",
            "lead_body": "Riverside Safeguarding Children Partnership",
            "joint_chair": "Sam Reviewer",
        },
    )

    assert response.status_code == 302
    decision = reloaded(case).current_decision()
    assert (decision.outcome, decision.other_review, decision.lead_body) == (
        "joint_review",
        "cspr",
        "Riverside Safeguarding Children Partnership",
    )
    assert decision.single_agency_review_suggested is False
    assert reloaded(case).stage == Stage.PANEL_SET_UP


def test_the_joint_review_questions_are_answered_next_to_each_field(client, staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    client.force_login(chair)

    response = client.post(
        reverse("cases:decision", kwargs={"reference": case.reference}),
        {
            "decision": "joint_review",
            **date_fields("decided_on", clocks.today()),
            "page": "details",
            "lead_body": " ",
        },
    )

    html = response.content.decode()
    for anchor, message in (
        ("other_review_0", "Select whether the review is held with a safeguarding adults review"),
        ("lead_body", "Enter which body leads the joint review."),
        ("joint_chair", "Enter who chairs the joint review."),
    ):
        assert f'<a href="#id_{anchor}">{message}' in html
        assert f'id="id_{anchor.removesuffix("_0")}_error"' in html
    assert not reloaded(case).decisions.exists()


def test_a_decision_dated_before_the_home_office_letter_goes_back_to_the_first_page(client, staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer, notified_on=days_ago(20))
    reopen(case, received_on=days_ago(3))
    client.force_login(chair)

    response = client.post(
        reverse("cases:decision", kwargs={"reference": case.reference}),
        {"decision": "review", **date_fields("decided_on", days_ago(4))},
    )

    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Record the decision</h1>' in html
    assert (
        "Date of the decision must be on or after the date the Home Office&#x27;s letter or "
        f"direction was received ({days_ago(3):%-d %B %Y})."
    ) in html
    assert reloaded(case).stage == Stage.DECISION


def test_the_reopen_page_records_the_home_office_letter_and_its_copy(client, staff):
    partnership, officer, chair = staff
    case = case_deferred_to_other_review(partnership, officer, notified_on=days_ago(60))
    client.force_login(chair)
    url = reverse("cases:reopen", kwargs={"reference": case.reference})
    data = {
        "kind": "letter",
        **date_fields("received_on", days_ago(1)),
        "summary": "The QA panel advises a review: the relationship test is met.",
    }

    refused = client.post(url, {**data, "copy": SimpleUploadedFile("letter.pdf", b"MZ no")})
    assert "The copy of the letter or direction must be a PDF." in refused.content.decode()
    assert reloaded(case).stage == Stage.OTHER_REVIEW_LEADS

    response = client.post(url, {**data, "copy": SimpleUploadedFile("ho.pdf", PDF_BYTES)})

    assert response.status_code == 302
    case = reloaded(case)
    assert case.stage == Stage.DECISION
    reopening = case.reopenings.get()
    assert (reopening.kind, reopening.received_on, reopening.copy_name) == (
        "letter",
        days_ago(1),
        "ho.pdf",
    )
    assert case.decision_due_on == add_calendar_months(days_ago(1), 1)


def test_the_reopen_page_needs_the_letter_kind_date_and_summary(client, staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    client.force_login(chair)

    response = client.post(
        reverse("cases:reopen", kwargs={"reference": case.reference}), {"summary": ""}
    )

    html = response.content.decode()
    for anchor, message in (
        ("kind_0", "Select whether the Home Office sent a letter or a direction."),
        ("received_on_day", "Enter date received."),
        ("summary", "Enter what the Home Office&#x27;s letter or direction says."),
    ):
        assert f'<a href="#id_{anchor}">{message}</a>' in html
    assert reloaded(case).stage == Stage.NOT_REVIEWED


def test_the_case_page_lists_the_earlier_decision_with_its_letters(client, staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer, notified_on=days_ago(30))
    record_decision_letters(case, officer)
    reopen(case, summary="The Home Office asks for a review.", copy=letter_pdf())
    client.force_login(officer)

    html = client.get(case.get_absolute_url()).content.decode()

    assert "Reopened on the Home Office's advice" in html
    assert f"An earlier decision, of {case.decided_on:%-d %B %Y}" in html
    assert "Letters about an earlier decision" in html
    assert "The Home Office asks for a review." in html
    assert html.count("download the copy") == 2
    assert (
        reverse(
            "cases:reopening_copy",
            kwargs={"reference": case.reference, "reopening_id": case.reopenings.get().pk},
        )
        in html
    )

    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())
    html = client.get(case.get_absolute_url()).content.decode()
    assert "The decision</h3>" in html
    assert "Letters</dt>" in html and "No letter recorded yet." in html


def test_the_home_office_letter_copy_download_is_logged(client, staff):
    partnership, officer, _chair = staff
    case = case_not_reviewed(partnership, officer)
    reopening = reopen(case, copy=letter_pdf())
    client.force_login(officer)

    response = client.get(
        reverse(
            "cases:reopening_copy",
            kwargs={"reference": case.reference, "reopening_id": reopening.pk},
        )
    )

    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(case=case, user=officer, what="document").exists()


def test_the_transfer_page_transfers_the_case(client, staff, lead):
    partnership, officer, _chair = staff
    northvale = lead[0]
    case = case_awaiting_decision(partnership, officer)
    client.force_login(officer)
    url = reverse("cases:transfer", kwargs={"reference": case.reference})

    form = client.get(url).content.decode()
    assert "Northvale CSP" in form
    assert partnership.name not in form.split("Which partnership leads?")[1]

    response = client.post(
        url,
        {
            "to_partnership": northvale.pk,
            **date_fields("transferred_on", clocks.today()),
            "reason": "The victim lived in Northvale.",
        },
    )

    assert response.status_code == 302
    assert reloaded(case).stage == Stage.TRANSFERRED
    new_case = Case.objects.get(partnership=northvale)
    assert new_case.people.get(role=Person.Role.VICTIM).real_name == "Jane Doe"
    page = client.get(case.get_absolute_url()).content.decode()
    assert new_case.reference in page
    assert url not in page  # closed: no way on from here


def test_the_transfer_page_says_what_is_missing_next_to_each_field(client, staff, lead):
    partnership, officer, _chair = staff
    case = notified_case(partnership, officer)
    client.force_login(officer)

    response = client.post(
        reverse("cases:transfer", kwargs={"reference": case.reference}), {"reason": ""}
    )

    html = response.content.decode()
    for anchor, message in (
        ("to_partnership_0", "Select the partnership where the victim normally lived."),
        ("transferred_on_day", "Enter date transferred."),
        ("reason", "Enter why the other partnership leads."),
    ):
        assert f'<a href="#id_{anchor}">{message}</a>' in html
    assert reloaded(case).stage == Stage.NOTIFIED


def test_decision_letters_belong_to_their_decision(staff):
    partnership, officer, _chair = staff
    case = case_not_reviewed(partnership, officer)
    record_decision_letters(case, officer)

    decision = case.current_decision()
    assert set(CaseLetter.objects.values_list("decision", flat=True)) == {decision.pk}
    assert chair_of(partnership) == decision.decided_by


def test_the_audit_trail_shows_the_decisions_and_the_home_office_letter(client, staff):
    partnership, officer, _chair = staff
    case = case_not_reviewed(partnership, officer)
    reopen(case)
    client.force_login(officer)

    html = client.get(reverse("cases:audit", kwargs={"reference": case.reference})).content
    html = html.decode()

    assert "Decision" in html
    assert "Home Office letter or direction" in html
    # The superseding is a change to the decision, kept with who made it.
    assert "Superseded by" in html
