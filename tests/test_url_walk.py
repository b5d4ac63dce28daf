"""Every routed URL, walked in production settings by a session that gave a password but no
second factor: it reaches the sign-in, set-up, sign-out, password-reset and public pages and
nothing else. Every other URL, by GET and by POST, sends it to sign in or to set up its first
device, or is not found.

The URLs come from the resolver, not from a list: a new URL is walked the day it is added,
and fails here if such a session can reach it. Path converters are filled with real values
(a case reference, a letter, a membership, admin object ids) so a page that leaked would
answer with content, not a 404.
"""

from dataclasses import dataclass

import pytest
from django.contrib.admin import ModelAdmin
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.regex_helper import normalize
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases import clocks, services
from cases.models import Case, Message
from cases.roles import CaseRole
from panels.services import panel as panel_services
from tests.case_factories import (
    case_member,
    case_not_reviewed,
    letter_pdf,
    partnership_with_staff,
    record_decision_letters,
    reopen,
)
from tests.factories import PASSWORD, AgencyFactory
from tests.panels.panel_factories import trial
from tests.test_security import LOGIN_URL, current_token, is_signed_in, sign_in, submit_token

pytestmark = pytest.mark.django_db

SETUP_URL = "/account/two_factor/setup/"

# What a session without its second factor may reach. Anything else it reaches fails the
# walk: add a URL here only if a half-signed-in person may really use it.
PUBLIC = {
    "two_factor:login",
    "logout",
    "healthz",
    "healthz_ready",
    "accessibility_statement",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "publication:public_reviews",
    "publication:public_review",
    "publication:public_download",
}
# ...and, for an account with no confirmed device yet, the set-up of its first one.
FIRST_DEVICE_SET_UP = {"two_factor:setup", "two_factor:qr"}


@dataclass(frozen=True)
class Route:
    name: str
    regexes: tuple[str, ...]
    callback: object


