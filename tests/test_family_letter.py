"""The letter to the victim's family about the decision (DESIGN §3.2, §4; DOMAIN H3): due
with the Home Office letter, shown as a clock, reminded like it, and replaceable by a
recorded reason (no family to write to, contact deferred on the police's or the advocate's
advice, declined) that satisfies the letters guard."""

import pytest
from django.urls import reverse

from cases import clocks, services
from cases.models import CaseLetter, FamilyLetterNotSent
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from tests.case_factories import (
    case_awaiting_decision,
    case_member,
    case_under_review,
    days_ago,
    letter_pdf,
    notified_case,
    partnership_with_staff,
)

pytestmark = pytest.mark.django_db


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def review_with_home_office_letter():
    """A review whose Home Office letter is sent and whose family letter is not."""
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer, notified_on=days_ago(20))
    services.record_letter(
        case=case,
        by=officer,
        recipient=CaseLetter.Recipient.HOME_OFFICE,
        sent_on=case.decided_on,
        method=CaseLetter.Method.EMAIL,
        copy=letter_pdf(),
    )
    return case, officer, chair


def not_sent(case, by, **changes):
    return services.record_family_letter_not_sent(
        **{
            "case": case,
            "by": by,
            "reason": FamilyLetterNotSent.Reason.DEFERRED_POLICE,
            "explanation": "The senior investigating officer asks us to wait for the charge.",
            "recorded_on": days_ago(1),
            **changes,
        }
    )


def test_the_family_letter_is_due_with_the_home_office_letter_and_shown_as_a_clock(client):
    partnership, officer, _ = partnership_with_staff()
    case = notified_case(partnership, officer, notified_on=days_ago(10))
    client.force_login(officer)

    assert case.family_letter_due_on == clocks.family_letter_due(case.notified_on)
    assert case.family_letter_due_on == case.home_office_letter_due_on
    response = client.get(case.get_absolute_url())
    [family] = [c for c in response.context["clocks"] if c.name == "Letter to the family"]
    assert (family.due_on, family.status) == (case.family_letter_due_on, "on_track")


def test_a_reason_recorded_instead_of_the_family_letter_satisfies_the_guard(
    review_with_home_office_letter,
):
    case, officer, _ = review_with_home_office_letter
    independent_chair = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer)
    with pytest.raises(CaseActionRefused, match="Record the letter to the family, or why none"):
        services.perform_transition(case=case, name="start_imrs", by=independent_chair)

    record = not_sent(case, officer)

    assert (record.decision, record.recorded_by, record.recorded_on) == (
        case.current_decision(),
        officer,
        days_ago(1),
    )
    assert case.letters_still_to_send() == []
    assert case.events.filter(name="case.letter.family.not_sent", actor=officer).exists()
    # The letters guard is met; what stops the IMRs now is the panel's set-up.
    with pytest.raises(CaseActionRefused, match="Appoint the independent chair"):
        services.perform_transition(case=case, name="start_imrs", by=independent_chair)


def test_the_case_page_shows_the_reason_and_a_closed_family_clock(
    client, review_with_home_office_letter
):
    case, officer, _ = review_with_home_office_letter
    form_url = reverse("cases:family_letter_not_sent", kwargs={"reference": case.reference})
    client.force_login(officer)
    assert form_url in client.get(case.get_absolute_url()).content.decode()

    response = client.post(
        form_url,
        {
            "reason": FamilyLetterNotSent.Reason.NO_FAMILY,
            "explanation": "The police found no next of kin.",
            **date_fields("recorded_on", days_ago(2)),
        },
    )

    assert response.status_code == 302
    response = client.get(case.get_absolute_url())
    content = response.content.decode()
    assert "There is no family to write to" in content
    assert "The police found no next of kin." in content
    assert f"recorded by {officer}" in content
    [family] = [c for c in response.context["clocks"] if c.name == "Letter to the family"]
    assert (family.status, family.met_on) == ("reason_recorded", days_ago(2))
    assert form_url not in content
    assert client.get(form_url).status_code == 404


def test_the_form_explains_each_missing_or_wrong_answer_and_saves_nothing(
    client, review_with_home_office_letter
):
    case, officer, _ = review_with_home_office_letter
    client.force_login(officer)
    url = reverse("cases:family_letter_not_sent", kwargs={"reference": case.reference})

    empty = client.post(url, {"explanation": " "})
    too_early = client.post(
        url,
        {
            "reason": FamilyLetterNotSent.Reason.DECLINED,
            "explanation": "Declined through the advocate.",
            **date_fields("recorded_on", case.notified_on.replace(year=case.notified_on.year - 1)),
        },
    )

    errors = empty.context["form"].errors
    assert set(errors) == {"reason", "explanation", "recorded_on"}
    assert too_early.context["form"].errors["recorded_on"] == [
        "The date cannot be before the partnership was notified."
    ]
    assert not FamilyLetterNotSent.objects.exists()


def test_a_family_letter_can_follow_a_deferral_but_not_be_replaced_once_sent(
    client, review_with_home_office_letter
):
    case, officer, _ = review_with_home_office_letter
    not_sent(case, officer)
    client.force_login(officer)
    letter_url = reverse("cases:record_letter", kwargs={"reference": case.reference})

    form = client.get(letter_url).context["form"]
    assert [value for value, _ in form.fields["recipient"].choices] == ["family"]
    services.record_letter(
        case=case,
        by=officer,
        recipient=CaseLetter.Recipient.FAMILY,
        sent_on=days_ago(0),
        method=CaseLetter.Method.HAND,
        copy=letter_pdf(),
    )

    assert client.get(letter_url).status_code == 404
    with pytest.raises(CaseActionRefused, match="already recorded"):
        not_sent(case, officer)


def test_no_reason_can_be_recorded_before_the_decision(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    client.force_login(officer)

    with pytest.raises(CaseActionRefused, match="Record the decision first"):
        not_sent(case, officer)
    url = reverse("cases:family_letter_not_sent", kwargs={"reference": case.reference})
    assert client.get(url).status_code == 404
