"""The service's one sign-in and its two-factor set-up, built on django-two-factor-auth.

django-two-factor-auth asks for a token only when the account has a confirmed device named
`default`, and its set-up wizard checks for an existing device only on GET. Here any
confirmed device, of any kind and name, makes the second factor part of signing in, and the
set-up wizard (every step, every method) and its QR code are open only to an account that
has no confirmed device yet. Adding a second device (backup codes) is done from a verified
session only (`two_factor:backup_tokens` is `otp_required`).

The views also name the authenticator entry after the service rather than the web address
(the sites framework is not installed: it would make password-reset links use a stored
domain instead of the request's).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from two_factor import views
from two_factor.utils import get_otpauth_url

logger = logging.getLogger(__name__)


def confirmed_devices(user) -> list[Device]:
    """Every confirmed second factor of the account, whatever its kind or name."""
    if not user or not user.is_authenticated:
        return []
    return list(devices_for_user(user, confirmed=True))


def has_second_factor(user) -> bool:
    return bool(confirmed_devices(user))


class LoginView(views.LoginView):
    """The one way to sign in: a password, then a token from any confirmed device.

    An account with an authenticator is asked for its code (or a backup code); an account
    whose only device is a set of backup codes is asked for one of those. Only an account
    with no confirmed device at all signs in with its password alone, and outside demo mode
    TwoFactorRequiredMiddleware then lets it do nothing but set one up.
    """

    def _devices(self) -> list[Device]:
        user = self.get_user()
        if getattr(self, "_devices_user", None) != user:
            self._devices_user = user
            self._devices_cache = confirmed_devices(user)
        return self._devices_cache

    def has_token_step(self):
        return any(not isinstance(device, StaticDevice) for device in self._devices())

    def has_backup_step(self):
        return bool(self._devices()) and self.TOKEN_STEP not in self.storage.validated_step_data

    condition_dict = {
        views.LoginView.TOKEN_STEP: has_token_step,
        views.LoginView.BACKUP_STEP: has_backup_step,
    }

    def get_device(self, step=None):
        """The device a token is checked against: never an unconfirmed one, or another
        account's."""
        devices = self._devices()
        chosen = self.request.POST.get("challenge_device") or self.storage.data.get(
            "challenge_device"
        )
        for device in devices:
            if chosen and device.persistent_id == chosen:
                return device
        backup_codes = [device for device in devices if isinstance(device, StaticDevice)]
        if step == self.BACKUP_STEP:
            return backup_codes[0] if backup_codes else None
        generators = [device for device in devices if not isinstance(device, StaticDevice)]
        named_default = [device for device in generators if device.name == "default"]
        return next(iter(named_default + generators + backup_codes), None)

    def get_other_devices(self, main_device):
        return [
            device
            for device in self._devices()
            if device != main_device and not isinstance(device, StaticDevice)
        ]

    def post(self, *args, **kwargs):
        if "challenge_device" in self.request.POST and not self.get_user():
            # A device can be chosen only after the password step.
            self.storage.reset()
            return self.render_goto_step(self.FIRST_STEP)
        return super().post(*args, **kwargs)

    def process_step(self, form):
        data = super().process_step(form)
        if self.steps.current == self.AUTH_STEP:
            # The password step may have named a different account from the one remembered
            # earlier in this request: forget it, so the steps that follow are that account's.
            self.user_cache = None
        return data

    def done(self, form_list, **kwargs):
        user = self.get_user()
        devices = confirmed_devices(user)
        if devices and getattr(user, "otp_device", None) not in devices:
            logger.warning("Refused a sign-in that did not verify the account's second factor.")
            self.storage.reset()
            return redirect(settings.LOGIN_URL)
        return super().done(form_list, **kwargs)


@method_decorator(login_required, name="dispatch")
class SetupView(views.SetupView):
    """Set-up of the first device only, on every method and step: an account that already
    has a confirmed device is sent away, so knowing its password is not enough to enrol
    another authenticator on it."""

    def dispatch(self, request, *args, **kwargs):
        if has_second_factor(request.user):
            return redirect("two_factor:profile")
        return super().dispatch(request, *args, **kwargs)

    def done(self, form_list, **kwargs):
        # Two set-ups of the same account finishing at once must not both add a device.
        with transaction.atomic():
            get_user_model().objects.select_for_update().get(pk=self.request.user.pk)
            if has_second_factor(self.request.user):
                return redirect("two_factor:profile")
            return super().done(form_list, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if "otpauth_url" in context:
            issuer = settings.OTP_TOTP_ISSUER
            context["issuer"] = issuer
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(), context["secret_key"], issuer
            )
            context["QR_URL"] = reverse("two_factor:qr")
        return context


class ProfileView(views.ProfileView):
    """The account page shows any confirmed device, not only one named `default`."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        devices = confirmed_devices(self.request.user)
        generators = [device for device in devices if not isinstance(device, StaticDevice)]
        device = context["default_device"] or next(iter(generators + devices), None)
        context.update(default_device=device, default_device_type=type(device).__name__)
        return context


@method_decorator(login_required, name="dispatch")
class QRGeneratorView(views.QRGeneratorView):
    """The QR code of a set-up in progress; there is none once the account has a device."""

    def dispatch(self, request, *args, **kwargs):
        if has_second_factor(request.user):
            raise Http404("This account already has a second factor.")
        return super().dispatch(request, *args, **kwargs)

    def get_issuer(self):
        return settings.OTP_TOTP_ISSUER
