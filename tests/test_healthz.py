"""The health check answers anyone, says only whether the service's parts are up."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_an_anonymous_caller(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_the_health_check_gives_away_nothing_else(client):
    response = client.get("/healthz")

    assert set(response.json()) <= {"status", "database", "broker"}
    assert "no-store" in response["Cache-Control"]


def test_the_health_check_answers_signed_in_users_too(client_signed_in):
    assert client_signed_in.get("/healthz").json()["status"] == "ok"


def test_the_health_check_only_reads(client):
    assert client.post("/healthz").status_code == 405
