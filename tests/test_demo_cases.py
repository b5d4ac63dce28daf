"""seed_demo's fictional cases: made through the services, idempotent, and visible only to
the people the demo says."""

from collections import defaultdict
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from cases import demo
from cases.access import cases_visible_to
from cases.clocks import add_calendar_months, today
from cases.demo import DEMO_CASES, demo_case_keys, demo_case_rows, seed_demo
from cases.models import (
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    CaseUserObjectPermission,
    Decision,
    Pause,
    Person,
    ReportExtension,
    User,
)
from cases.roles import permissions_for_roles
from cases.workflow import Stage

pytestmark = pytest.mark.django_db


def user(email: str) -> User:
    return User.objects.get(email=email)


def demo_case(key: str) -> Case:
    return Case.objects.get(police_reference=key)


def counts() -> dict[str, int]:
    models = (Case, Person, CaseEvent, CaseLetter, CaseMembership, CaseUserObjectPermission)
    return {model.__name__: model.objects.count() for model in (*models, Pause, ReportExtension)}


def test_seed_demo_twice_creates_the_cases_once():
    seed_demo()
    first = counts()

    seed_demo()

    assert counts() == first
    assert first["Case"] == len(demo_case_keys())


def test_the_demo_cases_cover_the_stages_built_so_far():
    seed_demo()

    stages = {
        (case.partnership.code, case.stage) for case in Case.objects.select_related("partnership")
    }
    assert stages == {
        ("RIV", Stage.NOTIFIED),
        ("RIV", Stage.DECISION),
        ("RIV", Stage.IMRS),
        ("RIV", Stage.DRAFTING),
        ("RIV", Stage.CSP_SIGN_OFF),
        ("RIV", Stage.PUBLICATION),
        ("RIV", Stage.MONITORING),
        ("RIV", Stage.CONCLUDED),
        ("RIV", Stage.NOT_REVIEWED),
        ("NOR", Stage.NOTIFIED),
        ("NOR", Stage.PANEL_SET_UP),
    }
    not_reviewed = demo_case("DEMO-RIV-4").current_decision()
    assert not_reviewed.outcome == Decision.Outcome.NO_REVIEW
    assert not_reviewed.reasons.strip()


def test_every_case_has_a_victim_and_a_suspect():
    seed_demo()

    for case in Case.objects.all():
        roles = set(case.people.values_list("role", flat=True))
        assert {Person.Role.VICTIM, Person.Role.SUSPECT} <= roles, case.reference


def test_the_review_has_both_letters_a_pause_and_an_extension():
    seed_demo()
    review = demo_case("DEMO-RIV-3")

    assert set(review.letters.values_list("recipient", flat=True)) == {"home_office", "family"}
    pause = review.pauses.get()
    assert pause.reason == "Criminal trial listed"
    assert pause.ends_on is None
    assert pause.expected_end_on > today()
    assert review.open_pause() == pause
    extension = review.extensions.get()
    assert review.overview_report_due_on == extension.new_due_on
    assert extension.agreed_by == user("chair@riverside.example")
    # Not told yet: the case page shows the open obligation.
    assert extension.home_office_told_on is None


def test_the_case_not_reviewed_records_why_no_letter_goes_to_the_family():
    seed_demo()
    case = demo_case("DEMO-RIV-4")

    assert list(case.letters.values_list("recipient", flat=True)) == ["home_office"]
    assert case.family_letter_not_sent().reason == "no_family"
    assert case.letters_still_to_send() == []


def test_one_case_was_reopened_on_the_home_offices_letter():
    seed_demo()
    case = demo_case("DEMO-RIV-5")

    assert case.stage == Stage.DECISION
    assert case.current_decision() is None
    [earlier] = case.decisions.all()
    assert earlier.outcome == Decision.Outcome.OTHER_REVIEW
    assert set(earlier.letters.values_list("recipient", flat=True)) == {"home_office", "family"}
    reopening = earlier.superseded_by
    assert reopening.received_on == today() - timedelta(days=6)
    assert reopening.copy
    # Due a month after the Home Office's letter: not overdue the day it was reopened.
    assert case.decision_due_on == add_calendar_months(reopening.received_on, 1)
    assert case.letters_still_to_send() == []


