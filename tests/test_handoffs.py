"""Hand-offs tell people: a case referred to the chair, a role given, a decision recorded
each put a message in the inbox of the person the work passes to, with an e-mail copy that
holds no case details (issue 8, section 2)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cases import inbox, services, tasks
from cases.models import EmailDelivery, Message
from cases.roles import CaseRole
from tests.case_factories import (
    agency_staff,
    case_awaiting_decision,
    case_under_review,
    chair_of,
    notified_case,
    officer_of,
    partnership_with_staff,
    recommendation_details,
)

pytestmark = pytest.mark.django_db


def inbox_texts(user) -> list[str]:
    return list(Message.objects.filter(user=user).values_list("text", flat=True))


def test_referring_a_case_tells_the_csp_chair_and_not_the_officer(
    client, django_capture_on_commit_callbacks
):
    partnership, officer, chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        services.record_standing_panel_recommendation(
            case=case, by=officer, recommendation=recommendation_details()
        )

    assert inbox_texts(chair) == [
        f"{case.reference} waits for your decision whether to hold a review."
    ]
    assert inbox_texts(officer) == []
    message = Message.objects.get(user=chair)
    assert message.link == reverse("cases:decision", args=[case.reference])
    client.force_login(chair)
    assert case.reference in client.get(reverse("inbox")).content.decode()


def test_the_e_mail_copy_holds_the_reference_and_the_link_and_no_case_details(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    delivery = EmailDelivery.objects.get(message__user=chair)

    inbox.send_email(delivery_id=delivery.pk)

    [email] = mail.outbox
    assert email.to == [chair.email]
    assert case.reference in email.subject
    body = email.body + email.alternatives[0][0]
    assert f"/cases/{case.reference}/decision/" in body
    for detail in ("Jane Doe", "Adult A", "John Roe", "Found dead at home", "OP-BRIAR"):
        assert detail not in body and detail not in email.subject
    assert email.extra_headers["Message-ID"] == delivery.mail_message_id


def test_an_e_mail_sent_again_after_a_crash_keeps_its_message_id(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    partnership, officer, chair = partnership_with_staff()
    case_awaiting_decision(partnership, officer)
    delivery = EmailDelivery.objects.get(message__user=chair)
    inbox.send_email(delivery_id=delivery.pk)
    # A worker killed after the mail server took the message, before its row said so.
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=EmailDelivery.Status.PENDING)

    call_command("send_reminders", stdout=StringIO())  # it sweeps the outbox too

    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]


def test_giving_someone_a_role_tells_them(client):
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    member = agency_staff()

    services.grant_membership(case=case, user=member, role=CaseRole.PANEL_MEMBER, by=officer)

    assert inbox_texts(member) == [f"You have been added to {case.reference} as panel member."]
    assert EmailDelivery.objects.filter(message__user=member).exists()


def test_the_partnerships_standing_roles_arrive_without_a_message_per_case():
    partnership, officer, chair = partnership_with_staff()
    notified_case(partnership, officer)
    assert inbox_texts(chair) == []


def test_a_decision_tells_the_officers_to_send_the_letters():
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    services.record_decision(
        case=case,
        by=chair_of(partnership),
        decision="review",
        decided_on=case.notified_on,
        reasons="The criteria are met.",
    )

    assert inbox_texts(officer_of(case)) == [
        f"The decision on {case.reference} is recorded: send and record the letters to the "
        "Home Office and the family."
    ]
    assert chair.pk not in Message.objects.filter(text__startswith="The decision").values_list(
        "user", flat=True
    )


def test_a_broker_that_is_down_does_not_fail_the_change(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.send_email, "delay", broker_down)
    partnership, officer, chair = partnership_with_staff()
    case = notified_case(partnership, officer)

    with django_capture_on_commit_callbacks(execute=True):
        services.record_standing_panel_recommendation(
            case=case, by=officer, recommendation=recommendation_details()
        )

    assert EmailDelivery.objects.get(message__user=chair).status == EmailDelivery.Status.PENDING
    assert EmailDelivery.objects.get(message__user=chair).pk in inbox.emails_left_pending()


def test_a_transfer_tells_the_lead_partnerships_officers_and_chair():
    partnership, officer, _chair = partnership_with_staff()
    lead, lead_officer, lead_chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)

    transfer = services.transfer_case(
        case=case,
        by=officer,
        to_partnership=lead,
        transferred_on=case.notified_on,
        reason="The victim lived in the lead partnership's area.",
    )

    for person in (lead_officer, lead_chair):
        [text] = inbox_texts(person)
        assert text.startswith(f"{transfer.new_case.reference} was transferred to your partnership")
    assert case.reference not in " ".join(inbox_texts(lead_officer))


def test_the_chairs_link_to_the_decision_after_it_is_recorded_leads_to_the_case(client):
    """The message asking for a decision stays in the inbox once the decision is made: its
    link then lands on the case page, saying who decided and when, not on a 404."""
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    link = Message.objects.get(user=chair, case=case).link
    client.force_login(chair)

    response = client.get(link, follow=True)

    assert response.redirect_chain == [(case.get_absolute_url(), 302)]
    assert f"The decision was recorded by {chair}" in response.content.decode()
