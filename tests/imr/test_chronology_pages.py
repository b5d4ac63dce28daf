"""The chronology pages through HTTP: who opens which (every role, refusals 404), writing
entries without JavaScript, the combined chronology's filters, flags and gaps, the CSV that
streams with formulas neutralised, the PDF marked on every page, every view logged, and
query counts that do not grow with the entries."""

import csv
import io
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError

from cases.models import AccessLogEntry
from cases.roles import CaseRole
from imr.models import ChronologyEntry
from imr.pdf import StaticFilesOnly, layout
from imr.selectors import chronology as selectors
from imr.services.chronology import compile_combined_chronology
from tests.case_factories import case_member, chair_of, outsider
from tests.imr.chronology_factories import (
    before_the_panel,
    entry,
    imr_being_written,
    suspect,
    victim,
)
from tests.imr.imr_factories import review_at_imrs
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    case, officer, chair = review_at_imrs()
    police, police_manager, police_author = imr_being_written(case, chair, "Riverside Police")
    nhs, nhs_manager, nhs_author = imr_being_written(case, chair, "Riverside NHS Trust")
    people = {
        "CSP officer": officer,
        "CSP chair": chair_of(case.partnership),
        "independent chair": chair,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER),
        "police senior manager": police_manager,
        "police author": police_author,
        "NHS senior manager": nhs_manager,
        "NHS author": nhs_author,
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER),
        "outsider": outsider(),
    }
    return {"case": case, "police": police, "nhs": nhs, "people": people}


READERS = {"CSP officer", "CSP chair", "independent chair", "panel member"}
POLICE = {"police senior manager", "police author"}
NHS = {"NHS senior manager", "NHS author"}


def statuses(client, people, urls):
    seen = {}
    for who, user in people.items():
        client.force_login(user)
        for url in urls:
            seen[who, url] = client.get(url).status_code
    return seen


def expected(people, urls, allowed):
    return {(who, url): 200 if who in allowed else 404 for who in people for url in urls}


def test_every_role_opens_only_the_chronology_pages_it_may_and_the_rest_are_not_found(
    client, review
):
    case, police, nhs, people = review["case"], review["police"], review["nhs"], review["people"]
    police_entry = entry(police, people["police author"])
    nhs_entry = entry(nhs, people["NHS author"])
    before_the_panel(nhs)
    ref = case.reference

    def imr_urls(imr, written):
        return [
            reverse("imr:chronology", args=[ref, imr.pk]),
            reverse("imr:chronology_add", args=[ref, imr.pk]),
            reverse("imr:chronology_change", args=[ref, imr.pk, written.pk]),
            reverse("imr:chronology_delete", args=[ref, imr.pk, written.pk]),
        ]

    draft_urls = imr_urls(police, police_entry)
    submitted_read, *submitted_write = imr_urls(nhs, nhs_entry)
    combined = [
        reverse(name, args=[ref])
        for name in ("imr:combined_chronology", "imr:combined_chronology_csv")
    ]
    compile_url = reverse("imr:compile_chronology", args=[ref])
    sent_url = reverse("imr:chronology_sent", args=[ref])

    want = {}
    # A draft is its agency's alone; before the panel, the case-file readers read it too,
    # and nobody changes it.
    want |= expected(people, draft_urls, POLICE)
    want |= expected(people, [submitted_read], READERS | NHS)
    want |= expected(people, submitted_write, set())
    want |= expected(people, combined, READERS)
    want |= expected(people, [compile_url], {"independent chair"})
    # Sending is recorded once compiled: before that the page is not there for anyone.
    want |= expected(people, [sent_url], set())
    assert (
        statuses(
            client,
            people,
            [*draft_urls, submitted_read, *submitted_write, *combined, compile_url, sent_url],
        )
        == want
    )

    compile_combined_chronology(case=case, by=people["independent chair"])
    assert statuses(client, people, [sent_url]) == expected(
        people, [sent_url], {"CSP officer", "independent chair"}
    )


def test_the_pdf_is_for_the_case_file_readers_only(client, review):
    case, people = review["case"], review["people"]
    url = reverse("imr:combined_chronology_pdf", args=[case.reference])
    some = {
        who: people[who]
        for who in ("panel member", "police author", "Home Office reviewer", "outsider")
    }
    assert statuses(client, some, [url]) == expected(some, [url], READERS)


def post_entry(client, review, **fields):
    imr = review["police"]
    url = reverse("imr:chronology_add", args=[review["case"].reference, imr.pk])
    data = {
        "occurred_on_day": "14",
        "occurred_on_month": "3",
        "occurred_on_year": "2025",
        "precision": "exact",
        "occurred_at": "23:40",
        "source_reference": "CAD 4411",
        "what_happened": "Officers attended.",
        "people": [victim(review["case"]).pk],
        "dash_level": "high",
        "referred_to_marac": "on",
        "author_comment": "",
        "form_token": "6f1d2b4e-1111-4c1e-9f00-000000000001",
        **fields,
    }
    return client.post(url, data)


