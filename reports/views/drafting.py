"""The report's page, the chair's drafts of the overview report and the executive summary,
their versions and the comparison of two, and the panel's comments on a version."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry, Case
from cases.services import CaseActionRefused, log_access
from cases.submissions import once_per_form, submit_once
from cases.views import _case_form_page, _refused
from dhr.forms import submitted
from imr.forms.sections import CompareForm, ConfirmForm

from ..forms.drafting import CommentForm, DraftForm
from ..models import Document, ReportComment, ReportVersion
from ..models.drafting import sections_of
from ..parts import parts_of
from ..services import drafting as services
from ..services import is_drafting

# Everyone who reads the case file reads the drafts; the register's real names stay behind
# view_people_register, which the panel does not hold (the drafts are written with them,
# but the drafts are the panel's to read: DOMAIN.md 2.5).
READ = "cases.view_case_file"


def _case(request, reference) -> Case:
    return get_case_for(request.user, reference, READ)


def _log(request, case: Case, what: str) -> None:
    log_access(case=case, user=request.user, what=AccessLogEntry.What.CASE_RECORD, detail=what)


def document_url(case: Case, document: str) -> str:
    return reverse("reports:document", args=[case.reference, document])


def version_url(version: ReportVersion) -> str:
    return reverse(
        "reports:version", args=[version.case.reference, version.document, version.number]
    )


def report(request, reference):
    case = _case(request, reference)
    can = case_permissions(request.user, case)
    return render(
        request,
        "reports/report.html",
        {
            "case": case,
            "documents": services.documents_of(case),
            "writes": services.WRITE in can and is_drafting(case),
            "parts": parts_of(case, can),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def document(request, reference, document):
    case = _case(request, reference)
    can = case_permissions(request.user, case)
    writes = services.WRITE in can and is_drafting(case)
    if request.method == "POST" and not writes:
        raise Http404("The report is not being drafted.")
    texts = services.draft_texts(case, document)
    form = DraftForm(submitted(request), document=document, texts=texts) if writes else None
    if form is not None and request.method == "POST" and form.is_valid():
        return _save_draft(request, case, document, form)
    if request.method == "GET":
        _log(request, case, f"The draft of the {Document(document).label.lower()}")
    return _document_page(request, case, document, form, texts)


def _save_draft(request, case: Case, document: str, form: DraftForm):
    makes_version = request.POST.get("action") == DraftForm.VERSION

    def write():
        if makes_version:
            version = services.save_and_make_version(
                case=case,
                by=request.user,
                document=document,
                texts=form.texts(),
                note=form.cleaned_data["note"],
            )
            return version_url(version), f"Draft saved as version {version.number}."
        services.save_sections(case=case, by=request.user, document=document, texts=form.texts())
        return document_url(case, document), "Draft saved."

    try:
        return submit_once(request, write)
    except CaseActionRefused as error:
        _refused(form, error)
    return _document_page(request, case, document, form, services.draft_texts(case, document))


def _document_page(request, case, document, form, texts):
    return render(
        request,
        "reports/document.html",
        {
            "case": case,
            "document": Document(document),
            "form": form,
            "sections": [(section, texts[section.key]) for section in sections_of(document)],
            "latest": services.latest_version(case, document),
            "reads_register": "view_people_register" in case_permissions(request.user, case),
            "not_drafting": not is_drafting(case),
            "imrs": services.accepted_imrs(case),
        },
    )


def versions(request, reference):
    case = _case(request, reference)
    return render(
        request,
        "reports/versions.html",
        {
            "case": case,
            "documents": [
                (document, services.versions_of(case, document)) for document in Document
            ],
        },
    )


def _version(case: Case, document: str, number: int) -> ReportVersion:
    version = get_object_or_404(
        ReportVersion.objects.select_related("made_by"),
        case=case,
        document=document,
        number=number,
    )
    version.case = case
    return version


def version(request, reference, document, number):
    case = _case(request, reference)
    can = case_permissions(request.user, case)
    version = _version(case, document, number)
    latest = services.latest_version(case, document)
    threads = services.threads_of(version)
    _log(request, case, f"Version {version.number} of the {version.get_document_display().lower()}")
    return render(
        request,
        "reports/version.html",
        {
            "case": case,
            "version": version,
            "is_latest": version.number == latest.number,
            "sections": [
                (section, text, threads[section.key]) for section, text in version.titled_sections()
            ],
            "may_comment": services.may_comment(case, can) and version.number == latest.number,
            "may_reply": services.may_comment(case, can),
            "may_resolve": services.may_resolve(case, can),
        },
    )


def compare(request, reference, document):
    case = _case(request, reference)
    numbers = sorted(
        ReportVersion.objects.filter(case=case, document=document).values_list("number", flat=True)
    )
    if len(numbers) < 2:
        raise Http404("There is only one version.")
    form = CompareForm(request.GET or {"older": numbers[-2], "newer": numbers[-1]}, numbers=numbers)
    diffs = None
    if form.is_valid():
        older = _version(case, document, form.cleaned_data["older"])
        newer = _version(case, document, form.cleaned_data["newer"])
        diffs = services.compare(older, newer)
        _log(
            request,
            case,
            f"Versions {older.number} and {newer.number} of the {Document(document).label.lower()}",
        )
    return render(
        request,
        "reports/compare.html",
        {"case": case, "document": Document(document), "form": form, "diffs": diffs},
    )


def _comment_page(request, version, form, act, title, lede=""):
    return _case_form_page(
        request,
        version.case,
        form,
        act=act,
        success="Comment added.",
        then=version_url(version),
        title=title,
        lede=lede,
        submit="Add the comment",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def comment(request, reference, document, number):
    case = _case(request, reference)
    version = _version(case, document, number)
    if not services.may_comment(case, case_permissions(request.user, case)):
        raise Http404("Comments are made by the panel while the report is drafted.")
    form = CommentForm(
        submitted(request), document=document, initial={"section": request.GET.get("section")}
    )
    return _comment_page(
        request,
        version,
        form,
        lambda data: services.comment_on(version=version, by=request.user, **data),
        f"Comment on version {version.number} of the {version.get_document_display().lower()}",
    )


def _thread(case: Case, document: str, comment_id: int) -> ReportComment:
    thread = get_object_or_404(
        ReportComment.objects.select_related("by", "version"),
        pk=comment_id,
        version__case=case,
        version__document=document,
        reply_to=None,
    )
    thread.version.case = case
    return thread


@require_http_methods(["GET", "POST"])
@once_per_form
def reply(request, reference, document, comment_id):
    case = _case(request, reference)
    if not services.may_comment(case, case_permissions(request.user, case)):
        raise Http404("Replies are made by the panel while the report is drafted.")
    thread = _thread(case, document, comment_id)
    return _comment_page(
        request,
        thread.version,
        CommentForm(submitted(request), document=document, reply=True),
        lambda data: services.comment_on(
            version=thread.version,
            by=request.user,
            section=thread.section,
            text=data["text"],
            reply_to=thread,
        ),
        f"Reply to {thread.by}",
        lede=f"“{thread.text}”",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def resolve(request, reference, document, comment_id):
    case = _case(request, reference)
    if not services.may_resolve(case, case_permissions(request.user, case)):
        raise Http404("Only the independent chair resolves comments while the report is drafted.")
    thread = _thread(case, document, comment_id)
    return _case_form_page(
        request,
        case,
        ConfirmForm(submitted(request)),
        act=lambda data: services.resolve_thread(comment=thread, by=request.user),
        success="Comment resolved.",
        then=version_url(thread.version),
        title="Resolve a comment",
        lede=f"{thread.by} on {thread.section_title}: “{thread.text}”",
        submit="Mark as resolved",
    )
