"""Celery tasks: thin wrappers that take ids and call cases.reminders and cases.inbox."""

from datetime import timedelta

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from . import clocks, inbox, reminders, submissions

EMAIL_RETRIES = 5


@shared_task
def scan_deadlines() -> int:
    for delivery_id in inbox.emails_left_pending():
        send_email.delay_on_commit(delivery_id)
    reminder_ids = reminders.scan(on=clocks.today())
    # A message per batch, not per reminder: otherwise the broker, not the database, would
    # be the slow part of a national scan.
    for batch in reminders.batches(reminder_ids):
        deliver_reminders.delay_on_commit(batch)
    return len(reminder_ids)


@shared_task
def send_pending_emails() -> int:
    delivery_ids = inbox.emails_left_pending()
    for delivery_id in delivery_ids:
        send_email.delay(delivery_id)
    return len(delivery_ids)


@shared_task
def deliver_reminders(reminder_ids: list[int]) -> None:
    # The operator's command delivers through the same service, batch by batch.
    for delivery_id in reminders.deliver_reminders(reminder_ids=reminder_ids).email_ids:
        send_email.delay_on_commit(delivery_id)


@shared_task(bind=True, max_retries=EMAIL_RETRIES)
def send_email(self, delivery_id: int) -> None:
    try:
        inbox.send_email(delivery_id=delivery_id)
    except OSError as error:  # smtplib.SMTPException and connection failures
        final = self.request.retries >= self.max_retries
        inbox.record_email_failure(delivery_id=delivery_id, error=repr(error), final=final)
        if not final:
            # 30 s, 1, 2, 4, 8 minutes, with jitter, capped at 30 minutes.
            countdown = get_exponential_backoff_interval(
                factor=30, retries=self.request.retries, maximum=1800, full_jitter=True
            )
            raise self.retry(exc=error, countdown=countdown) from error


@shared_task
def forget_old_form_tokens() -> int:
    return submissions.forget_old_tokens(
        older_than=timedelta(days=settings.DHR_FORM_TOKEN_RETENTION_DAYS)
    )
