"""The Celery app for bench/faults.py's worker: the service's own app and tasks, with the
leases and the broker's visibility timeout shortened (BENCH_LEASE_SECONDS) so that work a
killed worker held comes back within seconds, not the production minutes. The guarantees
do not depend on their lengths; only the bench's waiting does.

    celery -A bench.fault_worker worker ...   (bench/faults.py starts it; not for production)
"""

import os
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")
django.setup()

from cases import inbox, reminders  # noqa: E402
from dhr.celery import app  # noqa: E402

LEASE = timedelta(seconds=float(os.environ.get("BENCH_LEASE_SECONDS", "10")))


def shorten_leases() -> None:
    """The e-mail and reminder leases, and the broker's visibility timeout, a little
    longer than a lease (production keeps the same order: lease < visibility timeout)."""
    inbox.SENDING_LEASE = LEASE
    reminders.DELIVERY_LEASE = LEASE
    app.conf.broker_transport_options = {"visibility_timeout": LEASE.total_seconds() * 2}


shorten_leases()
__all__ = ["app"]
