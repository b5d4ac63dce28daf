"""The IMRs' list and page, commissioning, the letter, the due date, the author and the
subjects of the review over HTTP: every role of the review, the staff of the IMR's agency
and of another agency on the same case, the Home Office reviewer and an outsider (404 for
each refused); the forms' refusals next to their fields; query ceilings of the list."""

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry, Agency
from imr.models import DueDateChange, Imr
from tests.case_factories import agency_staff, days_ago
from tests.factories import AgencyFactory
from tests.imr.imr_factories import commissioned, everyone, in_weeks, review_at_imrs, with_author
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
    "other agency's author",
    "Home Office reviewer",
    "outsider",
)
READ_THE_CASE_FILE = {"CSP officer", "CSP chair", "independent chair", "panel member"}
POLICE_STAFF = {"senior manager", "IMR author"}
OTHER_AGENCY = {"other agency's senior manager", "other agency's author"}

# URL name → who opens it about the police's IMR (still waiting for its author); the rest
# are refused with a 404.
WHO_OPENS = {
    # Each agency's staff see their own agency's IMR listed; the case-file readers all.
    "imr:list": READ_THE_CASE_FILE | POLICE_STAFF | OTHER_AGENCY,
    "imr:detail": READ_THE_CASE_FILE | POLICE_STAFF,
    "imr:commission": {"independent chair"},
    "imr:change_due_date": {"independent chair"},
    "imr:appoint_author": {"senior manager"},
    # The chair who sent it, the senior manager it went to, the case-file readers.
    "imr:letter": READ_THE_CASE_FILE | {"senior manager"},
    # The agencies' staff, and those who read the people register's real names.
    "imr:subjects": {"CSP officer", "CSP chair", "independent chair"} | POLICE_STAFF | OTHER_AGENCY,
}


def url_for(name: str, imr: Imr) -> str:
    kwargs = {"reference": imr.case.reference}
    if name not in ("imr:list", "imr:commission", "imr:subjects"):
        kwargs["imr_id"] = imr.pk
    if name == "imr:letter":
        kwargs["letter_id"] = imr.letters.get().pk
    return reverse(name, kwargs=kwargs)


def test_every_imr_url_is_in_the_matrix():
    from imr.urls import urlpatterns

    mine = {f"imr:{pattern.name}" for pattern in urlpatterns} & {
        "imr:list",
        "imr:detail",
        "imr:commission",
        "imr:change_due_date",
        "imr:appoint_author",
        "imr:letter",
        "imr:subjects",
    }
    assert mine == set(WHO_OPENS)


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    case, officer, chair = review_at_imrs()
    imr, people = everyone(case, officer, chair)
    url = url_for(name, imr)

    answers = {}
    for role in ROLES:
        client.force_login(people[role])
        answers[role] = client.get(url).status_code

    assert answers == {role: 200 if role in WHO_OPENS[name] else 404 for role in ROLES}


def test_another_agencys_staff_see_only_their_own_imr_listed(client):
    case, officer, chair = review_at_imrs()
    _, people = everyone(case, officer, chair)
    client.force_login(people["other agency's author"])
    content = client.get(reverse("imr:list", kwargs={"reference": case.reference})).content
    assert b"Riverside Homes" in content
    assert b"Riverside Police" not in content


def test_a_drafts_parts_are_not_linked_for_the_panel(client, monkeypatch):
    from imr import parts

    monkeypatch.setattr(parts, "_parts", [parts.Part("Chronology", "imr:detail", parts.Need.READ)])
    case, officer, chair = review_at_imrs()
    imr, people = everyone(case, officer, chair)
    url = url_for("imr:detail", imr)
    client.force_login(people["panel member"])
    assert b"Chronology" not in client.get(url).content
    client.force_login(people["IMR author"])
    assert b"Chronology" in client.get(url).content


# The list -----------------------------------------------------------------------------------


