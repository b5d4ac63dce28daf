"""The recommendations and the action plan (DOMAIN.md 2.5 item 5; seed 000 l.241-245; seed
001 §4.27): the independent chair writes the overview recommendations, carries the accepted
IMRs' single-agency ones, and turns each into SMART actions; each agency agrees the actions
it leads at senior level, on the service (its senior manager) or outside it (recorded by the
chair or the CSP officer)."""

from datetime import date

from django.db import transaction
from django.db.models import Max

from cases.clocks import today
from cases.models import Agency, Case, User
from cases.roles import CaseRole
from cases.services import CaseActionRefused, lock_case_for, record_event
from imr.models import Imr, ImrRecommendation

from ..models import Action, ActionAgreement, Recommendation
from ..models.before_sign_off import agency_actions_hash, keep_actions_hashes
from . import lock_while_drafting, refuse_unless_drafting

WRITES = "Only the independent chair writes the recommendations and the action plan."


def _lock_for_writing(case: Case, by: User) -> Case:
    return lock_while_drafting(case, by=by, permission="write_overview_report", refusal=WRITES)


def _next_number(case: Case) -> int:
    return (case.recommendations.aggregate(last=Max("number"))["last"] or 0) + 1


@transaction.atomic
def add_recommendation(*, case: Case, by: User, text: str) -> Recommendation:
    case = _lock_for_writing(case, by)
    recommendation = Recommendation(
        case=case,
        number=_next_number(case),
        level=Recommendation.Level.OVERVIEW,
        text=text.strip(),
    )
    recommendation._history_user = by
    recommendation.save()
    record_event(
        case=case,
        name="reports.recommendation.added",
        description=f"Recommendation {recommendation.number} added",
        actor=by,
    )
    return recommendation


@transaction.atomic
def change_recommendation(*, recommendation: Recommendation, by: User, text: str) -> None:
    case = _lock_for_writing(recommendation.case, by)
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.text = text.strip()
    recommendation._history_user = by
    recommendation.save(update_fields=["text"])
    keep_actions_hashes(case.pk)


@transaction.atomic
def carry_imr_recommendations(*, case: Case, by: User) -> int:
    """One single-agency recommendation for each of the accepted IMRs' recommendations not
    carried yet, numbered after the others, in the order of the IMRs and their own order.
    Running it again carries only what is new, so it is safe to repeat."""
    case = _lock_for_writing(case, by)
    waiting = (
        ImrRecommendation.objects.filter(
            imr__case=case, imr__status=Imr.Status.ACCEPTED, carried_into__isnull=True
        )
        .select_related("imr")
        .order_by("imr__agency__name", "imr_id", "id")
    )
    carried = []
    for number, imr_recommendation in enumerate(waiting, start=_next_number(case)):
        recommendation = Recommendation(
            case=case,
            number=number,
            level=Recommendation.Level.SINGLE_AGENCY,
            agency_id=imr_recommendation.imr.agency_id,
            text=imr_recommendation.what,
            carried_from=imr_recommendation,
        )
        recommendation._history_user = by
        carried.append(recommendation)
    for recommendation in carried:
        recommendation.save()
    if carried:
        record_event(
            case=case,
            name="reports.recommendations.carried",
            description=f"{len(carried)} IMR recommendations carried into the report",
            actor=by,
        )
    return len(carried)


def _target_in_future(target_on: date) -> None:
    if target_on <= today():
        raise CaseActionRefused("The target date must be in the future.", field="target_on")


@transaction.atomic
def add_action(*, recommendation: Recommendation, by: User, **smart) -> Action:
    case = _lock_for_writing(recommendation.case, by)
    _target_in_future(smart["target_on"])
    action = Action(recommendation=recommendation, **smart)
    action._history_user = by
    action.full_clean()
    action.save()
    keep_actions_hashes(case.pk)
    record_event(
        case=case,
        name="reports.action.added",
        description=f"Action for recommendation {recommendation.number} added, "
        f"led by {action.lead_agency}"[:300],
        actor=by,
    )
    return action


@transaction.atomic
def change_action(*, planned: Action, by: User, **smart) -> Action:
    """Change the `planned` action (its field "action" is among `smart`). Its agency's
    agreement no longer covers it: the action plan shows it changed since agreed until the
    agency agrees again."""
    case = _lock_for_writing(planned.case, by)
    action = Action.objects.select_for_update().get(pk=planned.pk)
    if smart["target_on"] != action.target_on:
        _target_in_future(smart["target_on"])
    for field, value in smart.items():
        setattr(action, field, value)
    action._history_user = by
    action.full_clean()
    action.save()
    keep_actions_hashes(case.pk)
    return action


def _agree(*, case: Case, agency: Agency, by: User, **who) -> ActionAgreement:
    actions_hash = agency_actions_hash(case, agency.pk)
    if not Action.objects.filter(recommendation__case=case, lead_agency=agency).exists():
        raise CaseActionRefused(f"{agency} leads no actions to agree.")
    agreement = ActionAgreement(
        case=case, agency=agency, actions_hash=actions_hash, recorded_by=by, **who
    )
    agreement._history_user = by
    agreement.save()
    record_event(
        case=case,
        name="reports.actions.agreed",
        description=f"{agency} agreed its actions ({agreement.agreed_by_name})"[:300],
        actor=by,
    )
    return agreement


@transaction.atomic
def agree_actions(*, case: Case, agency: Agency, by: User) -> ActionAgreement:
    """The agency's senior manager on the review agrees the actions it leads, as they are."""
    case = lock_case_for(
        case,
        by=by,
        permission="view_case",
        refusal="Only the agency's senior manager agrees its actions.",
    )
    if not case.memberships.filter(
        user=by, agency=agency, role=CaseRole.SENIOR_MANAGER, ended_at=None
    ).exists():
        raise CaseActionRefused("Only the agency's senior manager agrees its actions.")
    refuse_unless_drafting(case)
    return _agree(
        case=case,
        agency=agency,
        by=by,
        agreed_by_name=by.full_name or by.email,
        agreed_by_role=by.job_title or CaseRole.SENIOR_MANAGER.label,
        agreed_on=today(),
        agreed_in_service=True,
    )


@transaction.atomic
def record_action_agreement(
    *,
    case: Case,
    agency: Agency,
    by: User,
    agreed_by_name: str,
    agreed_by_role: str,
    agreed_on: date,
) -> ActionAgreement:
    """An agreement the agency gave outside the service (a letter, an e-mail, a meeting),
    recorded by the independent chair or the CSP officer."""
    case = lock_case_for(
        case,
        by=by,
        permission="manage_panel",
        refusal="Only the independent chair or the CSP officer records an agency's agreement.",
    )
    refuse_unless_drafting(case)
    if agreed_on > today():
        raise CaseActionRefused("The date agreed must be today or in the past.", field="agreed_on")
    return _agree(
        case=case,
        agency=agency,
        by=by,
        agreed_by_name=agreed_by_name.strip(),
        agreed_by_role=agreed_by_role.strip(),
        agreed_on=agreed_on,
    )
