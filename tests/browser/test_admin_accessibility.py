"""The Django admin, where administrators read real names, passes axe (WCAG 2.2 AA) on its
index and on every change list, change form, add form and history page (issue 16, item 2).
The pages come from the admin's registry, so a model registered later is checked the day it
lands. What only Django can fix is listed, with its ticket, in docs/accessibility.md under
"Django admin"; nothing is tolerated here. The `page` fixture also fails on any style or
script the Content-Security-Policy blocks."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from cases.models import User
from tests.admin_rows import (
    ADMINISTRATOR,
    load_demo_with_a_row_for_every_admin_model,
    models_without_rows,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_as(page, live_server, person):
    """The admin has no sign-in form of its own (dhr.views.admin_sign_in): the browser gets
    the session of a test client signed in as the person."""
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def pages_of(model) -> list[str]:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    first = model._default_manager.order_by("pk").first()
    return [
        reverse(f"{name}_changelist"),
        reverse(f"{name}_add"),
        reverse(f"{name}_change", args=[first.pk]),
        reverse(f"{name}_history", args=[first.pk]),
    ]


def test_every_admin_page_passes_axe(page, live_server, assert_accessible, settings):
    load_demo_with_a_row_for_every_admin_model(settings)
    assert models_without_rows() == [], "give these a row in tests/admin_rows.py"
    signed_in_as(page, live_server, User.objects.get(email=ADMINISTRATOR))

    checked, failures = [], []
    urls = [reverse("admin:index")] + [url for m in admin.site._registry for url in pages_of(m)]
    for url in urls:
        status = page.goto(url).status
        if url.endswith("/add/") and status == 403:
            continue  # the services own this model's rows: there is no add form
        assert status == 200, f"{url} answered {status}"
        checked.append(url)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(str(failure))

    assert not failures, "\n\n".join(failures)
    assert len(checked) > 3 * len(admin.site._registry)
