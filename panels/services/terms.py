"""Terms of reference: drafting a version, agreeing it, sharing it with the family (DOMAIN.md
2.1 items 5-7), and what the rest of the service reads of them: the clock, the start_imrs
guards, the task-list row, the reminder."""

import difflib
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Exists, Expression, Func, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from cases import clocks, reminders, selectors, workflow
from cases.access import case_permissions
from cases.models import Case, User
from cases.roles import CaseRole
from cases.selectors import Task
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import REPORT_CLOCK_STAGES, Stage

from ..models import CHECKLIST, Proceeding, TermsOfReferenceVersion

# The terms are drafted and changed while the review works on them; they "remain under
# review" (seed 002 (7)) until the report is drafted.
DRAFTING_STAGES = REPORT_CLOCK_STAGES
PAGE = "the terms of reference page"


# Reading ----------------------------------------------------------------------------------


def versions(case: Case) -> list[TermsOfReferenceVersion]:
    return list(
        case.terms_of_reference_versions.select_related("drafted_by", "agreed_by").order_by(
            "-number"
        )
    )


def newest_first(case: Case | OuterRef) -> QuerySet[TermsOfReferenceVersion]:
    """The case's versions, the current one first (a case, or a reference to one in an
    outer query)."""
    return TermsOfReferenceVersion.objects.filter(case=case).order_by("-number")


def current_version(case: Case) -> TermsOfReferenceVersion | None:
    """The newest version: the terms as they stand, agreed or not."""
    return newest_first(case).first()


class _AddressedText(Func):
    """What a version's proceedings_addressed says of the proceeding whose id (as text) is
    the second argument: TermsOfReferenceVersion.addresses in SQL. Django's key transforms
    take only a key fixed in Python, so the key is joined in here: ->> on PostgreSQL,
    JSON_EXTRACT on SQLite (the demo)."""

    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " ->> "
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="JSON_EXTRACT(%(expressions)s || '\"')",
            arg_joiner=", '$.\"' || ",
            **extra_context,
        )


def unaddressed(proceedings: QuerySet[Proceeding]) -> QuerySet[Proceeding]:
    """Those of `proceedings` that the current version of their case's terms does not say
    how the review takes account of: every one when no version is drafted yet."""
    current = Subquery(newest_first(OuterRef("case")).values("proceedings_addressed")[:1])
    return proceedings.alias(addressed=_AddressedText(current, Cast("pk", TextField()))).filter(
        Q(addressed__isnull=True) | Q(addressed="")
    )


def may_draft(permissions: frozenset[str]) -> bool:
    """The CSP officer, the CSP chair and the independent chair draft (issue 9; DOMAIN 2.1
    item 5: "the officer may draft but not agree"; the standing panel's draft comes from the
    partnership, seed 002 (2)(d)). The officer and chair hold edit_case_file, the officer
    and independent chair manage_panel."""
    return bool(permissions & {"edit_case_file", "manage_panel"})


def terms_clock_reads(on: date) -> dict[str, Expression]:
    """The day the terms were first agreed, for terms_clock."""
    agreed = TermsOfReferenceVersion.objects.filter(case=OuterRef("pk"), agreed_on__isnull=False)
    return {
        "panels_terms_first_agreed_on": Subquery(agreed.order_by("number").values("agreed_on")[:1])
    }


def terms_clock(case: Case, on: date) -> list[clocks.Clock]:
    """The one-month target from the decision, shown once the review is set up: met on the
    day the terms were first agreed, which a later draft does not undo. A pause does not
    stop it: seed 000 l.160 sets it within the decision's month, like the decision itself.
    `case` is read through case_file_cases, with terms_clock_reads."""
    if case.decided_on is None or case.stage not in REPORT_CLOCK_STAGES:
        return []
    due_on = clocks.terms_of_reference_due(case.decided_on)
    met_on = case.panels_terms_first_agreed_on
    return [
        clocks.Clock("Terms of reference agreed", due_on, met_on, clocks.status(due_on, met_on, on))
    ]


def terms_not_agreed_due(until: date) -> list[tuple[int, date]]:
    """(case id, due date) of every review at panel set-up whose terms were never agreed and
    fall due by `until` (the reminder rule's rows). The due date is a calendar month after
    the decision, which SQLite (demo mode) cannot add, so it is computed here for each open
    case: one query whatever the number of cases."""
    cases = Case.objects.filter(stage=Stage.PANEL_SET_UP, decided_on__isnull=False).exclude(
        terms_of_reference_versions__agreed_on__isnull=False
    )
    rows = [
        (pk, clocks.terms_of_reference_due(decided_on))
        for pk, decided_on in cases.values_list("pk", "decided_on")
    ]
    return [(pk, due_on) for pk, due_on in rows if due_on <= until]