def test_the_author_writes_changes_and_deletes_an_entry_with_plain_forms(client, review):
    case, imr, author = review["case"], review["police"], review["people"]["police author"]
    client.force_login(author)
    response = post_entry(client, review)
    page = reverse("imr:chronology", args=[case.reference, imr.pk])
    assert response.status_code == 302 and response["Location"] == page
    written = ChronologyEntry.objects.get()
    assert (written.dash_level, written.referred_to_marac) == ("high", True)
    assert list(written.people.all()) == [victim(case)]

    shown = client.get(page).content.decode()
    assert "14 March 2025, 23:40" in shown and "Officers attended." in shown
    assert "DASH high" in shown and "Jane Doe" in shown

    change = reverse("imr:chronology_change", args=[case.reference, imr.pk, written.pk])
    assert "Officers attended." in client.get(change).content.decode()
    client.post(
        change,
        {
            "occurred_on_day": "1",
            "occurred_on_month": "3",
            "occurred_on_year": "2025",
            "precision": "month",
            "what_happened": "Officers attended twice that month.",
            "form_token": "6f1d2b4e-1111-4c1e-9f00-000000000002",
        },
    )
    written.refresh_from_db()
    assert (written.when, list(written.people.all())) == ("March 2025", [])

    delete = reverse("imr:chronology_delete", args=[case.reference, imr.pk, written.pk])
    client.post(delete, {"form_token": "6f1d2b4e-1111-4c1e-9f00-000000000003"})
    assert not ChronologyEntry.objects.exists()


def test_a_refused_entry_is_shown_again_with_the_message_next_to_its_field(client, review):
    client.force_login(review["people"]["police author"])
    response = post_entry(client, review, precision="approximate", what_happened="")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Enter what happened." in body
    response = post_entry(client, review, precision="approximate")
    assert "Leave the time empty when the date is not exact." in response.content.decode()
    assert not ChronologyEntry.objects.exists()


def test_the_same_form_posted_twice_adds_one_entry(client, review):
    client.force_login(review["people"]["police author"])
    post_entry(client, review)
    post_entry(client, review)
    assert ChronologyEntry.objects.count() == 1


@pytest.fixture
def combined(review):
    """Both IMRs before the panel: a disagreement on 14 March 2025, a long silence after."""
    case, people = review["case"], review["people"]
    entry(
        review["police"],
        people["police author"],
        people=[victim(case), suspect(case)],
        dash_level="high",
        referred_to_marac=True,
        what_happened="Assault reported; DASH high; referred to MARAC.",
    )
    entry(
        review["nhs"],
        people["NHS author"],
        occurred_at=time(4, 30),
        people=[victim(case)],
        dash_level="standard",
        what_happened="Attended the emergency department; said she fell.",
    )
    entry(
        review["nhs"],
        people["NHS author"],
        occurred_on=date(2025, 9, 1),
        occurred_at=None,
        what_happened='=HYPERLINK("http://evil.example","GP letter")',
        source_reference="+44 1234",
        author_comment="-2+3",
    )
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    return review


def test_the_combined_chronology_flags_the_disagreement_and_shows_the_gap(client, combined):
    case = combined["case"]
    client.force_login(combined["people"]["panel member"])
    body = client.get(reverse("imr:combined_chronology", args=[case.reference])).content.decode()
    assert "Entries of different agencies about the same day" in body
    assert "Risk recorded differently from Riverside NHS Trust" in body
    assert "Risk recorded differently from Riverside Police" in body
    assert "Gap in contact" in body and "No agency recorded contact for 171 days" in body
    # The panel does not read the people register: people by pseudonym or role.
    assert "Adult A" in body and "Jane Doe" not in body
    assert AccessLogEntry.objects.filter(
        case=case, detail="Combined chronology", what=AccessLogEntry.What.CASE_RECORD
    ).exists()


def test_the_filters_narrow_the_timeline_and_a_wrong_period_is_an_error(client, combined):
    case = combined["case"]
    client.force_login(combined["people"]["CSP officer"])
    url = reverse("imr:combined_chronology", args=[case.reference])
    only_police = client.get(url, {"agency": combined["police"].agency_id}).content.decode()
    assert "Assault reported" in only_police and "emergency department" not in only_police
    suspect_only = client.get(url, {"person": suspect(case).pk}).content.decode()
    assert "Assault reported" in suspect_only and "emergency department" not in suspect_only
    september = client.get(
        url, {"start_day": "1", "start_month": "9", "start_year": "2025"}
    ).content.decode()
    assert "HYPERLINK" in september and "Assault reported" not in september
    wrong = client.get(
        url,
        {
            "start_day": "1",
            "start_month": "9",
            "start_year": "2025",
            "end_day": "1",
            "end_month": "1",
            "end_year": "2025",
        },
    ).content.decode()
    assert "There is a problem" in wrong
    assert "The end of the period must be on or after its start." in wrong


