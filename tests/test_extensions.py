"""Extensions of the overview report deadline (DESIGN §3, §4; DOMAIN M2): agreed by a CSP
chair on the case, with the reason and the new date; implausible dates refused at their
field; and the Home Office told, as a date, an obligation the case page shows until done."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cases import clocks, services
from cases.models import PartnershipRole, ReportExtension
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from tests.case_factories import (
    case_member,
    case_with_letters_sent,
    days_ago,
    partnership_with_staff,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def review():
    partnership, officer, chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(30))
    return case, officer, chair


def extension_post(chair, new_due_on, **changes):
    return {
        **date_fields("new_due_on", new_due_on),
        "reason": "The criminal trial was adjourned to the spring.",
        "agreed_by": chair.pk,
        **date_fields("agreed_on", days_ago(0)),
        **changes,
    }


def test_the_form_offers_the_cases_csp_chairs_and_records_who_agreed(client, review):
    case, officer, chair = review
    deputy = UserFactory(full_name="Dana Deputy", partnership=case.partnership)
    services.grant_partnership_role(
        partnership=case.partnership, user=deputy, role=PartnershipRole.Role.CHAIR, by=None
    )
    url = reverse("cases:extension", kwargs={"reference": case.reference})
    client.force_login(officer)

    form = client.get(url).context["form"]
    assert list(form.fields["agreed_by"].queryset) == [chair, deputy]

    new_due_on = case.overview_report_due_on + timedelta(days=90)
    response = client.post(url, extension_post(deputy, new_due_on))

    assert response.status_code == 302
    extension = case.extensions.get()
    assert (extension.agreed_by, extension.agreed_on, extension.recorded_by) == (
        deputy,
        days_ago(0),
        officer,
    )
    assert extension.home_office_told_on is None
    case.refresh_from_db()
    assert case.overview_report_due_on == new_due_on


def test_only_a_csp_chair_of_the_case_can_be_named_as_agreeing(review):
    case, officer, _chair = review
    other_partnership_chair = partnership_with_staff()[2]
    independent_chair = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer)
    for not_a_csp_chair in (officer, independent_chair, other_partnership_chair):
        with pytest.raises(CaseActionRefused, match="Select the CSP chair") as refusal:
            services.agree_extension(
                case=case,
                by=officer,
                new_due_on=case.overview_report_due_on + timedelta(days=30),
                reason="Trial",
                agreed_by=not_a_csp_chair,
                agreed_on=days_ago(0),
            )
        assert refusal.value.field == "agreed_by"
    assert not ReportExtension.objects.exists()


@pytest.mark.parametrize("years_later", [3, 73])
def test_an_implausible_new_date_is_refused_next_to_the_field(client, review, years_later):
    case, officer, chair = review
    due_on = case.overview_report_due_on
    typo = due_on.replace(year=due_on.year + years_later)
    client.force_login(officer)

    response = client.post(
        reverse("cases:extension", kwargs={"reference": case.reference}),
        extension_post(chair, typo, reason=""),
    )

    latest = clocks.add_calendar_months(due_on, 24)
    message = (
        f"The new date must be no later than {latest:%-d %B %Y}, 2 years after the current "
        "due date. Check the year."
    )
    errors = response.context["form"].errors
    # Every answer is checked at once: the date beside the field, with the others.
    assert errors["new_due_on"] == [message]
    assert errors["reason"] == ["Enter why more time is needed."]
    assert 'href="#id_new_due_on_day"' in response.content.decode()
    with pytest.raises(CaseActionRefused, match="Check the year") as refusal:
        services.agree_extension(
            case=case,
            by=officer,
            new_due_on=typo,
            reason="Trial",
            agreed_by=chair,
            agreed_on=days_ago(0),
        )
    assert refusal.value.field == "new_due_on"
    assert not ReportExtension.objects.exists()
    case.refresh_from_db()
    assert case.overview_report_due_on == due_on


def test_the_latest_plausible_date_is_accepted(review):
    case, officer, chair = review
    latest = clocks.add_calendar_months(case.overview_report_due_on, 24)
    services.agree_extension(
        case=case,
        by=officer,
        new_due_on=latest,
        reason="A long trial",
        agreed_by=chair,
        agreed_on=days_ago(0),
    )
    case.refresh_from_db()
    assert case.overview_report_due_on == latest


def test_until_the_home_office_is_told_the_case_page_shows_the_obligation(client, review):
    case, officer, chair = review
    services.agree_extension(
        case=case,
        by=officer,
        new_due_on=case.overview_report_due_on + timedelta(days=60),
        reason="Trial adjourned",
        agreed_by=chair,
        agreed_on=days_ago(3),
    )
    told_url = reverse("cases:extension_home_office_told", kwargs={"reference": case.reference})
    client.force_login(officer)

    content = client.get(case.get_absolute_url()).content.decode()
    assert "The Home Office has not been told" in content
    assert told_url in content
    assert f"agreed by {chair} on {days_ago(3):%-d %B %Y}" in content

    refused = client.post(told_url, date_fields("told_on", days_ago(4)))
    assert refused.context["form"].errors["told_on"] == [
        "The Home Office cannot have been told before the extension was agreed "
        f"({days_ago(3):%-d %B %Y})."
    ]
    response = client.post(told_url, date_fields("told_on", days_ago(1)))

    assert response.status_code == 302
    assert case.extensions.get().home_office_told_on == days_ago(1)
    assert case.events.filter(name="case.extension.home_office_told", actor=officer).exists()
    content = client.get(case.get_absolute_url()).content.decode()
    assert "The Home Office has not been told" not in content
    assert told_url not in content
    assert f"Home Office told on {days_ago(1):%-d %B %Y}" in content
    assert client.get(told_url).status_code == 404


def test_an_extension_recorded_with_the_home_office_told_opens_no_obligation(client, review):
    case, officer, chair = review
    services.agree_extension(
        case=case,
        by=officer,
        new_due_on=case.overview_report_due_on + timedelta(days=60),
        reason="Trial adjourned",
        agreed_by=chair,
        agreed_on=days_ago(3),
        home_office_told_on=days_ago(2),
    )
    client.force_login(officer)

    content = client.get(case.get_absolute_url()).content.decode()

    assert "The Home Office has not been told" not in content
    assert not ReportExtension.objects.home_office_not_told().exists()


def test_telling_the_home_office_of_the_latest_date_covers_earlier_extensions(review):
    case, officer, chair = review
    for days in (60, 120):
        case.refresh_from_db()
        services.agree_extension(
            case=case,
            by=officer,
            new_due_on=case.overview_report_due_on + timedelta(days=days),
            reason="Trial adjourned again",
            agreed_by=chair,
            agreed_on=days_ago(5),
        )

    told = services.record_home_office_told_of_extension(case=case, by=chair, told_on=days_ago(0))

    assert len(told) == 2
    assert set(case.extensions.values_list("home_office_told_on", flat=True)) == {days_ago(0)}
    with pytest.raises(CaseActionRefused, match="told of every extension"):
        services.record_home_office_told_of_extension(case=case, by=chair, told_on=days_ago(0))