def test_the_list_shows_overdue_and_who_writes_each(client):
    case, _, chair = review_at_imrs()
    late = with_author(commissioned(case, chair), full_name="Aisha Author")
    Imr.objects.filter(pk=late.pk).update(due_on=days_ago(2))
    commissioned(case, chair)
    client.force_login(chair)

    content = client.get(reverse("imr:list", kwargs={"reference": case.reference})).content
    content = content.decode()
    assert "Overdue" in content
    assert "Aisha Author" in content
    assert "Not appointed yet" in content
    assert str(late.senior_manager) in content


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_costs_the_same_at_1_and_50_imrs(
    client, verified, django_assert_max_num_queries, rows
):
    case, _, chair = review_at_imrs()
    for number in range(rows):
        agency = Agency.objects.create(
            name=f"Agency {number:02}", kind="police", sector="statutory"
        )
        Imr.objects.create(
            case=case,
            agency=agency,
            due_on=in_weeks(6),
            commissioned_by=chair,
            senior_manager=agency_staff(agency=agency),
        )
    verified(chair)
    url = reverse("imr:list", kwargs={"reference": case.reference})
    client.get(url)
    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(url)
    assert response.content.count(b'class="govuk-table__row"') == rows + 1


# Commissioning --------------------------------------------------------------------------------


def _commission(client, case, **overrides):
    due = in_weeks(6)
    data = {
        "agency": overrides.pop("agency"),
        "due_on_day": due.day,
        "due_on_month": due.month,
        "due_on_year": due.year,
        "senior_manager": overrides.pop("senior_manager"),
        **overrides,
    }
    return client.post(reverse("imr:commission", kwargs={"reference": case.reference}), data)


def test_the_chair_commissions_an_imr_by_the_senior_managers_email(client):
    case, _, chair = review_at_imrs()
    agency = AgencyFactory(name="Riverside Police")
    manager = agency_staff(agency=agency, email="samuel.senior@police.example")
    client.force_login(chair)

    response = _commission(
        client, case, agency=agency.pk, senior_manager="Samuel.Senior@police.example"
    )

    assert response.status_code == 302
    imr = case.imrs.get()
    assert (imr.agency, imr.senior_manager, imr.due_on) == (agency, manager, in_weeks(6))
    assert imr.letters.get().sent_to == manager


def test_a_senior_manager_who_is_not_the_agencys_is_refused_next_to_the_field(client):
    case, _, chair = review_at_imrs()
    agency = AgencyFactory()
    other = agency_staff(email="someone@elsewhere.example")
    client.force_login(chair)

    response = _commission(client, case, agency=agency.pk, senior_manager=other.email)

    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert f"No one at {agency} has an account with that e-mail address" in content
    assert not Imr.objects.exists()


def test_commissioning_without_agreed_terms_is_refused_with_a_message(client):
    case, _, chair = review_at_imrs(terms_agreed=False)
    agency = AgencyFactory()
    manager = agency_staff(agency=agency)
    client.force_login(chair)

    response = _commission(client, case, agency=agency.pk, senior_manager=manager.email)

    assert "Agree the terms of reference first" in response.content.decode()
    assert not Imr.objects.exists()


def test_commissioning_posted_twice_commissions_once(client):
    case, _, chair = review_at_imrs()
    agency = AgencyFactory()
    manager = agency_staff(agency=agency)
    client.force_login(chair)
    page = client.get(reverse("imr:commission", kwargs={"reference": case.reference}))
    token = TOKEN.search(page.content.decode()).group(1)

    for _ in range(2):
        response = _commission(
            client, case, agency=agency.pk, senior_manager=manager.email, form_token=token
        )
        assert response.status_code == 302

    assert case.imrs.count() == 1
    assert manager.inbox.filter(text__contains="is asked for an IMR").count() == 1


# The author ------------------------------------------------------------------------------------


