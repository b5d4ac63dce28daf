"""The report's page, the drafts, their versions, the comparison and the comments over
HTTP: every role of the review, an agency's staff, the Home Office reviewer, a stranger and
someone signed out; the forms' refusals next to their fields; query ceilings of the lists."""

import pytest
from django.urls import reverse

from cases.models import Case
from cases.workflow import Stage
from reports.models import ReportComment, ReportVersion
from reports.services import drafting
from tests.reports.drafting_factories import OVERVIEW, SUMMARY, everyone, versioned
from tests.reports.report_factories import review_at_drafting

pytestmark = pytest.mark.django_db

ROLES = (
    "CSP officer",
    "CSP chair",
    "independent chair",
    "panel member",
    "senior manager",
    "IMR author",
    "Home Office reviewer",
    "stranger",
)
READ_THE_CASE_FILE = {"CSP officer", "CSP chair", "independent chair", "panel member"}

# URL name → who opens it (GET); the rest are refused with a 404.
WHO_OPENS = {
    "reports:report": READ_THE_CASE_FILE,
    "reports:versions": READ_THE_CASE_FILE,
    "reports:document": READ_THE_CASE_FILE,
    "reports:version": READ_THE_CASE_FILE,
    "reports:compare": READ_THE_CASE_FILE,
    # Those who comment: the panel and the chair.
    "reports:comment": {"independent chair", "panel member"},
    "reports:reply": {"independent chair", "panel member"},
    # The chair, who writes the report.
    "reports:resolve": {"independent chair"},
}


def url_for(name: str, case: Case, comment: ReportComment) -> str:
    args = [case.reference]
    if name not in ("reports:report", "reports:versions"):
        args.append(OVERVIEW)
    if name in ("reports:version", "reports:comment"):
        args.append(2)
    if name in ("reports:reply", "reports:resolve"):
        args.append(comment.pk)
    return reverse(name, args=args)


def with_a_thread():
    case, officer, chair = review_at_drafting()
    people = everyone(case, officer, chair)
    versioned(case, chair, "Jane's first draft.")
    version = versioned(case, chair, "Jane's second draft.")
    comment = drafting.comment_on(
        version=version, by=people["panel member"], section="introduction", text="Say more."
    )
    return case, people, comment


def test_every_drafting_url_is_in_the_matrix():
    from reports.urls import urlpatterns

    mine = {
        f"reports:{pattern.name}"
        for pattern in urlpatterns
        if pattern.callback.__module__ == "reports.views.drafting"
    }
    assert mine == set(WHO_OPENS)


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    case, people, comment = with_a_thread()
    url = url_for(name, case, comment)

    answers = {}
    for role in ROLES:
        client.force_login(people[role])
        answers[role] = client.get(url).status_code
    assert answers == {role: 200 if role in WHO_OPENS[name] else 404 for role in ROLES}

    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


def test_an_unknown_document_is_no_page(client):
    case, _, chair = review_at_drafting()
    client.force_login(chair)
    url = reverse("reports:report", args=[case.reference]) + "action-plan-x/"
    assert client.get(url).status_code == 404


# The report's page and the drafts ------------------------------------------------------------


def test_the_report_page_shows_each_documents_state_and_offers_the_chair_to_write(client):
    case, officer, chair = review_at_drafting()
    drafting.save_sections(
        case=case, by=chair, document=OVERVIEW, texts={"introduction": "a", "analysis": "b"}
    )
    drafting.make_version(case=case, by=chair, document=OVERVIEW)
    client.force_login(chair)
    page = client.get(reverse("reports:report", args=[case.reference])).content.decode()
    assert "2 of 10 sections written" in page
    assert "0 of 7 sections written" in page
    assert "Version 1, made by" in page
    assert "Write<span" in page
    assert "Versions of the drafts and the panel&#x27;s comments" in page
    client.force_login(officer)
    page = client.get(reverse("reports:report", args=[case.reference])).content.decode()
    assert "Write<span" not in page and "Read the draft" in page


