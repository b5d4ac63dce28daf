"""The review panel's membership, and agencies that decline to take part (DOMAIN.md 2.1
items 2 to 4). The independent chair or the partnership's officer manages the panel
(`manage_panel`); a member with an account holds the panel member role on the case while
they sit on it, granted and ended through cases.services."""

from datetime import date

from django.db import transaction
from django.urls import reverse

from cases import clocks, inbox
from cases import services as case_services
from cases.access import has_case_permission
from cases.models import Agency, Case, CaseMembership, User
from cases.roles import CaseRole
from cases.services import CaseActionRefused, lock_case_for, record_event

from ..models import AgencyDeclined, PanelMember
from .chair import REVIEW_UNDER_WAY


def _locked_case_for_panel(case: Case, by: User, what: str) -> Case:
    case = lock_case_for(
        case, by=by, permission="manage_panel", refusal=f"You may not {what} on this case."
    )
    if case.stage not in REVIEW_UNDER_WAY:
        raise CaseActionRefused(
            f"The panel is not changed while the case is at “{case.get_stage_display()}”."
        )
    return case


def _check_past(day: date, field: str, label: str, *, not_before: date | None = None) -> None:
    if day > clocks.today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)
    if not_before and day < not_before:
        raise CaseActionRefused(
            f"{label} cannot be before the decision to hold the review ({not_before:%-d %B %Y}).",
            field=field,
        )


@transaction.atomic
def add_panel_member(
    *,
    case: Case,
    by: User,
    agency: Agency,
    name: str,
    sector: str,
    role: str,
    seniority: str,
    joined_on: date,
    declared_no_involvement: bool,
    confidentiality_undertaking: bool,
    user: User | None = None,
    is_idva: bool = False,
    also_imr_author: bool = False,
) -> PanelMember:
    case = _locked_case_for_panel(case, by, "add panel members")
    # Seed 002 (4): anyone directly involved "should not sit on the Review Panel".
    if not declared_no_involvement:
        raise CaseActionRefused(
            "A member must declare no direct involvement with the victim, the perpetrator or "
            "their families.",
            field="declared_no_involvement",
        )
    # Seed 003: the panel agrees confidentiality; DOMAIN.md 2.0 item 3.
    if not confidentiality_undertaking:
        raise CaseActionRefused(
            "A member must give the confidentiality undertaking before joining.",
            field="confidentiality_undertaking",
        )
    _check_past(joined_on, "joined_on", "The date joined", not_before=case.decided_on)
    membership = _panel_role_for(case=case, by=by, user=user, agency=agency)
    member = PanelMember(
        case=case,
        agency=agency,
        name=name.strip(),
        user=user,
        membership=membership,
        sector=sector,
        role=role.strip(),
        seniority=seniority,
        is_idva=is_idva,
        also_imr_author=also_imr_author,
        declared_no_involvement=True,
        confidentiality_undertaking=True,
        joined_on=joined_on,
        added_by=by,
    )
    member._history_user = by
    member.full_clean()
    member.save()
    record_event(
        case=case,
        name="panel.member.joined",
        description=f"{member.name} ({agency}) joined the panel",
        actor=by,
    )
    return member


def _panel_role_for(
    *, case: Case, by: User, user: User | None, agency: Agency
) -> CaseMembership | None:
    """The panel member role for a member with an account (None without one)."""
    if user is None:
        return None
    if user.agency_id not in (None, agency.pk):
        raise CaseActionRefused(
            f"{user} works for {user.agency}, not {agency}. Choose their own agency.",
            field="agency",
        )
    if PanelMember.objects.filter(case=case, user=user, left_on__isnull=True).exists():
        raise CaseActionRefused(f"{user} is already on the panel.", field="email")
    return case_services.grant_membership(case=case, user=user, role=CaseRole.PANEL_MEMBER, by=by)


@transaction.atomic
def record_member_left(*, member: PanelMember, by: User, left_on: date) -> PanelMember:
    """The member left the panel: the row stays, with the date; their role on the case
    ends."""
    _locked_case_for_panel(member.case, by, "change the panel")
    member = (
        PanelMember.objects.select_for_update(of=("self",))
        .select_related("case", "agency")
        .get(pk=member.pk)
    )
    if member.left_on is not None:
        raise CaseActionRefused(f"{member.name} left the panel on {member.left_on:%-d %B %Y}.")
    _check_past(left_on, "left_on", "The date they left")
    if left_on < member.joined_on:
        raise CaseActionRefused(
            f"The date they left cannot be before they joined ({member.joined_on:%-d %B %Y}).",
            field="left_on",
        )
    member.left_on = left_on
    member._history_user = by
    member.save(update_fields=["left_on"])
    if member.membership is not None:
        case_services.end_membership(membership=member.membership, by=by)
    record_event(
        case=member.case,
        name="panel.member.left",
        description=f"{member.name} ({member.agency}) left the panel",
        actor=by,
    )
    return member


@transaction.atomic
def record_agency_declined(
    *, case: Case, by: User, agency: Agency, declined_on: date, reason: str
) -> AgencyDeclined:
    """Record that an agency declined to take part, and ask the partnership's officers to
    tell the Home Office, which may direct it to take part (s.9(2); seed 000 l.89)."""
    case = _locked_case_for_panel(case, by, "record an agency declining")
    _check_past(declined_on, "declined_on", "The date it declined")
    declined = AgencyDeclined(
        case=case, agency=agency, declined_on=declined_on, reason=reason.strip(), recorded_by=by
    )
    declined._history_user = by
    declined.save()
    record_event(
        case=case,
        name="panel.agency.declined",
        description=f"{agency} declined to take part in the review",
        actor=by,
        reason=declined.reason,
    )
    officers = [
        membership.user
        for membership in case.memberships.filter(
            role=CaseRole.CSP_OFFICER, ended_at__isnull=True
        ).select_related("user")
        if membership.user != by
    ]
    inbox.hand_off(
        users=officers,
        case=case,
        # The reference and what is asked, never case details (cases.inbox): the agency's
        # name is on the page the message links to.
        text=f"An agency declined to take part in {case.reference}: write to the Home Office, "
        "which may direct it to take part (s.9(2)).",
        link=reverse("panels:panel", kwargs={"reference": case.reference}),
    )
    return declined


@transaction.atomic
def record_home_office_told_of_declining(
    *, declined: AgencyDeclined, by: User, told_on: date
) -> AgencyDeclined:
    case = Case.objects.select_for_update().get(pk=declined.case_id)
    if not has_case_permission(by, case, "send_to_home_office"):
        raise CaseActionRefused("You may not record what the Home Office was told.")
    declined = AgencyDeclined.objects.select_for_update().get(pk=declined.pk)
    if declined.home_office_told_on is not None:
        raise CaseActionRefused(
            f"The Home Office was told on {declined.home_office_told_on:%-d %B %Y}."
        )
    _check_past(told_on, "told_on", "The date the Home Office was told")
    if told_on < declined.declined_on:
        raise CaseActionRefused(
            "The Home Office cannot have been told before the agency declined "
            f"({declined.declined_on:%-d %B %Y}).",
            field="told_on",
        )
    declined.home_office_told_on = told_on
    declined._history_user = by
    declined.save(update_fields=["home_office_told_on"])
    record_event(
        case=case,
        name="panel.agency.declined.home_office_told",
        description=f"The Home Office was told that {declined.agency} declined to take part",
        actor=by,
    )
    return declined
