"""The Home Office submission and its QA: the page, sending the package, the
acknowledgement, the QA panel's answer, the areas for final development, the family told,
the Home Office reviewer's read-only page, and the logged downloads."""

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from cases.workflow import Stage
from dhr.forms import submitted, submitted_files
from dhr.uploads import DocumentField
from reports.services.pdfs import open_rendering

from ..forms.sign_off import (
    AcknowledgementForm,
    AreaDoneForm,
    FamilyToldForm,
    QaOutcomeForm,
    SendForm,
)
from ..models import AreaForFinalDevelopment, PackageFile, QaOutcome
from ..selectors import latest_outcome
from ..services import home_office as services
from ..services.sign_off import current_sign_off


def _url(name, case) -> str:
    return reverse(f"publication:{name}", kwargs={"reference": case.reference})


def _submissions(case):
    """The case's submissions, newest first, with their files, answers and areas."""
    return (
        case.submissions.select_related("sent_by", "outcome__recorded_by", "outcome__family_told")
        .prefetch_related(
            Prefetch("files", queryset=PackageFile.objects.order_by("id")),
            Prefetch(
                "outcome__areas", queryset=AreaForFinalDevelopment.objects.select_related("done_by")
            ),
        )
        .order_by("-number")
    )


def _latest_outcome(submissions) -> QaOutcome | None:
    """selectors.latest_outcome, taken from the submissions read newest first."""
    return next((s.outcome for s in submissions if hasattr(s, "outcome")), None)


def _to_record(request, reference, stage: Stage):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    if case.stage != stage:
        raise Http404(f"This is recorded while the review is at {stage.label}.")
    return case


