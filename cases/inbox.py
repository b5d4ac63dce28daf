"""Telling people: the in-app inbox and its e-mail copies (DESIGN §7).

Reminders of deadlines and hand-offs (a case referred to someone, a role given, a decision
recorded) go the same way: one Message in each person's inbox and one EmailDelivery row,
the outbox, swept until sent. E-mails carry the case reference and what is asked, never
case details: the case itself is behind the sign-in.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Case, EmailDelivery, Message, Reminder, User

logger = logging.getLogger(__name__)


def tell(
    *,
    users: list[User],
    case: Case,
    text: str,
    link: str = "",
    reminder: Reminder | None = None,
    suggestion: str = "",
    suggestion_link: str = "",
) -> list[int]:
    """Put `text` in each person's inbox with an e-mail copy; return the ids of the e-mails
    still to send. For a reminder, telling again adds nothing (one message per person)."""
    messages = [
        Message(
            user=user,
            case=case,
            reminder=reminder,
            text=text[:300],
            link=link or case.get_absolute_url(),
            suggestion=suggestion,
            suggestion_link=suggestion_link,
        )
        for user in users
        if user.is_active
    ]
    if reminder is None:
        for message in messages:
            message.save()
    else:
        Message.objects.bulk_create(messages, ignore_conflicts=True)
        messages = list(Message.objects.filter(reminder=reminder, user__in=users))
    EmailDelivery.objects.bulk_create(
        [EmailDelivery(message=message) for message in messages], ignore_conflicts=True
    )
    return list(
        EmailDelivery.objects.filter(
            message__in=messages, status=EmailDelivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def hand_off(*, users: list[User], case: Case, text: str, link: str = "") -> None:
    """Tell people that something on the case now waits for them, once the change that
    caused it is committed."""
    delivery_ids = tell(users=users, case=case, text=text, link=link)
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


def send_email(*, delivery_id: int) -> bool:
    """Send one e-mail unless it has gone already. The row stays locked while the message is
    handed to the mail server, so two workers never send it twice. Errors from the mail
    server propagate, for the task to retry; the row stays pending."""
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("message__case", "message__user")
            .filter(pk=delivery_id, status=EmailDelivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return False
        _email(delivery).send()
        delivery.status = EmailDelivery.Status.SENT
        delivery.attempts += 1
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["status", "attempts", "sent_at"])
    return True


def record_email_failure(*, delivery_id: int, error: str, final: bool) -> None:
    """Count a failed attempt; after the last one, mark the e-mail failed for the admins."""
    delivery = EmailDelivery.objects.get(pk=delivery_id)
    delivery.attempts += 1
    delivery.last_error = error[:2000]
    if final:
        delivery.status = EmailDelivery.Status.FAILED
    delivery.save(update_fields=["attempts", "last_error", "status"])


def emails_left_pending() -> list[int]:
    """E-mails never sent: a worker stopped before queueing them, or the mail server refused
    the command. Queueing them again is safe: sending checks and locks each row. A reminder's
    e-mails count once the reminder is delivered (its delivery queues them itself)."""
    return list(
        EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING)
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
    return email
