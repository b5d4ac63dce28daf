"""Staff interview records through their service: recording one, the not-disciplinary
reminder, the dates, the SIO/CPS gate for a witness in criminal proceedings, and who may."""

import pytest

from cases.services import CaseActionRefused
from imr.models import Imr, StaffInterview
from imr.services.interviews import record_interview
from panels.models import Proceeding
from tests.case_factories import days_ago
from tests.imr.interview_factories import imr_being_written, review_at_imrs
from tests.panels.panel_factories import trial

pytestmark = pytest.mark.django_db


def details(**overrides) -> dict:
    return {
        "job_title": "Response officer",
        "interviewed_on": days_ago(5),
        "record": "Attended twice; completed a DASH assessment on the second visit.",
        "shared_on": days_ago(2),
        "reminded_not_disciplinary": True,
        "policies_not_followed": True,
    } | overrides


def advice(**overrides) -> dict:
    return {
        "sio_advised_on": days_ago(10),
        "sio_advice": "No objection once the officer's statement is taken.",
        "cps_advised_on": days_ago(9),
        "cps_advice": "Do not discuss the events of the night of the death.",
    } | overrides


@pytest.fixture
def being_written():
    case, officer, chair = review_at_imrs()
    imr, manager, author = imr_being_written(case, chair)
    return imr, manager, author, officer


def test_the_author_records_an_interview_and_the_timeline_says_so(being_written):
    imr, _, author, _ = being_written
    interview = record_interview(imr=imr, by=author, **details())
    assert interview.policies_not_followed
    assert interview.history.get().history_user == author
    assert imr.case.events.filter(name="imr.interview.recorded").exists()


def test_the_senior_manager_may_record_one_too(being_written):
    imr, manager, _, _ = being_written
    assert record_interview(imr=imr, by=manager, **details()).recorded_by == manager


def test_without_the_not_disciplinary_reminder_it_is_refused_next_to_the_box(being_written):
    imr, _, author, _ = being_written
    with pytest.raises(CaseActionRefused, match="not a disciplinary process") as refused:
        record_interview(imr=imr, by=author, **details(reminded_not_disciplinary=False))
    assert refused.value.field == "reminded_not_disciplinary"
    assert not StaffInterview.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"interviewed_on": days_ago(-1), "shared_on": days_ago(-1)}, "interviewed_on"),
        ({"shared_on": days_ago(-1)}, "shared_on"),
        ({"interviewed_on": days_ago(2), "shared_on": days_ago(3)}, "shared_on"),
    ],
    ids=["interview-in-future", "shared-in-future", "shared-before-interview"],
)
def test_impossible_dates_are_refused_next_to_their_field(being_written, overrides, field):
    imr, _, author, _ = being_written
    with pytest.raises(CaseActionRefused) as refused:
        record_interview(imr=imr, by=author, **details(**overrides))
    assert refused.value.field == field


@pytest.mark.parametrize("who", ["officer", "other_author"])
def test_no_one_outside_the_agency_records_one(being_written, who):
    imr, _, _, officer = being_written
    if who == "officer":
        user = officer
    else:
        _, _, user = imr_being_written(imr.case, imr.commissioned_by)
    with pytest.raises(CaseActionRefused, match="may not change this IMR"):
        record_interview(imr=imr, by=user, **details())


def test_an_imr_no_longer_being_written_takes_no_interview(being_written):
    imr, _, author, _ = being_written
    # Submission is another part's service; the state is what this part reads.
    Imr.objects.filter(pk=imr.pk).update(status=Imr.Status.SUBMITTED)
    with pytest.raises(CaseActionRefused, match="cannot be changed now"):
        record_interview(imr=imr, by=author, **details())


# The SIO/CPS gate (DOMAIN 2.3 item 4) -------------------------------------------------------


def test_a_witness_is_recorded_with_the_sio_and_cps_advice(being_written):
    imr, _, author, officer = being_written
    proceeding = trial(imr.case, officer)
    interview = record_interview(imr=imr, by=author, **details(witness_in=proceeding), **advice())
    assert interview.witness_in == proceeding
    assert interview.cps_advice.startswith("Do not discuss")


@pytest.mark.parametrize(
    "missing, field, message",
    [
        ({"sio_advised_on": None}, "sio_advised_on", "only after the SIO's views were sought"),
        ({"sio_advice": " "}, "sio_advice", "Record the SIO's views"),
        ({"cps_advised_on": None}, "cps_advised_on", "only after the CPS's advice was sought"),
        ({"cps_advice": ""}, "cps_advice", "Record the CPS's advice"),
        ({"cps_advised_on": days_ago(4)}, "cps_advised_on", "is after the interview"),
    ],
    ids=["no-sio-date", "no-sio-views", "no-cps-date", "no-cps-advice", "cps-after-interview"],
)
def test_a_witness_without_the_advice_is_refused(being_written, missing, field, message):
    imr, _, author, officer = being_written
    proceeding = trial(imr.case, officer)
    with pytest.raises(CaseActionRefused, match=message) as refused:
        record_interview(imr=imr, by=author, **details(witness_in=proceeding), **advice(**missing))
    assert refused.value.field == field
    assert not StaffInterview.objects.exists()


def test_a_witness_only_in_this_cases_criminal_proceedings(being_written):
    imr, _, author, officer = being_written
    inquest = trial(imr.case, officer, kind=Proceeding.Kind.INQUEST, description="Inquest")
    with pytest.raises(CaseActionRefused, match="criminal proceedings") as refused:
        record_interview(imr=imr, by=author, **details(witness_in=inquest), **advice())
    assert refused.value.field == "witness_in"


def test_advice_given_for_someone_not_a_witness_is_not_kept(being_written):
    imr, _, author, _ = being_written
    interview = record_interview(imr=imr, by=author, **details(), **advice())
    assert (interview.sio_advice, interview.cps_advised_on) == ("", None)