def home_office(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    may_record = "send_to_home_office" in case_permissions(request.user, case)
    submissions = list(_submissions(case))
    outcome = _latest_outcome(submissions)
    # What the package still needs before it can be sent, said before the form.
    not_ready = services.not_ready_to_send(case) if case.stage == Stage.CSP_SIGN_OFF else None
    return render(
        request,
        "publication/home_office.html",
        {
            "case": case,
            "submissions": submissions,
            "may_record": may_record,
            "not_ready": not_ready,
            "may_send": may_record and case.stage == Stage.CSP_SIGN_OFF and not not_ready,
            "may_record_outcome": may_record
            and case.stage == Stage.HOME_OFFICE_QA
            and bool(submissions),
            "may_mark_areas": may_record and case.stage == Stage.PUBLICATION,
            "family_outstanding": outcome is not None and not hasattr(outcome, "family_told"),
            "latest_outcome": outcome,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def send(request, reference):
    case = _to_record(request, reference, Stage.CSP_SIGN_OFF)
    if current_sign_off(case) is None:
        raise Http404("The package is sent once the partnership has signed off.")
    return _case_form_page(
        request,
        case,
        SendForm(submitted(request), submitted_files(request)),
        act=lambda data: services.send_to_home_office(case=case, by=request.user, **data),
        success="The package is recorded as sent to the Home Office.",
        then=_url("home_office", case),
        title="Send the package to the Home Office",
        lede="The package holds the public (anonymised) PDFs of the overview report, the "
        "executive summary and the action plan as signed off, each passed by the leak gate, "
        "and the data collection form you upload here.",
        submit="Record the package as sent",
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def acknowledge(request, reference, number):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    submission = get_object_or_404(case.submissions, number=number, acknowledged_on__isnull=True)
    return _case_form_page(
        request,
        case,
        AcknowledgementForm(submitted(request)),
        act=lambda data: services.record_acknowledgement(
            submission=submission, by=request.user, **data
        ),
        success="The acknowledgement is recorded.",
        then=_url("home_office", case),
        title=f"Record the acknowledgement of package {submission.number}",
        submit="Record the acknowledgement",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_outcome(request, reference):
    case = _to_record(request, reference, Stage.HOME_OFFICE_QA)
    submission = services.latest_submission(case)
    if submission is None or hasattr(submission, "outcome"):
        raise Http404("No submission waits for its answer.")
    return _case_form_page(
        request,
        case,
        QaOutcomeForm(submitted(request), submitted_files(request)),
        act=lambda data: services.record_qa_outcome(case=case, by=request.user, **data),
        success="The QA panel's answer is recorded.",
        then=_url("home_office", case),
        title=f"Record the QA panel's answer to package {submission.number}",
        lede="From the Home Office's letter. Cleared, or cleared subject to changes, moves the "
        "review to publication; a request to resubmit returns it to drafting.",
        submit="Record the answer",
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def area_done(request, reference, area_id):
    case = _to_record(request, reference, Stage.PUBLICATION)
    outcome = latest_outcome(case)
    if outcome is None:
        raise Http404("No QA answer is recorded.")
    area = get_object_or_404(outcome.areas, pk=area_id, done_on__isnull=True)
    return _case_form_page(
        request,
        case,
        AreaDoneForm(submitted(request)),
        act=lambda data: services.mark_area_done(area=area, by=request.user, **data),
        success=f"Area {area.number} is recorded as done.",
        then=_url("home_office", case),
        title=f"Area for final development {area.number} done",
        lede=area.text,
        submit="Record it as done",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def family_told(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    outcome = latest_outcome(case)
    if outcome is None or hasattr(outcome, "family_told"):
        raise Http404("No QA letter waits for the family to be told of it.")
    return _case_form_page(
        request,
        case,
        FamilyToldForm(submitted(request)),
        act=lambda data: services.record_family_told(outcome=outcome, by=request.user, **data),
        success="The family's being told of the QA letter is recorded.",
        then=_url("home_office", case),
        title="Record that the family was told of the QA letter",
        lede=f"The Home Office's answer: {outcome.get_outcome_display().lower()}, received "
        f"{outcome.letter_received_on:%-d %B %Y}.",
        submit="Record it",
    )


# The Home Office reviewer ---------------------------------------------------------------


def submitted_package(request, reference):
    """Read-only: the packages sent, for the Home Office reviewer (and the partnership);
    nothing before the first submission."""
    case = get_case_for(request.user, reference, "cases.read_submitted_package")
    submissions = list(_submissions(case))
    if not submissions:
        raise Http404("Nothing has been submitted yet.")
    return render(
        request,
        "publication/submitted_package.html",
        {"case": case, "submissions": submissions},
    )


# Downloads ------------------------------------------------------------------------------


def _may_read_package(request, reference):
    case = get_case_for(request.user, reference)
    if not {"view_case_file", "read_submitted_package"} & case_permissions(request.user, case):
        raise Http404("No case found.")
    return case


@never_cache
def download_file(request, reference, file_id):
    case = _may_read_package(request, reference)
    package_file = get_object_or_404(
        PackageFile.objects.select_related("submission", "rendering", "stored"),
        pk=file_id,
        submission__case=case,
    )
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"Home Office package {package_file.submission.number}: "
        f"{package_file.get_document_display()}"[:200],
    )
    if package_file.rendering:
        opened, kind = open_rendering(package_file.rendering), "pdf"
    else:
        opened, kind = package_file.upload.open("rb"), package_file.stored.kind
    return FileResponse(
        opened,
        as_attachment=True,
        filename=package_file.file_name,
        content_type=DocumentField.ACCEPT[kind],
    )


@never_cache
def download_letter(request, reference, outcome_id):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    outcome = get_object_or_404(
        QaOutcome.objects.select_related("submission", "letter_stored"),
        pk=outcome_id,
        submission__case=case,
    )
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"Home Office QA letter on package {outcome.submission.number}",
    )
    return FileResponse(
        outcome.letter.open("rb"),
        as_attachment=True,
        filename=f"{case.reference}-home-office-qa-letter-{outcome.submission.number}."
        f"{outcome.letter_stored.kind}",
        content_type=DocumentField.ACCEPT[outcome.letter_stored.kind],
    )
