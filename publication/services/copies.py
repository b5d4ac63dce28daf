"""Copies and notices (DOMAIN.md 2.8 items 4-6): after publication, a copy to each
participating agency's senior manager (seed 000 l.259; seed 002 (13)(a)), to the family with
the QA letter (seed 002 (13)(g)), the Home Office told of publication with the links (seed
002 (13)(f)) and, later, the Home Office library's link; and, published or not, the
completed report sent to each body owed a copy (settings.DHR_REPORT_RECIPIENTS: the Domestic
Abuse Commissioner, DVCVA 2004 s.9(3B)-(3C)).

When the report counts as completed is computed from the case's event log, not opened by a
hook: the first event named settings.DHR_REPORT_COMPLETED_EVENT (the Home Office's clearance
by default). A setting changed later then applies to every case alike, and there is no
second record of the same fact to drift from the log."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from cases.clocks import today
from cases.models import Agency, Case, CaseEvent, User
from cases.reminders import ReminderRule
from cases.roles import CaseRole
from cases.services import CaseActionRefused, lock_case_for, record_event
from imr.models import Imr
from reports.models import Action, Document, ReportVersion

from ..models import CopySent, Publication, ReportCopy

RECORDS = "Only the CSP officer or chair records the copies sent."


def _lock(case: Case, by: User) -> Case:
    return lock_case_for(case, by=by, permission="send_to_home_office", refusal=RECORDS)


def _not_future(on: date, field: str) -> None:
    if on > today():
        raise CaseActionRefused("The date must be today or in the past.", field=field)


# Copies after publication ----------------------------------------------------------------


def participating_agencies(case: Case | Expression) -> QuerySet[Agency]:
    """The agencies with an IMR on `case` (or a reference to one, for an annotation) or
    leading one of its actions."""
    reviewed = Imr.objects.filter(case=case, agency=OuterRef("pk"))
    leading = Action.objects.filter(recommendation__case=case, lead_agency=OuterRef("pk"))
    return Agency.objects.filter(Exists(reviewed) | Exists(leading)).order_by("name")


# The copies owed besides one to each participating agency, in the order listed.
NOTICES = (CopySent.Kind.FAMILY, CopySent.Kind.HOME_OFFICE_TOLD, CopySent.Kind.LIBRARY_LINK)


@dataclass(frozen=True)
class Owed:
    kind: str
    label: str
    agency: Agency | None = None
    sent: CopySent | None = None


def copies(case: Case) -> list[Owed]:
    """Every copy and notice owed once the review is published, each with its record when
    sent. None is owed for a review not published."""
    if not hasattr(case, "publication"):
        return []
    sent = {(copy.kind, copy.agency_id): copy for copy in case.copies_sent.all()}
    owed = [
        Owed(CopySent.Kind.AGENCY, f"Copy to {agency}'s senior manager", agency)
        for agency in participating_agencies(case)
    ]
    owed += [Owed(kind, kind.label) for kind in NOTICES]
    return [
        Owed(o.kind, o.label, o.agency, sent.get((o.kind, o.agency.pk if o.agency else None)))
        for o in owed
    ]


def copies_sent_and_unsent() -> dict[str, Expression]:
    """Whether some copy that copies() owes the case of the outer query is sent, and whether
    some is not (the case's page reads them with the case): a copy to each participating
    agency (a copy recorded names its agency) and one notice of each kind (a notice names
    none)."""
    case = OuterRef(OuterRef("pk"))
    agencies = participating_agencies(case)
    agency_copy = Exists(
        CopySent.objects.filter(case=case, kind=CopySent.Kind.AGENCY, agency=OuterRef("pk"))
    )
    notices = [
        Exists(CopySent.objects.filter(case=OuterRef("pk"), kind=kind, agency=None))
        for kind in NOTICES
    ]
    some_sent = Exists(agencies.filter(agency_copy))
    some_unsent = Exists(agencies.exclude(agency_copy))
    for notice in notices:
        some_sent |= notice
        some_unsent |= ~notice
    return {
        "publication_copy_sent": ExpressionWrapper(some_sent, output_field=BooleanField()),
        "publication_copy_unsent": ExpressionWrapper(some_unsent, output_field=BooleanField()),
    }


@transaction.atomic
def record_copy(
    *,
    case: Case,
    by: User,
    kind: str,
    sent_on: date,
    how: str,
    agency: Agency | None = None,
    links: str = "",
) -> CopySent:
    case = _lock(case, by)
    if not hasattr(case, "publication"):
        raise CaseActionRefused("Copies are recorded once the review is published.")
    _not_future(sent_on, "sent_on")
    owed = next(
        (o for o in copies(case) if o.kind == kind and o.agency == agency),
        None,
    )
    if owed is None:
        raise CaseActionRefused("No such copy is owed on this review.", field="kind")
    if owed.sent is not None:
        raise CaseActionRefused(f"{owed.label} is recorded already.", field="kind")
    if kind in (CopySent.Kind.HOME_OFFICE_TOLD, CopySent.Kind.LIBRARY_LINK) and not links.strip():
        raise CaseActionRefused("Give the links.", field="links")
    copy = CopySent(
        case=case,
        kind=kind,
        agency=agency,
        sent_on=sent_on,
        how=how.strip(),
        links=links.strip(),
        recorded_by=by,
    )
    copy._history_user = by
    copy.save()
    record_event(
        case=case, name="publication.copy.recorded", description=owed.label[:300], actor=by
    )
    return copy


# The report's copies owed (the Domestic Abuse Commissioner's) ----------------------------


def completions() -> QuerySet[CaseEvent]:
    """The events that complete a report, as the setting names them (by default the Home
    Office's clearance): a case's first is its report's completion."""
    return CaseEvent.objects.filter(name=settings.DHR_REPORT_COMPLETED_EVENT)


def completed_on(case: Case) -> date | None:
    """The date the report was completed, for the copies owed."""
    event = completions().filter(case=case).order_by("at", "id").first()
    return event.at.date() if event else None


def recipients() -> dict[str, str]:
    return dict(settings.DHR_REPORT_RECIPIENTS)


@dataclass(frozen=True)
class CopyOwed:
    recipient: str
    name: str
    owed_since: date
    sent: ReportCopy | None


def report_copies(case: Case) -> list[CopyOwed]:
    """Each body owed a copy, from the report's completion on, whether or not it is
    published; empty before completion."""
    since = completed_on(case)
    if since is None:
        return []
    sent = {copy.recipient: copy for copy in case.report_copies.select_related("version")}
    return [
        CopyOwed(key, name, since, sent.get(key)) for key, name in settings.DHR_REPORT_RECIPIENTS
    ]


def report_copies_read() -> dict[str, Expression]:
    """Whether the report of the case of the outer query is completed, and how many of the
    copies report_copies() owes are sent (one a recipient at most), read with the case."""
    sent = (
        ReportCopy.objects.filter(case=OuterRef("pk"), recipient__in=recipients())
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "publication_report_completed": Exists(completions().filter(case=OuterRef("pk"))),
        "publication_report_copies_sent": Coalesce(Subquery(sent), 0),
    }


def final_version(case: Case) -> ReportVersion | None:
    return (
        case.report_versions.filter(document=Document.OVERVIEW_REPORT).order_by("-number").first()
    )


@transaction.atomic
def record_report_copy(
    *,
    case: Case,
    by: User,
    recipient: str,
    sent_on: date,
    method: str,
    version: ReportVersion | None = None,
) -> ReportCopy:
    case = _lock(case, by)
    owed = next((o for o in report_copies(case) if o.recipient == recipient), None)
    if owed is None:
        raise CaseActionRefused("No copy of the report is owed to them yet.", field="recipient")
    if owed.sent is not None:
        raise CaseActionRefused(f"The copy to {owed.name} is recorded already.", field="recipient")
    _not_future(sent_on, "sent_on")
    if sent_on < owed.owed_since:
        raise CaseActionRefused(
            "The date sent cannot be before the report was completed "
            f"({owed.owed_since:%-d %B %Y}).",
            field="sent_on",
        )
    version = version or final_version(case)
    if version is None or version.case_id != case.pk:
        raise CaseActionRefused("Choose the version sent.", field="version")
    copy = ReportCopy(
        case=case,
        recipient=recipient,
        sent_on=sent_on,
        method=method.strip(),
        version=version,
        sent_by=by,
    )
    copy._history_user = by
    copy.save()
    record_event(
        case=case,
        name="publication.report_copy.sent",
        description=f"The report (version {version.number}) sent to {owed.name}"[:300],
        actor=by,
    )
    return copy


def _report_copies_due(until: date) -> QuerySet | list:
    """(case id, completion date, subject) of each copy owed and not sent: the report is
    completed on the day of its first completion event, and each body in
    DHR_REPORT_RECIPIENTS is owed a copy (one SELECT per body, joined by UNION ALL)."""
    completed = (
        completions()
        .values("case_id")
        .annotate(completed_on=Min(TruncDate("at")))
        .filter(completed_on__lte=until)
    )
    owed = [
        completed.exclude(
            Exists(ReportCopy.objects.filter(case=OuterRef("case_id"), recipient=key))
        )
        .annotate(subject=Value(f"the report's copy to {name}"[:200]))
        .values_list("case_id", "completed_on", "subject")
        for key, name in settings.DHR_REPORT_RECIPIENTS
    ]
    return owed[0].union(*owed[1:], all=True) if owed else []


REPORT_COPY_DUE = ReminderRule(
    name="report_copy_owed",
    what="the completed report's copy",
    # "As soon as reasonably practicable after the report is completed" (s.9(3C)): from the
    # day it is completed, and weekly until sent.
    days_before=(0,),
    weekly_when_overdue=True,
    recipients=(CaseRole.CSP_OFFICER,),
    due_dates=_report_copies_due,
)


def _home_office_not_told(until: date):
    """(case id, date published) of each review published on or before `until` whose
    publication the Home Office has not been told of."""
    told = CopySent.objects.filter(case=OuterRef("case"), kind=CopySent.Kind.HOME_OFFICE_TOLD)
    return (
        Publication.objects.filter(published_on__lte=until)
        .exclude(Exists(told))
        .values_list("case_id", "published_on")
    )


HOME_OFFICE_TO_BE_TOLD = ReminderRule(
    name="home_office_told_of_publication",
    what="telling the Home Office of publication, with the links",
    # An obligation open until done (DESIGN §4; seed 002 (13)(f)): from the day published,
    # weekly after.
    days_before=(0,),
    weekly_when_overdue=True,
    recipients=(CaseRole.CSP_OFFICER,),
    due_dates=_home_office_not_told,
)
