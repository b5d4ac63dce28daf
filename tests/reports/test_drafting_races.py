"""Versions asked for at the same moment (two tabs, a double click on two forms): the
case's lock numbers them one after the other, never twice the same, never a 500."""

import pytest
from django.urls import reverse

from reports.models import ReportVersion
from tests.reports.drafting_factories import OVERVIEW
from tests.reports.report_factories import review_at_drafting
from tests.test_races import post_at_once, rendered_form

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_versions_at_once_are_numbered_one_and_two():
    case, _, chair = review_at_drafting()
    where = reverse("reports:document", args=[case.reference, OVERVIEW])
    posts = []
    for text in ("From the first tab.", "From the second tab."):
        client, token = rendered_form(chair, where)
        posts.append((client, where, {"introduction": text, "action": "version", **token}))

    responses = post_at_once(*posts)

    assert [response.status_code for response in responses] == [200, 200]
    assert sorted(ReportVersion.objects.values_list("number", flat=True)) == [1, 2]


def test_the_same_text_twice_at_once_makes_one_version_and_says_why_not_two():
    case, _, chair = review_at_drafting()
    where = reverse("reports:document", args=[case.reference, OVERVIEW])
    posts = []
    for _ in range(2):
        client, token = rendered_form(chair, where)
        posts.append((client, where, {"introduction": "Same.", "action": "version", **token}))

    responses = post_at_once(*posts)

    assert [response.status_code for response in responses] == [200, 200]
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [1]
    pages = [response.content.decode() for response in responses]
    assert any("Nothing has changed since version 1" in page for page in pages)
