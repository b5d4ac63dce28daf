"""Every case-scoped page against every role: the permission matrix of DESIGN §5, with the
design's answers (tests/design_roles.py, not cases.roles), plus a signed-in outsider, an
officer of another partnership and an anonymous visitor."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cases import services
from cases.roles import CaseRole
from cases.urls import urlpatterns as case_urlpatterns
from tests.case_factories import (
    case_awaiting_decision,
    case_member,
    case_not_reviewed,
    case_with_letters_sent,
    days_ago,
    letter_pdf,
    notified_case,
    outsider,
    partnership_with_staff,
    reopen,
)
from tests.design_roles import SHOULD_HOLD

pytestmark = pytest.mark.django_db

# URL name → (the permission the page needs, the state the case must be in for the page
# to exist at all).
CASE_PAGES = {
    "cases:detail": ("view_case", "notified"),
    "cases:people": ("view_case_file", "notified"),
    "cases:add_person": ("edit_case_file", "notified"),
    # Correcting a person needs the real names too; the roles that edit the file have both.
    "cases:correct_person": ("edit_case_file", "notified"),
    "cases:correct_notification": ("edit_case_file", "notified"),
    "cases:withdraw": ("edit_case_file", "notified"),
    "cases:recommendation": ("edit_case_file", "notified"),
    "cases:decision": ("record_decision", "decision"),
    "cases:record_letter": ("send_to_home_office", "not_reviewed"),
    "cases:family_letter_not_sent": ("send_to_home_office", "not_reviewed"),
    "cases:letter_copy": ("view_people_register", "review"),
    "cases:pause": ("edit_case_file", "notified"),
    "cases:resume": ("edit_case_file", "paused"),
    "cases:extension": ("edit_case_file", "review"),
    "cases:extension_home_office_told": ("send_to_home_office", "extended"),
    "cases:reopen": ("record_decision", "not_reviewed"),
    # The Home Office's letter names the victim, like the decision letters.
    "cases:reopening_copy": ("view_people_register", "reopened"),
    "cases:transfer": ("edit_case_file", "notified"),
    "cases:members": ("view_case_file", "notified"),
    "cases:end_membership": ("manage_panel", "review"),
    "cases:timeline": ("view_case_file", "notified"),
    "cases:audit": ("view_audit_trail", "notified"),
    "cases:access_log": ("view_audit_trail", "notified"),
}
POST_ONLY = {"cases:end_membership"}


def build_case(state):
    partnership, officer, chair = partnership_with_staff()
    if state == "notified":
        case = notified_case(partnership, officer)
    elif state == "decision":
        case = case_awaiting_decision(partnership, officer)
    elif state == "not_reviewed":
        case = case_not_reviewed(partnership, officer)
    elif state == "reopened":
        case = case_not_reviewed(partnership, officer)
        reopen(case, copy=letter_pdf("home-office-letter.pdf"))
    else:
        case = case_with_letters_sent(partnership, officer)
        if state == "paused":
            services.pause_case(
                case=case, by=officer, reason="Criminal trial", starts_on=days_ago(1)
            )
        if state == "extended":
            case = services.agree_extension(
                case=case,
                by=officer,
                new_due_on=case.overview_report_due_on + timedelta(days=60),
                reason="Trial adjourned",
                agreed_by=chair,
                agreed_on=days_ago(0),
            ).case
    people = {
        role: case_member(case, role, by=officer)
        for role in CaseRole
        if role not in (CaseRole.CSP_OFFICER, CaseRole.CSP_CHAIR)
    }
    people[CaseRole.CSP_OFFICER] = officer
    people[CaseRole.CSP_CHAIR] = case.partnership.roles.get(role="csp_chair").user
    return case, people


def url_for(name, case):
    kwargs = {"reference": case.reference}
    if name == "cases:correct_person":
        kwargs["person_id"] = case.people.first().pk
    if name == "cases:letter_copy":
        kwargs["letter_id"] = case.letters.first().pk
    if name == "cases:reopening_copy":
        kwargs["reopening_id"] = case.reopenings.get().pk
    if name == "cases:end_membership":
        kwargs["membership_id"] = case.memberships.get(role=CaseRole.PANEL_MEMBER, ended_at=None).pk
    return reverse(name, kwargs=kwargs)


def test_every_case_url_is_in_the_matrix():
    case_urls = {
        f"cases:{pattern.name}"
        for pattern in case_urlpatterns
        if "<str:reference>" in str(pattern.pattern)
    }
    assert case_urls == set(CASE_PAGES)


@pytest.mark.parametrize("name", sorted(CASE_PAGES))
def test_permission_matrix(client, name):
    permission, state = CASE_PAGES[name]
    case, people = build_case(state)
    other_partnership_officer = partnership_with_staff()[1]
    method = client.post if name in POST_ONLY else client.get

    answers = {}
    for role, user in people.items():
        client.force_login(user)
        url = url_for(name, case)  # end_membership consumes its membership: rebuild it
        answers[role.label] = method(url).status_code
        expected_ok = role in SHOULD_HOLD[permission]
        if name in POST_ONLY and expected_ok:
            assert answers[role.label] == 302
            services.grant_membership(
                case=case,
                user=people[CaseRole.PANEL_MEMBER],
                role=CaseRole.PANEL_MEMBER,
                by=people[CaseRole.CSP_OFFICER],
            )
        else:
            assert answers[role.label] == (200 if expected_ok else 404), (role, answers)
    for stranger in (outsider(), other_partnership_officer):
        client.force_login(stranger)
        assert method(url_for(name, case)).status_code == 404
    client.logout()
    response = method(url_for(name, case))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))
