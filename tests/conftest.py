import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import PASSWORD, UserFactory
from tests.test_one_way_in import authenticator, sign_in_with_token


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


REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_manage(tmp_path):
    """Runs manage.py in a fresh process, with settings read from these variables alone."""

    def run(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DHR_")) or key == "DJANGO_SETTINGS_MODULE"
        }
        env.update(DJANGO_SETTINGS_MODULE="dhr.settings", DHR_VAR_DIR=str(tmp_path))
        env.update(variables)
        return subprocess.run(  # noqa: S603 - manage.py with the test's own arguments
            [sys.executable, "manage.py", *arguments],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


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


# Production settings for the query ceilings (issue 13): TWO_FACTOR_REQUIRED on, and a person
# signed in with password and token, so each request pays the second factor's statement.
@pytest.fixture
def production(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def verified(client, production):
    """Sign `user` in with password and token, as in production."""

    def sign_in(user):
        device = authenticator(user)
        sign_in_with_token(client, user, device)
        return device

    return sign_in
