import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found

from .two_factor import has_second_factor


class NeverCacheAuthenticatedMiddleware:
    """Keep every page a signed-in person sees out of browser and proxy caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class TwoFactorRequiredMiddleware:
    """Outside demo mode, a signed-in account must pass a second factor before anything else.

    A session signed in with a password alone reaches only the sign-in page, signing out,
    the accessibility statement, the health checks and the public pages of published
    reviews, and, if the account has no confirmed
    device yet, the set-up of its first one; everything else sends it to set-up. An account
    that has a device but whose session never gave its token (the sign-in page asks for it,
    so this should not happen) is signed out and sent to the sign-in page: only the token
    makes the session verified.
    """

    open_url_names = {
        "two_factor:login",
        "logout",
        "healthz",
        "healthz_ready",
        "accessibility_statement",
        # The public pages of published reviews (publication.views.public).
        "publication:public_reviews",
        "publication:public_review",
        "publication:public_download",
    }
    setup_url_names = {"two_factor:setup", "two_factor:setup_complete", "two_factor:qr"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_FACTOR_REQUIRED or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        view_name = match.view_name if match else None
        if view_name == "two_factor:disable":
            raise Http404("Two-factor authentication is required for every account.")
        if request.user.is_verified() or view_name in self.open_url_names:
            return None
        if has_second_factor(request.user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        if view_name in self.setup_url_names:
            return None
        return redirect(reverse("two_factor:setup"))


class SessionLifetimeMiddleware:
    """Every session ends SESSION_ABSOLUTE_AGE after it began, however active: a stolen
    session cookie stops working by the end of the day. Idle sessions end sooner, after
    SESSION_COOKIE_AGE, through Django's own expiry, which moves forward only when the
    session is saved: it is saved when the last save is SESSION_ACTIVITY_SAVE_INTERVAL old,
    not on every request (three statements saved on most requests), so a session left idle
    ends at most that interval before SESSION_COOKIE_AGE, never after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            began = request.session.setdefault("began_at", now)
            if now - began > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                return redirect_to_login(request.get_full_path())
            saved = request.session.get("saved_at", 0)
            if now - saved >= settings.SESSION_ACTIVITY_SAVE_INTERVAL:
                request.session["saved_at"] = now  # marks the session modified: saved
        return self.get_response(request)


class ServiceNotFoundPageMiddleware:
    """Answer every 404 with the service's own page (templates/404.html), in demo mode too.

    With DEBUG on, Django answers a 404 with its technical page, which lists every URL
    pattern of the service; demo mode runs with DEBUG on and is shown to people who are not
    developers. Production (DEBUG off) already gets the service's page from Django. Real
    errors keep Django's technical 500 page in demo mode: it is what a developer needs.

    Install it last in MIDDLEWARE: a view's Http404 reaches this process_exception first,
    and an address that matches no URL pattern leaves request.resolver_match unset.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, Resolver404())
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
