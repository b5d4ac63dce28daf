"""Appointing the independent chair, and changing them (DOMAIN.md 2.1 item 1).

The chair's role on the case is granted and ended through cases.services, so the rules of
cases.rules apply as on the members page: the partnership's officer or chair appoints, the
chair works for no partnership or agency, and one chair holds the role at a time.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from cases import clocks
from cases import services as case_services
from cases.models import Case, User
from cases.roles import CaseRole
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import REPORT_CLOCK_STAGES

from ..models import ChairAppointment

# The stages in which a review has a panel to chair: set-up, the IMRs and the drafting.
REVIEW_UNDER_WAY = REPORT_CLOCK_STAGES


def current_appointment(case: Case) -> ChairAppointment | None:
    return (
        ChairAppointment.objects.filter(case=case, ended_at__isnull=True)
        .select_related("membership__user", "appointed_by")
        .first()
    )


@transaction.atomic
def appoint_independent_chair(
    *,
    case: Case,
    by: User,
    chair: User,
    appointed_on: date,
    declared_independent: bool,
    home_office_training_completed_on: date | None = None,
    knowledge: dict[str, bool] | None = None,
    overview_author_name: str = "",
    regional_exchange: str = "",
    change_reason: str = "",
) -> ChairAppointment:
    """Appoint `chair` as the case's independent chair, ending the current appointment (and
    its role on the case) with `change_reason` when there is one."""
    case = lock_case_for(
        case,
        by=by,
        permission="edit_case_file",
        refusal="You may not appoint the independent chair of this case.",
    )
    if case.stage not in REVIEW_UNDER_WAY:
        raise CaseActionRefused(
            f"An independent chair is not appointed while the case is at "
            f"“{case.get_stage_display()}”."
        )
    if not declared_independent:
        raise CaseActionRefused(
            "The chair must declare that they are not, and have not been, directly associated "
            "with any of the agencies involved.",
            field="declared_independent",
        )
    _check_dates(case, appointed_on, home_office_training_completed_on)
    current = (
        ChairAppointment.objects.select_for_update()
        .select_related("membership__user")
        .filter(case=case, ended_at__isnull=True)
        .first()
    )
    if current is not None:
        _end_for_change(current, chair=chair, by=by, reason=change_reason)
    membership = case_services.grant_membership(
        case=case, user=chair, role=CaseRole.INDEPENDENT_CHAIR, by=by
    )
    appointment = ChairAppointment(
        case=case,
        membership=membership,
        appointed_by=by,
        appointed_on=appointed_on,
        declared_independent=True,
        home_office_training_completed_on=home_office_training_completed_on,
        overview_author_name=overview_author_name.strip(),
        regional_exchange=regional_exchange.strip(),
        **(knowledge or {}),
    )
    appointment._history_user = by
    appointment.save()
    record_event(
        case=case,
        name="panel.chair.changed" if current else "panel.chair.appointed",
        description=f"{chair} appointed independent chair"
        + (f", in place of {current.chair}" if current else ""),
        actor=by,
        reason=change_reason.strip() if current else "",
    )
    return appointment


def _check_dates(case: Case, appointed_on: date, trained_on: date | None) -> None:
    if appointed_on > clocks.today():
        raise CaseActionRefused(
            "The date appointed must be today or in the past.", field="appointed_on"
        )
    if case.decided_on and appointed_on < case.decided_on:
        raise CaseActionRefused(
            "The date appointed cannot be before the decision to hold the review "
            f"({case.decided_on:%-d %B %Y}).",
            field="appointed_on",
        )
    if trained_on and trained_on > clocks.today():
        raise CaseActionRefused(
            "The date the e-learning was completed must be today or in the past.",
            field="home_office_training_completed_on",
        )


def _end_for_change(current: ChairAppointment, *, chair: User, by: User, reason: str) -> None:
    if current.chair == chair:
        raise CaseActionRefused(f"{chair} is already the independent chair.", field="email")
    if not reason.strip():
        raise CaseActionRefused(
            f"Say why {current.chair} is no longer the independent chair.",
            field="change_reason",
        )
    current.ended_at = timezone.now()
    current.ended_by = by
    current.end_reason = reason.strip()
    current._history_user = by
    current.save(update_fields=["ended_at", "ended_by", "end_reason"])
    case_services.end_membership(membership=current.membership, by=by)