def test_the_chair_saves_a_draft(client):
    case, _, chair = review_at_drafting()
    client.force_login(chair)
    url = reverse("reports:document", args=[case.reference, OVERVIEW])
    assert 'name="introduction"' in client.get(url).content.decode()
    response = client.post(url, {"introduction": "Zoë Brontë-Fávero's review.", "action": "save"})
    assert response.status_code == 302 and response.url == url
    assert drafting.draft_texts(case, OVERVIEW)["introduction"] == "Zoë Brontë-Fávero's review."
    assert not ReportVersion.objects.exists()


def test_the_chair_saves_and_makes_a_version_with_a_note(client):
    case, _, chair = review_at_drafting()
    client.force_login(chair)
    url = reverse("reports:document", args=[case.reference, SUMMARY])
    response = client.post(
        url,
        {"review_process": "Text", "note": "First draft", "action": "version"},
    )
    version = ReportVersion.objects.get()
    assert response.url == reverse("reports:version", args=[case.reference, SUMMARY, 1])
    assert (version.document, version.note, version.sections["review_process"]) == (
        SUMMARY,
        "First draft",
        "Text",
    )


def test_a_version_of_an_unchanged_draft_is_refused_next_to_the_note(client):
    case, _, chair = review_at_drafting()
    versioned(case, chair, "Text")
    client.force_login(chair)
    url = reverse("reports:document", args=[case.reference, OVERVIEW])
    response = client.post(url, {"introduction": "Text", "action": "version"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Nothing has changed since version 1" in page
    assert ReportVersion.objects.count() == 1


def test_outside_drafting_the_draft_is_read_only(client):
    case, _, chair = review_at_drafting()
    drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"analysis": "Kept"})
    Case.objects.filter(pk=case.pk).update(stage=Stage.CSP_SIGN_OFF)
    client.force_login(chair)
    url = reverse("reports:document", args=[case.reference, OVERVIEW])
    page = client.get(url).content.decode()
    assert "<textarea" not in page
    assert "can be read but not changed" in page and "Kept" in page
    assert client.post(url, {"analysis": "Changed", "action": "save"}).status_code == 404
    assert drafting.draft_texts(case, OVERVIEW)["analysis"] == "Kept"


def test_the_panel_reads_the_draft_without_a_form_or_the_register(client):
    case, officer, chair = review_at_drafting()
    panel_member = everyone(case, officer, chair)["panel member"]
    drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"analysis": "Draft"})
    client.force_login(panel_member)
    url = reverse("reports:document", args=[case.reference, OVERVIEW])
    page = client.get(url).content.decode()
    assert "Draft" in page and "<textarea" not in page
    assert reverse("cases:people", args=[case.reference]) not in page
    assert reverse("imr:combined_chronology", args=[case.reference]) in page
    assert client.post(url, {"analysis": "Mine", "action": "save"}).status_code == 404


def test_the_sources_list_each_accepted_imr(client):
    from imr.models import Imr, ImrVersion
    from tests.imr.imr_factories import commissioned

    case, _, chair = review_at_drafting()
    # Commissioned while at the IMRs (as the review's IMRs were), accepted and signed off.
    Case.objects.filter(pk=case.pk).update(stage=Stage.IMRS)
    imr = commissioned(case, chair)
    Case.objects.filter(pk=case.pk).update(stage=Stage.DRAFTING)
    Imr.objects.filter(pk=imr.pk).update(status=Imr.Status.ACCEPTED)
    ImrVersion.objects.create(
        imr=imr, number=1, signed_off_by=imr.senior_manager, sections={}, content_hash="x"
    )
    client.force_login(chair)
    page = client.get(reverse("reports:document", args=[case.reference, OVERVIEW])).content
    assert f"{imr.agency}</a>, version 1" in page.decode()


# Versions and the comparison -------------------------------------------------------------------


def test_the_version_page_shows_who_made_it_and_its_hash(client):
    case, people, _ = with_a_thread()
    client.force_login(people["CSP officer"])
    page = client.get(reverse("reports:version", args=[case.reference, OVERVIEW, 2])).content
    version = ReportVersion.objects.get(number=2)
    assert version.content_hash in page.decode()
    assert "Jane&#x27;s second draft." in page.decode()
    # The officer reads the comments, and neither comments nor resolves.
    assert "Say more." in page.decode()
    assert b"Add the comment" not in page and b"Resolve" not in page


