"""Telling people: the in-app inbox and its e-mail copies (DESIGN §7).

Reminders of deadlines and hand-offs (a case referred to someone, a role given, a decision
recorded) go the same way: one Message in each person's inbox and one EmailDelivery row,
the outbox, swept until sent. E-mails carry the case reference and what is asked, never
case details: the case itself is behind the sign-in.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Case, EmailDelivery, Message, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A text file to send with each e-mail copy (a meeting's calendar invitation)."""

    name: str
    content_type: str
    content: str


def tell(
    *,
    users: list[User],
    case: Case,
    text: str,
    link: str = "",
    attachment: Attachment | None = None,
) -> list[int]:
    """Put `text` in each person's inbox with an e-mail copy; return the ids of the e-mails
    still to send."""
    return put_in_inboxes(
        [
            Message(user=user, case=case, text=text[:300], link=link or case.get_absolute_url())
            for user in users
            if user.is_active
        ],
        attachment=attachment,
    )


def put_in_inboxes(messages: list[Message], *, attachment: Attachment | None = None) -> list[int]:
    """Save the messages and an outbox row for each, in two statements however many there
    are; return the ids of the e-mails to send. Each row's Message-ID, and its attachment,
    are fixed here, once, for every attempt to come: a copy resent after a crash is the
    same e-mail."""
    files = (
        {
            "attachment_name": attachment.name,
            "attachment_type": attachment.content_type,
            "attachment": attachment.content,
        }
        if attachment
        else {}
    )
    Message.objects.bulk_create(messages)
    deliveries = EmailDelivery.objects.bulk_create(
        [EmailDelivery(message_id=message.pk, **files) for message in messages]
    )
    return [delivery.pk for delivery in deliveries]


def hand_off(
    *,
    users: list[User],
    case: Case,
    text: str,
    link: str = "",
    attachment: Attachment | None = None,
) -> None:
    """Tell people that something on the case now waits for them, once the change that
    caused it is committed."""
    delivery_ids = tell(users=users, case=case, text=text, link=link, attachment=attachment)
    transaction.on_commit(lambda: _queue_emails(delivery_ids))


def _queue_emails(delivery_ids: list[int]) -> None:
    # Imported here: the tasks module imports this one.
    from .tasks import send_email

    try:
        for delivery_id in delivery_ids:
            send_email.delay(delivery_id)
    except Exception:
        # The change is committed; the outbox sweep (every five minutes) sends these.
        logger.exception("email.queue_failed", extra={"delivery_ids": delivery_ids})


# How long a worker may take to hand an e-mail to the mail server before the sweep takes
# it to have died: far longer than the SMTP timeout (30 s) and the task's time limit (90 s).
SENDING_LEASE = timedelta(minutes=10)


def send_email(*, delivery_id: int) -> bool:
    """Send one e-mail unless it has gone or another worker is sending it.

    The row is claimed by a conditional UPDATE (pending, or sending under a lease that ran
    out), the mail server is spoken to outside any database transaction, and the row is
    marked sent afterwards. A worker that dies after the mail server took the message leaves
    the row "sending"; once its lease runs out the sweep sends it again, with the same
    Message-ID, so the copy is recognisably the same message (at least once, never lost).
    Errors from the mail server propagate, for the task to retry."""
    now = timezone.now()
    claimable = Q(status=EmailDelivery.Status.PENDING) | Q(
        status=EmailDelivery.Status.SENDING, claimed_at__lt=now - SENDING_LEASE
    )
    claimed = EmailDelivery.objects.filter(claimable, pk=delivery_id).update(
        status=EmailDelivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    delivery = EmailDelivery.objects.select_related("message__case", "message__user").get(
        pk=delivery_id
    )
    _email(delivery).send()
    EmailDelivery.objects.filter(pk=delivery_id, status=EmailDelivery.Status.SENDING).update(
        status=EmailDelivery.Status.SENT, sent_at=timezone.now()
    )
    return True


def record_email_failure(*, delivery_id: int, error: str, final: bool) -> None:
    """The mail server refused the attempt (counted when it was claimed): back to pending
    for the next try, or, after the last one, failed, for administrators to see."""
    status = EmailDelivery.Status.FAILED if final else EmailDelivery.Status.PENDING
    EmailDelivery.objects.filter(pk=delivery_id).update(status=status, last_error=error[:2000])
    if final:
        logger.error("email.failed", extra={"delivery_id": delivery_id})


def emails_left_pending() -> list[int]:
    """E-mails to send: never queued (a worker stopped first, or the broker was down),
    refused by the mail server, or claimed by a worker that died (its lease ran out).
    Queueing them again is safe: sending claims each row. A reminder's e-mails count once
    the reminder is delivered (its delivery queues them itself)."""
    stale = timezone.now() - SENDING_LEASE
    return list(
        EmailDelivery.objects.filter(
            Q(status=EmailDelivery.Status.PENDING)
            | Q(status=EmailDelivery.Status.SENDING, claimed_at__lt=stale)
        )
        .exclude(message__reminder__delivered_at__isnull=True, message__reminder__isnull=False)
        .values_list("pk", flat=True)
    )


def absolute_url(path: str) -> str:
    return settings.DHR_BASE_URL.rstrip("/") + path


def _email(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """Only the case reference and what is asked: nothing OFFICIAL-SENSITIVE leaves by e-mail."""
    message = delivery.message
    context = {
        "name": message.user.get_short_name(),
        "message": message.text,
        "case_url": absolute_url(message.link),
        "suggestion": message.suggestion,
        "suggestion_url": absolute_url(message.suggestion_link) if message.suggestion_link else "",
        "service_name": settings.DHR_SERVICE_NAME,
    }
    email = EmailMultiAlternatives(
        subject=message.text.rstrip("."),
        body=render_to_string("emails/message.txt", context),
        to=[message.user.email],
        headers={"Message-ID": delivery.mail_message_id},
    )
    email.attach_alternative(render_to_string("emails/message.html", context), "text/html")
    if delivery.attachment_name:
        email.attach(delivery.attachment_name, delivery.attachment, delivery.attachment_type)
    return email
