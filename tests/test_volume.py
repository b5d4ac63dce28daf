"""seed_volume: national-scale benchmark data that keeps the service's invariants."""

import re
from collections import Counter, defaultdict
from datetime import date
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command

from cases import clocks, services
from cases.access import cases_visible_to
from cases.models import (
    Case,
    CaseEvent,
    CaseMembership,
    CaseReferenceCounter,
    CaseUserObjectPermission,
    Partnership,
    PartnershipRole,
    Person,
    User,
)
from cases.roles import permissions_for_roles, roles_with_permission
from cases.services import format_reference
from cases.volume import route_to, seed_volume
from cases.workflow import TRANSITIONS, Stage

pytestmark = pytest.mark.django_db

CASES, PARTNERSHIPS = 200, 5


@pytest.fixture
def seeded():
    return seed_volume(cases=CASES, partnerships=PARTNERSHIPS)


def test_it_creates_the_counts_asked_for(seeded):
    assert seeded["cases"] == Case.objects.count() == CASES
    assert seeded["partnerships"] == Partnership.objects.count() == PARTNERSHIPS
    assert sorted(Partnership.objects.values_list("code", flat=True)) == [
        "V001",
        "V002",
        "V003",
        "V004",
        "V005",
    ]
    assert PartnershipRole.objects.count() == 2 * PARTNERSHIPS
    assert Case.history.count() == CASES
    assert seeded["permissions"] == CaseUserObjectPermission.objects.count()
    assert seeded["memberships"] == CaseMembership.objects.count()


def test_every_case_has_one_victim_and_a_suspect(seeded):
    people = Counter(Person.objects.values_list("case_id", "role"))
    for case_id in Case.objects.values_list("id", flat=True):
        assert people[(case_id, Person.Role.VICTIM)] == 1
        assert people[(case_id, Person.Role.SUSPECT)] >= 1


def test_stages_are_varied_and_mostly_open(seeded):
    stages = Counter(Case.objects.values_list("stage", flat=True))
    assert len(stages) >= 6
    early = sum(
        stages[stage]
        for stage in (
            Stage.NOTIFIED,
            Stage.DECISION,
            Stage.PANEL_SET_UP,
            Stage.IMRS,
            Stage.DRAFTING,
        )
    )
    assert early > CASES / 2


def test_references_are_unique_and_numbered_per_partnership_and_year(seeded):
    references = list(Case.objects.values_list("reference", "partnership__code", "notified_on"))
    assert len({reference for reference, _, _ in references}) == CASES
    numbers = defaultdict(list)
    for reference, code, notified_on in references:
        match = re.fullmatch(r"DHR-(V\d{3})-(\d{4})-(\d{3,})", reference)
        assert match, reference
        assert (match[1], int(match[2])) == (code, notified_on.year)
        numbers[(code, notified_on.year)].append(int(match[3]))
    for (code, year), issued in numbers.items():
        assert sorted(issued) == list(range(1, len(issued) + 1))
        counter = CaseReferenceCounter.objects.get(partnership__code=code, year=year)
        assert counter.last_number == len(issued)


def test_the_services_continue_the_numbering(seeded):
    partnership = Partnership.objects.get(code="V001")
    officer = User.objects.get(email="officer.v001@volume.example")
    on = clocks.today()
    issued = Case.objects.filter(partnership=partnership, notified_on__year=on.year).count()

    case = services.record_notification(
        partnership=partnership,
        by=officer,
        notification={
            "notified_on": on,
            "source": Case.Source.POLICE,
            "date_of_death": on,
            "place_of_death": "Ashbury",
            "circumstances": "A new case after the volume data.",
        },
        victim={"real_name": "Test Victim", "pseudonym": "Adult A"},
        suspects=[{"real_name": "Test Suspect", "pseudonym": "Adult B"}],
    )

    assert case.reference == f"DHR-V001-{on.year}-{issued + 1:03d}"


def test_due_dates_come_from_the_clocks(seeded):
    for case in Case.objects.prefetch_related("extensions", "decisions"):
        assert case.decision_due_on == clocks.decision_due(case.notified_on)
        assert case.home_office_letter_due_on == clocks.home_office_letter_due(case.notified_on)
        assert case.date_of_death <= case.notified_on <= clocks.today()
        decisions = list(case.decisions.all())
        if decisions and decisions[0].holds_a_review:
            extension = max((e.new_due_on for e in case.extensions.all()), default=None)
            assert case.overview_report_due_on == clocks.overview_report_due(
                case.decided_on, extension
            )
        else:
            assert case.overview_report_due_on is None
        if case.stage in (Stage.NOTIFIED, Stage.DECISION):
            assert case.decided_on is None
            assert decisions == []
        else:
            assert case.notified_on <= case.decided_on <= clocks.today()
            # One decision, in force, whose date the case carries; its letters are its own.
            [decision] = decisions
            assert decision.is_current
            assert decision.decided_on == case.decided_on
            assert set(case.letters.values_list("decision", flat=True)) <= {decision.pk}


