"""Parallel proceedings through their services: recording one, refusals, the documents
forwarded, the pause it causes, whether criminal proceedings have concluded."""

import pytest
from django.urls import reverse

from cases import clocks, selectors, services
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from panels.models import PauseCause, Proceeding
from panels.services import proceedings
from tests.case_factories import case_member, chair_of, days_ago
from tests.panels.panel_factories import draft, review_with_chair, trial
from tests.test_case_views import date_fields

pytestmark = pytest.mark.django_db


def test_the_officer_and_independent_chair_record_a_proceeding():
    case, officer, chair = review_with_chair()
    first = trial(case, officer)
    second = trial(case, chair, kind=Proceeding.Kind.INQUEST, description="Inquest")
    assert list(proceedings.proceedings_of(case)) == [first, second]
    assert case.events.filter(name="case.proceeding.recorded").count() == 2


@pytest.mark.parametrize("role", [CaseRole.CSP_CHAIR, CaseRole.PANEL_MEMBER])
def test_others_may_not_record_one(role):
    case, _, _ = review_with_chair()
    user = chair_of(case.partnership) if role == CaseRole.CSP_CHAIR else case_member(case, role)
    with pytest.raises(CaseActionRefused, match="may not record parallel proceedings"):
        trial(case, user)
    assert not case.proceedings.exists()


@pytest.mark.parametrize(
    "details, field",
    [
        ({"charged_on": days_ago(-1)}, "charged_on"),
        ({"verdict_on": days_ago(5), "sentenced_on": days_ago(6)}, "sentenced_on"),
        ({"status": Proceeding.Status.CONCLUDED}, "outcome"),
        ({"liaised_on": days_ago(3)}, "agreed_approach"),
    ],
)
def test_bad_details_are_refused_next_to_their_field(details, field):
    case, officer, _ = review_with_chair()
    with pytest.raises(CaseActionRefused) as refused:
        trial(case, officer, **details)
    assert refused.value.field == field
    assert not case.proceedings.exists()


def test_updating_a_proceeding_keeps_its_history():
    case, officer, _ = review_with_chair()
    proceeding = trial(case, officer)
    details = {f: getattr(proceeding, f) for f in proceedings.DETAILS}
    details |= {
        "status": Proceeding.Status.CONCLUDED,
        "verdict_on": days_ago(2),
        "sentenced_on": days_ago(1),
        "outcome": Proceeding.Outcome.CONVICTED,
        "outcome_detail": "murder",
    }
    proceedings.update_proceeding(proceeding=proceeding, by=officer, **details)
    proceeding.refresh_from_db()
    assert proceeding.outcome_detail == "murder"
    assert proceeding.history.count() == 2


def test_documents_forwarded_to_the_disclosure_officer():
    case, officer, _ = review_with_chair()
    proceeding = trial(case, officer)
    proceedings.record_documents_forwarded(
        proceeding=proceeding, by=officer, what="Combined chronology", forwarded_on=days_ago(1)
    )
    assert proceeding.documents_forwarded.get().what == "Combined chronology"
    with pytest.raises(CaseActionRefused, match="today or earlier"):
        proceedings.record_documents_forwarded(
            proceeding=proceeding, by=officer, what="Lessons", forwarded_on=days_ago(-1)
        )


def test_the_pause_records_the_proceeding_that_causes_it():
    case, officer, _ = review_with_chair()
    proceeding = trial(case, officer)
    _, choices = services.pause_cause_choices(case)
    assert choices == [(f"proceeding-{proceeding.pk}", str(proceeding))]
    pause = services.pause_case(
        case=case,
        by=officer,
        reason="Trial",
        starts_on=days_ago(1),
        caused_by=f"proceeding-{proceeding.pk}",
    )
    assert PauseCause.objects.get(pause=pause).proceeding == proceeding


def test_a_proceeding_of_another_case_is_refused_as_a_cause():
    case, officer, _ = review_with_chair()
    other, other_officer, _ = review_with_chair()
    foreign = trial(other, other_officer)
    with pytest.raises(CaseActionRefused, match="Select a cause from the list"):
        services.pause_case(
            case=case,
            by=officer,
            reason="Trial",
            starts_on=days_ago(1),
            caused_by=f"proceeding-{foreign.pk}",
        )
    assert not case.pauses.exists()


def test_the_pause_form_offers_the_proceedings(client):
    case, officer, _ = review_with_chair()
    proceeding = trial(case, officer)
    client.force_login(officer)
    url = reverse("cases:pause", kwargs={"reference": case.reference})
    assert "Which parallel proceeding causes the pause?" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "reason": "Trial",
            **date_fields("starts_on", days_ago(1)),
            "caused_by": f"proceeding-{proceeding.pk}",
        },
    )
    assert response.status_code == 302
    assert case.pauses.get().cause.proceeding == proceeding


def _concluded(case, **details):
    proceeding = case.proceedings.get()
    values = {f: getattr(proceeding, f) for f in proceedings.DETAILS} | details
    proceedings.update_proceeding(proceeding=proceeding, by=proceeding.recorded_by, **values)


def test_criminal_proceedings_concluded(settings):
    case, officer, _ = review_with_chair()
    assert proceedings.criminal_proceedings_concluded(case)  # none recorded
    trial(case, officer)
    trial(case, officer, kind=Proceeding.Kind.INQUEST, description="Inquest")
    case.proceedings.filter(kind=Proceeding.Kind.INQUEST).delete()
    assert not proceedings.criminal_proceedings_concluded(case)
    _concluded(
        case,
        status=Proceeding.Status.CONCLUDED,
        outcome=Proceeding.Outcome.CONVICTED,
        verdict_on=days_ago(3),
    )
    assert not proceedings.criminal_proceedings_concluded(case)  # not sentenced yet
    _concluded(case, sentenced_on=days_ago(1), appeal_window_ends_on=days_ago(-20))
    settings.DHR_APPEAL_WINDOW_MUST_PASS = False
    assert proceedings.criminal_proceedings_concluded(case)
    settings.DHR_APPEAL_WINDOW_MUST_PASS = True
    assert not proceedings.criminal_proceedings_concluded(case)
    assert proceedings.criminal_proceedings_concluded(case, on=days_ago(-21))


def test_an_open_inquest_does_not_hold_the_criminal_proceedings():
    case, officer, _ = review_with_chair()
    trial(case, officer, kind=Proceeding.Kind.INQUEST, description="Inquest")
    assert proceedings.criminal_proceedings_concluded(case)


def test_task_row_and_audit_trail():
    case, officer, _ = review_with_chair()

    def status():
        read = selectors.case_file(case, on=clocks.today()).case
        return next(t for t in selectors.task_list(read) if t.name == "Parallel proceedings").status

    assert status() == "optional"
    first = trial(case, officer)
    assert status() == "in progress"
    # The current version must address every proceeding, each in words of its own.
    draft(case, officer, proceedings_addressed={str(first.pk): "Interviews wait."})
    assert status() == "done"
    second = trial(case, officer, kind=Proceeding.Kind.INQUEST, description="Inquest")
    assert status() == "in progress"
    draft(case, officer, proceedings_addressed={str(first.pk): "", str(second.pk): "Noted."})
    assert status() == "in progress"
    audit = [entry.what for entry in selectors.audit_trail(case)]
    assert "Parallel proceeding: Prosecution and trial" in audit
