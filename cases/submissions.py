"""One effect per rendered form (issue 15). Every form that creates or changes something
carries a one-time token (`{% form_token %}`, from cases.templatetags.submissions); the
write and the token's consumption commit together (`submit_once`). Posted again (a double
click, a resubmit after a slow page, the back button), the form's token is found taken and
the request lands on what the first one made, with a message saying so (`once_per_form`).

Later apps reuse both: decorate the view with `once_per_form`, render `{% form_token %}` in
the form and do the write through `submit_once`.

Tokens are deleted once they can no longer be posted (`forget_old_tokens`, daily)."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils import timezone

from .models import FormSubmission
from .services import CaseActionRefused

FIELD_NAME = "form_token"

# A database constraint fired although the service checked inside its lock: someone else's
# change got in first. Nothing was saved; the form is shown again with this at its top.
CONCURRENT_CHANGE = (
    "Someone else changed this case at the same moment, so nothing was saved. "
    "Check the case, then send the form again if it is still needed."
)


def posted_token(request) -> uuid.UUID | None:
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD_NAME, ""))
    except ValueError:
        return None


def token_for(request) -> str:
    """The token of the form being rendered. A form shown again (with its errors, or the
    decision's second page) keeps the token it was posted with: it is still the same form."""
    return str(posted_token(request) or uuid.uuid4())


def _earlier_submission(request) -> FormSubmission | None:
    token = posted_token(request)
    if token is None:
        return None
    return FormSubmission.objects.filter(token=token, user=request.user).first()


def _already_done(request, submission: FormSubmission) -> HttpResponseRedirect:
    sent_at = timezone.localtime(submission.created_at)
    at = f"{sent_at:%-I:%M}{sent_at:%p}".lower()
    messages.info(
        request,
        f"You already sent this form, at {at} on {sent_at:%-d %B %Y}. {submission.outcome}",
    )
    return redirect(submission.result_url)


def once_per_form(view):
    """A form posted again after its first post was done lands on what that made, before
    the view's own checks (which would refuse: the case has moved on)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if submission := _earlier_submission(request):
            return _already_done(request, submission)
        return view(request, *args, **kwargs)

    return wrapper


def submit_once(request, act: Callable[[], tuple[object, str]]) -> HttpResponseRedirect:
    """Do the form's write and consume the form's token in one transaction, then redirect.
    `act` makes one service call and returns where to go next (a model with
    get_absolute_url, or a URL) and the message to show there. A request whose token
    another took (the same form posted twice at once) waits for that one to commit, then
    lands where it did. A constraint that still fires becomes a CaseActionRefused (a
    message on the page), never a bare 500. A post without a token (no rendered form sent
    it) is done once, as asked."""
    token = posted_token(request)
    try:
        with transaction.atomic():
            if token is not None:
                # First, so a second request with this token waits here, not after its write.
                submission = FormSubmission.objects.create(
                    token=token, user=request.user, result_url="/", outcome=""
                )
            where, outcome = act()
            result_url = resolve_url(where)
            if token is not None:
                submission.result_url, submission.outcome = result_url, outcome
                submission.save(update_fields=["result_url", "outcome"])
    except IntegrityError:
        if submission := _earlier_submission(request):
            return _already_done(request, submission)
        raise CaseActionRefused(CONCURRENT_CHANGE) from None
    messages.success(request, outcome)
    return redirect(result_url)


# Deleted this many at a time, each batch its own short transaction, so a first run over a
# long backlog never holds many rows locked at once.
FORGET_BATCH = 1000


def forget_old_tokens(*, older_than: timedelta, batch_size: int = FORGET_BATCH) -> int:
    """Delete the tokens of forms sent more than `older_than` ago, oldest first; returns how
    many went. A token is needed only while its form can be posted again, and no form
    outlives its session (DHR_FORM_TOKEN_RETENTION_DAYS in dhr/settings.py says why)."""
    cutoff = timezone.now() - older_than
    forgotten = 0
    while True:
        batch = list(
            FormSubmission.objects.filter(created_at__lt=cutoff)
            .order_by("created_at")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return forgotten
        forgotten += FormSubmission.objects.filter(pk__in=batch).delete()[0]
