"""Short reports: asked for by the independent chair, received as text or a document by the
chair or the officer, accepted by the chair; the start_drafting guard; the reminders; the
pages and who opens each."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import reminders, workflow
from cases.models import AccessLogEntry, Reminder
from cases.services import CaseActionRefused
from imr.models import ShortReport
from imr.registrations.interviews_and_documents import (
    short_report_task_rows,
    short_reports_in_and_nil_returns_recorded,
)
from imr.services import short_reports
from panels.services.dayone import ask_agency_to_secure_records, record_scoping_answer
from tests.case_factories import PDF_BYTES, days_ago
from tests.factories import AgencyFactory
from tests.imr.imr_factories import on_its_page
from tests.imr.interview_factories import ROLES, people_of_a_review, review_at_imrs
from tests.test_case_views import date_fields
from tests.test_uploads import PNG_BYTES, stored_files

pytestmark = pytest.mark.django_db


def ask(case, chair, **overrides) -> ShortReport:
    details = {
        "professional_name": "Dr Rachel Green",
        "professional_role": "General practitioner",
        "organisation": "Riverside Medical Practice",
        "due_on": days_ago(-28),
    } | overrides
    return short_reports.request_short_report(case=case, by=chair, **details)


def receive(report, by, **overrides) -> ShortReport:
    details = {"received_on": days_ago(0), "text": "Seen four times for low mood."} | overrides
    return short_reports.record_short_report_received(report=report, by=by, **details)


# Services -----------------------------------------------------------------------------------


def test_the_chair_asks_the_officer_records_receipt_and_the_chair_accepts():
    case, officer, chair = review_at_imrs()
    report = ask(case, chair)
    assert report.status == "Requested" and report.requested_on == days_ago(0)
    report = receive(report, officer)
    assert report.received_recorded_by == officer
    report = short_reports.accept_short_report(report=report, by=chair)
    assert report.is_accepted
    names = set(case.events.values_list("name", flat=True))
    assert {
        "imr.short_report.requested",
        "imr.short_report.received",
        "imr.short_report.accepted",
    } <= names
    assert report.history.count() == 3


def test_only_the_independent_chair_asks_and_accepts():
    case, officer, chair = review_at_imrs()
    with pytest.raises(CaseActionRefused, match="Only the independent chair asks"):
        ask(case, officer)
    report = receive(ask(case, chair), chair)
    with pytest.raises(CaseActionRefused, match="Only the independent chair accepts"):
        short_reports.accept_short_report(report=report, by=officer)


def test_the_due_date_is_in_the_future():
    case, _, chair = review_at_imrs()
    with pytest.raises(CaseActionRefused) as refused:
        ask(case, chair, due_on=days_ago(0))
    assert refused.value.field == "due_on"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"text": "  "}, "text"),
        ({"received_on": days_ago(-1)}, "received_on"),
        ({"received_on": days_ago(1)}, "received_on"),
    ],
    ids=["nothing-received", "in-the-future", "before-it-was-asked-for"],
)
def test_receipt_is_refused_next_to_its_field(overrides, field):
    case, officer, chair = review_at_imrs()
    report = ask(case, chair)
    with pytest.raises(CaseActionRefused) as refused:
        receive(report, officer, **overrides)
    assert refused.value.field == field
    assert not ShortReport.objects.get().is_received


def test_a_report_is_received_once_and_accepted_once():
    case, officer, chair = review_at_imrs()
    report = receive(ask(case, chair), officer)
    with pytest.raises(CaseActionRefused, match="recorded already"):
        receive(report, chair)
    short_reports.accept_short_report(report=report, by=chair)
    with pytest.raises(CaseActionRefused, match="accepted already"):
        short_reports.accept_short_report(report=report, by=chair)


def test_a_report_not_yet_received_cannot_be_accepted():
    case, _, chair = review_at_imrs()
    with pytest.raises(CaseActionRefused, match="has not been received yet"):
        short_reports.accept_short_report(report=ask(case, chair), by=chair)


def test_a_report_received_as_a_document_goes_through_the_upload_check(settings):
    case, officer, chair = review_at_imrs()
    report = receive(
        ask(case, chair), officer, text="", copy=SimpleUploadedFile("gp.pdf", PDF_BYTES)
    )
    assert report.copy_name == "gp.pdf"
    assert report.copy.name.startswith("short-reports/") and report.stored.case_id == case.pk
    assert [p.parent.name for p in stored_files(settings)].count("short-reports") == 1


# The start_drafting guard -------------------------------------------------------------------


def test_drafting_waits_for_every_short_report_received_and_accepted():
    case, officer, chair = review_at_imrs()
    assert short_reports_in_and_nil_returns_recorded(case) is None
    report = ask(case, chair)
    assert short_reports_in_and_nil_returns_recorded(case) == (
        "The short report from Dr Rachel Green has not been received."
    )
    receive(report, officer)
    assert "has not accepted the short report from Dr Rachel Green" in (
        short_reports_in_and_nil_returns_recorded(case)
    )
    short_reports.accept_short_report(report=report, by=chair)
    assert short_reports_in_and_nil_returns_recorded(case) is None


def test_drafting_waits_for_every_agency_asked_to_answer_and_for_their_imrs():
    case, officer, _ = review_at_imrs()
    housing = AgencyFactory(name="Riverside Homes")
    request = ask_agency_to_secure_records(
        case=case, by=officer, agency=housing, asked_on=case.decided_on
    )
    assert short_reports_in_and_nil_returns_recorded(case) == (
        "Riverside Homes has not said whether it had contact (its nil return or not)."
    )
    record_scoping_answer(
        scoping_request=request,
        by=officer,
        answered_on=case.decided_on,
        records_secured_on=case.decided_on,
        had_contact=True,
        contact_from=case.date_of_death - timedelta(days=300),
        contact_to=case.date_of_death,
    )
    assert short_reports_in_and_nil_returns_recorded(case) == (
        "Riverside Homes had contact, but no IMR is commissioned from it."
    )


def test_a_nil_return_needs_no_imr():
    case, officer, _ = review_at_imrs()
    request = ask_agency_to_secure_records(
        case=case, by=officer, agency=AgencyFactory(), asked_on=case.decided_on
    )
    record_scoping_answer(
        scoping_request=request,
        by=officer,
        answered_on=case.decided_on,
        records_secured_on=case.decided_on,
        had_contact=False,
        contact_from=None,
        contact_to=None,
    )
    assert short_reports_in_and_nil_returns_recorded(case) is None


def test_the_guard_is_registered_on_start_drafting():
    start_drafting = workflow.TRANSITIONS_BY_NAME["start_drafting"]
    assert short_reports_in_and_nil_returns_recorded in workflow.guards_of(start_drafting)


# The task list and reminders ------------------------------------------------------------------


def test_the_task_row_follows_the_reports():
    case, officer, chair = review_at_imrs()
    assert [t.status for t in short_report_task_rows(on_its_page(case))] == ["optional"]
    report = receive(ask(case, chair), officer)
    assert [t.status for t in short_report_task_rows(on_its_page(case))] == ["in progress"]
    short_reports.accept_short_report(report=report, by=chair)
    assert [t.status for t in short_report_task_rows(on_its_page(case))] == ["done"]


def test_the_chair_is_reminded_14_and_7_days_before_on_the_day_and_weekly_after():
    case, officer, chair = review_at_imrs()
    report = ask(case, chair, due_on=days_ago(-14))
    due = report.due_on
    for on in (due - timedelta(days=14), due - timedelta(days=7), due, due + timedelta(days=7)):
        reminders.scan(on=on)
    for on in (due - timedelta(days=13), due + timedelta(days=3)):
        reminders.scan(on=on)
    reminded = Reminder.objects.filter(rule="short_report_due", case=case)
    assert sorted(reminded.values_list("days_from_due", flat=True)) == [-14, -7, 0, 7]
    assert reminded.first().subject == (
        "the short report from Dr Rachel Green, Riverside Medical Practice"
    )
    receive(report, officer, received_on=days_ago(0))
    reminders.scan(on=due + timedelta(days=14))
    assert reminded.count() == 4


# Pages ----------------------------------------------------------------------------------------

CASE_FILE_READERS = {"csp_officer", "csp_chair", "independent_chair", "panel_member"}


@pytest.fixture
def people():
    people = people_of_a_review()
    chair = people.by_role["independent_chair"]
    people.received = receive(
        ask(people.case, chair), chair, copy=SimpleUploadedFile("gp.pdf", PDF_BYTES)
    )
    people.requested = ask(people.case, chair, professional_name="Dr Omar Khan")
    return people


def pages(people) -> dict[str, str]:
    ref = people.case.reference
    return {
        "list": reverse("imr:short_reports", args=[ref]),
        "report": reverse("imr:short_report", args=[ref, people.received.pk]),
        "ask": reverse("imr:request_short_report", args=[ref]),
        "received": reverse("imr:short_report_received", args=[ref, people.requested.pk]),
        "accept": reverse("imr:accept_short_report", args=[ref, people.received.pk]),
        "copy": reverse("imr:short_report_copy", args=[ref, people.received.pk]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_each_short_report_page(client, people, role):
    client.force_login(people.by_role[role])
    statuses = {name: client.get(url).status_code for name, url in pages(people).items()}
    reads = 200 if role in CASE_FILE_READERS else 404
    chair = 200 if role == "independent_chair" else 404
    assert statuses == {
        "list": reads,
        "report": reads,
        "ask": chair,
        "received": 200 if role in {"csp_officer", "independent_chair"} else 404,
        "accept": chair,
        "copy": reads,
    }


def test_the_copy_is_downloaded_through_the_log(client, people):
    reader = people.by_role["panel_member"]
    client.force_login(reader)
    response = client.get(pages(people)["copy"])
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert AccessLogEntry.objects.filter(user=reader, what=AccessLogEntry.What.DOCUMENT).exists()


def test_the_officer_records_a_report_received_by_email_through_the_page(client, people, settings):
    client.force_login(people.by_role["csp_officer"])
    url = pages(people)["received"]
    refused = client.post(
        url,
        {
            **date_fields("received_on", days_ago(0)),
            "copy": SimpleUploadedFile("gp.pdf", PNG_BYTES),
        },
    ).content.decode()
    assert 'href="#id_copy"' in refused
    assert "must be a PDF or a Word document" in refused
    # Only the fixture's report.
    assert [p.parent.name for p in stored_files(settings)].count("short-reports") == 1
    nothing = client.post(url, date_fields("received_on", days_ago(0))).content.decode()
    assert 'href="#id_text"' in nothing
    response = client.post(
        url, {**date_fields("received_on", days_ago(0)), "text": "Seen twice; no concerns."}
    )
    assert response.status_code == 302
    people.requested.refresh_from_db()
    assert people.requested.text == "Seen twice; no concerns."


def test_the_chair_asks_and_accepts_through_the_pages(client, people):
    client.force_login(people.by_role["independent_chair"])
    response = client.post(
        pages(people)["ask"],
        {
            "professional_name": "Dr Ada Lowe",
            "professional_role": "Psychiatrist",
            "organisation": "Riverside Mental Health",
            **date_fields("due_on", days_ago(-21)),
        },
    )
    assert response.status_code == 302
    assert ShortReport.objects.filter(professional_name="Dr Ada Lowe").exists()
    assert client.post(pages(people)["accept"]).status_code == 302
    people.received.refresh_from_db()
    assert people.received.is_accepted


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_costs_the_same_for_1_and_50_rows(client, django_assert_max_num_queries, rows):
    case, _, chair = review_at_imrs()
    for n in range(rows):
        ask(case, chair, professional_name=f"Dr {n}")
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("imr:short_reports", args=[case.reference]))
    assert response.status_code == 200
