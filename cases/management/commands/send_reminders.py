from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cases import clocks, inbox, reminders


class Command(BaseCommand):
    help = (
        "Run the daily deadline scan now, synchronously, as of a date (default today in "
        "Europe/London): record due reminders, put them in people's inboxes, and send the e-mails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this date, YYYY-MM-DD.")

    def handle(self, *args, **options):
        on = self._date(options["date"])
        emails = inbox.emails_left_pending()
        sent = 0
        # Batch by batch, as the worker does (cases.tasks.deliver_reminders).
        for batch in reminders.batches(reminders.scan(on=on)):
            delivered = reminders.deliver_reminders(reminder_ids=batch)
            sent += delivered.reminders
            emails.extend(delivered.email_ids)
        failed = sum(not self._send(delivery_id) for delivery_id in emails)
        if failed:
            self.stderr.write(f"{failed} e-mails could not be sent; the next scan tries again.")
        self.stdout.write(f"{sent} reminders sent")

    def _send(self, delivery_id: int) -> bool:
        try:
            inbox.send_email(delivery_id=delivery_id)
        except OSError as error:  # smtplib.SMTPException and connection failures
            inbox.record_email_failure(delivery_id=delivery_id, error=repr(error), final=False)
            return False
        return True

    def _date(self, value: str | None) -> date:
        if not value:
            return clocks.today()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date must be a date like 2026-11-23, not {value!r}.") from None
