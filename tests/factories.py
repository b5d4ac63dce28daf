"""Factories for the foundation's models. Case factories per lifecycle stage come later."""

import factory
from factory.django import DjangoModelFactory, Password

from cases.models import Agency, Partnership, User

PASSWORD = "a-long-test-password"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Partnership {n} Community Safety Partnership")
    code = factory.Sequence(lambda n: f"P{n:03d}")
    local_authority_area = factory.Sequence(lambda n: f"Borough {n} Council")


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = Agency.Kind.POLICE
    sector = Agency.Sector.STATUTORY


class UserFactory(DjangoModelFactory):
    """A person who can sign in with PASSWORD. Hashing uses whatever PASSWORD_HASHERS holds
    when the user is built, so the suite's fast hasher applies (see conftest)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Caseworker"
    password = Password(PASSWORD)
