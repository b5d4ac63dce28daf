"""Commissioning IMRs through the services (DOMAIN.md 2.4 items 1-2): the letter recorded
as sent with the agreed terms, the senior manager told, the author appointed with both
declarations, the due date changed with its reason; the letter's PDF; the reminders."""

from datetime import timedelta
from io import BytesIO

import pikepdf
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from cases import reminders, selectors, services
from cases.models import Case, CaseEvent, Message, Reminder
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from imr import letter as letters
from imr import pdf
from imr.models import CommissioningLetter, DueDateChange, Imr
from imr.registrations.commissioning import AUTHOR_TO_APPOINT, IMR_DUE, imr_task_rows
from imr.services.commissioning import appoint_author, change_due_date, commission_imr
from panels.models import CHECKLIST
from panels.services import dayone
from tests.case_factories import agency_staff, days_ago
from tests.factories import AgencyFactory
from tests.imr.imr_factories import (
    commissioned,
    in_weeks,
    on_its_page,
    review_at_imrs,
    with_author,
)
from tests.panels.panel_factories import draft
from tests.reports.report_factories import review_at_drafting

pytestmark = pytest.mark.django_db


# Commissioning ----------------------------------------------------------------------------


def test_commissioning_sends_the_letter_with_the_agreed_terms_to_the_senior_manager():
    case, _, chair = review_at_imrs()
    agency = AgencyFactory(name="Riverside Police")
    manager = agency_staff(agency=agency, full_name="Samuel Senior")
    # A newer draft is not yet the review's terms: the letter carries the agreed version.
    agreed = case.terms_of_reference_versions.get()
    draft(case, scope="A draft not agreed yet.")

    imr = commission_imr(
        case=case, by=chair, agency=agency, due_on=in_weeks(6), senior_manager=manager
    )

    letter = imr.letters.get()
    assert (letter.terms, letter.due_on, letter.sent_to, letter.sent_by) == (
        agreed,
        in_weeks(6),
        manager,
        chair,
    )
    assert imr.status == Imr.Status.COMMISSIONED
    assert case.memberships.filter(
        user=manager, role=CaseRole.SENIOR_MANAGER, agency=agency, ended_at=None
    ).exists()
    [message] = Message.objects.filter(user=manager, text__contains="is asked for an IMR")
    assert "Riverside Police is asked for an IMR" in message.text
    assert message.link == f"/cases/{case.reference}/imrs/{imr.pk}/"
    # The letter carries the terms: it stays behind the sign-in, linked, not e-mailed.
    assert message.email.attachment == ""
    assert set(case.events.values_list("name", flat=True)) >= {
        "imr.commissioned",
        "imr.letter_sent",
    }


def test_no_letter_without_agreed_terms_of_reference():
    case, _, chair = review_at_imrs(terms_agreed=False)
    draft(case)

    with pytest.raises(CaseActionRefused, match="Agree the terms of reference first"):
        commissioned(case, chair)
    assert not Imr.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"due_on": days_ago(0)}, "due_on", "must be in the future"),
        ({"manager_agency": "other"}, "senior_manager", "must work for"),
    ],
)
def test_commissioning_refusals_name_their_field(change, field, message):
    case, _, chair = review_at_imrs()
    agency = AgencyFactory()
    manager_agency = AgencyFactory() if change.get("manager_agency") else agency
    with pytest.raises(CaseActionRefused, match=message) as refused:
        commission_imr(
            case=case,
            by=chair,
            agency=agency,
            due_on=change.get("due_on", in_weeks(4)),
            senior_manager=agency_staff(agency=manager_agency),
        )
    assert refused.value.field == field
    assert not CommissioningLetter.objects.exists()


def test_an_agency_is_commissioned_once():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    with pytest.raises(CaseActionRefused, match="commissioned already") as refused:
        commissioned(case, chair, agency=imr.agency)
    assert refused.value.field == "agency"


