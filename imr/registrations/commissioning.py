"""Commissioning joined to the case core: the task list's rows, the IMRs' clocks on the
case page, the reminders of due dates and of authors still to appoint, and the audit
trail of the IMRs and their letters."""

from datetime import date, timedelta

from django.db.models import Exists, Expression, OuterRef, Value
from django.db.models.functions import Concat, Substr
from django.template.loader import render_to_string
from django.urls import reverse

from cases import clocks, reminders, selectors
from cases.access import case_permissions
from cases.models import Case, Reminder, User
from cases.reminders import ReminderRule
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage
from panels.models import ScopingRequest

from ..access import Need, imrs_listed_for, may
from ..models import CommissioningLetter, DueDateChange, Imr
from ..selectors.commissioning import may_see_subjects


def _imrs_reached(case: Case) -> bool:
    return case.stage in REVIEW_STAGES and REVIEW_STAGES.index(
        Stage(case.stage)
    ) >= REVIEW_STAGES.index(Stage.IMRS)


def commissioning_reads(on: date) -> dict[str, Expression]:
    imrs = Imr.objects.filter(case=OuterRef("pk"))
    without_imr = ScopingRequest.objects.filter(case=OuterRef("pk"), had_contact=True).exclude(
        Exists(Imr.objects.filter(case=OuterRef("case"), agency=OuterRef("agency")))
    )
    return {
        "imr_commissioned": Exists(imrs),
        "imr_not_all_accepted": Exists(imrs.exclude(status=Imr.Status.ACCEPTED)),
        "imr_contact_without_imr": Exists(without_imr),
    }


def imr_task_rows(case: Case) -> list[Task]:
    """Under the IMRs stage: commissioning (the chair's), while an agency that had contact
    with the people of the review has no IMR; and the IMRs themselves. Reads the case's
    imr_commissioned, imr_not_all_accepted and imr_contact_without_imr
    (commissioning_reads)."""
    if not _imrs_reached(case):
        return [
            Task(Stage.IMRS, "cannot start yet", name=name)
            for name in ("Commission IMRs", "IMRs written and signed off")
        ]
    if not case.imr_commissioned:
        commissioning = written = "not started"
    else:
        commissioning = "in progress" if case.imr_contact_without_imr else "done"
        written = "in progress" if case.imr_not_all_accepted else "done"
    reference = {"reference": case.reference}
    return [
        Task(
            Stage.IMRS,
            commissioning,
            name="Commission IMRs",
            # Commissioning is open only while the review is at its IMRs; later, the list.
            url=reverse(
                "imr:commission" if case.stage == Stage.IMRS else "imr:list", kwargs=reference
            ),
            permission="commission_imr" if case.stage == Stage.IMRS else "view_case_file",
        ),
        Task(
            Stage.IMRS,
            written,
            name="IMRs written and signed off",
            url=reverse("imr:list", kwargs=reference),
            permission="view_case_file",
        ),
    ]


def imr_clocks(case: Case, on: date) -> list[clocks.Clock]:
    """Each IMR's due date while it runs (until its senior manager signs it off)."""
    return [
        clocks.Clock(f"{agency} IMR", due_on, None, clocks.status(due_on, None, on))
        for agency, due_on in case.imrs.filter(status__in=Imr.DUE_DATE_RUNS)
        .order_by("due_on", "agency__name")
        .values_list("agency__name", "due_on")
    ]


# Reminders -----------------------------------------------------------------------------


# How a reminder names the IMR it is about; at most 200 characters, the subject's length
# (an agency's name may be as long). The IMR is found again by its subject.
DUE_SUBJECT = "the IMR of "
APPOINT_SUBJECT = "appointing the author of the IMR of "


def _subject(prefix: str, agency_name: str) -> str:
    return f"{prefix}{agency_name}"[:200]


def _imrs_due(until: date):
    return (
        Imr.objects.filter(status__in=Imr.DUE_DATE_RUNS, due_on__lte=until)
        .annotate(subject=Substr(Concat(Value(DUE_SUBJECT), "agency__name"), 1, 200))
        .values_list("case_id", "due_on", "subject")
    )