# Comparing versions -------------------------------------------------------------------------


def as_lines(version: TermsOfReferenceVersion, proceedings: list[Proceeding]) -> list[str]:
    """The version as lines of text, in a fixed order, for comparing with another."""
    lines = ["Scope and purpose of the review:", *version.scope.splitlines()]
    for item in CHECKLIST:
        if version.not_applicable(item):
            lines.append(f"{item.text}: not applicable, {version.not_applicable(item)}")
        else:
            lines.append(f"{item.text}: {version.answer(item) or '(not answered)'}")
    for proceeding in proceedings:
        lines.append(f"{proceeding}: {version.addresses(proceeding) or '(not addressed)'}")
    lines.append(f"Family liaison lead: {version.family_liaison_lead or '(not named)'}")
    lines.append(f"Media lead: {version.media_lead or '(not named)'}")
    return lines


@dataclass(frozen=True)
class DiffLine:
    change: str  # "added", "removed" or "same"
    text: str


def compare(
    older: TermsOfReferenceVersion,
    newer: TermsOfReferenceVersion,
    proceedings: list[Proceeding],
) -> list[DiffLine]:
    """Each line of the two versions, marked added, removed or the same (difflib)."""
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [
        DiffLine(kinds[line[0]], line[2:])
        for line in difflib.ndiff(as_lines(older, proceedings), as_lines(newer, proceedings))
        if line[0] in kinds
    ]


# Writing ------------------------------------------------------------------------------------


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def draft_terms_of_reference(
    *,
    case: Case,
    by: User,
    scope: str,
    checklist: dict[str, dict[str, str]],
    proceedings_addressed: dict[str, str],
    family_liaison_lead: str,
    media_lead: str,
) -> TermsOfReferenceVersion:
    """Record a new version. Changing agreed terms makes a draft to be agreed again."""
    case = _locked(case)
    if not may_draft(case_permissions(by, case)):
        raise CaseActionRefused("You may not draft the terms of reference of this case.")
    if case.stage not in DRAFTING_STAGES:
        raise CaseActionRefused("The terms of reference are drafted once a review is decided.")
    current = current_version(case)
    version = TermsOfReferenceVersion(
        case=case,
        number=current.number + 1 if current else 1,
        scope=scope,
        checklist=checklist,
        proceedings_addressed=proceedings_addressed,
        family_liaison_lead=family_liaison_lead,
        media_lead=media_lead,
        drafted_by=by,
    )
    if current and _same_terms(current, version):
        raise CaseActionRefused(f"Nothing has changed since version {current.number}.")
    version._history_user = by
    version.full_clean()
    version.save()
    record_event(
        case=case,
        name="case.terms_of_reference.drafted",
        description=f"Terms of reference drafted: version {version.number}",
        actor=by,
    )
    return version


def _same_terms(a: TermsOfReferenceVersion, b: TermsOfReferenceVersion) -> bool:
    fields = ["scope", "checklist", "proceedings_addressed", "family_liaison_lead", "media_lead"]
    return all(getattr(a, name) == getattr(b, name) for name in fields)


def agree_refusal(
    version: TermsOfReferenceVersion | None, proceedings: list[Proceeding]
) -> str | None:
    """Why this version cannot be agreed yet, or None."""
    if version is None:
        return "There are no terms of reference to agree yet: draft them first."
    if version.is_agreed:
        return f"Version {version.number} is agreed already."
    if outstanding := version.items_outstanding():
        names = "; ".join(item.text.lower() for item in outstanding)
        return f"Answer each checklist item or say why it does not apply. Still to do: {names}."
    # The terms "MUST consider parallel investigations" (seed 002 App.1).
    if unaddressed := [p for p in proceedings if not version.addresses(p)]:
        names = "; ".join(str(p) for p in unaddressed)
        return (
            f"Say how the review takes account of each parallel proceeding. Still to do: {names}."
        )
    return None


@transaction.atomic
def agree_terms_of_reference(*, case: Case, by: User, agreed_on: date) -> TermsOfReferenceVersion:
    """The independent chair agrees the current version (seed 000 l.323; seed 002 (7))."""
    case = lock_case_for(
        case,
        by=by,
        permission="agree_terms_of_reference",
        refusal="Only the independent chair agrees the terms of reference.",
    )
    version = current_version(case)
    if refusal := agree_refusal(version, list(case.proceedings.all())):
        raise CaseActionRefused(refusal)
    if agreed_on > clocks.today():
        raise CaseActionRefused("The date agreed must be today or earlier.", field="agreed_on")
    if agreed_on < timezone.localdate(version.drafted_at):
        raise CaseActionRefused(
            f"The date agreed cannot be before version {version.number} was drafted "
            f"({timezone.localdate(version.drafted_at):%-d %B %Y}).",
            field="agreed_on",
        )
    version.agreed_by, version.agreed_on = by, agreed_on
    version._history_user = by
    version.save(update_fields=["agreed_by", "agreed_on"])
    record_event(
        case=case,
        name="case.terms_of_reference.agreed",
        description=f"Terms of reference agreed: version {version.number}",
        actor=by,
    )
    return version


