"""Publication's case pages over HTTP: every role of the review, an agency's senior manager
and author, another agency's senior manager, the Home Office reviewer and an outsider (404
for each refused; sign-in for the anonymous); the date's warning shown before it is
recorded; refusals next to their fields; one effect per form; the page's query ceiling."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from cases.clocks import today
from cases.roles import CaseRole
from cases.workflow import Stage
from publication.models import CopySent, Publication
from reports.models import Action
from tests.case_factories import agency_staff, case_member
from tests.factories import AgencyFactory
from tests.publication.publishing_factories import (
    published_review,
    ready_to_publish,
    review_at_publication,
)
from tests.reports.action_plan_factories import date_fields
from tests.test_double_submits import TOKEN

# The publication page shows a record of each kind (DOMAIN.md 2.8), one statement each, above
# LIST_PAGE: once published, the baseline and the case (with its publication and
# withholding), the copies owed (agencies, copies sent, the report's completion and its
# copies), the QA outcome, its letter's check, the date agreed, the forewarnings, the
# briefings and the published files.
PUBLISHED_PAGE = 14
# At publication, the readiness too: the areas open, the proceedings, the documents' latest
# versions and their public PDFs, and the victim's birthday for the date's warning.
PAGE_AT_PUBLICATION = 16

pytestmark = pytest.mark.django_db

ROLES = (
    "CSP officer",
    "CSP chair",
    "independent chair",
    "panel member",
    "senior manager",
    "IMR author",
    "other agency's senior manager",
    "Home Office reviewer",
    "outsider",
)
READ_THE_CASE_FILE = {"CSP officer", "CSP chair", "independent chair", "panel member"}
PARTNERSHIP = {"CSP officer", "CSP chair"}

AT_PUBLICATION = {
    "publication:publication": READ_THE_CASE_FILE,
    "publication:agree_date": PARTNERSHIP,
    "publication:forewarned": PARTNERSHIP,
    "publication:media_briefing": PARTNERSHIP,
    "publication:check_letter": PARTNERSHIP,
    "publication:publish": PARTNERSHIP,
    "publication:withhold": PARTNERSHIP,
    "publication:record_report_copy": PARTNERSHIP,
}
PUBLISHED = {
    "publication:record_copy": PARTNERSHIP,
    # Withdrawing from the public pages is the CSP chair's decision.
    "publication:withdraw": {"CSP chair"},
}


def everyone(case, officer, chair) -> dict:
    agency = AgencyFactory()
    other = AgencyFactory()
    return {
        "CSP officer": officer,
        "CSP chair": case.partnership.roles.get(role="csp_chair").user,
        "independent chair": chair,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair),
        "senior manager": case_member(case, CaseRole.SENIOR_MANAGER, by=chair, agency=agency),
        "IMR author": case_member(case, CaseRole.IMR_AUTHOR, by=chair, agency=agency),
        "other agency's senior manager": case_member(
            case, CaseRole.SENIOR_MANAGER, by=chair, agency=other
        ),
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=officer),
        "outsider": agency_staff(full_name="Oscar Outsider"),
    }


def test_every_case_url_is_in_the_matrix():
    from publication.urls import urlpatterns

    mine = {
        f"publication:{p.name}"
        for p in urlpatterns
        if p.callback.__module__ == "publication.views.publishing"
    }
    assert mine == set(AT_PUBLICATION) | set(PUBLISHED)


def _answers(client, people, url):
    answers = {}
    for role in ROLES:
        client.force_login(people[role])
        answers[role] = client.get(url).status_code
    client.logout()
    return answers, client.get(url)


@pytest.mark.parametrize(
    "name, published",
    [(name, False) for name in sorted(AT_PUBLICATION)] + [(name, True) for name in PUBLISHED],
)
def test_permission_matrix(client, name, published):
    case, officer, chair = published_review() if published else review_at_publication()
    people = everyone(case, officer, chair)
    url = reverse(name, kwargs={"reference": case.reference})

    answers, anonymous = _answers(client, people, url)

    who = AT_PUBLICATION.get(name) or PUBLISHED[name]
    assert answers == {role: 200 if role in who else 404 for role in ROLES}
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse(settings.LOGIN_URL))


def test_the_forms_at_publication_answer_404_once_it_has_moved_on(client):
    case, officer, _ = published_review()
    client.force_login(officer)
    for name in AT_PUBLICATION:
        if name in ("publication:publication", "publication:record_report_copy"):
            continue
        assert client.get(reverse(name, args=[case.reference])).status_code == 404, name


def _post(client, url, data):
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    return client.post(url, {**data, "form_token": token})


def _date_form(on, **fields):
    return {
        **date_fields("publish_on", on),
        "agreed_with": "Sister",
        "agreed_how": "Phone",
        **fields,
    }


def test_a_date_near_the_anniversary_is_shown_with_its_warning_then_recorded(client):
    case, officer, _ = review_at_publication()
    near = case.date_of_death.replace(year=case.date_of_death.year + 1)
    url = reverse("publication:agree_date", args=[case.reference])
    client.force_login(officer)

    warned = _post(client, url, _date_form(near))

    assert warned.status_code == 200
    assert "on the anniversary of the death" in warned.content.decode()
    assert not case.publication_dates.exists()
    token = TOKEN.search(warned.content.decode()).group(1)
    done = client.post(url, {**_date_form(near), "warned": near.isoformat(), "form_token": token})
    assert done.status_code == 302
    assert case.publication_dates.get().publish_on == near
    page = client.get(reverse("publication:publication", args=[case.reference]))
    assert "on the anniversary of the death" in page.content.decode()


def test_a_date_far_from_the_key_dates_is_recorded_at_once_and_once_only(client):
    case, officer, _ = review_at_publication()
    url = reverse("publication:agree_date", args=[case.reference])
    client.force_login(officer)
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    data = {**_date_form(today() + timedelta(days=60)), "form_token": token}

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert case.publication_dates.count() == 1


@pytest.mark.parametrize(
    "day, error",
    [
        ({"publish_on_day": "31", "publish_on_month": "2", "publish_on_year": "2027"}, "real date"),
        (date_fields("publish_on", today() - timedelta(days=1)), "today or later"),
    ],
)
def test_an_impossible_or_past_date_is_refused_next_to_its_field(client, day, error):
    case, officer, _ = review_at_publication()
    client.force_login(officer)

    response = _post(
        client,
        reverse("publication:agree_date", args=[case.reference]),
        {**day, "agreed_with": "Sister", "agreed_how": "Phone"},
    )

    page = response.content.decode()
    assert response.status_code == 200 and error in page
    assert 'id="publish_on-error"' in page or "publish_on" in page.split(error)[0][-600:]
    assert 'value="Sister"' in page


def test_the_officer_publishes_through_the_pages(client):
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)
    client.force_login(officer)
    page = client.get(reverse("publication:publication", args=[case.reference]))
    assert "it can be published" in page.content.decode()

    response = _post(client, reverse("publication:publish", args=[case.reference]), {})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.MONITORING and Publication.objects.filter(case=case).exists()


def test_publish_refused_says_why_at_the_top_of_the_form(client):
    case, officer, _ = review_at_publication()
    client.force_login(officer)

    response = _post(client, reverse("publication:publish", args=[case.reference]), {})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.PUBLICATION


def test_withholding_needs_its_reasons_next_to_the_field(client):
    case, officer, _ = review_at_publication()
    client.force_login(officer)

    response = _post(
        client,
        reverse("publication:withhold", args=[case.reference]),
        {**date_fields("decided_on", today()), "decided_by": "CSP chair", "reasons": ""},
    )

    assert "Give the compelling reasons." in response.content.decode()
    assert 'value="CSP chair"' in response.content.decode()


def test_a_copy_is_recorded_from_the_outstanding_ones(client):
    case, officer, _ = published_review()
    client.force_login(officer)

    response = _post(
        client,
        reverse("publication:record_copy", args=[case.reference]),
        {"copy": "family", **date_fields("sent_on", today()), "how": "By post"},
    )

    assert response.status_code == 302
    assert case.copies_sent.get().kind == CopySent.Kind.FAMILY


@pytest.mark.parametrize("rows", [1, 50])
def test_the_publication_page_costs_the_same_at_1_and_50_copies(
    client, verified, django_assert_max_num_queries, rows
):
    case, officer, _ = published_review()
    agencies = [AgencyFactory() for _ in range(rows)]
    # Each agency leads an action, so each is owed its copy and listed.
    Action.objects.bulk_create(
        Action(
            recommendation=case.recommendations.first(),
            lead_agency=agency,
            owner="Owner",
            action="Action",
            target_on=today() + timedelta(days=30),
            intended_outcome="Outcome",
            monitored_by="Monitor",
        )
        for agency in agencies
    )
    CopySent.objects.bulk_create(
        CopySent(
            case=case,
            kind=CopySent.Kind.AGENCY,
            agency=agency,
            sent_on=today(),
            how="E-mail",
            recorded_by=officer,
        )
        for agency in agencies
    )
    verified(officer)
    url = reverse("publication:publication", args=[case.reference])
    client.get(url)  # the permission ids are read once per process
    with django_assert_max_num_queries(PUBLISHED_PAGE):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Sent</strong>") == rows


def test_the_publication_page_before_publishing_reads_each_record_once(
    client, verified, django_assert_max_num_queries
):
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)
    verified(officer)
    url = reverse("publication:publication", args=[case.reference])
    client.get(url)
    with django_assert_max_num_queries(PAGE_AT_PUBLICATION):
        response = client.get(url)
    assert response.status_code == 200
    assert "Publish</a>" in response.content.decode()


def test_publish_posted_twice_publishes_once(client):
    case, officer, _ = review_at_publication()
    ready_to_publish(case, officer)
    url = reverse("publication:publish", args=[case.reference])
    client.force_login(officer)
    token = TOKEN.search(client.get(url).content.decode()).group(1)

    first = client.post(url, {"form_token": token})
    second = client.post(url, {"form_token": token})

    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Publication.objects.filter(case=case).count() == 1
    assert case.events.filter(name="case.published").count() == 1