def test_one_case_has_an_overdue_decision():
    seed_demo()

    overdue = Case.objects.filter(decided_on__isnull=True, decision_due_on__lt=today())
    assert list(overdue.values_list("police_reference", flat=True)) == ["DEMO-RIV-2"]
    assert overdue.get().stage == Stage.DECISION


def test_the_outsider_holds_no_permission_on_any_case():
    seed_demo()
    outsider = user("outsider@example.org")

    assert not CaseUserObjectPermission.objects.filter(user=outsider).exists()
    assert not cases_visible_to(outsider).exists()


def test_the_panel_member_sees_exactly_the_reviews_they_sit_on():
    seed_demo()

    visible = cases_visible_to(user("panel.member@safehaven.example"))

    # The reviews from DEMO-RIV-6 on share its panel (reports.demo_reviews).
    reviews = ["DEMO-RIV-3", "DEMO-RIV-6", "DEMO-RIV-7", "DEMO-RIV-8", "DEMO-RIV-9", "DEMO-RIV-10"]
    assert set(visible) == {demo_case(key) for key in reviews}


def test_each_partnership_sees_only_its_own_cases():
    seed_demo()

    for email, code in (
        ("officer@riverside.example", "RIV"),
        ("chair@riverside.example", "RIV"),
        ("officer@northvale.example", "NOR"),
        ("chair@northvale.example", "NOR"),
    ):
        visible = cases_visible_to(user(email))
        assert set(visible) == set(Case.objects.filter(partnership__code=code)), email


def test_the_agency_roles_are_on_the_review_with_their_agency():
    seed_demo()
    review = demo_case("DEMO-RIV-3")

    for email in ("senior.manager@police.example", "imr.author@police.example"):
        membership = review.memberships.get(user__email=email)
        assert membership.agency.name == "Riverside Police"
        assert membership.granted_by.email == "officer@riverside.example"
    # The Home Office reviewer reads only the reviews whose package was sent.
    sent = {"DEMO-RIV-8", "DEMO-RIV-9", "DEMO-RIV-10"}
    assert {
        case.police_reference for case in cases_visible_to(user("qa.reviewer@homeoffice.example"))
    } == sent


def test_guardian_rows_match_the_memberships_exactly():
    seed_demo()

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


def test_the_command_prints_each_case_and_who_can_see_it():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()

    rows = demo_case_rows()
    assert len(rows) == len(demo_case_keys())
    for row in rows:
        assert row.reference in output
    panel_set_up = next(row for row in rows if row.reference == demo_case("DEMO-RIV-3").reference)
    assert "panel.member@safehaven.example" in panel_set_up.visible_to
    assert "outsider@example.org" not in output.split("Demo cases")[1]


@pytest.fixture
def own_registry(monkeypatch):
    """An empty registry of demo builders for this test; the app's comes back afterwards."""
    monkeypatch.setattr(demo, "_builders", {})


def test_a_builder_registered_from_another_app_runs_after_its_case_once(own_registry):
    runs = []

    def add_a_panel_note(ctx):
        # What panels would do from PanelsConfig.ready(): add its records to a demo case.
        case = ctx.case("DEMO-RIV-3")
        runs.append(case.reference)
        if not case.events.filter(name="demo.panel_note").exists():
            CaseEvent.objects.create(
                case=case, name="demo.panel_note", description="Panel note", actor=None
            )

    # Registered before the case it needs: `after` puts it in its place.
    demo.register_builder("panels.note", add_a_panel_note, after=("DEMO-RIV-3",))
    demo.register_demo_cases()

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    reference = demo_case("DEMO-RIV-3").reference
    assert runs == [reference, reference]  # once per run of seed_demo
    assert CaseEvent.objects.filter(name="demo.panel_note").count() == 1
    assert Case.objects.count() == len(DEMO_CASES)


def test_a_builder_waiting_for_one_never_registered_is_refused(own_registry):
    demo.register_builder("imr.reports", lambda ctx: None, after=("panels.missing",))

    with pytest.raises(ImproperlyConfigured, match=r"panels\.missing"):
        seed_demo()

    with pytest.raises(ImproperlyConfigured, match="registered already"):
        demo.register_builder("imr.reports", lambda ctx: None)
