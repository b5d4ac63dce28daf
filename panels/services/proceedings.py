"""Parallel proceedings (DOMAIN.md 2.3): recording them, the early liaison, the documents
forwarded to the disclosure officer, the pause each may cause, and whether the criminal
proceedings have concluded."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Expression, OuterRef, Prefetch
from django.urls import reverse

from cases import clocks, rules, selectors
from cases.demo import register_builder
from cases.models import Case, Pause, User
from cases.roles import CaseRole
from cases.selectors import Task
from cases.services import (
    CaseActionRefused,
    PauseCauses,
    add_pause_causes,
    grant_membership,
    lock_case_for,
    record_event,
)
from cases.workflow import CLOSED_STAGES, Stage

from ..models import CHECKLIST, DocumentsForwarded, PauseCause, Proceeding
from . import terms

# The proceeding's fields a person records and changes (the form's fields).
DETAILS = [
    "kind",
    "description",
    "lead_contact_role",
    "lead_contact_name",
    "status",
    "charged_on",
    "trial_listed_for",
    "verdict_on",
    "sentenced_on",
    "appeal_window_ends_on",
    "inquest_opened_on",
    "inquest_resumed_on",
    "inquest_concluded_on",
    "outcome",
    "outcome_detail",
    "effect_on_review",
    "liaised_on",
    "agreed_approach",
]
# Dates of what has happened, never in the future; the trial listing and the end of the
# appeal window may be.
PAST_DATES = {
    "charged_on": "The date charged",
    "verdict_on": "The date of the verdict",
    "sentenced_on": "The date of sentence",
    "inquest_opened_on": "The date the inquest opened",
    "inquest_resumed_on": "The date the inquest resumed",
    "inquest_concluded_on": "The date the inquest concluded",
    "liaised_on": "The date of the early liaison",
}


_TEXT = {
    "kind",
    "description",
    "lead_contact_role",
    "lead_contact_name",
    "status",
    "outcome",
    "outcome_detail",
    "effect_on_review",
    "agreed_approach",
}


def _values(details: dict) -> dict:
    """Every field of DETAILS, blank where not given ("" for text, None for dates)."""
    return {f: details.get(f) or ("" if f in _TEXT else None) for f in DETAILS}


# Reading ----------------------------------------------------------------------------------


def proceedings_of(case: Case) -> list[Proceeding]:
    return list(case.proceedings.order_by("recorded_at", "id"))


def proceedings_with_records(case: Case):
    # A pause is read with the cause that links it to its proceeding (one to one).
    causes = Prefetch("pauses", queryset=PauseCause.objects.select_related("pause"))
    return (
        case.proceedings.select_related("recorded_by")
        .prefetch_related("documents_forwarded", causes)
        .order_by("recorded_at", "id")
    )


def criminal_proceedings_concluded(case: Case, *, on: date | None = None) -> bool:
    """Whether every criminal proceeding of the case is complete, for the publication guard
    ("all criminal proceedings complete", seed 002 App.1 and (14); seed 000 l.375). Complete
    means concluded with its outcome; after a conviction, sentenced too; and, where the
    setting DHR_APPEAL_WINDOW_MUST_PASS is on, the appeal window ended (DOMAIN 2.3 item 8)."""
    on = on or clocks.today()
    appeal_window = settings.DHR_APPEAL_WINDOW_MUST_PASS
    for proceeding in case.proceedings.all():
        if not proceeding.is_criminal:
            continue
        if proceeding.status != Proceeding.Status.CONCLUDED:
            return False
        if proceeding.outcome == Proceeding.Outcome.CONVICTED:
            if proceeding.sentenced_on is None:
                return False
            if appeal_window and (
                proceeding.appeal_window_ends_on is None or proceeding.appeal_window_ends_on >= on
            ):
                return False
    return True


# Writing ----------------------------------------------------------------------------------


def _locked_case(case: Case, by: User) -> Case:
    return lock_case_for(
        case,
        by=by,
        permission="manage_panel",
        refusal="You may not record parallel proceedings on this case.",
    )


def _check_details(case: Case, details: dict) -> None:
    today = clocks.today()
    for field, label in PAST_DATES.items():
        if details.get(field) and details[field] > today:
            raise CaseActionRefused(f"{label} must be today or in the past.", field=field)
    sentenced_on, verdict_on = details.get("sentenced_on"), details.get("verdict_on")
    if sentenced_on and verdict_on and sentenced_on < verdict_on:
        raise CaseActionRefused(
            "The date of sentence cannot be before the verdict.", field="sentenced_on"
        )
    if details.get("status") == Proceeding.Status.CONCLUDED and not details.get("outcome"):
        raise CaseActionRefused("Select the outcome of a concluded proceeding.", field="outcome")
    if details.get("liaised_on") and not details.get("agreed_approach"):
        raise CaseActionRefused(
            "Say what approach was agreed at the early liaison.", field="agreed_approach"
        )
    if case.is_closed:
        raise CaseActionRefused("The case is closed.")


@transaction.atomic
def record_proceeding(*, case: Case, by: User, **details) -> Proceeding:
    case = _locked_case(case, by)
    _check_details(case, details)
    proceeding = Proceeding(case=case, recorded_by=by, **_values(details))
    proceeding._history_user = by
    proceeding.full_clean()
    proceeding.save()
    record_event(
        case=case,
        name="case.proceeding.recorded",
        description=f"Parallel proceeding recorded: {proceeding}"[:300],
        actor=by,
    )
    return proceeding


@transaction.atomic
def update_proceeding(*, proceeding: Proceeding, by: User, **details) -> Proceeding:
    case = _locked_case(proceeding.case, by)
    _check_details(case, details)
    proceeding = Proceeding.objects.select_for_update().get(pk=proceeding.pk)
    for field, value in _values(details).items():
        setattr(proceeding, field, value)
    proceeding._history_user = by
    proceeding.full_clean()
    proceeding.save()
    record_event(
        case=case,
        name="case.proceeding.updated",
        description=f"Parallel proceeding updated: {proceeding}"[:300],
        actor=by,
    )
    return proceeding


@transaction.atomic
def record_documents_forwarded(
    *, proceeding: Proceeding, by: User, what: str, forwarded_on: date
) -> DocumentsForwarded:
    """What went to the disclosure officer, and when (seed 000 l.403; seed 001 §4.15)."""
    case = _locked_case(proceeding.case, by)
    if forwarded_on > clocks.today():
        raise CaseActionRefused(
            "The date forwarded must be today or earlier.", field="forwarded_on"
        )
    forwarded = DocumentsForwarded(
        proceeding=proceeding, what=what, forwarded_on=forwarded_on, recorded_by=by
    )
    forwarded._history_user = by
    forwarded.full_clean()
    forwarded.save()
    record_event(
        case=case,
        name="case.proceeding.documents_forwarded",
        description=f"Forwarded to the disclosure officer: {what}"[:300],
        actor=by,
    )
    return forwarded


# The pause form's "caused by" (cases.services.add_pause_causes) -----------------------------


def pause_cause_choices(case: Case) -> list[tuple[str, str]]:
    return [(f"proceeding-{p.pk}", str(p)) for p in proceedings_of(case)]


def record_pause_cause(*, pause: Pause, cause: str, by: User) -> PauseCause:
    proceeding = Proceeding.objects.get(case=pause.case, pk=int(cause.removeprefix("proceeding-")))
    link = PauseCause(pause=pause, proceeding=proceeding)
    link._history_user = by
    link.save()
    return link


# The case page's task list -------------------------------------------------------------------


def proceedings_row_reads(on: date) -> dict[str, Expression]:
    """Whether proceedings are recorded, and whether the current terms of reference leave one
    of them unaddressed, for proceedings_task_rows."""
    recorded = Proceeding.objects.filter(case=OuterRef("pk"))
    return {
        "panels_proceedings_recorded": Exists(recorded),
        "panels_proceedings_unaddressed": Exists(terms.unaddressed(recorded)),
    }


def proceedings_task_rows(case: Case) -> list[Task]:
    """Recording proceedings is optional (there may be none); once some are recorded the row
    is done when the current terms of reference address every one. `case` is read through
    case_file_cases, with proceedings_row_reads."""
    if case.stage in CLOSED_STAGES:
        return []
    if not case.panels_proceedings_recorded:
        status = "optional"
    elif not case.panels_proceedings_unaddressed:
        status = "done"
    else:
        status = "in progress"
    url = reverse("panels:proceedings", kwargs={"reference": case.reference})
    return [Task(Stage.PANEL_SET_UP, status, name="Parallel proceedings", url=url)]


# Registration (PanelsConfig.ready) ----------------------------------------------------------


def register_proceedings() -> None:
    selectors.add_task_rows(proceedings_task_rows, reads=proceedings_row_reads)
    add_pause_causes(
        PauseCauses(
            label="Which parallel proceeding causes the pause?",
            choices=pause_cause_choices,
            record=record_pause_cause,
        )
    )
    selectors.add_audit_source(
        lambda case: (
            Proceeding.history.filter(case_id=case.pk),
            lambda r: f"Parallel proceeding: {r.get_kind_display()}",
        )
    )
    selectors.add_audit_source(
        lambda case: (
            DocumentsForwarded.history.filter(proceeding__case_id=case.pk),
            lambda r: "Documents forwarded to the disclosure officer",
        )
    )
    selectors.add_audit_source(
        lambda case: (
            PauseCause.history.filter(pause__case_id=case.pk),
            lambda r: "Proceeding that caused a pause",
        )
    )
    register_builder("panels-terms-and-proceedings", build_demo, after=("DEMO-RIV-3",))


# Demo data ------------------------------------------------------------------------------------


def build_demo(ctx) -> None:
    """On the Riverside review at panel set-up (DEMO-RIV-3): the criminal trial it is paused
    for, linked to the pause, and terms of reference in two versions, the second agreed by the
    independent chair. Made once (keyed on the case having no versions yet)."""
    case = ctx.case("DEMO-RIV-3")
    if case.terms_of_reference_versions.exists():
        return
    officer = ctx.officer("RIV")
    chair = _demo_independent_chair(case, ctx, officer)
    trial = record_proceeding(
        case=case,
        by=officer,
        kind=Proceeding.Kind.PROSECUTION,
        description="R v Corbett, Riverside Crown Court",
        lead_contact_role=Proceeding.ContactRole.SIO,
        lead_contact_name="DCI Priya Shah",
        status=Proceeding.Status.ONGOING,
        charged_on=case.notified_on,
        trial_listed_for=clocks.add_calendar_months(ctx.on, 2),
        effect_on_review=Proceeding.Effect.PENDED,
        liaised_on=case.decided_on,
        agreed_approach=(
            "Agencies secure records and build chronologies now; no family or witness "
            "interviews until the trial ends, on the SIO's and CPS's advice."
        ),
    )
    pause = case.open_pause()
    if pause is not None and not hasattr(pause, "cause"):
        record_pause_cause(pause=pause, cause=f"proceeding-{trial.pk}", by=officer)
    checklist = {
        item.key: {"answer": f"Covered in section {n}."} for n, item in enumerate(CHECKLIST, 1)
    }
    checklist["honour_based_abuse"] = {"not_applicable": "No indication of honour-based abuse."}
    draft = {
        "scope": (
            "What agencies knew of coercive control and economic abuse in a long marriage, "
            "and whether opportunities to ask about abuse were taken."
        ),
        "checklist": checklist,
        "proceedings_addressed": {},
        "family_liaison_lead": "",
        "media_lead": "Riverside Council communications team",
    }
    terms.draft_terms_of_reference(case=case, by=officer, **draft)
    draft["proceedings_addressed"] = {
        str(trial.pk): "Pended: interviews wait for the verdict; chronologies go to the "
        "disclosure officer."
    }
    draft["family_liaison_lead"] = chair.full_name or str(chair)
    terms.draft_terms_of_reference(case=case, by=chair, **draft)
    terms.agree_terms_of_reference(case=case, by=chair, agreed_on=ctx.on)


def _demo_independent_chair(case, ctx, officer):
    """The case's independent chair; granted here only when no one holds the role yet (the
    chair's appointment is the independent chair part's, which may have made it already)."""
    if chair := rules.independent_chair_of(case):
        return chair
    chair = ctx.users["independent.chair@example.org"]
    grant_membership(case=case, user=chair, role=CaseRole.INDEPENDENT_CHAIR, by=officer)
    return chair