def test_the_senior_manager_appoints_the_author_with_both_declarations(client):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    author = agency_staff(agency=imr.agency, full_name="Aisha Author")
    client.force_login(imr.senior_manager)
    url = url_for("imr:appoint_author", imr)

    refused = client.post(url, {"author": author.pk, "not_involved": "on"})
    assert "must not be the line manager of staff involved" in refused.content.decode()

    response = client.post(
        url, {"author": author.pk, "not_involved": "on", "not_line_manager": "on"}
    )
    assert response.status_code == 302
    imr.refresh_from_db()
    assert imr.author == author and imr.status == Imr.Status.DRAFTING


def test_only_the_agencys_staff_are_offered_as_authors(client):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    agency_staff(agency=imr.agency, full_name="Colleague Carla")
    stranger = agency_staff(full_name="Stranger Sam")
    client.force_login(imr.senior_manager)
    url = url_for("imr:appoint_author", imr)

    content = client.get(url).content.decode()
    assert "Colleague Carla" in content and "Stranger Sam" not in content
    response = client.post(
        url, {"author": stranger.pk, "not_involved": "on", "not_line_manager": "on"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Imr.objects.get().author is None


# The due date and the letter -------------------------------------------------------------------


def test_the_chair_changes_the_due_date_with_a_reason(client):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    client.force_login(chair)
    new = in_weeks(10)
    url = url_for("imr:change_due_date", imr)

    date = {"due_on_day": new.day, "due_on_month": new.month, "due_on_year": new.year}
    refused = client.post(url, date)
    assert "Enter why the due date changes." in refused.content.decode()

    response = client.post(url, {**date, "reason": "Trial"})
    assert response.status_code == 302
    assert DueDateChange.objects.get().to_date == new
    assert b"Trial" in client.get(url_for("imr:detail", imr)).content


def test_the_letter_download_is_a_pdf_and_is_logged(client):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    client.force_login(imr.senior_manager)

    response = client.get(url_for("imr:letter", imr))

    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert AccessLogEntry.objects.filter(
        case=case, user=imr.senior_manager, what=AccessLogEntry.What.DOCUMENT
    ).exists()


# The subjects of the review and the agency's way in ------------------------------------------


def test_the_subjects_page_shows_real_names_and_logs_each_view(client):
    case, _, chair = review_at_imrs()
    imr = with_author(commissioned(case, chair))
    client.force_login(imr.author)

    content = client.get(reverse("imr:subjects", kwargs={"reference": case.reference}))
    content = content.content.decode()

    assert "Jane Doe" in content and "John Roe" in content
    assert "17 May 1984" in content
    assert (
        AccessLogEntry.objects.filter(
            case=case, user=imr.author, what=AccessLogEntry.What.PEOPLE_REGISTER
        ).count()
        == 1
    )


def test_the_agencys_staff_find_their_imr_and_the_subjects_on_the_case_page(client):
    case, _, chair = review_at_imrs()
    imr = commissioned(case, chair)
    client.force_login(imr.senior_manager)

    content = client.get(case.get_absolute_url()).content.decode()

    assert url_for("imr:detail", imr) in content
    assert "Appoint the author" in content
    assert reverse("imr:subjects", kwargs={"reference": case.reference}) in content


def test_the_chairs_task_list_links_to_commissioning(client):
    case, _, chair = review_at_imrs()
    client.force_login(chair)
    content = client.get(case.get_absolute_url()).content.decode()
    assert f'href="{reverse("imr:commission", kwargs={"reference": case.reference})}"' in content
    assert f'href="{reverse("imr:list", kwargs={"reference": case.reference})}"' in content


def test_the_home_office_reviewer_sees_no_imr_on_the_case_page(client):
    case, officer, chair = review_at_imrs()
    _, people = everyone(case, officer, chair)
    client.force_login(people["Home Office reviewer"])
    content = client.get(case.get_absolute_url()).content.decode()
    assert "/imrs/" not in content and "/subjects/" not in content
