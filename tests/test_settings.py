"""Production settings refuse unsafe values. Each case runs manage.py in a fresh process,
because settings are read once, at import."""

import secrets
import subprocess

import pytest

PRODUCTION_KEY = secrets.token_urlsafe(60)[:60]


@pytest.fixture
def run_check(run_manage):
    def run(**variables: str) -> subprocess.CompletedProcess:
        return run_manage("check", "--deploy", "--fail-level", "WARNING", **variables)

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


PUBLIC_HOSTS = [
    "dhr.example.org",
    "localhost,dhr.example.org",
    "*",
    "0.0.0.0",  # noqa: S104 - a host name to refuse, not an address to bind
    "10.1.2.3",
    ".example.org",
]


@pytest.mark.parametrize("hosts", PUBLIC_HOSTS)
@pytest.mark.parametrize("debug", [None, "true"], ids=["DJANGO_DEBUG unset", "DJANGO_DEBUG=true"])
def test_demo_mode_refuses_to_start_for_a_host_that_is_not_local(run_manage, hosts, debug):
    variables = {"DJANGO_ALLOWED_HOSTS": hosts}
    if debug:
        variables["DJANGO_DEBUG"] = debug

    result = run_manage("check", **variables)

    assert result.returncode != 0
    assert "Demo mode" in result.stderr
    assert "DJANGO_DEBUG=false" in result.stderr


def test_demo_mode_runs_on_local_host_names(run_manage):
    result = run_manage(
        "check",
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,127.0.1.1,[::1],testserver,dhr.localhost,.localhost",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_mode_runs_with_its_default_hosts(run_manage):
    result = run_manage("check")

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_runs_on_a_public_host_name(run_manage):
    result = run_manage(
        "check",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=PRODUCTION_KEY,
        DJANGO_ALLOWED_HOSTS="dhr.example.org",
        DHR_PROXY_COUNT="2",
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("count", ["-1", "one"])
def test_an_impossible_proxy_count_is_refused(run_manage, count):
    result = run_manage("check", DHR_PROXY_COUNT=count)

    assert result.returncode != 0
    assert "DHR_PROXY_COUNT" in result.stderr


def test_pooled_database_connections_are_checked_before_use():
    """A connection that died in a database restart is replaced, not handed to a request."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("The connection pool is PostgreSQL's")  # SQLite has no pool to check
    assert database["OPTIONS"]["pool"] is True
    assert database["CONN_HEALTH_CHECKS"] is True


def test_the_bodies_owed_the_report_come_from_the_environment(run_manage):
    # The Victims and Prisoners Act 2024 s.19 adds the Secretary of State: configuration only.
    recipients = (
        "domestic_abuse_commissioner=The Domestic Abuse Commissioner,"
        "secretary_of_state=The Secretary of State (Home Office)"
    )
    script = "from django.conf import settings; print(settings.DHR_REPORT_RECIPIENTS)"
    result = run_manage("shell", "-c", script, DHR_REPORT_RECIPIENTS=recipients)

    assert result.returncode == 0, result.stderr
    assert "('secretary_of_state', 'The Secretary of State (Home Office)')" in result.stdout


def test_a_body_owed_the_report_without_a_name_is_refused(run_manage):
    result = run_manage("check", DHR_REPORT_RECIPIENTS="domestic_abuse_commissioner")

    assert result.returncode != 0
    assert "DHR_REPORT_RECIPIENTS" in result.stderr
