"""One effect per rendered form (issue 15, item 1): every form that creates or changes
something, posted twice (a double click, a resubmit after a slow page, the back button),
does its work once; the second post lands where the first did, with a message saying so."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from cases import clocks, services
from cases.models import (
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    Decision,
    FamilyLetterNotSent,
    Pause,
    Person,
    Reopening,
    ReportExtension,
    StandingPanelRecommendation,
    Transfer,
)
from cases.roles import CaseRole
from tests.case_factories import (
    agency_staff,
    case_awaiting_decision,
    case_member,
    case_not_reviewed,
    case_under_review,
    days_ago,
    letter_pdf,
    notified_case,
    partnership_with_staff,
)
from tests.factories import PartnershipFactory
from tests.test_case_views import notification_post

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def footprint() -> dict:
    """Everything a form in the service can create or change, counted."""
    return {
        "cases": Case.objects.count(),
        "case changes": Case.history.count(),
        "people": Person.objects.count(),
        "people changes": Person.history.count(),
        "events": CaseEvent.objects.count(),
        "memberships": CaseMembership.objects.count(),
        "ended memberships": CaseMembership.objects.exclude(ended_at=None).count(),
        "recommendations": StandingPanelRecommendation.objects.count(),
        "decisions": Decision.objects.count(),
        "letters": CaseLetter.objects.count(),
        "family letters not sent": FamilyLetterNotSent.objects.count(),
        "pauses": Pause.objects.count(),
        "resumed pauses": Pause.objects.exclude(ends_on=None).count(),
        "extensions": ReportExtension.objects.count(),
        "extensions told": ReportExtension.objects.exclude(home_office_told_on=None).count(),
        "reopenings": Reopening.objects.count(),
        "transfers": Transfer.objects.count(),
    }


def url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})


# Each form: who fills it in, where, and with what (a function: a file is read once).


def notification():
    partnership, officer, _ = partnership_with_staff()
    where = reverse("cases:record_notification", kwargs={"code": partnership.code})
    return officer, where, notification_post


def add_person():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    return officer, url("add_person", case), lambda: {"role": "family", "real_name": "Sam Sister"}


def correct_notification():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    data = {
        **date_fields("notified_on", case.notified_on),
        **date_fields("date_of_death", case.date_of_death),
        "source": case.source,
        "police_force": case.police_force,
        "police_reference": "OP-BRIAR-02",
        "place_of_death": case.place_of_death,
        "circumstances": case.circumstances,
        "reason": "The police reference was mistyped.",
    }
    return officer, url("correct_notification", case), lambda: data


def correct_person():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    victim = case.people.get(role=Person.Role.VICTIM)
    data = {
        "real_name": "Janet Doe",
        "pseudonym": victim.pseudonym,
        "gender": victim.gender,
        **date_fields("date_of_birth", victim.date_of_birth),
        "reason": "Her name was misspelt.",
    }
    return officer, url("correct_person", case, person_id=victim.pk), lambda: data


def withdraw():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    return officer, url("withdraw", case), lambda: {"reason": "Recorded twice."}


def recommendation():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    data = {
        **date_fields("met_on", clocks.today()),
        "meets_criteria": "met",
        "suggested_membership": "Police, health",
        "draft_terms_of_reference": "What lessons are to be learned.",
    }
    return officer, url("recommendation", case), lambda: data


def decision():
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    data = {
        "decision": "review",
        "reasons": "Former partners.",
        **date_fields("decided_on", clocks.today()),
    }
    return chair, url("decision", case), lambda: data


def letter():
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    return (
        officer,
        url("record_letter", case),
        lambda: {
            "recipient": "home_office",
            "method": "email",
            **date_fields("sent_on", clocks.today()),
            "copy": letter_pdf(),
        },
    )


def family_letter_not_sent():
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    data = {
        "reason": "no_family",
        "explanation": "No next of kin found.",
        **date_fields("recorded_on", clocks.today()),
    }
    return officer, url("family_letter_not_sent", case), lambda: data


def pause():
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    data = {"reason": "Trial listed.", **date_fields("starts_on", clocks.today())}
    return officer, url("pause", case), lambda: data


def resume():
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    services.pause_case(case=case, by=officer, reason="Trial", starts_on=clocks.today())
    return officer, url("resume", case), lambda: date_fields("resumed_on", clocks.today())


def extension():
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    data = {
        **date_fields("new_due_on", case.overview_report_due_on + timedelta(days=60)),
        "reason": "The trial was adjourned.",
        "agreed_by": chair.pk,
        **date_fields("agreed_on", clocks.today()),
    }
    return officer, url("extension", case), lambda: data


def home_office_told():
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    services.agree_extension(
        case=case,
        by=officer,
        new_due_on=case.overview_report_due_on + timedelta(days=60),
        reason="The trial was adjourned.",
        agreed_by=chair,
        agreed_on=clocks.today(),
    )
    data = date_fields("told_on", clocks.today())
    return officer, url("extension_home_office_told", case), lambda: data


def reopen():
    partnership, officer, chair = partnership_with_staff()
    case = case_not_reviewed(partnership, officer)
    return (
        chair,
        url("reopen", case),
        lambda: {
            "kind": "letter",
            **date_fields("received_on", clocks.today()),
            "summary": "The Home Office advises a review.",
            "copy": letter_pdf("home-office.pdf"),
        },
    )


def transfer():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer, notified_on=days_ago(5))
    lead = PartnershipFactory()
    data = {
        "to_partnership": lead.pk,
        **date_fields("transferred_on", clocks.today()),
        "reason": "The victim lived there.",
    }
    return officer, url("transfer", case), lambda: data


def add_member():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    panel_member = agency_staff(email="pat@example.org")
    data = {"email": panel_member.email, "role": CaseRole.PANEL_MEMBER}
    return officer, url("members", case), lambda: data


def end_membership():
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer)
    member = case_member(case, CaseRole.PANEL_MEMBER)
    membership = case.memberships.get(user=member)
    return officer, url("end_membership", case, membership_id=membership.pk), dict


FORMS = [
    notification,
    add_person,
    correct_notification,
    correct_person,
    withdraw,
    recommendation,
    decision,
    letter,
    family_letter_not_sent,
    pause,
    resume,
    extension,
    home_office_told,
    reopen,
    transfer,
    add_member,
    end_membership,
]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.__name__)
def test_a_form_posted_twice_takes_effect_once(client, form):
    user, where, data = form()
    client.force_login(user)
    token = TOKEN.search(client.get(where).content.decode()).group(1)
    before = footprint()

    first = client.post(where, {**data(), "form_token": token})
    assert first.status_code == 302, first.content.decode()[:3000]
    after_first = footprint()
    assert after_first != before

    second = client.post(where, {**data(), "form_token": token}, follow=True)

    assert footprint() == after_first
    assert second.redirect_chain[0][0] == first.url
    assert "You already sent this form, at " in second.content.decode()


def test_a_form_shown_again_with_its_errors_keeps_its_token(client):
    """Correcting a refused form and sending it is still the first effect of that form."""
    partnership, officer, _ = partnership_with_staff()
    client.force_login(officer)
    where = reverse("cases:record_notification", kwargs={"code": partnership.code})
    token = TOKEN.search(client.get(where).content.decode()).group(1)

    refused = client.post(
        where, {**notification_post(**{"victim-real_name": ""}), "form_token": token}
    )
    assert TOKEN.search(refused.content.decode()).group(1) == token

    client.post(where, {**notification_post(), "form_token": token})
    assert Case.objects.count() == 1


def test_each_rendered_form_has_its_own_token(client):
    """Two notifications of two deaths, from two rendered forms, are two cases."""
    partnership, officer, _ = partnership_with_staff()
    client.force_login(officer)
    where = reverse("cases:record_notification", kwargs={"code": partnership.code})
    first, second = (TOKEN.search(client.get(where).content.decode()).group(1) for _ in "12")
    assert first != second

    client.post(where, {**notification_post(), "form_token": first})
    other_death = notification_post(
        **{"victim-real_name": "Ruth Other", "duplicate-confirm_new_death": "on"}
    )
    client.post(where, {**other_death, "form_token": second})

    assert Case.objects.count() == 2
