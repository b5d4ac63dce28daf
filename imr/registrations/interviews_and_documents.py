"""Staff interviews, IMR documents and short reports join the case core (IMRConfig.ready):
the IMR page's parts, the start_drafting guard, the task list, the short reports' reminders,
the audit trail and the demo."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db.models import CharField, Exists, Expression, F, OuterRef, QuerySet, Value
from django.db.models.functions import Concat, Left
from django.urls import reverse

from cases import demo, reminders, selectors, workflow
from cases.models import Case
from cases.reminders import ReminderRule
from cases.roles import CaseRole
from cases.selectors import Task
from cases.workflow import Stage

from ..access import Need
from ..models import Imr, ImrDocument, ShortReport, StaffInterview
from ..parts import Part, add_part
from ..services import documents, interviews, short_reports

# start_drafting ---------------------------------------------------------------------------


def short_reports_in_and_nil_returns_recorded(case: Case) -> str | None:
    """The overview report is drafted from everything asked for (DOMAIN 2.4 item 12): every
    short report received and accepted, and every agency asked at scoping has answered,
    those that had contact with an IMR commissioned (the others' answers are the nil
    returns)."""
    waiting = _not_accepted(case.short_reports.all()).order_by("due_on", "id")
    if report := waiting.first():
        if not report.is_received:
            return f"The short report from {report.professional_name} has not been received."
        return (
            "The independent chair has not accepted the short report from "
            f"{report.professional_name}."
        )
    commissioned = set(case.imrs.values_list("agency_id", flat=True))
    for scoping in case.scoping_requests.select_related("agency").order_by("agency__name"):
        if scoping.answered_on is None:
            return f"{scoping.agency} has not said whether it had contact (its nil return or not)."
        if scoping.had_contact and scoping.agency_id not in commissioned:
            return f"{scoping.agency} had contact, but no IMR is commissioned from it."
    return None


def _not_accepted(reports: QuerySet[ShortReport]) -> QuerySet[ShortReport]:
    return reports.filter(accepted_at__isnull=True)


# The task list -----------------------------------------------------------------------------


def short_report_reads(on: date) -> dict[str, Expression]:
    reports = ShortReport.objects.filter(case=OuterRef("pk"))
    return {
        "imr_short_reports_requested": Exists(reports),
        "imr_short_reports_not_accepted": Exists(_not_accepted(reports)),
    }


def short_report_task_rows(case: Case) -> list[Task]:
    """Reads the case's imr_short_reports_requested and imr_short_reports_not_accepted
    (short_report_reads)."""
    if case.stage != Stage.IMRS:
        return []
    if not case.imr_short_reports_requested:
        status = "optional"
    elif case.imr_short_reports_not_accepted:
        status = "in progress"
    else:
        status = "done"
    url = reverse("imr:short_reports", kwargs={"reference": case.reference})
    return [Task(Stage.IMRS, status, name="Short reports", url=url, permission="view_case_file")]


# Reminders ---------------------------------------------------------------------------------


def _short_reports_due(until: date) -> QuerySet:
    return (
        ShortReport.objects.filter(
            received_on__isnull=True,
            due_on__lte=until,
            case__stage__in=short_reports.OPEN_STAGES,
        )
        .annotate(
            # Reminder.subject holds 200 characters.
            subject=Left(
                Concat(
                    Value("the short report from "),
                    F("professional_name"),
                    Value(", "),
                    F("organisation"),
                    output_field=CharField(),
                ),
                200,
            )
        )
        .values_list("case_id", "due_on", "subject")
    )


SHORT_REPORT_REMINDER = ReminderRule(
    name="short_report_due",
    what="a short report",
    days_before=(14, 7, 0),
    weekly_when_overdue=True,
    # The chair asked for it and is the one it is sent to (seed 002 (9)(g)).
    recipients=(CaseRole.INDEPENDENT_CHAIR,),
    due_dates=_short_reports_due,
    # The chair set the date knowing of any pause; a GP's account of contact, like the
    # agencies' chronologies, goes on while the review waits (seed 000 l.401-403).
    stops_while_paused=False,
)


# The audit trail ---------------------------------------------------------------------------


def _interview_history(case: Case):
    return StaffInterview.history.filter(imr__case_id=case.pk), lambda r: "IMR staff interview"


def _document_history(case: Case):
    return ImrDocument.history.filter(imr__case_id=case.pk), lambda r: "IMR document"


def _short_report_history(case: Case):
    return ShortReport.history.filter(case_id=case.pk), lambda r: "Short report"


def register() -> None:
    add_part(Part("Staff interviews", "imr:interviews", Need.READ))
    add_part(Part("Documents", "imr:documents", Need.READ))
    workflow.add_guard("start_drafting", short_reports_in_and_nil_returns_recorded)
    selectors.add_task_rows(short_report_task_rows, reads=short_report_reads)
    reminders.register(SHORT_REPORT_REMINDER)
    for source in (_interview_history, _document_history, _short_report_history):
        selectors.add_audit_source(source)
    demo.register_builder("imr.interviews_and_documents", build_demo, after=("imr.commissioning",))


# Demo data ---------------------------------------------------------------------------------


def build_demo(ctx: demo.DemoContext) -> None:
    """On the Riverside review (DEMO-RIV-3): the police author's interview with a response
    officer and a supporting document on the police IMR, and a short report asked of the
    victim's GP. Made once (keyed on the case having no short reports yet)."""
    case = ctx.case("DEMO-RIV-3")
    if case.short_reports.exists():
        return
    police = ctx.agencies["Riverside Police"]
    imr = Imr.objects.select_related("case", "agency").get(case=case, agency=police)
    author = imr.author
    chair = ctx.users["independent.chair@example.org"]
    interviews.record_interview(
        imr=imr,
        by=author,
        job_title="Force control room call handler",
        interviewed_on=ctx.on - timedelta(days=3),
        record=(
            "Took both 999 calls from the address in the year before the death. Graded the "
            "second as a priority response; did not ask the caller whether she was safe to talk."
        ),
        shared_on=ctx.on - timedelta(days=1),
        reminded_not_disciplinary=True,
        policies_not_followed=True,
    )
    documents.add_document(
        imr=imr,
        by=author,
        kind=ImrDocument.Kind.SUPPORTING,
        description="Domestic abuse policy in force at the time",
        file=ContentFile(b"%PDF-1.4\n% demo policy\n", name="domestic-abuse-policy.pdf"),
    )
    short_reports.request_short_report(
        case=case,
        by=chair,
        professional_name="Dr Rachel Green",
        professional_role="General practitioner",
        organisation="Riverside Medical Practice",
        due_on=ctx.on + timedelta(weeks=4),
    )
