"""Account pages: password reset and change, signing out, the protective marking."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD
from tests.test_security import is_signed_in, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "an-entirely-new-passphrase"


def request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def reset_link(message):
    match = re.search(r"https?://testserver(/account/password/reset/\S+/\S+/)", message.body)
    assert match, f"no reset link in the e-mail:\n{message.body}"
    return match.group(1)


def test_a_password_reset_sends_a_link_to_the_account(client, user):
    response = request_reset(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    reset_link(mail.outbox[0])


def test_the_reset_link_sets_a_new_password(client, user):
    request_reset(client, user.email)
    link = reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    assert sign_in(client, user.email, PASSWORD).status_code == 200
    assert not is_signed_in(client)
    assert sign_in(client, user.email, NEW_PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_a_reset_link_works_once(client, user):
    request_reset(client, user.email)
    link = reset_link(mail.outbox[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    second_use = client.get(link, follow=True)

    assert not second_use.context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, user):
    known = request_reset(client, user.email)
    mail.outbox.clear()

    unknown = request_reset(client, "nobody@example.org")

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert mail.outbox == []


def test_the_reset_pages_are_open_to_anonymous_visitors(client):
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200, name


def change_password(client, old_password):
    return client.post(
        reverse("password_change"),
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )


def test_a_password_change_needs_the_old_password(client_signed_in, user):
    response = change_password(client_signed_in, "not-the-old-password")

    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_old_password"' in page
    assert 'id="id_old_password_error" class="govuk-error-message"' in page
    assert "govuk-input--error" in page
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_change_with_the_old_password_works(client_signed_in, user):
    response = change_password(client_signed_in, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The person stays signed in after changing their own password.
    assert client_signed_in.get("/").status_code == 200


def test_the_password_change_page_needs_a_signed_in_user(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_signing_out_ends_the_session(client_signed_in):
    response = client_signed_in.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:login")
    assert not is_signed_in(client_signed_in)
    assert client_signed_in.get("/").status_code == 302


def test_a_link_cannot_sign_anyone_out(client_signed_in):
    # A GET (an image or link planted elsewhere) must not end the session.
    response = client_signed_in.get(reverse("logout"))

    assert response.status_code == 405
    assert is_signed_in(client_signed_in)


@pytest.mark.parametrize(
    "url_name",
    [
        "home",
        "password_change",
        "password_change_done",
        "two_factor:profile",
        "two_factor:setup",
    ],
)
def test_every_signed_in_page_carries_the_protective_marking(client_signed_in, url_name):
    response = client_signed_in.get(reverse(url_name))

    assert response.status_code == 200
    assert "OFFICIAL-SENSITIVE" in response.content.decode()


def test_the_sign_in_page_says_when_it_is_in_demo_mode(client, settings):
    settings.DEMO_MODE = True

    response = client.get(reverse("two_factor:login"))

    assert "Demo mode" in response.content.decode()


def test_the_sign_in_page_says_nothing_of_demo_mode_in_production(client, settings):
    settings.DEMO_MODE = False

    response = client.get(reverse("two_factor:login"))

    assert response.status_code == 200
    assert "demo" not in response.content.decode().lower()
