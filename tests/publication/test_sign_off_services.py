"""The CSP sign-off (DOMAIN.md 2.6): only the CSP chair signs off, at CSP sign-off, with
each confirmation; the versions agreed are kept as hashes; a return to drafting tells the
independent chair and needs a fresh sign-off in the next round."""

from datetime import timedelta

import pytest

from cases.clocks import today
from cases.models import Message
from cases.selectors import case_file, task_list
from cases.services import CaseActionRefused, perform_transition
from cases.workflow import Stage
from publication.models import SignOff
from publication.services import sign_off as services
from reports.models import Document
from reports.models.before_sign_off import ActionsHash
from tests.publication.home_office_factories import SIGN_OFF, review_at_sign_off, sign

pytestmark = pytest.mark.django_db


def test_the_chair_signs_off_the_latest_versions_as_hashes():
    case, people = review_at_sign_off()

    record = services.sign_off(case=case, by=people["CSP chair"], met_on=today(), **SIGN_OFF)

    overview = case.report_versions.get(document=Document.OVERVIEW_REPORT)
    assert record.overview_report_version == overview
    assert record.overview_report_hash == overview.content_hash
    assert len(record.action_plan_hash) == 64
    assert record.round == 1
    assert services.current_sign_off(case) == record
    assert case.events.filter(name="publication.signed_off").exists()


def sign_off_row(case) -> str:
    """The case page's row, read as the page reads it (the hashes in SQL)."""
    read = case_file(case, on=today()).case
    return next(t.status for t in task_list(read) if t.name == "The partnership signs off")


def test_the_case_pages_row_is_done_while_the_sign_off_matches_the_action_plan():
    case, people = review_at_sign_off()
    assert sign_off_row(case) == "not started"

    services.sign_off(case=case, by=people["CSP chair"], met_on=today(), **SIGN_OFF)
    assert sign_off_row(case) == "done"

    # The plan changed behind the sign-off (not through the services, which allow no change
    # after drafting): the row follows the hash the reports app keeps.
    ActionsHash.objects.filter(case=case, agency=None).update(actions_hash="0" * 64)
    assert sign_off_row(case) == "not started"


@pytest.mark.parametrize("role", ["CSP officer", "independent chair"])
def test_only_the_csp_chair_signs_off(role):
    case, people = review_at_sign_off()
    with pytest.raises(CaseActionRefused, match="Only the CSP chair"):
        services.sign_off(case=case, by=people[role], met_on=today(), **SIGN_OFF)
    assert not SignOff.objects.exists()


def test_each_confirmation_is_needed():
    case, people = review_at_sign_off()
    with pytest.raises(CaseActionRefused) as refused:
        services.sign_off(
            case=case,
            by=people["CSP chair"],
            met_on=today(),
            **{**SIGN_OFF, "debriefing_arranged": False},
        )
    assert refused.value.field == "content_agreed"


def test_a_meeting_in_the_future_is_refused():
    case, people = review_at_sign_off()
    with pytest.raises(CaseActionRefused) as refused:
        services.sign_off(
            case=case, by=people["CSP chair"], met_on=today() + timedelta(days=1), **SIGN_OFF
        )
    assert refused.value.field == "met_on"


def test_once_a_round():
    case, people = review_at_sign_off()
    sign(case, people)
    with pytest.raises(CaseActionRefused, match="already"):
        sign(case, people)


def test_a_return_tells_the_independent_chair_and_a_new_round_needs_a_fresh_sign_off():
    case, people = review_at_sign_off()
    sign(case, people)

    case = services.return_to_drafting(
        case=case, by=people["CSP chair"], reason="Say more about the housing agency."
    )

    assert case.stage == Stage.DRAFTING
    assert Message.objects.filter(user=people["independent chair"], case=case).exists()
    perform_transition(case=case, name="submit_for_sign_off", by=people["independent chair"])
    assert services.current_sign_off(case) is None
    sign(case, people)
    assert [s.round for s in case.sign_offs.all()] == [1, 2]


def test_a_return_needs_reasons():
    case, people = review_at_sign_off()
    with pytest.raises(CaseActionRefused) as refused:
        services.return_to_drafting(case=case, by=people["CSP chair"], reason=" ")
    assert refused.value.field == "reason"
    case.refresh_from_db()
    assert case.stage == Stage.CSP_SIGN_OFF


def test_not_at_sign_off_refused():
    case, people = review_at_sign_off()
    services.return_to_drafting(case=case, by=people["CSP chair"], reason="Changes.")
    with pytest.raises(CaseActionRefused, match="CSP sign-off"):
        sign(case, people)
