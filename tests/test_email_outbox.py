"""The e-mail outbox keeps its word (DESIGN §7): at least once, never lost, a copy after a
crash recognisably the same message, and the mail server never spoken to inside an open
database transaction."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from cases import inbox
from cases.models import EmailDelivery
from tests.case_factories import case_awaiting_decision, partnership_with_staff


class WorkerKilled(BaseException):
    """The worker process dies: nothing after this line runs."""


class RecordingBackend(LocmemBackend):
    """Notes whether a database transaction was open while the mail server was spoken to."""

    in_transaction: list[bool] = []

    def send_messages(self, messages):
        RecordingBackend.in_transaction.append(connection.in_atomic_block)
        return super().send_messages(messages)


class DiesAfterHandingOver(LocmemBackend):
    """The mail server takes the message; then the worker is killed."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise WorkerKilled


@pytest.fixture
def delivery(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    partnership, officer, chair = partnership_with_staff()
    case_awaiting_decision(partnership, officer)  # the chair is told: one e-mail
    return EmailDelivery.objects.get(message__user=chair)


@pytest.mark.django_db(transaction=True)
def test_the_mail_server_is_never_spoken_to_inside_a_transaction(settings, delivery):
    settings.EMAIL_BACKEND = "tests.test_email_outbox.RecordingBackend"
    RecordingBackend.in_transaction = []

    assert inbox.send_email(delivery_id=delivery.pk)

    assert RecordingBackend.in_transaction == [False]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.SENT, 1)


@pytest.mark.django_db
def test_a_worker_killed_after_the_mail_server_took_it_sends_a_copy_with_the_same_id(
    settings, delivery
):
    settings.EMAIL_BACKEND = "tests.test_email_outbox.DiesAfterHandingOver"
    with pytest.raises(WorkerKilled):
        inbox.send_email(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.SENDING
    # Another worker may still be sending it: the sweep leaves it alone until the lease ends.
    assert delivery.pk not in inbox.emails_left_pending()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with freeze_time(timezone.now() + inbox.SENDING_LEASE + timedelta(minutes=1)):
        assert delivery.pk in inbox.emails_left_pending()
        assert inbox.send_email(delivery_id=delivery.pk)

    first, again = mail.outbox
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]
    assert first.extra_headers["Message-ID"] == delivery.mail_message_id
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (EmailDelivery.Status.SENT, 2)


@pytest.mark.django_db
def test_an_e_mail_being_sent_is_not_sent_by_a_second_worker(delivery):
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=EmailDelivery.Status.SENDING, claimed_at=timezone.now()
    )

    assert not inbox.send_email(delivery_id=delivery.pk)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_refused_e_mail_goes_back_to_the_outbox_and_a_last_refusal_is_failed(delivery):
    inbox.record_email_failure(delivery_id=delivery.pk, error="451 try later", final=False)
    delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.PENDING
    assert delivery.pk in inbox.emails_left_pending()

    inbox.record_email_failure(delivery_id=delivery.pk, error="550 no such user", final=True)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (
        EmailDelivery.Status.FAILED,
        "550 no such user",
    )
    assert delivery.pk not in inbox.emails_left_pending()
