"""Existing decisions, moved to rows of their own (issue 8, DOMAIN H2, M3):

- A case with a decision gets one current Decision with the case's decision fields.
- A case that was reopened kept only a date on the letters about its earlier decision: the
  earlier decision is rebuilt from the case's own history (the last values it held before
  the reopening cleared it; "not reviewed", since only such a case could be reopened) and
  the events (the chair who decided), superseded by a Reopening made from the
  "case.reopened" event. The service did not ask for the Home Office's letter then: it is
  recorded as a letter received on the day of the reopening, with the reason given.
- Each letter, and each reason recorded instead of the family's letter, is linked to the
  decision it was about: the decision of the same date that was in force when it was
  recorded (two decisions can share a date; the letter's own history says when it was
  recorded).
- A reopened case's decision and letter clocks run from the reopening, a calendar month,
  as for a case reopened from now on; the change gets a history row and a case event.
"""

import calendar
from datetime import date, datetime, time

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

REOPENED_SUMMARY = (
    "Reopened before the service recorded the Home Office's letter; no reason was recorded."
)
NO_REASONS = "No reasons were recorded with this decision."
CHANGE_REASON = "Clocks from the reopening"


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def _history_row(apps, model_name: str, instance, when, kind: str = "+", user_id=None):
    model = apps.get_model("cases", model_name)
    historical = apps.get_model("cases", f"Historical{model_name}")
    historical.objects.create(
        **{
            field.attname: getattr(instance, field.attname) for field in model._meta.concrete_fields
        },
        history_date=when,
        history_type=kind,
        history_user_id=user_id,
        history_change_reason=CHANGE_REASON if kind == "~" else None,
    )


def _spans(apps, case) -> list[dict]:
    """The case's decisions, oldest first, from its history: each the decision fields it
    last held while decided, and when it began and (if reopened) ended."""
    HistoricalCase = apps.get_model("cases", "HistoricalCase")
    spans, current = [], None
    for row in HistoricalCase.objects.filter(id=case.pk).order_by("history_date", "history_id"):
        if row.decided_on is None:
            if current is not None:
                current["ended_at"] = row.history_date
                spans.append(current)
                current = None
            continue
        if current is None:
            current = {"started_at": row.history_date, "ended_at": None}
        current.update(
            decided_on=row.decided_on,
            outcome=row.decision,
            decided_by_id=row.decided_by_id,
            reasons=row.decision_reasons,
            single_agency_review_suggested=row.single_agency_review_suggested,
            other_review=row.other_review,
        )
    if case.decided_on is not None:
        # The live row is the authority on the decision in force.
        live = current or {"started_at": None, "ended_at": None}
        live.update(
            decided_on=case.decided_on,
            outcome=case.decision,
            decided_by_id=case.decided_by_id,
            reasons=case.decision_reasons,
            single_agency_review_suggested=case.single_agency_review_suggested,
            other_review=case.other_review,
        )
        spans.append(live)
    elif current is not None:
        # History says decided, the case says not: reopened without a history row.
        spans.append(current)
    return spans


def _outcome(span, event, case) -> str:
    if span.get("outcome"):
        return span["outcome"]
    if event is not None:
        return event.name.removeprefix("case.decision.")
    if span["ended_at"] is not None:
        return "no_review"  # only a case not reviewed could be reopened
    return {"not_reviewed": "no_review", "other_review_leads": "other_review"}.get(
        case.stage, "review"
    )


def _chair_of(apps, case):
    Membership = apps.get_model("cases", "CaseMembership")
    membership = (
        Membership.objects.filter(case=case, role="csp_chair").order_by("ended_at", "since").first()
    )
    return membership.user_id if membership else None


def _migrate_case(apps, case) -> None:
    CaseEvent = apps.get_model("cases", "CaseEvent")
    Decision = apps.get_model("cases", "Decision")
    Reopening = apps.get_model("cases", "Reopening")
    spans = _spans(apps, case)
    decision_events = list(
        CaseEvent.objects.filter(case=case, name__startswith="case.decision.").order_by("at", "id")
    )
    reopen_events = list(
        CaseEvent.objects.filter(case=case, name="case.reopened").order_by("at", "id")
    )
    decisions = []
    for index, span in enumerate(spans):
        event = decision_events[index] if index < len(decision_events) else None
        outcome = _outcome(span, event, case)
        decided_by_id = (
            span.get("decided_by_id") or (event and event.actor_id) or _chair_of(apps, case)
        )
        if decided_by_id is None:
            raise RuntimeError(f"{case.reference}: no one is recorded as having decided.")
        started_at = span["started_at"] or (event and event.at) or _aware(span["decided_on"])
        superseded_by = None
        if span["ended_at"] is not None:
            reopened = reopen_events.pop(0) if reopen_events else None
            superseded_by = Reopening.objects.create(
                case=case,
                kind="letter",
                received_on=timezone.localdate(reopened.at if reopened else span["ended_at"]),
                summary=(reopened.reason.strip() if reopened else "") or REOPENED_SUMMARY,
                recorded_by_id=(reopened and reopened.actor_id) or decided_by_id,
                recorded_at=reopened.at if reopened else span["ended_at"],
            )
            _history_row(apps, "Reopening", superseded_by, superseded_by.recorded_at)
        # Only "another review leads" named a review then; it always had to.
        other_review = (span.get("other_review") or "other") if outcome == "other_review" else ""
        decision = Decision.objects.create(
            case=case,
            outcome=outcome,
            decided_on=span["decided_on"],
            decided_by_id=decided_by_id,
            reasons=(span.get("reasons") or "").strip()
            or ("" if outcome == "review" else NO_REASONS),
            single_agency_review_suggested=bool(span.get("single_agency_review_suggested")),
            other_review=other_review,
            recorded_at=started_at,
            superseded_by=superseded_by,
        )
        _history_row(apps, "Decision", decision, started_at, user_id=decided_by_id)
        decisions.append((decision, started_at, span["ended_at"]))
    _link_letters(apps, case, decisions)
    _clocks_from_reopening(apps, case)


