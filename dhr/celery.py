import os
from pathlib import Path

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

app = Celery("dhr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one beat schedule. Beat runs in UTC; the scan itself works in Europe/London dates.
app.conf.beat_schedule = {
    # Every morning, before the working day, record and send the reminders of every
    # deadline that falls due; then again every hour until the evening. A repeated run sends
    # only what is outstanding (the scan is idempotent), so the hourly runs cost a few
    # queries and send nothing, unless the morning's run was lost (the broker or beat was
    # down): then the first run after they return sends the day's reminders.
    "scan-deadlines-every-morning": {
        "task": "cases.tasks.scan_deadlines",
        "schedule": crontab(hour="5-21", minute=30),
    },
    # The e-mail outbox: anything still pending (the broker was down when it was queued,
    # or the mail server refused it) goes out within five minutes. Sending locks each row,
    # so an e-mail queued twice still goes once.
    "send-pending-emails-every-five-minutes": {
        "task": "cases.tasks.send_pending_emails",
        "schedule": crontab(minute="*/5"),
    },
    # Every night, when few forms are sent, delete the one-time form tokens older than
    # DHR_FORM_TOKEN_RETENTION_DAYS (7): by then no form they belong to can be posted. A
    # night missed leaves them one more day; the next run takes them all.
    "forget-old-form-tokens-every-night": {
        "task": "cases.tasks.forget_old_form_tokens",
        "schedule": crontab(hour=2, minute=45),
    },
}


@app.on_after_configure.connect
def create_filesystem_broker_folders(sender, **kwargs):
    """Beat's schedule file and kombu's filesystem transport (the embedded default) need
    their folders to exist."""
    Path(sender.conf.beat_schedule_filename).parent.mkdir(parents=True, exist_ok=True)
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder", "processed_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)
