"""The health checks answer anyone and say only whether the service's parts are up:
/healthz that this process can serve (liveness), /healthz/ready that the database and the
broker answer (readiness). A broker outage leaves pages working, so it must not fail
liveness, or an orchestrator would take serving containers out."""

import pytest
from django.urls import reverse

from dhr.celery import app as celery_app

pytestmark = pytest.mark.django_db

HEALTH_CHECKS = ["/healthz", "/healthz/ready"]


@pytest.fixture
def broker_down(monkeypatch):
    # Nothing listens on port 1: the connection is refused, as when Redis is down.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")


def test_liveness_answers_an_anonymous_caller(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_readiness_answers_an_anonymous_caller(client):
    response = client.get(reverse("healthz_ready"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_with_the_broker_down_the_process_is_live_but_not_ready(client, broker_down):
    live = client.get("/healthz")
    ready = client.get("/healthz/ready")

    assert live.status_code == 200
    assert live.json() == {"status": "ok"}
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "ok", "broker": "down"}


@pytest.mark.parametrize("url", HEALTH_CHECKS)
def test_the_health_checks_give_away_nothing_else(client, url):
    response = client.get(url)

    assert set(response.json()) <= {"status", "database", "broker"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", HEALTH_CHECKS)
def test_the_health_checks_answer_signed_in_users_too(client_signed_in, url):
    assert client_signed_in.get(url).json()["status"] == "ok"


@pytest.mark.parametrize("url", HEALTH_CHECKS)
def test_the_health_checks_only_read(client, url):
    assert client.post(url).status_code == 405
