"""The sign-off's and the Home Office QA's pages over HTTP: every role of the review,
another agency's senior manager, the Home Office reviewer and an outsider (404 for each
refused; sign-in for the anonymous); the forms' refusals next to their fields; one effect
per form; the logged downloads; query ceilings of the lists at 1 and 50 rows."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from cases.clocks import today
from cases.models import AccessLogEntry
from cases.roles import CaseRole
from cases.workflow import Stage
from publication.models import (
    AreaForFinalDevelopment,
    HomeOfficeSubmission,
    QaOutcome,
    SignOff,
)
from tests.case_factories import agency_staff, case_member
from tests.factories import AgencyFactory
from tests.publication.home_office_factories import (
    SIGN_OFF,
    answer,
    cleared_review,
    document,
    review_at_sign_off,
    sign,
    signed_off_review,
    submitted_review,
)
from tests.reports.action_plan_factories import date_fields
from tests.test_double_submits import TOKEN
from tests.test_query_counts import LIST_PAGE

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


def answered_review():
    case, people = submitted_review()
    answer(case, people, QaOutcome.Outcome.CLEARED)
    return case, people


# Each URL: the review it is opened on, and who opens it.
WHO_OPENS = {
    "publication:sign_off": (review_at_sign_off, READ_THE_CASE_FILE),
    "publication:record_sign_off": (review_at_sign_off, {"CSP chair"}),
    "publication:return_to_drafting": (review_at_sign_off, {"CSP chair"}),
    "publication:home_office": (submitted_review, READ_THE_CASE_FILE),
    "publication:send_to_home_office": (signed_off_review, PARTNERSHIP),
    "publication:acknowledge": (submitted_review, PARTNERSHIP),
    "publication:record_qa_outcome": (submitted_review, PARTNERSHIP),
    "publication:area_done": (lambda: cleared_review(areas_open=1), PARTNERSHIP),
    "publication:family_told_of_qa": (answered_review, PARTNERSHIP),
    # The Home Office reviewer reads the package, and nothing else of the case.
    "publication:submitted_package": (submitted_review, {"Home Office reviewer"}),
    "publication:package_file": (submitted_review, READ_THE_CASE_FILE | {"Home Office reviewer"}),
    "publication:qa_letter": (answered_review, READ_THE_CASE_FILE),
}


def everyone(case, people) -> dict:
    chair = people["independent chair"]
    police, homes = AgencyFactory(name="Riverside Health"), AgencyFactory(name="Riverside Homes")
    return {
        **people,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair),
        "senior manager": case_member(case, CaseRole.SENIOR_MANAGER, by=chair, agency=police),
        "IMR author": case_member(case, CaseRole.IMR_AUTHOR, by=chair, agency=police),
        "other agency's senior manager": case_member(
            case, CaseRole.SENIOR_MANAGER, by=chair, agency=homes
        ),
        "Home Office reviewer": case_member(
            case, CaseRole.HOME_OFFICE_REVIEWER, by=people["CSP officer"]
        ),
        "outsider": agency_staff(full_name="Oscar Outsider"),
    }


def url_for(name, case) -> str:
    kwargs = {"reference": case.reference}
    if name == "publication:acknowledge":
        kwargs["number"] = 1
    if name == "publication:area_done":
        kwargs["area_id"] = AreaForFinalDevelopment.objects.get().pk
    if name == "publication:package_file":
        kwargs["file_id"] = HomeOfficeSubmission.objects.get().files.first().pk
    if name == "publication:qa_letter":
        kwargs["outcome_id"] = QaOutcome.objects.get().pk
    return reverse(name, kwargs=kwargs)


def test_every_url_is_in_the_matrix():
    from publication.urls import urlpatterns

    mine = {
        f"publication:{p.name}"
        for p in urlpatterns
        if p.callback.__module__.startswith(
            ("publication.views.sign_off", "publication.views.home_office")
        )
    }
    assert mine == set(WHO_OPENS)


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    review, who = WHO_OPENS[name]
    case, people = review()
    people = everyone(case, people)
    url = url_for(name, case)

    answers = {}
    for role in ROLES:
        client.force_login(people[role])
        answers[role] = client.get(url).status_code
    client.logout()
    anonymous = client.get(url)

    assert answers == {role: 200 if role in who else 404 for role in ROLES}
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse(settings.LOGIN_URL))


def test_the_reviewer_sees_nothing_before_the_submission_and_only_the_package_after(client):
    case, people = signed_off_review()
    reviewer = case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=people["CSP officer"])
    client.force_login(reviewer)
    package = reverse("publication:submitted_package", args=[case.reference])
    assert client.get(package).status_code == 404
    assert f'href="{package}"' not in client.get(case.get_absolute_url()).content.decode()

    client.force_login(people["CSP officer"])
    _post(
        client,
        reverse("publication:send_to_home_office", args=[case.reference]),
        {
            **date_fields("sent_on", today()),
            "sent_how": "E-mail",
            "data_collection_form": document(),
        },
    )
    client.force_login(reviewer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'href="{package}"' in page
    for hidden in ("publication:sign_off", "publication:home_office", "cases:people"):
        assert f'href="{reverse(hidden, args=[case.reference])}"' not in page
    assert "Adult A" not in page and "Extraordinary meeting" not in page
    assert "You read the package the partnership sent" in page and "your agency's IMR" not in page
    assert client.get(package).status_code == 200


def _post(client, url, data):
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    return client.post(url, {**data, "form_token": token})


def _sign_off_post(on):
    return {
        **{key: "on" if value is True else value for key, value in SIGN_OFF.items()},
        **date_fields("met_on", on),
    }


def test_a_future_meeting_is_refused_next_to_its_field_and_nothing_is_lost(client):
    case, people = review_at_sign_off()
    client.force_login(people["CSP chair"])
    url = reverse("publication:record_sign_off", args=[case.reference])
    response = _post(client, url, _sign_off_post(today() + timedelta(days=2)))
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Date of the meeting must be today or in the past." in content
    assert SIGN_OFF["meeting"] in content
    assert not SignOff.objects.exists()


def test_an_unticked_confirmation_is_refused_next_to_it(client):
    case, people = review_at_sign_off()
    client.force_login(people["CSP chair"])
    url = reverse("publication:record_sign_off", args=[case.reference])
    data = _sign_off_post(today())
    del data["debriefing_arranged"]
    content = _post(client, url, data).content.decode()
    assert "Confirm that debriefing is arranged" in content
    assert not SignOff.objects.exists()


def test_the_sign_off_posted_twice_is_recorded_once(client):
    case, people = review_at_sign_off()
    client.force_login(people["CSP chair"])
    url = reverse("publication:record_sign_off", args=[case.reference])
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    first = client.post(url, {**_sign_off_post(today()), "form_token": token})
    second = client.post(url, {**_sign_off_post(today()), "form_token": token}, follow=True)
    assert first.status_code == 302
    assert SignOff.objects.count() == 1
    assert "You already sent this form" in second.content.decode()


def test_the_package_posted_twice_is_sent_once(client):
    case, people = signed_off_review()
    client.force_login(people["CSP officer"])
    url = reverse("publication:send_to_home_office", args=[case.reference])
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    data = {**date_fields("sent_on", today()), "sent_how": "E-mail", "form_token": token}
    first = client.post(url, {**data, "data_collection_form": document()})
    second = client.post(url, {**data, "data_collection_form": document()}, follow=True)
    assert first.status_code == 302
    assert HomeOfficeSubmission.objects.count() == 1
    assert "You already sent this form" in second.content.decode()


def test_a_wrong_file_is_refused_next_to_the_upload(client):
    case, people = signed_off_review()
    client.force_login(people["CSP officer"])
    url = reverse("publication:send_to_home_office", args=[case.reference])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _post(
        client,
        url,
        {
            **date_fields("sent_on", today()),
            "sent_how": "E-mail",
            "data_collection_form": SimpleUploadedFile("form.pdf", b"not a pdf"),
        },
    )
    assert "The copy of the data collection form must be a PDF or a Word" in (
        response.content.decode()
    )
    assert not HomeOfficeSubmission.objects.exists()


def test_cleared_subject_to_changes_without_areas_is_refused_next_to_them(client):
    case, people = submitted_review()
    client.force_login(people["CSP officer"])
    url = reverse("publication:record_qa_outcome", args=[case.reference])
    response = _post(
        client,
        url,
        {
            "outcome": QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES,
            **date_fields("qa_panel_on", today()),
            **date_fields("letter_received_on", today()),
            "letter": document("letter.pdf"),
        },
    )
    content = response.content.decode()
    assert 'href="#id_areas"' in content
    assert "Enter the areas for final development" in content
    assert not QaOutcome.objects.exists()


def test_the_letter_with_two_areas_then_each_done_reaches_publication(client):
    case, people = submitted_review()
    client.force_login(people["CSP officer"])
    response = _post(
        client,
        reverse("publication:record_qa_outcome", args=[case.reference]),
        {
            "outcome": QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES,
            **date_fields("qa_panel_on", today()),
            **date_fields("letter_received_on", today()),
            "letter": document("letter.pdf"),
            "areas": "Say more on coercive control.\n\nName the GP's role.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.PUBLICATION
    page = client.get(reverse("publication:home_office", args=[case.reference])).content.decode()
    assert "Name the GP&#x27;s role." in page and "Outstanding" in page
    for area in AreaForFinalDevelopment.objects.all():
        url = reverse("publication:area_done", args=[case.reference, area.pk])
        assert url in page
        done = _post(client, url, {**date_fields("done_on", today()), "evidence": "Para 4."})
        assert done.status_code == 302
    assert not AreaForFinalDevelopment.objects.filter(done_on__isnull=True).exists()


def test_the_downloads_are_logged(client):
    case, people = answered_review()
    reviewer = everyone(case, people)["Home Office reviewer"]
    client.force_login(reviewer)
    package_file = HomeOfficeSubmission.objects.get().files.get(document="data_collection_form")
    response = client.get(
        reverse("publication:package_file", args=[case.reference, package_file.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(people["CSP chair"])
    letter = client.get(
        reverse("publication:qa_letter", args=[case.reference, QaOutcome.objects.get().pk])
    )
    assert letter.status_code == 200
    logged = AccessLogEntry.objects.filter(case=case, what=AccessLogEntry.What.DOCUMENT)
    assert {entry.user for entry in logged} == {reviewer, people["CSP chair"]}


@pytest.mark.parametrize("rows", [1, 50])
def test_the_qa_page_and_the_package_cost_the_same_at_1_and_50_areas(
    client, verified, django_assert_max_num_queries, rows
):
    case, people = cleared_review(areas_open=1)
    outcome = QaOutcome.objects.get()
    AreaForFinalDevelopment.objects.bulk_create(
        AreaForFinalDevelopment(outcome=outcome, number=n, text=f"Area {n}")
        for n in range(2, rows + 1)
    )
    reviewer = case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=people["CSP officer"])
    verified(people["CSP officer"])
    url = reverse("publication:home_office", args=[case.reference])
    client.get(url)  # the permission ids are read once per process
    with django_assert_max_num_queries(LIST_PAGE):
        page = client.get(url)
    assert page.status_code == 200
    verified(reviewer)
    url = reverse("publication:submitted_package", args=[case.reference])
    client.get(url)
    with django_assert_max_num_queries(LIST_PAGE):
        page = client.get(url)
    assert page.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_sign_off_page_costs_the_same_at_1_and_50_sign_offs(
    client, verified, django_assert_max_num_queries, rows
):
    case, people = signed_off_review()
    first = SignOff.objects.get()
    for round_ in range(2, rows + 1):
        first.pk, first.round = None, round_
        first.save()
    verified(people["CSP officer"])
    url = reverse("publication:sign_off", args=[case.reference])
    client.get(url)
    with django_assert_max_num_queries(LIST_PAGE):
        page = client.get(url)
    assert page.status_code == 200


def test_the_qa_page_says_what_the_package_still_needs(client):
    case, people = review_at_sign_off()
    client.force_login(people["CSP officer"])
    url = reverse("publication:home_office", args=[case.reference])
    page = client.get(url).content.decode()
    assert "Before the package is sent: Record the partnership&#x27;s sign-off" in page
    assert reverse("publication:send_to_home_office", args=[case.reference]) not in page
    sign(case, people)
    page = client.get(url).content.decode()
    assert "Before the package is sent" not in page
    assert reverse("publication:send_to_home_office", args=[case.reference]) in page
