"""The migration that gave pauses an expected end and extensions a named CSP chair and a
date the Home Office was told: rows recorded the old way come out right.

It migrates the test database back to the schema before it, writes rows as the old code
did, and migrates forward again (committed data, so transaction=True)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cases.models import Case, CaseEvent, Pause, ReportExtension

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("cases", "0003_clock_fields_in_audit_trail")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_case(apps, partnership, number: int, today: date):
    Case = apps.get_model("cases", "Case")
    notified_on = today - timedelta(days=300)
    case = Case.objects.create(
        reference=f"DHR-OLD-2026-{number:03d}",
        partnership=partnership,
        stage="panel_set_up",
        notified_on=notified_on,
        source="police",
        date_of_death=notified_on - timedelta(days=3),
        place_of_death="Oldtown",
        circumstances="Recorded before the migration.",
        decision="review",
        decided_on=notified_on + timedelta(days=10),
        decision_due_on=notified_on + timedelta(days=30),
        home_office_letter_due_on=notified_on + timedelta(days=30),
        overview_report_due_on=notified_on + timedelta(days=190),
    )
    historical = apps.get_model("cases", "HistoricalCase")
    historical.objects.create(
        **{field.attname: getattr(case, field.attname) for field in Case._meta.concrete_fields},
        history_date=timezone.now(),
        history_type="+",
    )
    return case


def test_old_pauses_and_extensions_are_migrated():
    today = timezone.localdate()
    apps = migrate([BEFORE])
    User = apps.get_model("cases", "User")
    Partnership = apps.get_model("cases", "Partnership")
    Membership = apps.get_model("cases", "CaseMembership")
    OldPause = apps.get_model("cases", "Pause")
    OldExtension = apps.get_model("cases", "ReportExtension")
    partnership = Partnership.objects.create(
        name="Oldtown CSP", code="OLD", local_authority_area="O"
    )
    officer = User.objects.create(email="officer@old.example", full_name="Otto Officer")
    chair = User.objects.create(email="chair@old.example", full_name="Charles Chair")
    paused, extended = old_case(apps, partnership, 1, today), old_case(apps, partnership, 2, today)
    for case in (paused, extended):
        Membership.objects.create(
            case=case, user=chair, role="csp_chair", since=timezone.now() - timedelta(days=400)
        )
    # The form's "expected to resume" was saved as the end: the case looked unpaused, and a
    # second, overlapping pause was accepted.
    expected = OldPause.objects.create(
        case=paused,
        reason="Trial listed",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=20),
        recorded_by=officer,
    )
    second = OldPause.objects.create(
        case=paused, reason="Inquest", starts_on=today - timedelta(days=10), recorded_by=officer
    )
    finished = OldPause.objects.create(
        case=extended,
        reason="Trial",
        starts_on=today - timedelta(days=90),
        ends_on=today - timedelta(days=60),
        recorded_by=officer,
    )
    recorded_at = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 1 July
    extensions = {
        text: OldExtension.objects.create(
            case=extended,
            new_due_on=today + timedelta(days=30 * n),
            reason="Late IMRs",
            agreed_by=text,
            home_office_told=told,
            recorded_by=officer,
            recorded_at=recorded_at,
        )
        for n, (text, told) in enumerate(
            [
                ("Charles Chair, chair of the partnership", True),
                ("The CSP chair", False),
                ("The panel", False),
                ("", False),
            ],
            start=1,
        )
    }

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    expected, second, finished = (
        Pause.objects.get(pk=pause.pk) for pause in (expected, second, finished)
    )
    assert (expected.expected_end_on, expected.ends_on) == (
        today + timedelta(days=20),
        today - timedelta(days=10),  # cut where the later pause began: no overlap
    )
    assert (second.expected_end_on, second.ends_on) == (None, None)
    assert (finished.expected_end_on, finished.ends_on) == (None, today - timedelta(days=60))
    assert Case.objects.get(pk=paused.pk).open_pause() == second
    assert CaseEvent.objects.filter(case_id=paused.pk, name="case.pause.corrected").count() == 2
    assert expected.history.latest().history_change_reason.startswith("Corrected")

    migrated = {
        text: ReportExtension.objects.get(pk=extension.pk) for text, extension in extensions.items()
    }
    named = migrated["Charles Chair, chair of the partnership"]
    assert (named.agreed_by_id, named.agreed_on, named.home_office_told_on) == (
        chair.pk,
        date(2026, 7, 1),
        date(2026, 7, 1),
    )
    only_chair = migrated["The CSP chair"]
    assert (only_chair.agreed_by_id, only_chair.home_office_told_on) == (chair.pk, None)
    unknown = migrated["The panel"]
    assert (unknown.agreed_by, unknown.agreed_by_name) == (None, "The panel")
    assert migrated[""].agreed_by_name == "Not recorded"
    assert ReportExtension.objects.home_office_not_told().count() == 3

    for case in Case.objects.all():
        assert case.family_letter_due_on == case.home_office_letter_due_on
        assert {h.family_letter_due_on for h in case.history.all()} == {
            case.home_office_letter_due_on
        }