def test_the_compare_page_shows_insertions_and_deletions(client):
    case, people, _ = with_a_thread()
    client.force_login(people["panel member"])
    url = reverse("reports:compare", args=[case.reference, OVERVIEW])
    page = client.get(url, {"older": 1, "newer": 2}).content.decode()
    assert "<del>Jane&#x27;s first draft.</del>" in page
    assert "<ins>Jane&#x27;s second draft.</ins>" in page
    assert "unchanged" in page


def test_comparing_needs_two_versions(client):
    case, _, chair = review_at_drafting()
    versioned(case, chair, "Only one")
    client.force_login(chair)
    assert client.get(reverse("reports:compare", args=[case.reference, OVERVIEW])).status_code == (
        404
    )


@pytest.mark.parametrize("versions", [1, 50])
def test_the_versions_page_costs_the_same_at_1_and_50_versions(
    client, django_assert_max_num_queries, versions
):
    case, _, chair = review_at_drafting()
    for number in range(versions):
        ReportVersion.objects.create(
            case=case, document=OVERVIEW, number=number + 1, sections={}, made_by=chair
        )
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:versions", args=[case.reference]))
    assert response.content.decode().count("Version ") >= versions


@pytest.mark.parametrize("versions", [1, 50])
def test_the_report_page_costs_the_same_at_1_and_50_versions(
    client, django_assert_max_num_queries, versions
):
    case, _, chair = review_at_drafting()
    for number in range(versions):
        ReportVersion.objects.create(
            case=case, document=SUMMARY, number=number + 1, sections={}, made_by=chair
        )
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:report", args=[case.reference]))
    assert f"Version {versions}, made by" in response.content.decode()


# Comments ------------------------------------------------------------------------------------


def test_a_panel_member_comments_from_the_version_page(client):
    case, people, _ = with_a_thread()
    client.force_login(people["panel member"])
    url = reverse("reports:comment", args=[case.reference, OVERVIEW, 2])
    response = client.post(url, {"section": "analysis", "text": "And the analysis?"})
    assert response.url == reverse("reports:version", args=[case.reference, OVERVIEW, 2])
    assert ReportComment.objects.filter(section="analysis", text="And the analysis?").exists()


def test_an_empty_comment_is_refused_next_to_its_field(client):
    case, people, _ = with_a_thread()
    client.force_login(people["panel member"])
    url = reverse("reports:comment", args=[case.reference, OVERVIEW, 2])
    page = client.post(url, {"section": "analysis", "text": ""}).content.decode()
    assert "There is a problem" in page and "Enter your comment." in page


def test_the_chair_replies_and_resolves(client):
    case, people, comment = with_a_thread()
    client.force_login(people["independent chair"])
    reply = reverse("reports:reply", args=[case.reference, OVERVIEW, comment.pk])
    client.post(reply, {"text": "Added."})
    resolve = reverse("reports:resolve", args=[case.reference, OVERVIEW, comment.pk])
    client.post(resolve, {})
    comment.refresh_from_db()
    assert comment.is_resolved and comment.replies.get().text == "Added."
    page = client.get(reverse("reports:version", args=[case.reference, OVERVIEW, 2])).content
    assert b"Resolved</strong> by" in page


@pytest.mark.parametrize("comments", [1, 50])
def test_the_version_page_costs_the_same_at_1_and_50_comments(
    client, django_assert_max_num_queries, comments
):
    case, people, thread = with_a_thread()
    for number in range(comments - 1):
        drafting.comment_on(
            version=thread.version,
            by=people["panel member"],
            section="",
            text=f"More {number}",
            reply_to=thread,
        )
    client.force_login(people["independent chair"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reports:version", args=[case.reference, OVERVIEW, 2]))
    assert response.content.decode().count("replied,") == comments - 1


def test_the_case_page_links_the_drafting_rows(client):
    case, officer, chair = review_at_drafting()
    client.force_login(chair)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("reports:document", args=[case.reference, OVERVIEW]) in page
    assert reverse("reports:report", args=[case.reference]) in page
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("reports:document", args=[case.reference, OVERVIEW]) not in page
    assert reverse("reports:report", args=[case.reference]) in page
