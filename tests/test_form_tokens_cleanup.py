"""One-time form tokens are deleted once no form can post them again: every night by a beat
task, or by a command, older than DHR_FORM_TOKEN_RETENTION_DAYS, in batches."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import submissions, tasks
from cases.models import FormSubmission
from dhr.celery import app

pytestmark = pytest.mark.django_db


def tokens_sent(user, *, days_ago: float, count: int = 1) -> list[FormSubmission]:
    at = timezone.now() - timedelta(days=days_ago)
    return [
        FormSubmission.objects.create(user=user, created_at=at, result_url="/", outcome="Done.")
        for _ in range(count)
    ]


def test_old_tokens_are_deleted_in_batches_and_recent_ones_kept(user):
    tokens_sent(user, days_ago=30, count=5)
    recent = tokens_sent(user, days_ago=6.9) + tokens_sent(user, days_ago=0)

    forgotten = submissions.forget_old_tokens(older_than=timedelta(days=7), batch_size=2)

    assert forgotten == 5
    assert set(FormSubmission.objects.all()) == set(recent)


def test_the_nightly_task_keeps_the_retention_setting(user, settings):
    settings.DHR_FORM_TOKEN_RETENTION_DAYS = 2
    tokens_sent(user, days_ago=3)
    [kept] = tokens_sent(user, days_ago=1)

    assert tasks.forget_old_form_tokens() == 1
    assert list(FormSubmission.objects.all()) == [kept]


def test_the_task_is_on_the_beat_schedule_every_night():
    [entry] = [
        entry
        for entry in app.conf.beat_schedule.values()
        if entry["task"] == "cases.tasks.forget_old_form_tokens"
    ]
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute) == ({2}, {45})
    assert entry["task"] in app.tasks


def test_the_command_deletes_what_the_task_would(user, capsys):
    tokens_sent(user, days_ago=8, count=3)
    [kept] = tokens_sent(user, days_ago=2)

    call_command("forget_form_tokens")

    assert capsys.readouterr().out.strip() == "Deleted 3 form tokens older than 7 days."
    assert list(FormSubmission.objects.all()) == [kept]


def test_the_command_takes_another_period(user, capsys):
    tokens_sent(user, days_ago=2)

    call_command("forget_form_tokens", "--days", "1")

    assert "Deleted 1 form token older than 1 day." in capsys.readouterr().out
    assert not FormSubmission.objects.exists()
