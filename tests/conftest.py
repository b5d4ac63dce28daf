import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Argon2 is deliberately slow; the suite hashes with MD5. test_security.py checks
    the project's real hasher by restoring the configured list."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(email="alice@example.org", full_name="Alice Example")


@pytest.fixture
def client_signed_in(client, user):
    client.force_login(user)
    return client


def pytest_configure(config):
    # WhiteNoise warns when STATIC_ROOT (filled by collectstatic for production) is absent;
    # the tests serve static files from the source folders instead.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def private_documents_in_tmp(settings, tmp_path):
    """Uploaded letters go to a throwaway folder, never into var/documents."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }
