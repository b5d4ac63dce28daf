"""Publication's services: the date and its warning, the publish guard item by item, the
files frozen at publishing, withholding, withdrawal, the copies owed and the report's copy."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from cases.clocks import today
from cases.models import Person
from cases.reminders import due_rows
from cases.services import CaseActionRefused, perform_transition
from cases.workflow import Stage
from panels.models import Proceeding
from publication.models import AreaForFinalDevelopment, CopySent, Publication
from publication.selectors import latest_outcome
from publication.services import copies, publishing
from reports.models import Document
from reports.services.leak_gate import mark_publishable
from tests.publication.publishing_factories import (
    published_review,
    ready_to_publish,
    review_at_publication,
)
from tests.reports.anonymisation_factories import pdf_of, version
from tests.reports.report_factories import registered

pytestmark = pytest.mark.django_db


def _csp_chair(case):
    return case.partnership.roles.get(role="csp_chair").user


# The date and its warning ----------------------------------------------------------------


@pytest.mark.parametrize(
    "born, publish_on, warned",
    [
        (date(1980, 3, 10), date(2027, 3, 1), "9 days before the victim's birthday"),
        (date(1980, 3, 10), date(2027, 3, 24), "14 days after the victim's birthday"),
        (date(1980, 3, 10), date(2027, 3, 25), ""),
        # 29 February falls on 28 February in a year without it.
        (date(1984, 2, 29), date(2027, 2, 28), "on the victim's birthday"),
        (date(1984, 2, 29), date(2028, 2, 29), "on the victim's birthday"),
        # Across the new year.
        (date(1980, 1, 3), date(2026, 12, 28), "6 days before the victim's birthday"),
    ],
)
def test_a_date_near_the_victims_birthday_is_warned_of(born, publish_on, warned):
    case, _, _ = review_at_publication()
    case.people.filter(role=Person.Role.VICTIM).update(date_of_birth=born)
    case.date_of_death = date(2026, 8, 1)

    warnings = publishing.date_warnings(case, publish_on)

    assert [w for w in warnings if warned and warned in w] or (not warned and not warnings)


def test_a_date_near_the_anniversary_of_the_death_is_warned_of_but_recorded():
    case, officer, _ = review_at_publication()
    near = case.date_of_death.replace(year=case.date_of_death.year + 1) + timedelta(days=3)

    agreed = publishing.agree_publication_date(
        case=case, by=officer, publish_on=near, agreed_with="Sister", agreed_how="Phone"
    )

    assert agreed.pk
    assert "3 days after the anniversary of the death" in publishing.date_warnings(case, near)[0]


def test_the_days_after_the_death_itself_are_no_anniversary():
    case, _, _ = review_at_publication()
    case.date_of_death = today() - timedelta(days=9)

    assert publishing.date_warnings(case, today()) == []


def test_a_publication_date_in_the_past_is_refused_next_to_its_field():
    case, officer, _ = review_at_publication()
    with pytest.raises(CaseActionRefused) as refused:
        publishing.agree_publication_date(
            case=case,
            by=officer,
            publish_on=today() - timedelta(days=1),
            agreed_with="Sister",
            agreed_how="Phone",
        )
    assert refused.value.field == "publish_on"


# The publish guard -----------------------------------------------------------------------


def test_publish_is_refused_until_the_date_and_the_forewarning_are_recorded():
    case, officer, _ = review_at_publication()
    publishing.check_qa_letter(case=case, by=officer)

    with pytest.raises(CaseActionRefused, match="publication date agreed"):
        publishing.publish(case=case, by=officer)
    publishing.agree_publication_date(
        case=case, by=officer, publish_on=today(), agreed_with="Sister", agreed_how="Phone"
    )
    with pytest.raises(CaseActionRefused, match="forewarned"):
        publishing.publish(case=case, by=officer)


def test_publish_is_refused_before_the_date_agreed_with_the_family():
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)
    later = today() + timedelta(days=60)
    publishing.agree_publication_date(
        case=case, by=officer, publish_on=later, agreed_with="Sister", agreed_how="Phone"
    )

    with pytest.raises(CaseActionRefused, match=f"agreed with the family is {later:%-d %B %Y}"):
        publishing.publish(case=case, by=officer)


def test_publish_is_refused_while_an_area_for_final_development_is_open():
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)
    AreaForFinalDevelopment.objects.create(outcome=latest_outcome(case), number=1, text="Fix")

    with pytest.raises(CaseActionRefused, match="area for final development"):
        publishing.publish(case=case, by=officer)


def test_publish_is_refused_while_a_criminal_proceeding_is_ongoing():
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)
    Proceeding.objects.create(
        case=case,
        kind=Proceeding.Kind.PROSECUTION,
        lead_contact_role=Proceeding.ContactRole.CPS_LAWYER,
        lead_contact_name="A Lawyer",
        effect_on_review=Proceeding.Effect.PARALLEL,
        recorded_by=officer,
    )

    with pytest.raises(CaseActionRefused, match="criminal proceeding"):
        publishing.publish(case=case, by=officer)


def test_publish_is_refused_when_the_latest_version_has_no_publishable_rendering():
    case, officer, chair = review_at_publication()
    ready_to_publish(case, officer)
    version(case, chair, "A later summary.", document=Document.EXECUTIVE_SUMMARY)

    with pytest.raises(CaseActionRefused, match="Render the public PDF of the executive summary"):
        publishing.publish(case=case, by=officer)


def test_publish_is_refused_when_the_rendering_fails_the_leak_gate():
    case, officer, chair = review_at_publication()
    ready_to_publish(case, officer)
    registered(case, "Bartholomew Quince", "Adult Q")
    pdf = publishing.readiness(case).files[0].rendering
    # The same file, named in it now that Quince is registered: its latest check fails.
    default_storage.delete(pdf.file_name)
    default_storage.save(pdf.file_name, ContentFile(pdf_of("<p>Quince</p>")))
    assert not mark_publishable(pdf, chair).passed

    with pytest.raises(CaseActionRefused, match="leak gate"):
        publishing.publish(case=case, by=officer)


def test_a_qa_letter_naming_someone_is_not_published():
    case, officer, _ = review_at_publication(
        letter=pdf_of("<p>We thank Jane Doe's family.</p>", "QA letter")
    )
    ready_to_publish(case, officer)

    assert not publishing.letter_check(latest_outcome(case)).passed
    with pytest.raises(CaseActionRefused, match="QA letter names someone"):
        publishing.publish(case=case, by=officer)


def test_a_word_qa_letter_cannot_be_published_and_says_so():
    case, _, _ = review_at_publication()
    outcome = latest_outcome(case)
    outcome.letter.name = outcome.letter.name.replace(".pdf", ".docx")
    outcome.save(update_fields=["letter"])

    problems = publishing.publication_problems(case)

    assert any("Word document" in problem for problem in problems)


# Publishing ------------------------------------------------------------------------------


def test_publishing_freezes_the_exact_files_checked_and_moves_to_monitoring():
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)

    publication = publishing.publish(case=case, by=officer)

    case.refresh_from_db()
    assert case.stage == Stage.MONITORING
    files = {f.kind: f for f in publication.files.all()}
    assert set(files) == {"overview_report", "executive_summary", "qa_letter"}
    summary = files["executive_summary"]
    with default_storage.open(summary.rendering.file_name, "rb") as rendered:
        original = rendered.read()
    with summary.file.open("rb") as frozen:
        assert frozen.read() == original
    assert summary.file.name != summary.rendering.file_name
    # A later rendering changes nothing that is public.
    default_storage.delete(summary.rendering.file_name)
    assert default_storage.exists(summary.file.name)
    assert publication.summary[0]["text"].startswith("Adult A lived in Riverside")
    assert "Adult A" in publication.title
    assert publication.partnership_name == case.partnership.name
    assert case.reference not in publication.public_id


def test_publish_by_someone_without_the_permission_is_refused():
    case, officer, chair = review_at_publication()
    ready_to_publish(case, officer)
    with pytest.raises(CaseActionRefused):
        publishing.publish(case=case, by=chair)


# Withholding -----------------------------------------------------------------------------


def test_withholding_records_who_decided_and_moves_on_with_the_copy_still_owed():
    case, officer, _ = review_at_publication()

    withheld = publishing.withhold(
        case=case,
        by=officer,
        decided_on=today(),
        decided_by="CSP chair",
        reasons="The children's welfare.",
    )

    case.refresh_from_db()
    assert case.stage == Stage.MONITORING and withheld.decided_by == "CSP chair"
    assert case.events.get(name="case.publication_withheld").reason == "The children's welfare."
    assert [o.sent for o in copies.report_copies(case)] == [None]
    assert copies.copies(case) == []


def test_withholding_cannot_go_through_the_transition_alone():
    case, officer, _ = review_at_publication()
    with pytest.raises(CaseActionRefused, match="compelling reasons"):
        perform_transition(case=case, name="withhold_publication", by=officer, reason="x")


# Withdrawal ------------------------------------------------------------------------------


def test_a_withdrawal_before_12_months_needs_a_reason_of_the_given_kinds():
    case, _, _ = published_review()
    chair = _csp_chair(case)
    with pytest.raises(CaseActionRefused, match="at least 12 months") as refused:
        publishing.withdraw(
            publication=case.publication,
            by=chair,
            kind=Publication.WithdrawalKind.PERIOD_ENDED,
            reason="Old",
        )
    assert refused.value.field == "kind"

    withdrawn = publishing.withdraw(
        publication=case.publication,
        by=chair,
        kind=Publication.WithdrawalKind.COURT_ORDER,
        reason="Order of the Crown Court.",
    )
    assert withdrawn.withdrawn_by == chair and withdrawn.withdrawn_on == today()


def test_after_12_months_a_review_may_be_withdrawn_for_that_reason_by_the_csp_chair_only():
    case, officer, _ = published_review()
    Publication.objects.filter(case=case).update(published_on=date(2020, 1, 1))
    with pytest.raises(CaseActionRefused):
        publishing.withdraw(
            publication=case.publication,
            by=officer,
            kind=Publication.WithdrawalKind.PERIOD_ENDED,
            reason="Online since 2020.",
        )
    publishing.withdraw(
        publication=Publication.objects.get(case=case),
        by=_csp_chair(case),
        kind=Publication.WithdrawalKind.PERIOD_ENDED,
        reason="Online since 2020.",
    )


# Copies ----------------------------------------------------------------------------------


def test_each_copy_is_outstanding_until_recorded():
    case, officer, _ = published_review()
    owed = copies.copies(case)
    assert [o.kind for o in owed] == ["agency", "family", "home_office_told", "library_link"]
    assert all(o.sent is None for o in owed)

    copies.record_copy(
        case=case,
        by=officer,
        kind=CopySent.Kind.AGENCY,
        agency=owed[0].agency,
        sent_on=today(),
        how="E-mail",
    )
    with pytest.raises(CaseActionRefused, match="links") as refused:
        copies.record_copy(
            case=case, by=officer, kind=CopySent.Kind.HOME_OFFICE_TOLD, sent_on=today(), how="x"
        )
    assert refused.value.field == "links"
    with pytest.raises(CaseActionRefused, match="recorded already"):
        copies.record_copy(
            case=case,
            by=officer,
            kind=CopySent.Kind.AGENCY,
            agency=owed[0].agency,
            sent_on=today(),
            how="E-mail",
        )

    assert [bool(o.sent) for o in copies.copies(case)] == [True, False, False, False]


def test_copies_are_recorded_only_once_published():
    case, officer, _ = review_at_publication()
    with pytest.raises(CaseActionRefused, match="once the review is published"):
        copies.record_copy(
            case=case, by=officer, kind=CopySent.Kind.FAMILY, sent_on=today(), how="Post"
        )


# The report's copies owed ----------------------------------------------------------------


def test_the_commissioners_copy_is_owed_from_clearance_and_reminded_until_sent():
    case, officer, _ = review_at_publication()
    owed = copies.report_copies(case)
    assert [(o.recipient, o.owed_since, o.sent) for o in owed] == [
        ("domestic_abuse_commissioner", today(), None)
    ]
    assert (case.pk, today(), "the report's copy to The Domestic Abuse Commissioner") in (
        due_rows(copies.REPORT_COPY_DUE, today())
    )

    sent = copies.record_report_copy(
        case=case,
        by=officer,
        recipient="domestic_abuse_commissioner",
        sent_on=today(),
        method="Secure e-mail",
    )

    assert sent.version == copies.final_version(case)
    assert not [row for row in due_rows(copies.REPORT_COPY_DUE, today()) if row[0] == case.pk]


def test_the_recipients_and_the_completing_event_come_from_settings(settings):
    settings.DHR_REPORT_RECIPIENTS = [
        ("domestic_abuse_commissioner", "The Domestic Abuse Commissioner"),
        ("secretary_of_state", "The Secretary of State"),
    ]
    settings.DHR_REPORT_COMPLETED_EVENT = "case.home_office.submitted"
    case, _, _ = review_at_publication()

    assert [o.recipient for o in copies.report_copies(case)] == [
        "domestic_abuse_commissioner",
        "secretary_of_state",
    ]


def test_no_copy_is_owed_before_completion():
    case, officer, _ = review_at_publication()
    case.events.filter(name="case.home_office.cleared").delete()
    assert copies.report_copies(case) == []
    with pytest.raises(CaseActionRefused, match="No copy"):
        copies.record_report_copy(
            case=case,
            by=officer,
            recipient="domestic_abuse_commissioner",
            sent_on=today(),
            method="x",
        )


def test_the_media_lead_is_briefed_only_after_clearance():
    case, officer, _ = review_at_publication()
    briefing = publishing.record_media_briefing(
        case=case, by=officer, briefed_on=today(), media_lead="Comms lead"
    )
    assert briefing.pk


# The core's registration points ----------------------------------------------------------


@pytest.mark.parametrize(
    "day, on, expected",
    [
        (date(1984, 2, 29), date(2027, 1, 10), date(2027, 2, 28)),
        (date(1984, 2, 29), date(2027, 3, 1), date(2028, 2, 29)),
        (date(1990, 12, 31), date(2026, 12, 31), date(2026, 12, 31)),
        (date(1990, 1, 1), date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_the_next_anniversary(day, on, expected):
    assert publishing.next_anniversary(day, on) == expected


def test_the_task_list_shows_publication_rows_and_the_audit_trail_its_records(client):
    from cases.selectors import case_file, task_list

    case, officer, _ = published_review()

    read = case_file(case, on=today()).case
    rows = {task.label: task.status for task in task_list(read) if task.stage == Stage.PUBLICATION}
    assert rows["Publication date agreed with the family"] == "done"
    assert rows["Copies and notices after publication"] == "not started"
    assert rows["The report's copies owed"] == "not started"

    client.force_login(officer)
    audit = client.get(f"/cases/{case.reference}/audit/").content.decode()
    for label in ("Publication", "Published file", "The family forewarned of publication"):
        assert label in audit


def test_the_officer_is_reminded_until_the_home_office_is_told_of_publication():
    case, officer, _ = published_review()
    assert (case.pk, today()) in list(due_rows(copies.HOME_OFFICE_TO_BE_TOLD, today()))

    copies.record_copy(
        case=case,
        by=officer,
        kind=CopySent.Kind.HOME_OFFICE_TOLD,
        sent_on=today(),
        how="E-mail",
        links="https://example.org/review",
    )

    assert (case.pk, today()) not in list(due_rows(copies.HOME_OFFICE_TO_BE_TOLD, today()))


def test_the_daily_scan_records_both_reminders_once():
    from cases.models import Reminder
    from cases.reminders import scan

    case, _, _ = published_review()

    scan(on=today())
    scan(on=today())

    rules = sorted(Reminder.objects.filter(case=case).values_list("rule", flat=True))
    assert rules == ["home_office_told_of_publication", "report_copy_owed"]