@transaction.atomic
def record_shared_with_family(
    *, case: Case, by: User, shared_on: date, family_comments: str = ""
) -> TermsOfReferenceVersion:
    """The current version shared with the family, and what they said of it (seed 002 (6):
    the family may influence the scope; a change they ask for is a new version)."""
    case = _locked(case)
    if not may_draft(case_permissions(by, case)):
        raise CaseActionRefused("You may not record this for the case.")
    version = current_version(case)
    if version is None:
        raise CaseActionRefused("There are no terms of reference to share yet: draft them first.")
    if shared_on > clocks.today():
        raise CaseActionRefused("The date shared must be today or earlier.", field="shared_on")
    if shared_on < timezone.localdate(version.drafted_at):
        raise CaseActionRefused(
            f"Version {version.number} was drafted after that date.", field="shared_on"
        )
    version.shared_with_family_on, version.family_comments = shared_on, family_comments
    version._history_user = by
    version.full_clean()
    version.save(update_fields=["shared_with_family_on", "family_comments"])
    record_event(
        case=case,
        name="case.terms_of_reference.shared_with_family",
        description=f"Terms of reference (version {version.number}) shared with the family",
        actor=by,
    )
    return version


# The start_imrs guards (DOMAIN 2.1 item 9) -------------------------------------------------


def terms_agreed(case) -> str | None:
    version = current_version(case)
    if version is None:
        return f"Draft the terms of reference and have the independent chair agree them, on {PAGE}."
    if not version.is_agreed:
        return (
            f"Version {version.number} of the terms of reference is not agreed: the "
            f"independent chair agrees it on {PAGE}."
        )
    return None


def proceedings_addressed(case) -> str | None:
    version = current_version(case)
    unaddressed = [p for p in case.proceedings.all() if not (version and version.addresses(p))]
    if unaddressed:
        names = "; ".join(str(p) for p in unaddressed)
        return (
            f"The terms of reference do not say how the review takes account of: {names}. "
            f"Add it on {PAGE}."
        )
    return None


def family_liaison_lead_named(case) -> str | None:
    version = current_version(case)
    if version is None or not version.family_liaison_lead:
        return f"Name the family liaison lead in the terms of reference, on {PAGE}."
    return None


# The case page's task list ------------------------------------------------------------------


def terms_row_reads(on: date) -> dict[str, Expression]:
    """Whether a version is drafted, and the day the current one was agreed (NULL while it
    is a draft), for terms_task_rows."""
    versions = newest_first(OuterRef("pk"))
    return {
        "panels_terms_drafted": Exists(versions),
        "panels_terms_current_agreed_on": Subquery(versions.values("agreed_on")[:1]),
    }


def terms_task_rows(case: Case):
    """`case` is read through case_file_cases, with terms_row_reads."""
    drafted, agreed = case.panels_terms_drafted, case.panels_terms_current_agreed_on is not None
    if case.stage == Stage.PANEL_SET_UP or drafted:
        status = "done" if agreed else "in progress" if drafted else "not started"
    else:
        status = "cannot start yet"
    url = reverse("panels:terms", kwargs={"reference": case.reference})
    return [
        Task(
            Stage.PANEL_SET_UP,
            status,
            name="Terms of reference agreed",
            url=url if status != "cannot start yet" else "",
        )
    ]


# Registration (PanelsConfig.ready) ----------------------------------------------------------


def register_terms_of_reference() -> None:
    for guard in (terms_agreed, proceedings_addressed, family_liaison_lead_named):
        workflow.add_guard("start_imrs", guard)
    selectors.add_task_rows(terms_task_rows, reads=terms_row_reads)
    selectors.add_clocks(terms_clock, reads=terms_clock_reads)
    selectors.add_audit_source(
        lambda case: (
            TermsOfReferenceVersion.history.filter(case_id=case.pk),
            lambda record: f"Terms of reference, version {record.number}",
        )
    )
    # The decision month (seed 000 l.160): a week before, the day before, on the day, then
    # weekly, to the independent chair who agrees and the officer who administers.
    reminders.register(
        reminders.ReminderRule(
            name="terms_of_reference_due",
            what="agreeing the terms of reference",
            days_before=(7, 1, 0),
            weekly_when_overdue=True,
            recipients=(CaseRole.INDEPENDENT_CHAIR, CaseRole.CSP_OFFICER),
            due_dates=terms_not_agreed_due,
        )
    )