def test_only_the_independent_chair_commissions():
    case, officer, _ = review_at_imrs()
    with pytest.raises(CaseActionRefused, match="You may not commission IMRs"):
        commissioned(case, officer)


# The author ------------------------------------------------------------------------------


def test_the_senior_manager_appoints_an_independent_author_who_is_told():
    case, _, chair = review_at_imrs()
    imr = with_author(commissioned(case, chair), full_name="Aisha Author")

    assert imr.status == Imr.Status.DRAFTING
    assert imr.author_not_involved and imr.author_not_line_manager
    assert case.memberships.filter(user=imr.author, role=CaseRole.IMR_AUTHOR).exists()
    assert Message.objects.filter(user=imr.author, text__contains="appointed to write").exists()


@pytest.mark.parametrize("missing", ["not_involved", "not_line_manager"])
def test_no_appointment_without_both_declarations(missing):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    declarations = {"not_involved": True, "not_line_manager": True, missing: False}
    with pytest.raises(CaseActionRefused, match="must be independent") as refused:
        appoint_author(
            imr=imr,
            by=imr.senior_manager,
            author=agency_staff(agency=imr.agency),
            **declarations,
        )
    assert refused.value.field == missing
    imr.refresh_from_db()
    assert imr.author is None


def test_another_agencys_senior_manager_may_not_appoint():
    case, _, chair = review_at_imrs()
    imr, other = commissioned(case, chair), commissioned(case, chair)
    with pytest.raises(CaseActionRefused):
        appoint_author(
            imr=imr,
            by=other.senior_manager,
            author=agency_staff(agency=imr.agency),
            not_involved=True,
            not_line_manager=True,
        )


# The due date -----------------------------------------------------------------------------


def test_the_chair_changes_the_due_date_with_a_reason_kept_and_the_agency_told():
    case, _, chair = review_at_imrs()
    imr = with_author(commissioned(case, chair, due_on=in_weeks(4)))

    change_due_date(imr=imr, by=chair, due_on=in_weeks(8), reason="Records held by the CPS.")

    imr.refresh_from_db()
    assert imr.due_on == in_weeks(8)
    change = DueDateChange.objects.get()
    assert (change.from_date, change.to_date, change.reason, change.changed_by) == (
        in_weeks(4),
        in_weeks(8),
        "Records held by the CPS.",
        chair,
    )
    assert imr.history.first().history_change_reason == "Records held by the CPS."
    told = Message.objects.filter(text__contains="is now due").values_list("user", flat=True)
    assert set(told) == {imr.author.pk, imr.senior_manager.pk}
    # The letter as sent keeps the date it gave.
    assert imr.letters.get().due_on == in_weeks(4)


@pytest.mark.parametrize(
    ("due_on", "reason", "field"),
    [
        (in_weeks(6), "Same date", "due_on"),
        (days_ago(1), "In the past", "due_on"),
        (in_weeks(9), "  ", "reason"),
    ],
)
def test_due_date_refusals(due_on, reason, field):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair, due_on=in_weeks(6))
    with pytest.raises(CaseActionRefused) as refused:
        change_due_date(imr=imr, by=chair, due_on=due_on, reason=reason)
    assert refused.value.field == field
    assert not DueDateChange.objects.exists()


def test_only_the_chair_changes_the_due_date():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    with pytest.raises(CaseActionRefused, match="may not change the due date"):
        change_due_date(imr=imr, by=imr.senior_manager, due_on=in_weeks(9), reason="More time")


# The letter's PDF --------------------------------------------------------------------------


