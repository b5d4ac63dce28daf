import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .auth import PasswordChangeForm
from .celery import app as celery_app

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness: this process can serve. It asks nothing of the database or the broker, so
    an outage of either (pages work without the broker) never takes a serving container
    out; healthz_ready says whether they answer."""
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_GET
def healthz_ready(request):
    """Readiness: whether the database and the broker answer (503 when either does not);
    nothing else leaves this view."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    answer = {name: "ok" if up else "down" for name, up in checks.items()}
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **answer},
        status=200 if healthy else 503,
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.exception("healthz: database unreachable")
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("healthz: broker unreachable")
        return False


@login_not_required
@require_GET
def accessibility_statement(request):
    """The statement the Public Sector Bodies (Websites and Mobile Applications) Accessibility
    Regulations 2018 require, on the GOV.UK model. Public: someone who cannot sign in must be
    able to read it and report the problem."""
    return render(
        request,
        "accessibility_statement.html",
        {"contact": settings.DHR_ACCESSIBILITY_CONTACT},
    )


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


@login_not_required
@never_cache
def admin_sign_in(request, extra_context=None):
    """Stands in for the Django admin's own login form, which would be a second way in
    without the second factor. It never shows a form or reads a password, whatever the
    method: a visitor who is not signed in is handed over to the service's sign-in page (and
    comes back afterwards); a signed-in person who may not use the admin is refused."""
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or next_url.startswith(request.path):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if request.user.is_active and request.user.is_staff:
        return redirect(next_url)
    raise PermissionDenied("Only administrators use the admin.")


def admin_password_change(request, extra_context=None):
    """The admin's password-change link leads to the service's one password-change form."""
    return redirect("password_change")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing one's password checks the old one through the lockout (dhr.auth)."""

    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
