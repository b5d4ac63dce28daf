"""seed_demo: the demo partnerships and one account per role, only in demo mode."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.demo import DEMO_PASSWORD, PEOPLE
from cases.models import Agency, Partnership, User
from tests.test_security import is_signed_in, sign_in

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def demo_mode(settings):
    settings.DEMO_MODE = True


def test_seed_demo_creates_the_partnerships_and_one_person_per_role():
    seed()

    assert Partnership.objects.count() == 2
    assert set(Partnership.objects.values_list("code", flat=True)) == {"RIV", "NOR"}
    assert Agency.objects.count() > 0
    roles = [person.role for person in PEOPLE]
    assert len(roles) == len(set(roles))
    sign_in_accounts = {person.email for person in PEOPLE}
    assert sign_in_accounts <= set(User.objects.values_list("email", flat=True))
    # Others are the agencies' staff on the IMRs (imr/demo.py): no partnership, no admin.
    others = User.objects.exclude(email__in=sign_in_accounts)
    assert not others.filter(partnership__isnull=False).exists()
    assert not others.filter(agency__isnull=True).exists()
    assert User.objects.filter(is_staff=True).count() == 1


def test_seed_demo_can_run_again_without_duplicating():
    seed()
    counts = (Partnership.objects.count(), Agency.objects.count(), User.objects.count())

    seed()

    assert (Partnership.objects.count(), Agency.objects.count(), User.objects.count()) == counts


def test_seed_demo_restores_a_changed_demo_password(client):
    seed()
    person = User.objects.get(email=PEOPLE[0].email)
    person.set_password("someone-changed-it-here")
    person.save()

    seed()

    assert sign_in(client, person.email, DEMO_PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_seed_demo_prints_the_password_and_every_login():
    output = seed()

    assert DEMO_PASSWORD in output
    for person in PEOPLE:
        assert person.email in output
        assert person.role in output


def test_every_demo_account_can_sign_in(client):
    seed()

    for person in PEOPLE:
        client.logout()
        assert sign_in(client, person.email, DEMO_PASSWORD).status_code == 302, person.email


def test_seed_demo_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="demo mode"):
        seed()

    assert not User.objects.exists()