def _laid_out_text(letter) -> str:
    """The text of the letter as WeasyPrint lays it out on its pages (no PDF text extractor
    is among the project's dependencies): what the PDF's pages carry, page by page."""
    document = pdf.layout(
        letters.TEMPLATE, letters.letter_context(letter), stylesheet=letters.STYLESHEET
    )

    def texts(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return "\n".join(" ".join(texts(page._page_box)) for page in document.pages)


def test_the_letter_carries_the_terms_the_due_date_and_the_marking():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair, due_on=in_weeks(6))
    letter = imr.letters.get()

    written = pikepdf.open(BytesIO(letters.letter_pdf(letter)))
    assert str(written.docinfo["/Title"]).startswith("Commissioning letter")
    assert str(written.Root.Lang) == "en-GB"

    text = _laid_out_text(letter)
    assert "What agencies knew of coercive control." in text
    assert f"{in_weeks(6):%-d %B %Y}" in text
    assert "Single-agency recommendations." in text
    assert letter.terms.answer(CHECKLIST[0]) in text


def test_every_page_of_the_letter_is_marked_official_sensitive():
    case, _, chair = review_at_imrs()
    letter = commissioned(case, chair).letters.get()
    document = pdf.layout(
        letters.TEMPLATE, letters.letter_context(letter), stylesheet=letters.STYLESHEET
    )

    assert len(document.pages) > 1
    for page in document.pages:
        margin_texts = [
            box.text
            for margin in page._page_box.children
            if type(margin).__name__ == "MarginBox"
            for line in margin.children
            for box in getattr(line, "children", ())
            if hasattr(box, "text")
        ]
        assert margin_texts.count("OFFICIAL-SENSITIVE") == 2


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/style.css",
        pdf.BASE_URL + "media/letters/secret.pdf",
        pdf.BASE_URL + "static/../../dhr/settings.py",
        "ftp://example.org/x",
    ],
)
def test_the_letters_fetcher_refuses_anything_but_static_files_and_data(url):
    with pytest.raises(FatalURLFetchingError):
        pdf.StaticFilesOnly().fetch(url)


def test_the_letters_fetcher_reads_data_urls_and_the_services_static_files():
    fetcher = pdf.StaticFilesOnly()
    assert fetcher.fetch("data:text/css,body{color:red}").read() == b"body{color:red}"
    assert fetcher.fetch(pdf.BASE_URL + "static/dhr-admin.css").read()


def test_a_letter_naming_an_outside_resource_is_not_rendered():
    case, _, chair = review_at_imrs()
    letter = commissioned(case, chair).letters.get()
    html = render_to_string(letters.TEMPLATE, letters.letter_context(letter)).replace(
        "</head>", '<link rel="stylesheet" href="file:///etc/passwd"></head>'
    )
    with pytest.raises(FatalURLFetchingError):
        HTML(string=html, url_fetcher=pdf.StaticFilesOnly()).write_pdf()


# Reminders -------------------------------------------------------------------------------


def _reminders_on(day, rule):
    reminder_ids = reminders.scan(on=day)
    reminders.deliver_reminders(reminder_ids=reminder_ids)
    return Reminder.objects.filter(rule=rule.name)


@pytest.mark.parametrize(
    ("days_from_due", "reminded"),
    [(-15, False), (-14, True), (-7, True), (-1, False), (0, True), (7, True), (10, False)],
)
def test_the_author_and_senior_manager_are_reminded_of_the_due_date(days_from_due, reminded):
    case, _, chair = review_at_imrs()
    imr = with_author(commissioned(case, chair, due_on=in_weeks(6)))
    # Another agency's IMR on the case, due later: its people are not told of this one.
    other = with_author(commissioned(case, chair, due_on=in_weeks(12)))
    Reminder.objects.all().delete()
    day = imr.due_on + timedelta(days=days_from_due)
    # Every earlier occurrence was sent: the scan on `day` finds only its own.
    for earlier in range(-30, days_from_due):
        reminders.scan(on=imr.due_on + timedelta(days=earlier))
    Reminder.objects.update(delivered_at=timezone.now())

    new = _reminders_on(day, IMR_DUE).filter(days_from_due=days_from_due)

    assert new.exists() == reminded
    if reminded:
        told = Message.objects.filter(reminder__in=new).values_list("user", flat=True)
        assert set(told) == {imr.author.pk, imr.senior_manager.pk}
        assert other.author.pk not in told
        assert f"the IMR of {imr.agency}" in Message.objects.filter(reminder__in=new)[0].text


