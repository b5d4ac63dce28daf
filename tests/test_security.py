"""The service's doors: one sign-in page, lockout, second factor, headers, sessions."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

import dhr.settings as configured
from cases.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/account/login/"


def sign_in(client, email, password):
    """Submit the first (password) step of the two-factor sign-in wizard."""
    return client.post(
        LOGIN_URL,
        {
            "login_view-current_step": "auth",
            "auth-username": email,
            "auth-password": password,
        },
    )


def submit_token(client, token):
    return client.post(
        LOGIN_URL,
        {"login_view-current_step": "token", "token-otp_token": token},
    )


def current_token(device):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def is_signed_in(client):
    return "_auth_user_id" in client.session


def test_the_sign_in_page_is_the_two_factor_login():
    assert reverse("two_factor:login") == LOGIN_URL


@pytest.mark.parametrize("url", ["/", "/admin/"])
def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, url):
    response = client.get(url, follow=True)

    assert response.redirect_chain, "an anonymous visitor was not redirected"
    final_url, _ = response.redirect_chain[-1]
    assert final_url.startswith(f"{LOGIN_URL}?next=")
    assert response.status_code == 200


def test_the_admin_login_form_hands_over_to_the_service_sign_in(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN_URL}?next=")


def test_the_admin_login_form_cannot_be_used_to_sign_in(client):
    admin = UserFactory(is_staff=True, is_superuser=True)

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.email, "password": PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert not is_signed_in(client)


def test_the_right_password_signs_in(client, user):
    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert is_signed_in(client)


def test_a_wrong_password_does_not_sign_in(client, user):
    response = sign_in(client, user.email, "not-the-password")

    assert response.status_code == 200
    assert not is_signed_in(client)


def test_an_account_is_locked_after_repeated_failures(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.email, "not-the-password")

    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert not is_signed_in(client)


def test_one_failure_fewer_than_the_limit_does_not_lock(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, user.email, "not-the-password")

    response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_a_lockout_does_not_lock_out_other_accounts(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.email, "not-the-password")
    colleague = UserFactory()

    response = sign_in(client, colleague.email, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


class TestSecondFactorRequired:
    """Outside demo mode (TWO_FACTOR_REQUIRED) a password alone never opens the service."""

    @pytest.fixture(autouse=True)
    def production_mode(self, settings):
        settings.TWO_FACTOR_REQUIRED = True

    @pytest.fixture
    def device(self, user):
        return TOTPDevice.objects.create(user=user, name="default", confirmed=True)

    def test_an_account_without_a_device_must_set_one_up(self, client_signed_in):
        response = client_signed_in.get("/")

        assert response.status_code == 302
        assert response["Location"] == reverse("two_factor:setup")

    def test_the_setup_page_itself_is_reachable(self, client_signed_in):
        response = client_signed_in.get(reverse("two_factor:setup"))

        assert response.status_code == 200

    def test_an_account_without_a_device_cannot_reach_the_admin(self, client):
        admin = UserFactory(is_staff=True, is_superuser=True)
        client.force_login(admin)

        response = client.get("/admin/")

        assert response.status_code == 302
        assert response["Location"] == reverse("two_factor:setup")

    def test_a_password_alone_asks_for_the_token(self, client, user, device):
        response = sign_in(client, user.email, PASSWORD)

        assert response.status_code == 200
        assert response.context["wizard"]["steps"].current == "token"
        assert 'name="token-otp_token"' in response.content.decode()
        assert not is_signed_in(client)

    def test_a_wrong_token_does_not_sign_in(self, client, user, device):
        sign_in(client, user.email, PASSWORD)
        wrong = str((int(current_token(device)) + 1) % 1_000_000).zfill(6)

        response = submit_token(client, wrong)

        assert response.status_code == 200
        assert not is_signed_in(client)

    def test_password_and_token_sign_in(self, client, user, device):
        sign_in(client, user.email, PASSWORD)

        response = submit_token(client, current_token(device))

        assert response.status_code == 302
        assert is_signed_in(client)
        home = client.get("/")
        assert home.status_code == 200
        assert b"Dashboard" in home.content


def test_signed_in_pages_send_the_security_headers(client_signed_in):
    response = client_signed_in.get("/")

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_each_response_has_a_fresh_nonce(client_signed_in):
    first = client_signed_in.get("/")["Content-Security-Policy"]
    second = client_signed_in.get("/")["Content-Security-Policy"]

    assert first != second


def test_a_session_ends_after_thirty_idle_minutes(client, user):
    start = timezone.now()
    with freeze_time(start) as clock:
        client.force_login(user)
        assert client.get("/").status_code == 200

        # Activity keeps the session alive past thirty minutes in total...
        clock.tick(timedelta(minutes=29))
        assert client.get("/").status_code == 200
        clock.tick(timedelta(minutes=29))
        assert client.get("/").status_code == 200

        # ...but thirty minutes without a request ends it.
        clock.tick(timedelta(minutes=31))
        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_the_session_cookie_is_not_readable_by_scripts(client, user):
    sign_in(client, user.email, PASSWORD)

    cookie = client.cookies["sessionid"]

    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS

    person = User.objects.create_user("hashed@example.org", PASSWORD, full_name="Hashed")

    assert person.password.startswith("argon2$")
    assert person.check_password(PASSWORD)


def test_a_session_ends_twelve_hours_after_it_began_however_active(client, user):
    start = timezone.now()
    with freeze_time(start) as clock:
        client.force_login(user)
        assert client.get("/").status_code == 200

        # A request every 25 minutes keeps it from going idle for almost twelve hours...
        for _ in range(28):
            clock.tick(timedelta(minutes=25))
            assert client.get("/").status_code == 200

        # ...and then it ends all the same.
        clock.tick(timedelta(minutes=25))
        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert client.get("/").status_code == 302  # signed out, not just turned away once
