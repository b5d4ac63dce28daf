"""django-two-factor-auth names the authenticator entry after the web address unless the
sites framework is installed; these views name it after the service instead. (Installing
sites would also make password-reset links use a stored domain instead of the request's.)"""

from django.conf import settings
from django.urls import reverse
from two_factor import views
from two_factor.utils import get_otpauth_url


class SetupView(views.SetupView):
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


class QRGeneratorView(views.QRGeneratorView):
    def get_issuer(self):
        return settings.OTP_TOTP_ISSUER