def test_no_due_date_reminder_once_the_imr_is_signed_off():
    case, _, chair = review_at_imrs()
    imr = with_author(commissioned(case, chair, due_on=in_weeks(6)))
    Imr.objects.filter(pk=imr.pk).update(status=Imr.Status.SUBMITTED)
    assert not _reminders_on(imr.due_on, IMR_DUE).exists()


def test_a_pause_of_the_review_does_not_stop_the_imr_reminders():
    # The agencies' chronologies go on while the review is pended (DESIGN §3).
    case, officer, chair = review_at_imrs()
    imr = with_author(commissioned(case, chair, due_on=in_weeks(6)))
    services.pause_case(case=case, by=officer, reason="Criminal trial", starts_on=days_ago(0))
    assert _reminders_on(imr.due_on, IMR_DUE).filter(days_from_due=0).exists()


def test_the_senior_manager_is_reminded_weekly_to_appoint_the_author():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    appointed = with_author(commissioned(case, chair))
    commissioned_on = timezone.localdate(imr.commissioned_at)

    assert not _reminders_on(commissioned_on + timedelta(days=6), AUTHOR_TO_APPOINT).exists()
    [reminder] = _reminders_on(commissioned_on + timedelta(days=7), AUTHOR_TO_APPOINT)
    [message] = Message.objects.filter(reminder=reminder)
    assert message.user == imr.senior_manager
    assert str(imr.agency) in message.text
    assert (
        not Message.objects.filter(reminder__rule=AUTHOR_TO_APPOINT.name)
        .filter(user=appointed.senior_manager)
        .exists()
    )
    assert _reminders_on(commissioned_on + timedelta(days=14), AUTHOR_TO_APPOINT).count() == 2


# Task rows, clocks and the audit trail ------------------------------------------------------


def commissioning_status(case: Case) -> str:
    rows = {row.name: row.status for row in imr_task_rows(on_its_page(case))}
    return rows["Commission IMRs"]


def test_commissioning_is_done_when_every_agency_that_had_contact_has_its_imr():
    case, officer, chair = review_at_imrs()
    assert commissioning_status(case) == "not started"

    police = AgencyFactory()
    request = dayone.ask_agency_to_secure_records(
        case=case, by=officer, agency=police, asked_on=days_ago(5)
    )
    dayone.record_scoping_answer(
        scoping_request=request,
        by=officer,
        answered_on=days_ago(1),
        had_contact=True,
        contact_from=days_ago(900),
        contact_to=days_ago(30),
    )
    commissioned(case, chair)
    assert commissioning_status(case) == "in progress"
    commissioned(case, chair, agency=police)
    assert commissioning_status(case) == "done"


def test_after_the_imrs_the_commissioning_row_leads_to_the_imrs_not_a_closed_form():
    case, _, _ = review_at_drafting()

    row = {row.name: row for row in imr_task_rows(on_its_page(case))}["Commission IMRs"]

    assert row.url == reverse("imr:list", args=[case.reference])
    assert row.permission == "view_case_file"


def test_each_running_imr_has_a_clock_on_the_case_page():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair, due_on=days_ago(-3))
    row = selectors.case_file(Case.objects.get(pk=case.pk), on=days_ago(0))
    [clock] = [clock for clock in row.clocks if clock.name == f"{imr.agency} IMR"]
    assert clock.status == "due_soon"


def test_the_audit_trail_shows_the_imr_its_letter_and_due_date_changes():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    change_due_date(imr=imr, by=chair, due_on=in_weeks(10), reason="Trial")
    labels = {entry.what for entry in selectors.audit_trail(case)}
    assert {"IMR", "IMR commissioning letter", "IMR due date change"} <= labels


def test_commissioning_is_recorded_on_the_timeline():
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    assert CaseEvent.objects.filter(
        case=case, name="imr.letter_sent", description__contains=str(imr.senior_manager)
    ).exists()