# The senior manager appoints the author soon after the letter: a week, then weekly.
APPOINT_WITHIN = timedelta(days=7)


def _authors_to_appoint(until: date) -> list[tuple]:
    """IMRs commissioned a week or more before `until` with no author yet, dated a week
    after commissioning. In Python: the embedded demo's SQLite adds no days to a time."""
    imrs = Imr.objects.filter(
        status=Imr.Status.COMMISSIONED, commissioned_at__date__lte=until - APPOINT_WITHIN
    ).select_related("agency")
    return [
        (
            imr.case_id,
            imr.commissioned_at.date() + APPOINT_WITHIN,
            _subject(APPOINT_SUBJECT, imr.agency.name),
        )
        for imr in imrs
    ]


def _imr_reminded(reminder: Reminder, prefix: str) -> Imr | None:
    imrs = Imr.objects.filter(case_id=reminder.case_id).select_related(
        "agency", "senior_manager", "author"
    )
    return next(
        (imr for imr in imrs if _subject(prefix, imr.agency.name) == reminder.subject), None
    )


def _active(*users: User | None) -> list[User]:
    return [user for user in users if user is not None and user.is_active]


def _author_and_senior_manager(reminder: Reminder) -> list[User]:
    imr = _imr_reminded(reminder, DUE_SUBJECT)
    return _active(imr.author, imr.senior_manager) if imr else []


def _senior_manager(reminder: Reminder) -> list[User]:
    imr = _imr_reminded(reminder, APPOINT_SUBJECT)
    return _active(imr.senior_manager) if imr else []


IMR_DUE = ReminderRule(
    name="imr_due",
    what="an IMR",
    # Brief A of issue 10: 14 and 7 days before, on the day, weekly once overdue.
    days_before=(14, 7, 0),
    weekly_when_overdue=True,
    recipients=(),
    due_dates=_imrs_due,
    # Not stopped by a pause: the agencies' chronologies go on while the review is pended
    # (DESIGN §3); the chair moves a due date that the pause makes unrealistic.
    recipients_of=_author_and_senior_manager,
)

AUTHOR_TO_APPOINT = ReminderRule(
    name="imr_author_to_appoint",
    what="appointing an IMR author",
    days_before=(0,),
    weekly_when_overdue=True,
    recipients=(),
    due_dates=_authors_to_appoint,
    recipients_of=_senior_manager,
)


# Audit trail ---------------------------------------------------------------------------


def _imr_history(case: Case):
    return Imr.history.filter(case_id=case.pk), lambda record: "IMR"


def _letter_history(case: Case):
    return (
        CommissioningLetter.history.filter(imr__case_id=case.pk),
        lambda record: "IMR commissioning letter",
    )


def _due_date_history(case: Case):
    return (
        DueDateChange.history.filter(imr__case_id=case.pk),
        lambda record: "IMR due date change",
    )


def agency_work(case: Case, user: User) -> str:
    """The agency staff's way in from the case page: they see its short version, which
    shows their agency's IMR, what waits for them on it, and the subjects of the review."""
    can = case_permissions(user, case)
    imrs = [
        (imr, imr.status == Imr.Status.COMMISSIONED and may(user, imr, Need.SIGN_OFF, can))
        for imr in imrs_listed_for(user, case)
    ]
    reads_subjects = may_see_subjects(can)
    if not (imrs or reads_subjects):
        return ""
    return render_to_string(
        "imr/_agency_work.html", {"case": case, "imrs": imrs, "reads_subjects": reads_subjects}
    )


def register() -> None:
    selectors.add_task_rows(imr_task_rows, reads=commissioning_reads)
    selectors.add_limited_case_part(agency_work)
    selectors.add_clocks(imr_clocks)
    reminders.register(IMR_DUE)
    reminders.register(AUTHOR_TO_APPOINT)
    for source in (_imr_history, _letter_history, _due_date_history):
        selectors.add_audit_source(source)