def _decision_for(decisions, decided_on, recorded_at):
    """The decision of that date in force when the record was made; failing that, the one
    in force then; failing that, the latest."""

    def in_force(start, end):
        return recorded_at is None or (start <= recorded_at and (end is None or recorded_at < end))

    same_date = [entry for entry in decisions if entry[0].decided_on == decided_on]
    for candidates in (
        [entry for entry in same_date if in_force(entry[1], entry[2])],
        same_date,
        [entry for entry in decisions if in_force(entry[1], entry[2])],
        decisions,
    ):
        if candidates:
            return candidates[-1][0]
    return None


def _link_letters(apps, case, decisions) -> None:
    for model_name in ("CaseLetter", "FamilyLetterNotSent"):
        model = apps.get_model("cases", model_name)
        historical = apps.get_model("cases", f"Historical{model_name}")
        for record in model.objects.filter(case=case):
            created = (
                historical.objects.filter(id=record.pk, history_type="+")
                .order_by("history_date")
                .first()
            )
            decision = _decision_for(
                decisions, record.decided_on, created.history_date if created else None
            )
            if decision is None:
                raise RuntimeError(f"{case.reference}: a letter about no decision.")
            model.objects.filter(pk=record.pk).update(decision=decision)
            historical.objects.filter(id=record.pk).update(decision=decision)


def _clocks_from_reopening(apps, case) -> None:
    """The decision and letter clocks of a reopened case run from the reopening."""
    Reopening = apps.get_model("cases", "Reopening")
    reopening = Reopening.objects.filter(case=case).order_by("-received_on", "-id").first()
    if reopening is None:
        return
    due_on = _add_month(reopening.received_on)
    fields = ("decision_due_on", "home_office_letter_due_on", "family_letter_due_on")
    if all(getattr(case, field) == due_on for field in fields):
        return
    for field in fields:
        setattr(case, field, due_on)
    case.save(update_fields=fields)
    _history_row(apps, "Case", case, timezone.now(), kind="~")
    apps.get_model("cases", "CaseEvent").objects.create(
        case=case,
        name="case.clocks.corrected",
        description=f"The decision and its letters are due by {due_on:%-d %B %Y}, a month "
        "after the case was reopened on the Home Office's advice",
    )


def _add_month(start: date) -> date:
    # cases.clocks.add_calendar_months(start, 1), frozen here as a migration must be.
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    CaseLetter = apps.get_model("cases", "CaseLetter")
    FamilyLetterNotSent = apps.get_model("cases", "FamilyLetterNotSent")
    decided = (
        Q(decided_on__isnull=False)
        | Q(pk__in=CaseLetter.objects.values("case"))
        | Q(pk__in=FamilyLetterNotSent.objects.values("case"))
        | Q(pk__in=CaseEvent.objects.filter(name="case.reopened").values("case"))
    )
    for case in Case.objects.filter(decided).order_by("pk").iterator():
        _migrate_case(apps, case)


def backwards(apps, schema_editor):
    """Put the current decision back on the case and the decision's date on its letters
    (0010 reversed has brought their fields back), then forget the rows. A joint review
    becomes a review: the case had no other way to say it."""
    Case = apps.get_model("cases", "Case")
    Decision = apps.get_model("cases", "Decision")
    for decision in Decision.objects.filter(superseded_by__isnull=True):
        Case.objects.filter(pk=decision.case_id).update(
            decision="review" if decision.outcome == "joint_review" else decision.outcome,
            decided_by_id=decision.decided_by_id,
            decision_reasons=decision.reasons,
            single_agency_review_suggested=decision.single_agency_review_suggested,
            other_review=decision.other_review if decision.outcome == "other_review" else "",
        )
    for model_name in ("CaseLetter", "FamilyLetterNotSent"):
        model = apps.get_model("cases", model_name)
        for record in model.objects.select_related("decision"):
            model.objects.filter(pk=record.pk).update(
                decided_on=record.decision.decided_on, decision=None
            )
        apps.get_model("cases", f"Historical{model_name}").objects.update(decision=None)
    for model_name in ("Decision", "Reopening"):
        apps.get_model("cases", f"Historical{model_name}").objects.all().delete()
    Decision.objects.all().delete()
    apps.get_model("cases", "Reopening").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_decisions_are_rows")]

    operations = [migrations.RunPython(forwards, backwards)]
