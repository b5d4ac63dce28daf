"""Production settings refuse unsafe values. Each case runs manage.py in a fresh process,
because settings are read once, at import."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_KEY = secrets.token_urlsafe(60)[:60]


@pytest.fixture
def run_check(tmp_path):
    def run(**variables: str) -> subprocess.CompletedProcess:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DJANGO_") or key == "DJANGO_SETTINGS_MODULE"
        }
        env.update(DJANGO_SETTINGS_MODULE="dhr.settings", DHR_VAR_DIR=str(tmp_path))
        env.update(variables)
        return subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def test_production_settings_pass_the_deploy_checks(run_check):
    result = run_check(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_ALLOWED_HOSTS="dhr.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(run_check):
    result = run_check(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="dhr.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key(run_check):
    result = run_check(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="too-short",
        DJANGO_ALLOWED_HOSTS="dhr.example.org",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_the_demo_secret_key(run_check):
    result = run_check(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="demo-only-insecure-key-never-use-in-production",
        DJANGO_ALLOWED_HOSTS="dhr.example.org",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(run_check):
    result = run_check(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr
    assert "DJANGO_SECRET_KEY" not in result.stderr


def test_an_unreadable_debug_value_is_refused_with_a_clear_message(run_check):
    result = run_check(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false, not 'maybe'" in result.stderr
