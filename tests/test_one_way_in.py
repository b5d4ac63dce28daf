"""The ways round the sign-in, tried as an attacker would (issue #7, items 1 to 3).

1. One way in: the admin's login form takes no password; any confirmed device, of any kind
   or name, makes the token part of signing in; the two-factor set-up (every step, every
   method, and its QR code) is only for an account with no device yet.
2. The lockout counts every form that checks a password, against the account
   (case-insensitively) and the client's address, and a locked account answers the same
   whether or not the password was right.
3. Behind a proxy, the lockout reads the address the trusted proxy appended, never one the
   client wrote.
"""

import re
from binascii import unhexlify
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from freezegun import freeze_time

from dhr.auth import client_address
from tests.factories import PASSWORD, UserFactory
from tests.test_security import LOGIN_URL, current_token, is_signed_in, sign_in, submit_token

pytestmark = pytest.mark.django_db

SETUP_URL = "/account/two_factor/setup/"
QR_URL = "/account/two_factor/qrcode/"
ADMIN_LOGIN_URL = "/admin/login/?next=/admin/"
WRONG = "not-the-password"
NEW_PASSWORD = "an-entirely-new-passphrase"


@pytest.fixture
def production(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def demo(settings):
    settings.TWO_FACTOR_REQUIRED = False


def authenticator(user, name="default"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def backup_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    for code in codes:
        device.token_set.create(token=code)
    return device


def signed_in_user_id(client):
    return int(client.session["_auth_user_id"]) if is_signed_in(client) else None


def is_verified(client):
    return "otp_device_id" in client.session


def sign_in_with_token(client, user, device):
    sign_in(client, user.email, PASSWORD)
    response = submit_token(client, current_token(device))
    assert response.status_code == 302, "the sign-in with password and token failed"
    assert signed_in_user_id(client) == user.pk and is_verified(client)


def submit_backup_code(client, code):
    return client.post(LOGIN_URL, {"login_view-current_step": "backup", "backup-otp_token": code})


def enrol_authenticator(client):
    """Post the set-up wizard's steps straight in, as an attacker would, reading the secret
    the generator step hands out (from the session, as it is on the page) to answer it."""
    client.post(SETUP_URL, {"setup_view-current_step": "welcome"})
    wizard = client.session.get("wizard_setup_view") or {}
    key = wizard.get("extra_data", {}).get("keys", {}).get("generator") or random_hex(20)
    token = totp(unhexlify(key.encode()))
    return client.post(
        SETUP_URL, {"setup_view-current_step": "generator", "generator-token": token}
    )


def all_devices(user):
    return list(TOTPDevice.objects.filter(user=user)) + list(StaticDevice.objects.filter(user=user))


@pytest.fixture
def administrator():
    admin = UserFactory(email="admin@dhr.example", is_staff=True, is_superuser=True)
    authenticator(admin)
    return admin


@pytest.fixture
def colleague():
    """A verified, ordinary person who has learnt the administrator's password."""
    return UserFactory(email="colleague@example.org")


# 1. One way in -------------------------------------------------------------------------------


@pytest.mark.usefixtures("production")
def test_a_signed_in_person_is_shown_no_password_form_at_the_admin_login(client, colleague):
    sign_in_with_token(client, colleague, authenticator(colleague))

    response = client.get(ADMIN_LOGIN_URL)

    assert response.status_code in (302, 403)
    assert 'type="password"' not in response.content.decode()


@pytest.mark.usefixtures("production")
def test_an_administrators_password_at_the_admin_login_does_not_switch_accounts(
    client, colleague, administrator
):
    sign_in_with_token(client, colleague, authenticator(colleague))

    response = client.post(
        ADMIN_LOGIN_URL, {"username": administrator.email, "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code in (302, 403)
    assert signed_in_user_id(client) == colleague.pk
    assert client.get("/admin/").status_code != 200


@pytest.mark.usefixtures("production")
def test_the_admin_takeover_chain_enrols_nothing_on_the_administrators_account(
    client, colleague, administrator
):
    """The whole attack of the issue: the administrator's password posted at the admin
    login from a verified session, then the set-up wizard posted straight in."""
    sign_in_with_token(client, colleague, authenticator(colleague))
    client.post(ADMIN_LOGIN_URL, {"username": administrator.email, "password": PASSWORD})

    enrol_authenticator(client)

    assert len(all_devices(administrator)) == 1
    assert len(all_devices(colleague)) == 1
    assert client.get("/admin/").status_code != 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_admin_login_never_signs_anyone_in(client, administrator, method):
    for password in (WRONG, PASSWORD):
        response = getattr(client, method)(
            ADMIN_LOGIN_URL, {"username": administrator.email, "password": password}
        )

        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN_URL}?next=")
        assert not is_signed_in(client)


def test_the_admin_login_hands_over_to_the_sign_in_and_back(client):
    response = client.get(ADMIN_LOGIN_URL)

    assert response["Location"] == f"{LOGIN_URL}?next=/admin/"


def test_the_admin_login_does_not_hand_over_to_another_site(client):
    response = client.get("/admin/login/?next=https://evil.example/")

    assert response["Location"] == f"{LOGIN_URL}?next=/admin/"


@pytest.mark.usefixtures("production")
def test_a_verified_administrator_at_the_admin_login_goes_to_the_admin(client, administrator):
    sign_in_with_token(client, administrator, TOTPDevice.objects.get(user=administrator))

    response = client.get("/admin/login/?next=/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


DEVICE_KINDS = {
    "an authenticator named default": lambda user: authenticator(user),
    "an authenticator with another name": lambda user: authenticator(user, name="phone"),
    "backup codes only": lambda user: backup_codes(user, "abcd2345"),
}


@pytest.mark.parametrize("kind", DEVICE_KINDS)
@pytest.mark.parametrize("verified", [True, False], ids=["verified", "password-only"])
@pytest.mark.parametrize("mode", ["production", "demo"])
def test_set_up_cannot_enrol_an_authenticator_on_an_account_that_has_a_device(
    client, user, settings, kind, verified, mode
):
    settings.TWO_FACTOR_REQUIRED = mode == "production"
    device = DEVICE_KINDS[kind](user)
    if verified:
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    else:
        client.force_login(user)

    wizard_page = client.get(SETUP_URL)
    response = enrol_authenticator(client)
    qr_code = client.get(QR_URL)

    assert all_devices(user) == [device]
    assert wizard_page.status_code == 302
    assert response.status_code == 302
    assert qr_code.status_code in (302, 404)


def test_set_up_works_for_an_account_with_no_device(client, user, production):
    sign_in(client, user.email, PASSWORD)

    assert client.get(SETUP_URL).status_code == 200
    response = enrol_authenticator(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup_complete")
    assert [device.name for device in all_devices(user)] == ["default"]
    assert is_verified(client)


def test_an_unconfirmed_device_is_no_second_factor_and_does_not_block_set_up(
    client, user, production
):
    TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    sign_in(client, user.email, PASSWORD)

    enrol_authenticator(client)

    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


@pytest.mark.parametrize("name", ["default", "phone", "laptop"])
def test_an_authenticator_of_any_name_asks_for_its_token(client, user, production, name):
    device = authenticator(user, name=name)

    response = sign_in(client, user.email, PASSWORD)

    assert not is_signed_in(client)
    assert response.context["wizard"]["steps"].current == "token"
    submit_token(client, current_token(device))
    assert signed_in_user_id(client) == user.pk
    assert is_verified(client)


def test_a_password_alone_never_signs_in_an_account_with_backup_codes_only(
    client, user, production, settings
):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # a wrong code delays the next; not under test
    backup_codes(user, "abcd2345")

    response = sign_in(client, user.email, PASSWORD)

    assert not is_signed_in(client)
    assert response.context["wizard"]["steps"].current == "backup"
    submit_backup_code(client, "wrong999")
    assert not is_signed_in(client)
    submit_backup_code(client, "abcd2345")
    assert signed_in_user_id(client) == user.pk
    assert is_verified(client)


def test_the_token_step_cannot_be_skipped_by_posting_the_backup_step_empty(
    client, user, production
):
    authenticator(user, name="phone")
    sign_in(client, user.email, PASSWORD)

    client.post(LOGIN_URL, {"wizard_goto_step": "backup"})
    submit_backup_code(client, "")
    client.post(LOGIN_URL, {"login_view-current_step": "token", "token-otp_token": ""})

    assert not is_signed_in(client)


def test_a_token_of_another_account_does_not_sign_in(client, user, colleague, production):
    authenticator(user, name="phone")
    theirs = authenticator(colleague)
    sign_in(client, user.email, PASSWORD)

    client.post(
        LOGIN_URL,
        {
            "login_view-current_step": "token",
            "token-otp_token": current_token(theirs),
            "challenge_device": theirs.persistent_id,
        },
    )

    assert not is_signed_in(client)


def test_a_password_only_session_of_an_account_with_a_device_is_signed_out(
    client, user, production
):
    authenticator(user, name="phone")
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN_URL}?next=")
    assert not is_signed_in(client)


def test_the_account_page_shows_an_authenticator_of_any_name_as_set_up(client, user, production):
    sign_in_with_token(client, user, authenticator(user, name="phone"))

    page = client.get(reverse("two_factor:profile")).content.decode()

    assert "Authenticator app" in page
    assert "not set up" not in page


@pytest.mark.parametrize("mode", ["production", "demo"])
def test_backup_codes_are_added_only_from_a_verified_session(client, user, settings, mode):
    settings.TWO_FACTOR_REQUIRED = mode == "production"
    device = authenticator(user, name="phone")
    client.force_login(user)

    client.post(reverse("two_factor:backup_tokens"))

    assert not StaticToken.objects.filter(device__user=user).exists()

    sign_in_with_token(client, user, device)
    client.post(reverse("two_factor:backup_tokens"))

    assert StaticToken.objects.filter(device__user=user).count() == 10


# 2. The lockout counts every form that checks a password -------------------------------------


def change_password(client, old_password):
    return client.post(
        reverse("password_change"),
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )


def same_answer(first, second):
    return (first.status_code, [t.name for t in first.templates or []]) == (
        second.status_code,
        [t.name for t in second.templates or []],
    )


def test_a_locked_account_gets_the_same_answer_for_a_right_and_a_wrong_password(
    client, user, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.email, WRONG)

    right = sign_in(client, user.email, PASSWORD)
    wrong = sign_in(client, user.email, WRONG)

    assert right.status_code == 429
    assert same_answer(right, wrong)
    assert not is_signed_in(client)


def test_the_lockout_lasts_an_hour_from_the_last_attempt(client, user, settings):
    start = timezone.now()
    with freeze_time(start) as clock:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, user.email, WRONG)

        clock.tick(timedelta(minutes=50))
        assert sign_in(client, user.email, PASSWORD).status_code == 429
        clock.tick(timedelta(minutes=50))
        assert sign_in(client, user.email, PASSWORD).status_code == 429

        clock.tick(timedelta(minutes=61))
        response = sign_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_failures_count_against_the_account_whatever_the_case_of_its_address(
    client, user, settings
):
    spellings = [
        "ALICE@example.org",
        "Alice@Example.org",
        " alice@EXAMPLE.ORG",
        "aLiCe@example.org",
    ]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, spellings[attempt % len(spellings)], WRONG)

    response = sign_in(client, "alice@example.org", PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(client)
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"alice@example.org"}


def test_wrong_old_passwords_lock_the_password_change_form(client_signed_in, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        change_password(client_signed_in, WRONG)

    right = change_password(client_signed_in, PASSWORD)
    wrong = change_password(client_signed_in, WRONG)

    assert right.status_code == 429
    assert same_answer(right, wrong)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_password_change_form_and_the_sign_in_page_share_one_count(
    client, client_signed_in, user, settings
):
    from django.test import Client

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        change_password(client_signed_in, WRONG)
    sign_in(Client(), user.email, WRONG)

    assert sign_in(Client(), user.email, PASSWORD).status_code == 429
    assert change_password(client_signed_in, PASSWORD).status_code == 429


def test_a_lockout_from_the_sign_in_page_stops_the_password_change_form(
    client_signed_in, user, settings
):
    from django.test import Client

    guesser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(guesser, user.email.upper(), WRONG)

    assert change_password(client_signed_in, PASSWORD).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.usefixtures("production")
def test_the_admin_password_change_goes_to_the_locked_form(client, user, settings):
    user.is_staff = True
    user.save()
    sign_in_with_token(client, user, authenticator(user))

    response = client.get("/admin/password_change/")

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")


def test_a_right_old_password_still_changes_it(client_signed_in, user):
    response = change_password(client_signed_in, PASSWORD)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


# 3. The client's address -------------------------------------------------------------------


def request_from(remote_addr, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "address"),
    [
        # No proxy: X-Forwarded-For is the client's to write, so it is ignored.
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),
        (0, "203.0.113.7", None, "203.0.113.7"),
        # One proxy: the right-most entry is the one it appended.
        (1, "10.0.0.2", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.2", "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.2", "1.1.1.1,2.2.2.2, 3.3.3.3 ,203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.2", "not-an-address, 203.0.113.7", "203.0.113.7"),
        # Two proxies: the second from the right, appended by the outer one.
        (2, "10.0.0.3", "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # Fewer entries than proxies: every entry is a trusted one; the left-most is taken.
        (2, "10.0.0.3", "203.0.113.7", "203.0.113.7"),
        # No header: the request did not pass through a proxy.
        (1, "203.0.113.7", None, "203.0.113.7"),
        (1, "203.0.113.7", "", "203.0.113.7"),
        # Ports and IPv4-mapped addresses name the same client.
        (1, "10.0.0.2", "203.0.113.7:51234", "203.0.113.7"),
        (1, "10.0.0.2", "[2001:db8::7]:51234", "2001:db8::7"),
        (1, "10.0.0.2", "::ffff:203.0.113.7", "203.0.113.7"),
        # What the trusted proxy appended is not an address: the connection's is used.
        (1, "10.0.0.2", "198.51.100.1, unknown", "10.0.0.2"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxy_appended(
    settings, proxies, remote_addr, forwarded_for, address
):
    settings.DHR_PROXY_COUNT = proxies

    assert client_address(request_from(remote_addr, forwarded_for)) == address


def test_axes_reads_the_address_through_the_one_function(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "dhr.auth.client_address"


PROXY = "10.0.0.2"
GUESSER = "203.0.113.7"


def sign_in_through_proxy(client, email, password, forwarded_for):
    return client.post(
        LOGIN_URL,
        {"login_view-current_step": "auth", "auth-username": email, "auth-password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.parametrize("proxies", [1, 2])
def test_forged_entries_do_not_save_a_guesser_from_the_lockout(client, user, settings, proxies):
    settings.DHR_PROXY_COUNT = proxies
    trusted = [GUESSER, "10.0.0.1"][:proxies]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged = f"198.51.100.{attempt + 1}, 192.0.2.{attempt + 1}"
        sign_in_through_proxy(client, user.email, WRONG, ", ".join([forged, *trusted]))

    response = sign_in_through_proxy(client, user.email, PASSWORD, ", ".join(["8.8.8.8", *trusted]))

    assert response.status_code == 429
    assert not is_signed_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {GUESSER}


def test_one_address_failures_do_not_lock_the_account_for_another_address(client, user, settings):
    from django.test import Client

    settings.DHR_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy(client, user.email, WRONG, GUESSER)
    assert sign_in_through_proxy(client, user.email, PASSWORD, GUESSER).status_code == 429

    owner = Client()
    response = sign_in_through_proxy(owner, user.email, PASSWORD, "198.51.100.20")

    assert response.status_code == 302
    assert is_signed_in(owner)


def test_without_a_proxy_a_forged_header_changes_nothing(client, user, settings):
    settings.DHR_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {
                "login_view-current_step": "auth",
                "auth-username": user.email,
                "auth-password": WRONG,
            },
            REMOTE_ADDR=GUESSER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt + 1}",
        )

    response = client.post(
        LOGIN_URL,
        {"login_view-current_step": "auth", "auth-username": user.email, "auth-password": PASSWORD},
        REMOTE_ADDR=GUESSER,
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {GUESSER}


# The class, not the examples -----------------------------------------------------------------

SOURCE = Path(__file__).resolve().parents[1]
APPS = ("dhr", "cases", "panels", "imr", "reports")


def source_files_mentioning(pattern):
    found = set()
    for app in APPS:
        for path in (SOURCE / app).rglob("*.py"):
            if "migrations" not in path.parts and re.search(pattern, path.read_text()):
                found.add(str(path.relative_to(SOURCE)))
    return found


def test_one_place_reads_the_client_address():
    assert source_files_mentioning(r"REMOTE_ADDR|X_FORWARDED_FOR|ipware") == {"dhr/auth.py"}


def test_every_password_check_goes_through_the_lockout():
    """A password is checked only by authenticate(), which the lockout watches: no code
    compares one itself or uses Django's password-change form, which does."""
    assert source_files_mentioning(r"check_password\(") == set()
    assert source_files_mentioning(r"PasswordChangeForm") == {"dhr/auth.py", "dhr/views.py"}