def test_the_csv_streams_neutralises_formulas_and_is_logged(client, combined):
    case = combined["case"]
    client.force_login(combined["people"]["independent chair"])
    response = client.get(reverse("imr:combined_chronology_csv", args=[case.reference]))
    assert response.streaming
    assert response["Content-Disposition"].startswith("attachment;")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0][0] == "OFFICIAL-SENSITIVE"
    last = dict(zip(lines[1], lines[-1], strict=True))
    assert last["What happened"].startswith("'=HYPERLINK")
    assert last["Source record"] == "'+44 1234"
    assert last["Author's comment"] == "'-2+3"
    assert len(lines) == 2 + 3
    assert AccessLogEntry.objects.filter(
        case=case, what=AccessLogEntry.What.DOCUMENT, detail="Combined chronology (CSV)"
    ).exists()


def page_texts(document) -> list[str]:
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox))
        for page in document.pages
    ]


def test_the_pdf_is_marked_official_sensitive_on_every_page_and_logged(client, combined):
    case, people = combined["case"], combined["people"]
    client.force_login(people["CSP chair"])
    response = client.get(reverse("imr:combined_chronology_pdf", args=[case.reference]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        case=case, what=AccessLogEntry.What.DOCUMENT, detail="Combined chronology (PDF)"
    ).exists()

    labels = selectors.person_labels(case, real_names=True)
    rows = [
        selectors.Row(
            id=n,
            occurred_on=date(2024, 1, 1) + timedelta(days=n),
            precision="exact",
            occurred_at=None,
            source_reference="",
            what_happened="A long account of a contact. " * 10,
            dash_level="",
            referred_to_marac=False,
            discussed_at_marac=False,
            author_comment="",
            agency_id=1,
            agency="Riverside Police",
            people_ids=frozenset(),
            people=list(labels.values()),
        )
        for n in range(80)
    ]
    document = layout(
        "imr/combined_chronology_print.html",
        {"case": case, "timeline": selectors.timeline(rows, []), "gap_days": 90},
        stylesheet="imr/chronology_print.css",
    )
    texts = page_texts(document)
    assert len(texts) > 3
    assert all(text.count("OFFICIAL-SENSITIVE") >= 2 for text in texts)


def test_the_pdf_fetches_only_data_urls_and_the_services_static_files():
    fetcher = StaticFilesOnly()
    for denied in (
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.org/x",
        "https://dhr-manager.invalid/static/../../dhr/settings.py",
        "https://dhr-manager.invalid/media/documents/x.pdf",
    ):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(denied)
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert fetcher.fetch("https://dhr-manager.invalid/static/dhr-admin.css").read()


@pytest.mark.parametrize("entries", [1, 50])
def test_the_combined_chronology_costs_the_same_queries_for_1_or_50_entries(
    client, verified, review, entries, django_assert_max_num_queries
):
    case, people = review["case"], review["people"]
    for n in range(entries):
        imr, author = (
            (review["police"], people["police author"])
            if n % 2
            else (review["nhs"], people["NHS author"])
        )
        entry(
            imr,
            author,
            occurred_on=date(2025, 1, 1) + timedelta(days=n),
            people=[victim(case)],
            dash_level="high" if n % 2 else "standard",
        )
    before_the_panel(review["police"])
    before_the_panel(review["nhs"])
    verified(people["panel member"])
    url = reverse("imr:combined_chronology", args=[case.reference])
    client.get(url)
    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(url)
    assert response.content.decode().count("govuk-table__row") >= entries
    # Narrowed to one agency, the gaps in contact are still every agency's: one more.
    narrowed = f"{url}?agency={review['police'].agency_id}"
    with django_assert_max_num_queries(LIST_PAGE + 1):
        assert client.get(narrowed).status_code == 200
    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(reverse("imr:combined_chronology_pdf", args=[case.reference]))
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("entries", [1, 50])
def test_an_imrs_chronology_costs_the_same_queries_for_1_or_50_entries(
    client, review, entries, django_assert_max_num_queries
):
    case, people = review["case"], review["people"]
    for n in range(entries):
        entry(
            review["police"],
            people["police author"],
            occurred_on=date(2025, 1, 1) + timedelta(days=n),
            people=[victim(case)],
        )
    client.force_login(people["police author"])
    url = reverse("imr:chronology", args=[case.reference, review["police"].pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
