"""The staff interview and document pages of an IMR: who opens each (the refused get 404),
recording an interview through the page, and the query ceilings of the lists."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from cases.models import AccessLogEntry
from imr.models import Imr, ImrDocument, StaffInterview
from imr.services.documents import add_document
from imr.services.interviews import record_interview
from tests.case_factories import days_ago
from tests.imr.interview_factories import ROLES, people_of_a_review
from tests.panels.panel_factories import trial
from tests.test_case_views import date_fields

pytestmark = pytest.mark.django_db

OWN_AGENCY = {"senior_manager", "imr_author"}
# Those who read an IMR once its senior manager has signed it off (imr.access).
CASE_FILE_READERS = {"csp_officer", "csp_chair", "independent_chair", "panel_member"}


@pytest.fixture
def people():
    people = people_of_a_review()
    author = people.by_role["imr_author"]
    record_interview(
        imr=people.imr,
        by=author,
        job_title="Response officer",
        interviewed_on=days_ago(3),
        record="Attended twice.",
        shared_on=days_ago(1),
        reminded_not_disciplinary=True,
    )
    people.document = add_document(
        imr=people.imr,
        by=author,
        kind=ImrDocument.Kind.SUPPORTING,
        description="Policy",
        file=ContentFile(b"%PDF-1.4\n% policy\n", name="policy.pdf"),
    )
    return people


def urls(people, imr=None) -> dict[str, str]:
    imr = imr or people.imr
    args = [people.case.reference, imr.pk]
    return {
        "interviews": reverse("imr:interviews", args=args),
        "add_interview": reverse("imr:add_interview", args=args),
        "documents": reverse("imr:documents", args=args),
        "add_document": reverse("imr:add_document", args=args),
        "download": reverse("imr:download_document", args=[*args, people.document.pk]),
    }


def statuses(client, people, role) -> dict[str, int]:
    client.force_login(people.by_role[role])
    return {page: client.get(url).status_code for page, url in urls(people).items()}


@pytest.mark.parametrize("role", ROLES)
def test_an_imr_being_written_opens_to_its_own_agency_only(client, people, role):
    expected = 200 if role in OWN_AGENCY else 404
    assert statuses(client, people, role) == dict.fromkeys(urls(people), expected)


@pytest.mark.parametrize("role", ROLES)
def test_a_submitted_imr_is_read_by_the_panel_and_changed_by_no_one(client, people, role):
    # Submission is another part's service; the state is what these pages read.
    Imr.objects.filter(pk=people.imr.pk).update(status=Imr.Status.SUBMITTED)
    reads = 200 if role in OWN_AGENCY | CASE_FILE_READERS else 404
    assert statuses(client, people, role) == {
        "interviews": reads,
        "add_interview": 404,
        "documents": reads,
        "add_document": 404,
        "download": reads,
    }


def test_reading_the_interviews_is_logged(client, people):
    reader = people.by_role["senior_manager"]
    client.force_login(reader)
    client.get(urls(people)["interviews"])
    entry = AccessLogEntry.objects.filter(user=reader).latest("at")
    assert entry.detail.startswith("Staff interviews of")


def test_the_author_records_a_witness_interview_once_the_advice_is_in(client, people):
    author = people.by_role["imr_author"]
    proceeding = trial(people.case, people.by_role["csp_officer"])
    client.force_login(author)
    url = urls(people)["add_interview"]
    page = client.get(url).content.decode()
    assert "Not a witness in criminal proceedings" in page
    post = {
        "job_title": "Custody sergeant",
        **date_fields("interviewed_on", days_ago(2)),
        "record": "Booked him in twice.",
        **date_fields("shared_on", days_ago(1)),
        "reminded_not_disciplinary": "on",
        "witness_in": proceeding.pk,
    }
    refused = client.post(url, post).content.decode()
    assert "interviewed only after the SIO&#x27;s views were sought" in refused
    assert 'href="#id_sio_advised_on_day"' in refused
    assert not StaffInterview.objects.filter(job_title="Custody sergeant").exists()
    post |= {
        **date_fields("sio_advised_on", days_ago(5)),
        "sio_advice": "No objection.",
        **date_fields("cps_advised_on", days_ago(4)),
        "cps_advice": "Not the night of the death.",
    }
    response = client.post(url, post)
    assert response.status_code == 302
    assert StaffInterview.objects.get(job_title="Custody sergeant").witness_in == proceeding


def test_without_criminal_proceedings_the_form_does_not_ask_about_witnesses(client, people):
    client.force_login(people.by_role["imr_author"])
    page = client.get(urls(people)["add_interview"]).content.decode()
    assert "SIO" not in page.split("<form", 1)[1]


def test_the_reminder_is_required_on_the_page(client, people):
    client.force_login(people.by_role["imr_author"])
    post = {
        "job_title": "Call handler",
        **date_fields("interviewed_on", days_ago(2)),
        "record": "Took the call.",
        **date_fields("shared_on", days_ago(1)),
    }
    page = client.post(urls(people)["add_interview"], post).content.decode()
    assert 'href="#id_reminded_not_disciplinary"' in page
    assert not StaffInterview.objects.filter(job_title="Call handler").exists()


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("page", ["interviews", "documents"])
def test_the_lists_cost_the_same_for_1_and_50_rows(
    client, django_assert_max_num_queries, people, page, rows
):
    author = people.by_role["other_imr_author"]
    for n in range(rows):
        if page == "interviews":
            record_interview(
                imr=people.other_imr,
                by=author,
                job_title=f"Officer {n}",
                interviewed_on=days_ago(3),
                record="Attended.",
                shared_on=days_ago(1),
                reminded_not_disciplinary=True,
            )
        else:
            add_document(
                imr=people.other_imr,
                by=author,
                kind=ImrDocument.Kind.SUPPORTING,
                description=f"Policy {n}",
                file=ContentFile(b"%PDF-1.4\n% policy\n", name="policy.pdf"),
            )
    client.force_login(author)
    with django_assert_max_num_queries(14):
        response = client.get(urls(people, people.other_imr)[page])
    assert response.status_code == 200