def every_route(patterns=None, regexes=(), namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        regex = entry.pattern.regex.pattern
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from every_route(entry.url_patterns, (*regexes, regex), inner)
        else:
            name = ":".join(part for part in (namespace, entry.name) if part)
            if not entry.name:
                name = f"{name}:<unnamed {''.join((*regexes, regex))}>"
            yield Route(name, (*regexes, regex), entry.callback)


ROUTES = list(every_route())


def model_admin_of(view):
    while view is not None:
        for owner in (getattr(view, "model_admin", None), getattr(view, "__self__", None)):
            if isinstance(owner, ModelAdmin):
                return owner
        view = getattr(view, "__wrapped__", None)
    return None


@dataclass
class World:
    """A small world with one of everything a URL names."""

    case: Case
    person: object
    values: dict

    def url_of(self, route: Route) -> str:
        values = dict(self.values)
        admin = model_admin_of(route.callback)
        if admin is not None:
            instance = admin.model._default_manager.order_by("pk").first()
            object_id = str(instance.pk) if instance else "1"
            history = getattr(admin.model, "history", None)
            record = history.filter(pk=object_id).first() if history is not None else None
            values.update(
                object_id=object_id,
                object_pk=object_id,
                pk=object_id,
                id=object_id,
                _0=object_id,
                _1=str(record.history_id) if record else "1",
            )
        path = ""
        for regex in route.regexes:
            template, params = normalize(regex)[0]
            missing = [param for param in params if param not in values]
            assert not missing, (
                f"{route.name}: no plausible value for {missing}; add one to the walk's world"
            )
            path += template % {param: values[param] for param in params}
        path = "/" + path
        assert resolve(path).func == route.callback, f"{route.name}: {path} resolves elsewhere"
        return path


@pytest.fixture
def world():
    partnership, officer, chair = partnership_with_staff()
    officer.is_staff = officer.is_superuser = True
    officer.save()
    # Not reviewed, reopened on the Home Office's letter (with its copy), then decided
    # again and its letters sent: a decision, a superseded one and a reopening to name.
    case = case_not_reviewed(partnership, officer)
    reopening = reopen(case, received_on=case.decided_on, copy=letter_pdf("home-office.pdf"))
    case = services.record_decision(
        case=case, by=chair, decision="review", decided_on=clocks.today()
    )
    record_decision_letters(case, officer)
    case_member(case, CaseRole.PANEL_MEMBER, by=officer)
    proceeding = trial(case, officer)
    message = Message.objects.create(
        user=officer, case=case, text="Decision due", link=f"/cases/{case.reference}/"
    )
    values = {
        "reference": case.reference,
        "code": partnership.code,
        "letter_id": str(case.letters.first().pk),
        "reopening_id": str(reopening.pk),
        "membership_id": str(case.memberships.get(role=CaseRole.PANEL_MEMBER).pk),
        "person_id": str(case.people.first().pk),
        "proceeding_id": str(proceeding.pk),
        "message_id": str(message.pk),
        # The panels app's rows: none exists on this case, so their pages answer 404.
        "request_id": "1",
        "meeting_id": "1",
        # The imr app's rows: none exists on this case, so their pages answer 404.
        "imr_id": "1",
        "entry_id": "1",
        "recommendation_id": "1",
        "comment_id": "1",
        "document_id": "1",
        "report_id": "1",
        # The reports app's drafts: none is versioned on this case, so a version answers 404.
        "document": "overview-report",
        "number": "1",
        # The reports app's rows: none exists on this case, so their pages answer 404.
        "version_id": "1",
        "pdf_id": "1",
        "rendering_id": "1",
        "action_id": "1",
        "agency_id": "1",
        "confirmation_id": "1",
        # The publication app's rows: none exists on this case, so their pages answer 404.
        "area_id": "1",
        "file_id": "1",
        "outcome_id": "1",
        # The public pages: no review is published in this world, so each answers 404.
        "public_id": "0123456789abcdef",
        "kind": "executive-summary",
        # The monitoring app's rows: none exists on this case, so their pages answer 404.
        "update_id": "1",
        "challenge_id": "1",
        # The panel's member and the agency that declined (panels), on the same case.
        "member_id": str(
            panel_services.add_panel_member(
                case=case,
                by=officer,
                agency=AgencyFactory(),
                name="Marcus Hale",
                sector="statutory",
                role="Detective chief inspector",
                seniority="senior",
                joined_on=clocks.today(),
                declared_no_involvement=True,
                confidentiality_undertaking=True,
            ).pk
        ),
        "declined_id": str(
            panel_services.record_agency_declined(
                case=case,
                by=officer,
                agency=AgencyFactory(),
                declined_on=clocks.today(),
                reason="No capacity",
            ).pk
        ),
        "uidb64": urlsafe_base64_encode(force_bytes(officer.pk)),
        "token": default_token_generator.make_token(officer),
        "content_type_id": str(ContentType.objects.get_for_model(Case).pk),
        "object_id": str(case.pk),
        "user_id": str(officer.pk),
        "group_id": "1",
        "app_label": "cases",
        "url": "no-such-page/",
    }
    return World(case=case, person=officer, values=values)


def turned_away(response) -> bool:
    if response.status_code == 404:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (location.startswith(LOGIN_URL) or location == SETUP_URL)


def walk(world, session, reachable):
    """Every route not in `reachable`, by GET and POST, from `session` (made again whenever
    a request has ended it)."""
    leaks = []
    client = None
    for route in ROUTES:
        if route.name in reachable:
            continue
        url = world.url_of(route)
        for method in ("get", "post"):
            if client is None or not is_signed_in(client):
                client = session()
            response = getattr(client, method)(url)
            if not turned_away(response):
                leaks.append(
                    f"{method.upper()} {url} ({route.name}): {response.status_code} "
                    f"{response.get('Location', '')}"
                )
    return leaks


@pytest.fixture(autouse=True)
def production(settings):
    settings.TWO_FACTOR_REQUIRED = True


def test_a_password_without_a_device_reaches_only_sign_in_set_up_and_public_pages(world):
    person = world.person
    assert not TOTPDevice.objects.filter(user=person).exists()

    def password_only_session():
        client = Client()
        sign_in(client, person.email, PASSWORD)
        assert is_signed_in(client), "the password step did not sign in"
        return client

    leaks = walk(world, password_only_session, reachable=PUBLIC | FIRST_DEVICE_SET_UP)

    assert not leaks, "A session without its second factor reached:\n" + "\n".join(leaks)


def test_an_account_with_a_device_reaches_nothing_without_its_token(world):
    person = world.person
    TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    client = Client()
    sign_in(client, person.email, PASSWORD)
    assert not is_signed_in(client), "a password alone signed in an account with a device"

    def unverified_session():
        # The sign-in page never makes this session; force it, as any other way round would.
        client = Client()
        client.force_login(person)
        return client

    leaks = walk(world, unverified_session, reachable=PUBLIC)

    assert not leaks, "A session without its second factor reached:\n" + "\n".join(leaks)


def test_the_walk_covers_the_service_and_the_admin():
    names = {route.name for route in ROUTES}

    assert {"home", "cases:detail", "admin:index", "admin:login"} <= names
    assert names >= PUBLIC | FIRST_DEVICE_SET_UP, "a reachable URL named here no longer exists"


def test_the_walks_urls_open_real_pages_to_a_verified_session(world):
    """The control: the values the walk fills in lead to real pages, so a leak would show."""
    device = TOTPDevice.objects.create(user=world.person, name="default", confirmed=True)
    client = Client()
    sign_in(client, world.person.email, PASSWORD)
    submit_token(client, current_token(device))
    by_name = {route.name: route for route in ROUTES}

    for name in (
        "home",
        "cases:detail",
        "cases:letter_copy",
        "cases:reopening_copy",
        "admin:index",
        "admin:cases_case_change",
    ):
        response = client.get(world.url_of(by_name[name]))

        assert response.status_code == 200, name
