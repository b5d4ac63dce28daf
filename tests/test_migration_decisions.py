"""The migration that made decisions rows: cases decided the old way (the decision in fields
of the case, letters keyed by its date, a reopening that cleared the fields) come out with
one Decision per decision, the letters on the decision they were about, and a reopened
case's clocks from its reopening.

It migrates the test database back to the schema before it, writes rows as the old code
did, and migrates forward again (committed data, so transaction=True)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.clocks import add_calendar_months
from cases.models import Case, Decision, FamilyLetterNotSent
from cases.workflow import Stage

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("cases", "0008_inbox_messages_and_their_emails")
NOTIFIED_ON = date(2026, 3, 2)
DECIDED_ON = date(2026, 3, 20)
REOPENED_AT = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


class OldWorld:
    """Rows written as the code before the migration wrote them."""

    def __init__(self, apps):
        self.apps = apps
        model = apps.get_model
        self.partnership = model("cases", "Partnership").objects.create(
            name="Oldtown CSP", code="OLD", local_authority_area="Oldtown"
        )
        self.officer = model("cases", "User").objects.create(
            email="officer@old.example", full_name="Otto Officer"
        )
        self.chair = model("cases", "User").objects.create(
            email="chair@old.example", full_name="Charles Chair"
        )
        self.clock = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def tick(self) -> datetime:
        self.clock += timedelta(hours=1)
        return self.clock

    def case(self, number: int, **fields):
        Case = self.apps.get_model("cases", "Case")
        due_on = add_calendar_months(NOTIFIED_ON, 1)
        case = Case.objects.create(
            reference=f"DHR-OLD-2026-{number:03d}",
            partnership=self.partnership,
            stage="notified",
            notified_on=NOTIFIED_ON,
            source="police",
            date_of_death=NOTIFIED_ON - timedelta(days=3),
            place_of_death="Oldtown",
            circumstances="Recorded before decisions were rows.",
            decision_due_on=due_on,
            home_office_letter_due_on=due_on,
            family_letter_due_on=due_on,
        )
        self.save(case)
        return case

    def save(self, case, **changes):
        """Change the case and write its history row, as the old services did."""
        for field, value in changes.items():
            setattr(case, field, value)
        case.save()
        Case = self.apps.get_model("cases", "Case")
        self.apps.get_model("cases", "HistoricalCase").objects.create(
            **{field.attname: getattr(case, field.attname) for field in Case._meta.concrete_fields},
            history_date=self.tick(),
            history_type="~",
        )

    def decide(self, case, decision: str, reasons: str, **extra):
        self.save(
            case,
            stage={"review": "panel_set_up", "no_review": "not_reviewed"}.get(
                decision, "other_review_leads"
            ),
            decision=decision,
            decided_on=DECIDED_ON,
            decided_by=self.chair,
            decision_reasons=reasons,
            **extra,
        )
        self.event(case, f"case.decision.{decision}", self.chair)

    def reopen(self, case, reason: str):
        self.save(
            case,
            stage="decision",
            decision="",
            decided_on=None,
            decided_by=None,
            decision_reasons="",
        )
        self.event(case, "case.reopened", self.chair, reason=reason, at=REOPENED_AT)

    def event(self, case, name, actor, reason="", at=None):
        self.apps.get_model("cases", "CaseEvent").objects.create(
            case=case, name=name, description=name, actor=actor, reason=reason, at=at or self.tick()
        )

    def letter(self, case, recipient: str):
        CaseLetter = self.apps.get_model("cases", "CaseLetter")
        letter = CaseLetter.objects.create(
            case=case,
            decided_on=case.decided_on,
            recipient=recipient,
            sent_on=case.decided_on + timedelta(days=1),
            method="email",
            sent_by=self.officer,
            copy="letters/old.pdf",
            copy_name="old.pdf",
        )
        self.apps.get_model("cases", "HistoricalCaseLetter").objects.create(
            **{
                field.attname: getattr(letter, field.attname)
                for field in CaseLetter._meta.concrete_fields
            },
            history_date=self.tick(),
            history_type="+",
        )
        return letter

    def no_family_letter(self, case):
        return self.apps.get_model("cases", "FamilyLetterNotSent").objects.create(
            case=case,
            decided_on=case.decided_on,
            reason="no_family",
            explanation="No next of kin was found.",
            recorded_on=case.decided_on,
            recorded_by=self.officer,
        )


def test_old_decisions_become_rows_with_their_letters():
    old = OldWorld(migrate([BEFORE]))
    # A review, with both letters.
    review = old.case(1)
    old.decide(review, "review", "", overview_report_due_on=add_calendar_months(DECIDED_ON, 6))
    review_letters = [old.letter(review, "home_office"), old.letter(review, "family")]
    # Not reviewed, reopened on the Home Office's advice and decided again the same day:
    # the old letters' key (case, recipient, date) then took the new decision's letters.
    redecided = old.case(2)
    old.decide(
        redecided, "no_review", "Neighbours, not related.", single_agency_review_suggested=True
    )
    first_letters = [old.letter(redecided, "home_office"), old.letter(redecided, "family")]
    old.reopen(redecided, "The Home Office advises a review.")
    old.decide(redecided, "review", "The Home Office advised a review.")
    # Another review leads; no family to write to.
    deferred = old.case(3)
    old.decide(deferred, "other_review", "A SAR leads.", other_review="sar")
    not_sent = old.no_family_letter(deferred)
    # Reopened and waiting for the new decision, its clocks still from the notification.
    waiting = old.case(4)
    old.decide(waiting, "no_review", "Not in scope.")
    waiting_letter = old.letter(waiting, "home_office")
    old.reopen(waiting, "")

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    decision = Decision.objects.get(case_id=review.pk)
    assert (decision.outcome, decision.decided_on, decision.decided_by_id, decision.is_current) == (
        "review",
        DECIDED_ON,
        old.chair.pk,
        True,
    )
    assert {letter.pk for letter in decision.letters.all()} == {
        letter.pk for letter in review_letters
    }
    assert decision.history.count() == 1

    earlier, current = Decision.objects.filter(case_id=redecided.pk).order_by("recorded_at")
    assert (earlier.outcome, earlier.reasons, earlier.single_agency_review_suggested) == (
        "no_review",
        "Neighbours, not related.",
        True,
    )
    assert (current.outcome, current.decided_on, current.is_current) == (
        "review",
        DECIDED_ON,
        True,
    )
    assert earlier.superseded_by.summary == "The Home Office advises a review."
    assert earlier.superseded_by.received_on == date(2026, 5, 4)
    assert {letter.pk for letter in earlier.letters.all()} == {
        letter.pk for letter in first_letters
    }
    case = Case.objects.get(pk=redecided.pk)
    # The new decision is owed its own letters at last.
    assert case.letters_still_to_send() == ["home_office", "family"]

    decision = Decision.objects.get(case_id=deferred.pk)
    assert (decision.outcome, decision.other_review) == ("other_review", "sar")
    assert FamilyLetterNotSent.objects.get(pk=not_sent.pk).decision == decision

    case = Case.objects.get(pk=waiting.pk)
    [superseded] = case.decisions.all()
    assert superseded.letters.get().pk == waiting_letter.pk
    assert superseded.superseded_by.summary.startswith("Reopened before the service recorded")
    assert (case.stage, case.decided_on, case.current_decision()) == (Stage.DECISION, None, None)
    assert case.decision_due_on == add_calendar_months(date(2026, 5, 4), 1)
    assert case.family_letter_due_on == case.decision_due_on
    assert case.events.filter(name="case.clocks.corrected").count() == 1

    for case in Case.objects.all():
        current = case.current_decision()
        assert case.decided_on == (current.decided_on if current else None)
