"""The family and friends record's services (DOMAIN.md 2.2 items 1-4 and 6-8), on
PostgreSQL through the services a page calls."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from cases import clocks, selectors
from cases.models import Person
from cases.roles import CaseRole, roles_with_permission
from cases.services import CaseActionRefused, pause_case
from panels.models import (
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    PseudonymChoice,
    Tribute,
)
from panels.selectors.family import family_task_rows, network_members
from panels.services import family as services
from tests.case_factories import (
    case_member,
    case_not_reviewed,
    case_with_letters_sent,
    days_ago,
    notified_case,
    partnership_with_staff,
)

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = "She told her sister about the miscarriage in confidence."


def family_case():
    """A review at panel set-up with its CSP officer, CSP chair and independent chair."""
    partnership, officer, chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    independent_chair = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer)
    return case, officer, chair, independent_chair


def add_sister(case, by, name="Sarah Doe"):
    return services.add_network_member(
        case=case,
        by=by,
        network=NetworkMember.Network.VICTIM,
        connection=NetworkMember.Connection.FAMILY,
        relationship="Sister",
        new_person={"role": Person.Role.FAMILY, "real_name": name},
    )


def advocate_details(**overrides):
    return {
        "name": "Bea Walsh",
        "organisation": "Safe Haven",
        "existing_relationship": True,
        "identified_with_police": True,
        "police_contact": "DS Khan, family liaison officer",
        "named_on": days_ago(1),
        **overrides,
    }


def contribution(case, by, member, visibility=Contribution.Visibility.PRIVATE):
    return services.record_contribution(
        case=case,
        by=by,
        member=member,
        received_on=days_ago(0),
        visibility=visibility,
        content=PRIVATE_WORDS,
        how_it_assisted="It explained a gap in her GP contact.",
    )


def event_texts(case) -> str:
    return " ".join(f"{e.name} {e.description} {e.reason}" for e in case.events.all())


# The advocate ------------------------------------------------------------------------------


def test_the_officer_names_the_advocate_and_the_timeline_does_not_name_them():
    case, officer, _, _ = family_case()

    advocate = services.name_advocate(case=case, by=officer, **advocate_details())

    assert advocate.named_by == officer and advocate.identified_with_police
    assert advocate.history.get().history_user == officer
    assert "family.advocate.named" in event_texts(case)
    assert "Bea Walsh" not in event_texts(case)


def test_a_new_advocate_replaces_the_current_one_and_keeps_them():
    case, officer, _, independent_chair = family_case()
    first = services.name_advocate(case=case, by=officer, **advocate_details(named_on=days_ago(3)))

    services.name_advocate(
        case=case, by=independent_chair, **advocate_details(name="Ann Other", named_on=days_ago(1))
    )

    first.refresh_from_db()
    assert first.replaced_on == days_ago(1)
    assert case.family_advocates.filter(replaced_on__isnull=True).get().name == "Ann Other"


def test_an_advocate_named_before_the_current_one_is_refused():
    case, officer, _, _ = family_case()
    services.name_advocate(case=case, by=officer, **advocate_details(named_on=days_ago(1)))

    with pytest.raises(CaseActionRefused) as refused:
        services.name_advocate(case=case, by=officer, **advocate_details(named_on=days_ago(2)))

    assert refused.value.field == "named_on"
    assert FamilyAdvocate.objects.count() == 1


@pytest.mark.parametrize("role", [CaseRole.CSP_CHAIR, CaseRole.PANEL_MEMBER])
def test_only_those_who_manage_the_panel_write_the_record(role):
    case, officer, chair, _ = family_case()
    someone = chair if role == CaseRole.CSP_CHAIR else case_member(case, role, by=officer)

    with pytest.raises(CaseActionRefused):
        services.name_advocate(case=case, by=someone, **advocate_details())

    assert not FamilyAdvocate.objects.exists()


def test_a_date_in_the_future_or_before_the_death_is_refused():
    case, officer, _, _ = family_case()
    for named_on in (clocks.today() + timedelta(days=1), case.date_of_death - timedelta(days=1)):
        with pytest.raises(CaseActionRefused) as refused:
            services.name_advocate(case=case, by=officer, **advocate_details(named_on=named_on))
        assert refused.value.field == "named_on"
    assert not FamilyAdvocate.objects.exists()


def test_a_closed_case_takes_no_family_record():
    partnership, officer, _ = partnership_with_staff()
    case = case_not_reviewed(partnership, officer)

    with pytest.raises(CaseActionRefused, match="closed"):
        services.name_advocate(case=case, by=officer, **advocate_details())


def test_contact_goes_on_while_the_review_is_paused():
    case, officer, _, _ = family_case()
    pause_case(case=case, by=officer, reason="Criminal trial", starts_on=days_ago(0))

    services.name_advocate(case=case, by=officer, **advocate_details())

    assert FamilyAdvocate.objects.filter(case=case).exists()


# Who is involved ---------------------------------------------------------------------------


def test_someone_new_is_added_to_the_register_and_the_record():
    case, officer, _, _ = family_case()

    member = add_sister(case, officer)

    assert member.person.case == case and member.person.real_name == "Sarah Doe"
    assert member.person.role == Person.Role.FAMILY


def test_the_independent_chair_picks_from_the_register_but_cannot_add_to_it():
    case, _, _, independent_chair = family_case()
    suspect = case.people.get(role=Person.Role.SUSPECT)

    member = services.add_network_member(
        case=case,
        by=independent_chair,
        person=suspect,
        network=NetworkMember.Network.PERPETRATOR,
        connection=NetworkMember.Connection.PERPETRATOR,
        relationship="The perpetrator",
    )
    assert member.person == suspect
    people = case.people.count()
    with pytest.raises(CaseActionRefused, match="register"):
        add_sister(case, independent_chair)
    assert case.people.count() == people


def test_a_person_of_another_case_or_already_in_the_record_is_refused():
    case, officer, _, _ = family_case()
    other = notified_case(case.partnership, officer)
    details = {
        "network": NetworkMember.Network.VICTIM,
        "connection": NetworkMember.Connection.FRIEND,
        "relationship": "Friend",
    }
    with pytest.raises(CaseActionRefused, match="this case"):
        services.add_network_member(case=case, by=officer, person=other.people.first(), **details)
    member = add_sister(case, officer)
    with pytest.raises(CaseActionRefused, match="already"):
        services.add_network_member(case=case, by=officer, person=member.person, **details)
    assert NetworkMember.objects.count() == 1


# A decision not to involve, or to delay ----------------------------------------------------


def honour_based_abuse_decision(case, by, **checks):
    return services.record_involvement_decision(
        case=case,
        by=by,
        kind=InvolvementDecision.Kind.NOT_INVOLVE,
        reason=InvolvementDecision.Reason.HONOUR_BASED_ABUSE,
        explanation="The victim's family may have been involved in the abuse.",
        decided_on=days_ago(0),
        **checks,
    )


def test_honour_based_abuse_needs_an_expert_and_the_confidentiality_checks():
    case, officer, _, _ = family_case()

    with pytest.raises(ValidationError) as refused:
        honour_based_abuse_decision(case, officer)

    assert set(refused.value.message_dict) == set(InvolvementDecision.HONOUR_BASED_ABUSE_CHECKS)
    assert not InvolvementDecision.objects.exists()


def test_an_honour_based_abuse_decision_stays_off_the_timeline():
    case, officer, _, _ = family_case()

    honour_based_abuse_decision(
        case,
        officer,
        expert_consulted="Karma Nirvana, by telephone",
        interpreter_checks="The interpreter is from another region and has no family links.",
        agency_member_checks="No panel member knows the family.",
    )

    assert InvolvementDecision.objects.get().expert_consulted == "Karma Nirvana, by telephone"
    assert "honour" not in event_texts(case).lower()
    assert "family.involvement.decided" in event_texts(case)


def test_a_delay_for_the_criminal_investigation_says_until_when():
    case, officer, _, _ = family_case()
    member = add_sister(case, officer)

    decision = services.record_involvement_decision(
        case=case,
        by=officer,
        member=member,
        kind=InvolvementDecision.Kind.DELAY,
        reason=InvolvementDecision.Reason.CRIMINAL_INVESTIGATION,
        explanation="The police asked us to wait until she has given evidence.",
        decided_on=days_ago(0),
        contact_expected_on=clocks.today() + timedelta(days=60),
    )

    assert decision.member == member
    with pytest.raises(ValidationError) as refused:
        services.record_involvement_decision(
            case=case,
            by=officer,
            kind=InvolvementDecision.Kind.DELAY,
            reason=InvolvementDecision.Reason.POST_MORTEM,
            explanation="Awaiting the second post mortem.",
            decided_on=days_ago(0),
            contact_expected_on=days_ago(1),
        )
    assert "contact_expected_on" in refused.value.message_dict


# First contact and the contact log ---------------------------------------------------------


def first_contact(case, by, member, **overrides):
    return services.record_first_contact(
        case=case,
        by=by,
        member=member,
        **{
            "contacted_on": days_ago(0),
            "made_by": "The advocate and the chair",
            "in_person": True,
            "information_letter_delivered": True,
            "leaflet_delivered": True,
            "language": "Polish",
            "interpreter": "A. Nowak, Language Line",
            **overrides,
        },
    )


def test_first_contact_not_in_person_needs_a_reason_and_is_recorded_once():
    case, officer, _, _ = family_case()
    member = add_sister(case, officer)

    with pytest.raises(ValidationError) as refused:
        first_contact(case, officer, member, in_person=False)
    assert "not_in_person_reason" in refused.value.message_dict

    contact = first_contact(case, officer, member)
    assert contact.language == "Polish" and contact.leaflet_delivered

    with pytest.raises(CaseActionRefused, match="already recorded"):
        first_contact(case, officer, member)
    assert FirstContact.objects.count() == 1


def test_contact_is_logged_after_someone_declines():
    case, officer, _, independent_chair = family_case()
    member = add_sister(case, officer)
    entry = {
        "case": case,
        "member": member,
        "kind": ContactLogEntry.Kind.UPDATE,
        "method": ContactLogEntry.Method.TELEPHONE,
        "through_advocate": True,
    }

    services.log_contact(
        by=officer,
        contacted_on=days_ago(2),
        summary="She does not want to take part.",
        declined=True,
        **entry,
    )
    services.log_contact(
        by=independent_chair,
        contacted_on=days_ago(0),
        summary="Told her the review is paused for the trial.",
        publication_timeline="Next spring at the earliest",
        **entry,
    )

    assert ContactLogEntry.objects.filter(case=case).count() == 2
    assert network_members(case).get().declined_on == days_ago(2)


def test_the_perpetrator_interview_is_a_contact():
    case, officer, _, _ = family_case()
    perpetrator = services.add_network_member(
        case=case,
        by=officer,
        person=case.people.get(role=Person.Role.SUSPECT),
        network=NetworkMember.Network.PERPETRATOR,
        connection=NetworkMember.Connection.PERPETRATOR,
        relationship="The perpetrator",
    )

    interview = services.log_contact(
        case=case,
        by=officer,
        member=perpetrator,
        contacted_on=days_ago(0),
        kind=ContactLogEntry.Kind.INTERVIEW,
        method=ContactLogEntry.Method.IN_PERSON,
        through_advocate=False,
        summary="Interviewed in prison with his solicitor present.",
    )

    assert interview.get_kind_display() == "Interview"


# Contributions, the pseudonym and the tribute ---------------------------------------------


def test_a_private_contribution_reaches_neither_the_timeline_nor_its_visibility():
    case, officer, _, _ = family_case()
    member = add_sister(case, officer)

    recorded = contribution(case, officer, member)

    assert recorded.visibility == Contribution.Visibility.PRIVATE
    assert PRIVATE_WORDS not in event_texts(case)
    assert "private" not in event_texts(case).lower()


def test_the_pseudonym_the_family_chose_goes_into_the_register():
    case, officer, _, independent_chair = family_case()
    member = add_sister(case, officer)
    victim = case.people.get(role=Person.Role.VICTIM)

    choice = services.record_pseudonym_choice(
        case=case,
        by=independent_chair,
        person=victim,
        pseudonym="Nora",
        chosen_by=member,
        chosen_on=days_ago(1),
    )

    victim.refresh_from_db()
    assert victim.pseudonym == "Nora" and victim.pseudonym_agreed_with_family
    latest = victim.history.first()
    assert latest.history_user == independent_chair
    assert latest.history_change_reason == "Pseudonym chosen by the family"
    assert PseudonymChoice.objects.get() == choice and choice.chosen_by == member


def test_the_tribute_is_one_per_case_and_its_changes_are_kept():
    case, officer, _, _ = family_case()
    member = add_sister(case, officer)

    services.record_tribute(
        case=case,
        by=officer,
        text="She loved the sea.",
        written_by=member,
        agreed_for_publication=False,
    )
    services.record_tribute(
        case=case,
        by=officer,
        text="She loved the sea and her garden.",
        written_by=member,
        agreed_for_publication=True,
    )

    tribute = Tribute.objects.get(case=case)
    assert tribute.agreed_for_publication and "garden" in tribute.text
    assert tribute.history.count() == 2


def test_someone_from_another_case_cannot_write_the_tribute():
    case, officer, _, _ = family_case()
    other_case, other_officer, _, _ = family_case()
    stranger = add_sister(other_case, other_officer)

    with pytest.raises(CaseActionRefused) as refused:
        services.record_tribute(
            case=case, by=officer, text="x", written_by=stranger, agreed_for_publication=False
        )

    assert refused.value.field == "written_by"


# The task list and the audit trail ---------------------------------------------------------


def family_row(case):
    return family_task_rows(selectors.case_file(case, on=clocks.today()).case)[0]


def test_the_task_row_follows_the_work():
    partnership, officer, _ = partnership_with_staff()
    assert family_row(notified_case(partnership, officer)).status == "cannot start yet"
    case, officer, _, _ = family_case()
    assert family_row(case).status == "not started"
    assert family_row(case).url == f"/cases/{case.reference}/family/"

    services.name_advocate(case=case, by=officer, **advocate_details())
    assert family_row(case).status == "in progress"

    first_contact(case, officer, add_sister(case, officer))
    assert family_row(case).status == "done"


def test_a_decision_not_to_involve_settles_the_task_row_too():
    case, officer, _, _ = family_case()
    services.name_advocate(case=case, by=officer, **advocate_details())
    honour_based_abuse_decision(
        case,
        officer,
        expert_consulted="A specialist BME women's organisation",
        interpreter_checks="Checked.",
        agency_member_checks="Checked.",
    )

    assert family_row(case).status == "done"
    read = selectors.case_file(case, on=clocks.today()).case
    rows = [t for t in selectors.task_list(read) if t.name == "Family and friends"]
    assert [row.status for row in rows] == ["done"]


def test_only_roles_that_read_the_register_read_the_audit_trail():
    """The audit trail shows each field's old and new value: a private contribution's words
    reach whoever reads it. Every role that reads the trail must read the register."""
    register = set(roles_with_permission("view_people_register"))
    assert set(roles_with_permission("view_audit_trail")) <= register


def test_the_family_record_joins_the_audit_trail():
    case, officer, _, _ = family_case()
    contribution(case, officer, add_sister(case, officer))

    labels = {entry.what for entry in selectors.audit_trail(case)}

    assert {"Family: person from the networks", "Family: contribution"} <= labels