def test_guardian_rows_are_exactly_what_the_roles_grant(seeded):
    roles = defaultdict(set)
    for case_id, user_id, role in CaseMembership.objects.filter(ended_at__isnull=True).values_list(
        "case_id", "user_id", "role"
    ):
        roles[(case_id, user_id)].add(role)
    held = defaultdict(set)
    for case_id, user_id, codename in CaseUserObjectPermission.objects.values_list(
        "content_object_id", "user_id", "permission__codename"
    ):
        held[(case_id, user_id)].add(codename)

    assert held == {key: set(permissions_for_roles(value)) for key, value in roles.items()}
    assert {role for value in roles.values() for role in value} >= {
        "csp_officer",
        "csp_chair",
        "independent_chair",
        "panel_member",
    }


def test_an_officer_sees_exactly_their_partnerships_cases(seeded):
    officer = User.objects.get(email="officer.v001@volume.example")

    visible = set(cases_visible_to(officer).values_list("id", flat=True))

    expected = set(Case.objects.filter(partnership__code="V001").values_list("id", flat=True))
    assert visible == expected
    assert expected


def test_running_again_adds_cases_and_reuses_partnerships_and_people(seeded):
    users = User.objects.count()

    again = seed_volume(cases=50, partnerships=PARTNERSHIPS, seed=2)

    assert again["partnerships"] == again["users"] == again["partnership_roles"] == 0
    assert User.objects.count() == users
    assert Case.objects.count() == CASES + 50
    assert Case.objects.values("reference").distinct().count() == CASES + 50


def test_the_command_prints_counts(capsys):
    call_command("seed_volume", "--cases", "20", "--partnerships", "2")

    output = capsys.readouterr().out
    assert "Volume data written in" in output
    assert Case.objects.count() == 20


def test_the_command_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="demo mode"):
        call_command("seed_volume", "--cases", "5", "--partnerships", "1")

    assert not Case.objects.exists()


def test_dates_are_in_the_last_three_years(seeded):
    oldest = Case.objects.order_by("notified_on").first().notified_on
    assert oldest >= date(clocks.today().year - 3, 1, 1)


def test_the_reference_format_is_the_services_one(settings):
    assert format_reference("RIV", 2026, 7) == "DHR-RIV-2026-007"
    assert format_reference("RIV", 2026, 1234) == "DHR-RIV-2026-1234"
    settings.DHR_REFERENCE_PREFIX = "DARDR"
    assert format_reference("V001", 2025, 12) == "DARDR-V001-2025-012"


def test_volume_references_carry_the_configured_prefix(settings):
    settings.DHR_REFERENCE_PREFIX = "DARDR"

    seed_volume(cases=20, partnerships=2)

    references = Case.objects.values_list("reference", flat=True)
    assert all(re.fullmatch(r"DARDR-V00[12]-\d{4}-\d{3}", ref) for ref in references), references


def test_route_to_follows_the_declared_transitions():
    route = route_to(Stage.CONCLUDED, "joint_review")

    assert [t.name for t in route[:2]] == ["refer_for_decision", "decide_on_joint_review"]
    assert route[0].source == Stage.NOTIFIED and route[-1].target == Stage.CONCLUDED
    assert all(a.target == b.source for a, b in pairwise(route))
    assert route_to(Stage.NOTIFIED, None) == ()
    assert route_to(Stage.NOT_REVIEWED, "review") is None
    assert route_to(Stage.IMRS, None) is None  # no review without a decision


def test_each_case_reached_its_stage_by_declared_transitions_taken_by_members(seeded):
    by_event = {transition.event: transition for transition in TRANSITIONS}
    members = defaultdict(list)
    for membership in CaseMembership.objects.all():
        members[membership.case_id].append(membership)
    events = defaultdict(list)
    for event in CaseEvent.objects.exclude(name="case.notification.recorded").order_by("id"):
        events[event.case_id].append(event)

    for case in Case.objects.all():
        route = [by_event[event.name] for event in events[case.pk]]
        stage = Stage.NOTIFIED
        for transition, event in zip(route, events[case.pk], strict=True):
            assert transition.source == stage, case.reference
            stage = transition.target
            roles = roles_with_permission(transition.permission.removeprefix("cases."))
            assert any(
                m.user_id == event.actor_id and m.role in roles and m.since <= event.at
                for m in members[case.pk]
            ), (case.reference, transition.name)
        assert stage == case.stage, case.reference
        submitted = [e for e in events[case.pk] if e.name == "case.report.submitted"]
        if submitted:
            assert case.overview_report_completed_on == submitted[0].at.date()
        else:
            assert case.overview_report_completed_on is None
