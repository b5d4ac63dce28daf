"""The recommendations and the action plan through reports.services.action_plan: numbering,
carrying the accepted IMRs' recommendations once, SMART actions with a future target date,
and the agencies' agreements that hold only while their actions are unchanged."""

from datetime import timedelta
from unittest import mock

import pytest

from cases import workflow
from cases.clocks import today
from cases.models import Case, CaseEvent
from cases.roles import CaseRole
from cases.services import CaseActionRefused, perform_transition
from imr.models import Imr, ImrRecommendation
from reports.models import Recommendation
from reports.services import action_plan as plan
from reports.services.before_sign_off import agency_agreements
from tests.case_factories import case_member
from tests.factories import AgencyFactory
from tests.imr.imr_factories import commissioned, review_at_imrs
from tests.reports.action_plan_factories import an_action, recommendation, smart
from tests.reports.report_factories import review_at_drafting

pytestmark = pytest.mark.django_db


def test_overview_recommendations_are_numbered_in_order():
    case, _, chair = review_at_drafting()
    first = recommendation(case, chair, "First.")
    second = recommendation(case, chair, "  Second.  ")
    assert (first.number, second.number) == (1, 2)
    assert second.text == "Second."
    assert second.level == Recommendation.Level.OVERVIEW
    assert CaseEvent.objects.filter(case=case, name="reports.recommendation.added").count() == 2


def test_only_the_independent_chair_writes_recommendations():
    case, officer, _ = review_at_drafting()
    with pytest.raises(CaseActionRefused, match="Only the independent chair"):
        plan.add_recommendation(case=case, by=officer, text="Train.")


def test_recommendations_change_only_while_drafting():
    case, _, chair = review_at_imrs()
    with pytest.raises(CaseActionRefused, match="only while the report is drafted"):
        plan.add_recommendation(case=case, by=chair, text="Train.")


def _accepted_imr_with_recommendations(case, chair, agency, *whats):
    imr = commissioned(case, chair, agency=agency)
    for what in whats:
        ImrRecommendation.objects.create(
            imr=imr, what=what, owner="Lead", target_on=today(), measure="Audit."
        )
    Imr.objects.filter(pk=imr.pk).update(status=Imr.Status.ACCEPTED)
    return imr


def test_carrying_makes_one_recommendation_per_accepted_imr_recommendation_once():
    case, _, chair = review_at_imrs()
    police = AgencyFactory(name="Riverside Police")
    _accepted_imr_with_recommendations(case, chair, police, "Brief officers.", "Audit DASH.")
    waiting = commissioned(case, chair, agency=AgencyFactory(name="Homes"))
    ImrRecommendation.objects.create(
        imr=waiting, what="Not accepted.", owner="X", target_on=today(), measure="Y"
    )
    with mock.patch.dict(workflow.ADDED_GUARDS, {"start_drafting": []}):
        case = perform_transition(
            case=Case.objects.get(pk=case.pk), name="start_drafting", by=chair
        )
    recommendation(case, chair, "Overview.")

    assert plan.carry_imr_recommendations(case=case, by=chair) == 2
    assert plan.carry_imr_recommendations(case=case, by=chair) == 0

    carried = case.recommendations.filter(level=Recommendation.Level.SINGLE_AGENCY)
    assert [(r.number, r.agency, r.text) for r in carried] == [
        (2, police, "Brief officers."),
        (3, police, "Audit DASH."),
    ]
    assert all(r.carried_from_id for r in carried)


def test_an_actions_target_date_must_be_in_the_future():
    case, _, chair = review_at_drafting()
    rec = recommendation(case, chair)
    with pytest.raises(CaseActionRefused, match="target date must be in the future") as refused:
        plan.add_action(recommendation=rec, by=chair, **smart(AgencyFactory(), target_on=today()))
    assert refused.value.field == "target_on"
    assert not rec.actions.exists()


def test_a_past_target_date_left_as_it_was_does_not_block_a_change():
    case, _, chair = review_at_drafting()
    agency = AgencyFactory()
    action = an_action(case, chair, agency)
    type(action).objects.filter(pk=action.pk).update(target_on=today() - timedelta(days=1))
    action.refresh_from_db()
    changed = plan.change_action(
        planned=action, by=chair, **smart(agency, target_on=action.target_on, owner="Director")
    )
    assert changed.owner == "Director"


def test_an_agreement_holds_until_the_agencys_actions_change():
    case, officer, chair = review_at_drafting()
    police, homes = AgencyFactory(name="Police"), AgencyFactory(name="Homes")
    action = an_action(case, chair, police)
    an_action(case, chair, homes)
    assert [s.status for s in agency_agreements(case)] == ["Not yet agreed", "Not yet agreed"]

    plan.record_action_agreement(
        case=case,
        agency=police,
        by=officer,
        agreed_by_name="Sam Senior",
        agreed_by_role="Superintendent",
        agreed_on=today(),
    )
    assert [s.status for s in agency_agreements(case)] == ["Not yet agreed", "Agreed"]

    plan.change_action(planned=action, by=chair, **smart(police, owner="Another post"))
    assert [s.status for s in agency_agreements(case)] == ["Not yet agreed", "Changed since agreed"]


def test_another_agencys_change_leaves_an_agreement_standing():
    case, officer, chair = review_at_drafting()
    police, homes = AgencyFactory(name="Police"), AgencyFactory(name="Homes")
    an_action(case, chair, police)
    other = an_action(case, chair, homes)
    plan.record_action_agreement(
        case=case,
        agency=police,
        by=officer,
        agreed_by_name="S",
        agreed_by_role="R",
        agreed_on=today(),
    )
    plan.change_action(planned=other, by=chair, **smart(homes, owner="Another post"))
    assert agency_agreements(case)[1].status == "Agreed"


def test_the_senior_manager_agrees_their_own_agencys_actions_only():
    case, _, chair = review_at_drafting()
    police, homes = AgencyFactory(name="Police"), AgencyFactory(name="Homes")
    an_action(case, chair, police)
    an_action(case, chair, homes)
    manager = case_member(
        case,
        CaseRole.SENIOR_MANAGER,
        by=chair,
        agency=police,
        full_name="Sam Senior",
        job_title="Superintendent",
    )
    author = case_member(case, CaseRole.IMR_AUTHOR, by=chair, agency=police)

    agreement = plan.agree_actions(case=case, agency=police, by=manager)
    assert (agreement.agreed_by_name, agreement.agreed_by_role) == ("Sam Senior", "Superintendent")
    assert agreement.agreed_in_service
    with pytest.raises(CaseActionRefused, match="senior manager"):
        plan.agree_actions(case=case, agency=homes, by=manager)
    with pytest.raises(CaseActionRefused, match="senior manager"):
        plan.agree_actions(case=case, agency=police, by=author)


def test_an_agency_with_no_actions_has_nothing_to_agree():
    case, officer, _ = review_at_drafting()
    with pytest.raises(CaseActionRefused, match="leads no actions"):
        plan.record_action_agreement(
            case=case,
            agency=AgencyFactory(),
            by=officer,
            agreed_by_name="S",
            agreed_by_role="R",
            agreed_on=today(),
        )


def test_an_agreement_recorded_is_not_dated_in_the_future():
    case, officer, chair = review_at_drafting()
    agency = AgencyFactory()
    an_action(case, chair, agency)
    with pytest.raises(CaseActionRefused, match="today or in the past"):
        plan.record_action_agreement(
            case=case,
            agency=agency,
            by=officer,
            agreed_by_name="S",
            agreed_by_role="R",
            agreed_on=today() + timedelta(days=1),
        )
