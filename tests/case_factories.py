"""Cases in named lifecycle states, built through cases.services the way people build them.

Nothing here writes a stage or a permission row directly: each function calls the same
service a view would, so a case made here has the memberships, guardian rows, events and
history a real one has. Dates are relative to today (notified a few days ago, the death
before that), so the clocks are running and not yet due.

    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
"""

import io
from collections.abc import Callable
from datetime import date, timedelta

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import clocks, services
from cases.models import Case, CaseLetter, Decision, Partnership, PartnershipRole, Reopening, User
from cases.roles import CaseRole
from tests.factories import AgencyFactory, PartnershipFactory, UserFactory


def pdf_bytes(change: Callable[[pikepdf.Pdf], None] | None = None) -> bytes:
    """A one-page PDF that a reader (and the upload check) opens; `change` adds to it first,
    for the PDFs the upload check refuses."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if change:
        change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PDF_BYTES = pdf_bytes()


def days_ago(days: int) -> date:
    return clocks.today() - timedelta(days=days)


def letter_pdf(name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


# People -----------------------------------------------------------------------------------


def partnership_with_staff(
    partnership: Partnership | None = None,
) -> tuple[Partnership, User, User]:
    """A partnership with one CSP officer and one CSP chair, granted through the service
    (so they become members of every case the partnership has or will have)."""
    partnership = partnership or PartnershipFactory()
    officer = UserFactory(full_name="Olivia Officer", partnership=partnership)
    chair = UserFactory(full_name="Charles Chair", partnership=partnership)
    services.grant_partnership_role(
        partnership=partnership, user=officer, role=PartnershipRole.Role.OFFICER, by=None
    )
    services.grant_partnership_role(
        partnership=partnership, user=chair, role=PartnershipRole.Role.CHAIR, by=None
    )
    return partnership, officer, chair


def outsider() -> User:
    """Someone with an account and no role on any case."""
    return UserFactory(full_name="Oscar Outsider", agency=AgencyFactory())


def case_member(case: Case, role: str, *, by: User | None = None, **user_fields) -> User:
    """A new user given `role` on `case` by `by` (the case's CSP officer unless given), of
    the kind the role needs: agency staff for the agency roles and the panel, nobody's
    staff for the independent chair and the Home Office reviewer (cases.rules)."""
    agency = None
    if CaseRole(role) in (CaseRole.SENIOR_MANAGER, CaseRole.IMR_AUTHOR, CaseRole.PANEL_MEMBER):
        agency = user_fields.setdefault("agency", AgencyFactory())
    user = UserFactory(**user_fields)
    services.grant_membership(
        case=case,
        user=user,
        role=role,
        by=by or officer_of(case),
        agency=agency if CaseRole(role) != CaseRole.PANEL_MEMBER else None,
    )
    return user


def officer_of(case: Case) -> User:
    return (
        case.memberships.filter(role=CaseRole.CSP_OFFICER, ended_at=None)
        .select_related("user")
        .earliest("since")
        .user
    )


def agency_staff(**user_fields) -> User:
    """Someone who works for an agency: may sit on a panel or write its IMR."""
    return UserFactory(agency=user_fields.pop("agency", None) or AgencyFactory(), **user_fields)


def administrator() -> User:
    return UserFactory(full_name="Adam Administrator", is_staff=True, is_superuser=True)


def chair_of(partnership: Partnership) -> User:
    return (
        PartnershipRole.objects.filter(partnership=partnership, role=PartnershipRole.Role.CHAIR)
        .select_related("user")
        .earliest("since")
        .user
    )


# Details, as the notification form would pass them ----------------------------------------


def notification_details(**overrides) -> dict:
    notified_on = overrides.pop("notified_on", days_ago(5))
    details = {
        "notified_on": notified_on,
        "source": Case.Source.POLICE,
        "police_force": "Riverside Police",
        "police_reference": "OP-BRIAR-01",
        "date_of_death": notified_on - timedelta(days=4),
        "place_of_death": "Riverside",
        "circumstances": "Found dead at home; her former partner was arrested.",
    }
    details.update(overrides)
    return details


def victim_details(**overrides) -> dict:
    return {
        "real_name": "Jane Doe",
        "date_of_birth": date(1984, 5, 17),
        "gender": "Female",
        "deceased": True,
        "pseudonym": "Adult A",
        **overrides,
    }


def suspect_details(**overrides) -> dict:
    return {
        "real_name": "John Roe",
        "date_of_birth": date(1980, 2, 3),
        "gender": "Male",
        "relationship_to_victim": "former_partner",
        "charged": True,
        "pseudonym": "Adult B",
        **overrides,
    }


def recommendation_details(**overrides) -> dict:
    return {
        "meets_criteria": "met",
        "suggested_membership": "Police, adult social care, health, Safe Haven",
        "draft_terms_of_reference": "To establish what lessons are to be learned.",
        "met_on": clocks.today(),
        **overrides,
    }


# Lifecycle states ----------------------------------------------------------------------


def notified_case(
    partnership: Partnership,
    officer: User,
    *,
    victim: dict | None = None,
    suspects: list[dict] | None = None,
    **overrides,
) -> Case:
    """Stage: notified. `overrides` change the notification details (notified_on, ...)."""
    return services.record_notification(
        partnership=partnership,
        by=officer,
        notification=notification_details(**overrides),
        victim=victim_details() if victim is None else victim,
        suspects=[suspect_details()] if suspects is None else suspects,
        # Every case made here is a death of its own, though the details repeat.
        new_death_confirmed=True,
    )


def case_awaiting_decision(
    partnership: Partnership, officer: User, *, recommendation: dict | None = None, **overrides
) -> Case:
    """Stage: decision. The standing panel's recommendation is recorded."""
    case = notified_case(partnership, officer, **overrides)
    return services.record_standing_panel_recommendation(
        case=case, by=officer, recommendation=recommendation or recommendation_details()
    )


def decided_case(
    partnership: Partnership,
    officer: User,
    *,
    decision: str,
    chair: User | None = None,
    decided_on: date | None = None,
    reasons: str = "",
    other_review: str = "",
    **overrides,
) -> Case:
    """The chair's decision recorded on a case awaiting one (decided three days after the
    notification unless `decided_on` is given)."""
    case = case_awaiting_decision(partnership, officer, **overrides)
    return services.record_decision(
        case=case,
        by=chair or chair_of(partnership),
        decision=decision,
        decided_on=decided_on or case.notified_on + timedelta(days=3),
        reasons=reasons,
        other_review=other_review,
    )


def case_under_review(partnership: Partnership, officer: User, **overrides) -> Case:
    """Stage: panel set-up. The chair decided to hold a review; the 6-month clock runs."""
    overrides.setdefault("reasons", "The relationship test is met: former intimate partners.")
    return decided_case(partnership, officer, decision=Decision.Outcome.REVIEW, **overrides)


def case_not_reviewed(partnership: Partnership, officer: User, **overrides) -> Case:
    """Stage: not reviewed (closed). The chair decided not to hold a review, with reasons."""
    overrides.setdefault("reasons", "No relationship within the statutory definition.")
    return decided_case(partnership, officer, decision=Decision.Outcome.NO_REVIEW, **overrides)


def case_deferred_to_other_review(partnership: Partnership, officer: User, **overrides) -> Case:
    """Stage: another review leads (closed). A safeguarding adults review takes precedence."""
    overrides.setdefault("reasons", "The safeguarding adults board leads a joint review.")
    overrides.setdefault("other_review", Decision.OtherReview.SAFEGUARDING_ADULTS)
    return decided_case(partnership, officer, decision=Decision.Outcome.OTHER_REVIEW, **overrides)


def case_with_joint_review(partnership: Partnership, officer: User, **overrides) -> Case:
    """Stage: panel set-up. A review held jointly with a safeguarding adults review."""
    case = case_awaiting_decision(partnership, officer, **overrides)
    return services.record_decision(
        case=case,
        by=chair_of(partnership),
        decision=Decision.Outcome.JOINT_REVIEW,
        decided_on=case.notified_on + timedelta(days=3),
        other_review=Decision.OtherReview.SAFEGUARDING_ADULTS,
        other_review_reference="SAR 2026/04",
        lead_body="Riverside Safeguarding Adults Board",
        joint_chair="Jo Independent",
    )


def reopen(case: Case, *, received_on: date | None = None, **details) -> Reopening:
    """The Home Office's letter, received today unless `received_on` is given, reopens a
    case not reviewed or where another review leads (recorded by the CSP chair)."""
    return services.reopen_case(
        case=Case.objects.get(pk=case.pk),
        by=chair_of(case.partnership),
        kind=details.pop("kind", Reopening.Kind.LETTER),
        received_on=received_on or clocks.today(),
        summary=details.pop("summary", "The Home Office advises that a review is held."),
        **details,
    )


def record_decision_letters(case: Case, by: User, sent_on: date | None = None) -> None:
    """The decision letters to the Home Office and the family, recorded as sent."""
    sent_on = sent_on or case.decided_on + timedelta(days=1)
    for recipient in (CaseLetter.Recipient.HOME_OFFICE, CaseLetter.Recipient.FAMILY):
        services.record_letter(
            case=case,
            by=by,
            recipient=recipient,
            sent_on=sent_on,
            method=CaseLetter.Method.EMAIL,
            copy=letter_pdf(),
        )


def case_with_letters_sent(partnership: Partnership, officer: User, **overrides) -> Case:
    """Stage: panel set-up, with the decision letters to the Home Office and the family
    recorded (the day after the decision)."""
    case = case_under_review(partnership, officer, **overrides)
    record_decision_letters(case, officer)
    return Case.objects.get(pk=case.pk)
