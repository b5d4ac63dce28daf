import uuid

from django.db import models
from django.utils import timezone

from .organisations import User


class FormSubmission(models.Model):
    """A rendered form's one-time token, consumed in the same transaction as the write the
    form asks for. The token's uniqueness is what stops a double click, a resubmit after a
    slow page or the back button from doing the write twice: the second request waits for
    the first's transaction, finds the token taken and is sent to what the first made."""

    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    # Indexed for the daily deletion of old tokens (cases.submissions.forget_old_tokens).
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Where the first request sent the user, and what it told them.
    result_url = models.CharField(max_length=500)
    outcome = models.CharField(max_length=500)

    def __str__(self):
        return f"Form sent by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"
