"""Reminders, the in-app inbox and the e-mail outbox."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone

from .case import Case
from .organisations import User


class Reminder(models.Model):
    """One reminder of one deadline occurrence (7 days before, on the day, 2 weeks late...).

    The unique constraint makes the daily scan idempotent: running it twice, or on two
    machines, records each occurrence once. Rules live in cases.reminders.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    rule = models.CharField(max_length=40)
    subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the reminder is about when a rule watches several things on a case "
        "(the IMR of one agency, say); empty when the rule watches one.",
    )
    occurrence = models.CharField(
        max_length=60, help_text="Which reminder of the rule: the due date and days from it."
    )
    due_on = models.DateField()
    days_from_due = models.IntegerField(help_text="Negative before the due date.")
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a worker last took it to deliver; another may take it once the "
        "lease from then has run out (cases.reminders.DELIVERY_LEASE).",
    )
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule", "subject", "occurrence"],
                name="one_reminder_per_occurrence",
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(delivered_at__isnull=True),
                name="reminder_undelivered",
            )
        ]

    def __str__(self):
        return f"{self.case} – {self.rule} ({self.occurrence})"


class Message(models.Model):
    """A message in someone's in-app inbox: a reminder of a deadline, or a hand-off (a case
    referred to them, a role given, a decision recorded). Called messages, not
    notifications, so they are never confused with the police notification of a death."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="inbox")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    reminder = models.ForeignKey(
        Reminder, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300)
    # A next step the message suggests, with its page: "record an extension", say.
    suggestion = models.CharField(max_length=300, blank=True)
    suggestion_link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "user"], name="one_message_per_reminder_and_user"
            )
        ]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="message_unread",
            ),
            models.Index(fields=["user", "-created_at"], name="message_user_newest"),
        ]

    def __str__(self):
        return f"{self.user}: {self.text}"


def new_message_id() -> str:
    return make_msgid(domain=urlsplit(settings.DHR_BASE_URL).hostname or "localhost")


class EmailDelivery(models.Model):
    """The e-mail copy of one in-app message: the outbox row. Sent at most once while the
    row is locked, retried on SMTP failure, recorded as failed (for administrators to see)
    when retries run out. Its Message-ID is fixed when the row is made, so a copy sent
    again after a crash is recognisably the same message."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being handed to the mail server"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="email")
    mail_message_id = models.CharField(
        "Message-ID", max_length=255, default=new_message_id, unique=True, editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last began handing it to the mail server."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    # A text file sent with the e-mail (a meeting's calendar invitation), fixed when the row
    # is made, so a copy sent again after a crash carries the same file.
    attachment_name = models.CharField(max_length=100, blank=True, editable=False)
    attachment_type = models.CharField(max_length=100, blank=True, editable=False)
    attachment = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name_plural = "e-mail deliveries"
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="email_delivery_to_send",
            )
        ]

    def __str__(self):
        return f"{self.message}: {self.get_status_display()}"
