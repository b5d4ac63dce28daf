"""Who is trying to sign in, and from where: what the lockout (django-axes) counts.

Every form that checks a password does it through `django.contrib.auth.authenticate()`, so
the lockout sees every attempt: the sign-in page and the password-change form's old
password (there is no other; the admin has no login form of its own). A failure counts
against the account and the client's address; a locked account is refused before its
password is looked at, so a right and a wrong password get the same answer.
"""

import ipaddress
import logging

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from cases.selectors import unread_message_count_of_each_user

logger = logging.getLogger(__name__)


def lockout_username(request, credentials=None) -> str | None:
    """The account an attempt is for, as django-axes counts it (AXES_USERNAME_CALLABLE).

    Read from the credentials `authenticate()` was called with, never from a form field, so
    every form that checks a password counts against the same account. E-mail addresses
    are case-insensitive: Alice@ and alice@ are one account.
    """
    username = (credentials or {}).get("username")
    return username.strip().lower() if username else None


def client_address(request) -> str | None:
    """The address of the client, the one place the service reads it (AXES_CLIENT_IP_CALLABLE).

    With DHR_PROXY_COUNT = 0 the service faces the clients itself: the connection's address
    (REMOTE_ADDR), and X-Forwarded-For is ignored because anyone can send it.

    Behind N trusted reverse proxies (DHR_PROXY_COUNT = N), each proxy appends the address
    that connected to it to X-Forwarded-For. Entries further left were written by the client
    and prove nothing, so the client's address is the Nth entry from the right: the one the
    outermost trusted proxy appended. If there are fewer than N entries the request passed
    through fewer proxies (an inner proxy reached directly); every entry present was then
    appended by a trusted proxy and the left-most is the furthest address known. With no
    header at all the request did not come through a proxy and REMOTE_ADDR is the client.
    """
    proxies = settings.DHR_PROXY_COUNT
    if proxies:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in header.split(",") if entry.strip()]
        if entries:
            appended = entries[-proxies] if len(entries) >= proxies else entries[0]
            address = _address(appended)
            if address:
                return address
            logger.warning(
                "The X-Forwarded-For entry a trusted proxy appended is not an address; "
                "check DHR_PROXY_COUNT. Using the connection's address instead.",
                extra={"entry": appended[:100]},
            )
    return _address(request.META.get("REMOTE_ADDR", ""))


def _address(value: str) -> str | None:
    """An IP address in canonical form, without a port; None if `value` is not one."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form compares the old password itself, where the lockout cannot see it. This
    one asks `authenticate()`, so a wrong old password counts as a failed attempt on the
    account, and a locked account is refused whether or not the old password was right."""

    def __init__(self, user, *args, request, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        confirmed = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if confirmed is None or confirmed.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class ServiceModelBackend(ModelBackend):
    """Django's ModelBackend, loading the signed-in person with their unread message count
    in the same statement: the page header shows the count on every page, and a separate
    count would add a statement to every request (issue 13 item 2)."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.annotate(unread_message_count=unread_message_count_of_each_user())
            .filter(pk=user_id)
            .first()
        )
        return user if self.user_can_authenticate(user) else None
