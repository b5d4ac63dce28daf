"""Publication on the case: the page that gathers it, and one form per record."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.clocks import today
from cases.models import Case
from cases.submissions import once_per_form
from cases.views import _case_form_page
from cases.workflow import Stage
from dhr.forms import submitted

from ..forms.publishing import (
    ConfirmForm,
    CopyForm,
    ForewarnedForm,
    MediaBriefingForm,
    PublicationDateForm,
    ReportCopyForm,
    WithdrawForm,
    WithholdForm,
)
from ..models import Publication
from ..selectors import latest_outcome
from ..services import copies, publishing


def _page(case) -> str:
    return reverse("publication:publication", kwargs={"reference": case.reference})


# The case read with its publication and its withholding (each one or none), so that the
# pages and copies.copies read neither again.
_WITH_PUBLICATION = Case.objects.select_related("publication", "withholding")


def _publication_of(case) -> Publication | None:
    return getattr(case, "publication", None)


def publication(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file", cases=_WITH_PUBLICATION)
    permissions = case_permissions(request.user, case)
    records = "send_to_home_office" in permissions
    published = _publication_of(case)
    owed_copies = copies.copies(case)
    report_copies = copies.report_copies(case)
    at_publication = case.stage == Stage.PUBLICATION
    if at_publication:
        ready = publishing.readiness(case)
        agreed, files, problems = ready.agreed, ready.files, ready.problems
        check, forewarnings = ready.letter_check, ready.forewarnings
    else:
        agreed, files, problems = publishing.agreed_date(case), [], []
        check = publishing.letter_check(latest_outcome(case))
        forewarnings = publishing.forewarnings_latest_first(case)
    return render(
        request,
        "publication/publication.html",
        {
            "case": case,
            "at_publication": at_publication,
            "may_record": records and at_publication,
            "agreed": agreed,
            "warnings": publishing.date_warnings(case, agreed.publish_on)
            if agreed and at_publication
            else [],
            "forewarnings": forewarnings,
            "briefings": case.media_briefings.order_by("-briefed_on", "-id"),
            "files": files,
            "letter_check": check,
            "problems": problems,
            "published": published,
            "published_files": published.files.all() if published else [],
            "withholding": getattr(case, "withholding", None),
            "copies": owed_copies,
            "may_record_copy": records and any(o.sent is None for o in owed_copies),
            "report_copies": report_copies,
            "may_record_report_copy": records and any(o.sent is None for o in report_copies),
            "may_withdraw": "record_decision" in permissions
            and published is not None
            and published.withdrawn_on is None,
        },
    )


def _to_record(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    if case.stage != Stage.PUBLICATION:
        raise Http404("This is recorded while the review is at publication.")
    return case


@require_http_methods(["GET", "POST"])
@once_per_form
def agree_date(request, reference):
    """A date near the anniversary of the death or the victim's birthday is shown with its
    warning before it is recorded: a warning, not a refusal (seed 002 (13))."""
    case = _to_record(request, reference)
    agreed = publishing.agreed_date(case)
    # Changing the date starts from the one agreed: who and how usually stay.
    initial = {"agreed_with": agreed.agreed_with, "agreed_how": agreed.agreed_how} if agreed else {}
    form = PublicationDateForm(submitted(request), initial=initial)
    page = {
        "title": "Publication date agreed with the family",
        "lede": "The date the report will be published, as agreed with the family.",
        "submit": "Record the date",
        "template": "publication/date_form.html",
    }
    if request.method == "POST" and form.is_valid():
        publish_on = form.cleaned_data["publish_on"]
        # A past date is the service's to refuse, not to warn of.
        warnings = publishing.date_warnings(case, publish_on) if publish_on >= today() else []
        if warnings and request.POST.get("warned") != publish_on.isoformat():
            page.update(warnings=warnings, warned=publish_on.isoformat(), submit="Record this date")
            return render(request, page.pop("template"), {"case": case, "form": form, **page})
    return _case_form_page(
        request,
        case,
        form,
        act=lambda data: publishing.agree_publication_date(case=case, by=request.user, **data),
        success="Publication date recorded.",
        then=_page(case),
        **page,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def forewarned(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        ForewarnedForm(submitted(request)),
        act=lambda data: publishing.record_family_forewarned(case=case, by=request.user, **data),
        success="Recorded that the family was forewarned.",
        then=_page(case),
        title="The family forewarned of publication",
        lede="The family is told beforehand what publication will bring.",
        submit="Record it",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def media_briefing(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        MediaBriefingForm(submitted(request)),
        act=lambda data: publishing.record_media_briefing(case=case, by=request.user, **data),
        success="Media briefing recorded.",
        then=_page(case),
        title="The media lead's briefing",
        lede="The media lead is briefed only once the Home Office has cleared the report.",
        submit="Record the briefing",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def check_letter(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        ConfirmForm(submitted(request)),
        act=lambda data: publishing.check_qa_letter(case=case, by=request.user),
        success="The QA letter was checked.",
        then=_page(case),
        title="Check the QA letter for leaks",
        lede="The Home Office's letter is published with the report. It is scanned for every "
        "real name, alias and date of birth in the register, as the report's PDFs are.",
        submit="Check the letter",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def publish(request, reference):
    case = _to_record(request, reference)
    problems = publishing.publication_problems(case)
    return _case_form_page(
        request,
        case,
        ConfirmForm(submitted(request)),
        act=lambda data: publishing.publish(case=case, by=request.user),
        success="Published. The review is on the public pages.",
        then=_page(case),
        title="Publish the review",
        lede=problems[0]
        if problems
        else "The overview report, the executive summary and the QA letter will appear on "
        "the public pages, exactly as checked.",
        submit="Publish",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def withhold(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        WithholdForm(submitted(request)),
        act=lambda data: publishing.withhold(case=case, by=request.user, **data),
        success="Publication withheld. The report's copies owed are still owed.",
        then=_page(case),
        title="Withhold publication",
        lede="Reports are published unless there are compelling reasons relating to the "
        "welfare of any children or other persons directly concerned. The review moves on "
        "to monitoring.",
        submit="Withhold publication",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_copy(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    owed = copies.copies(case)
    if not any(o.sent is None for o in owed):
        raise Http404("No copy is outstanding.")
    return _case_form_page(
        request,
        case,
        CopyForm(submitted(request), owed=owed),
        act=lambda data: copies.record_copy(case=case, by=request.user, **data),
        success="Copy recorded.",
        then=_page(case),
        title="Record a copy or notice sent",
        submit="Record it",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_report_copy(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    owed = copies.report_copies(case)
    if not any(o.sent is None for o in owed):
        raise Http404("No copy of the report is outstanding.")
    version = copies.final_version(case)
    return _case_form_page(
        request,
        case,
        ReportCopyForm(submitted(request), owed=owed),
        act=lambda data: copies.record_report_copy(case=case, by=request.user, **data),
        success="The report's copy recorded.",
        then=_page(case),
        title="Record the completed report sent",
        lede=f"The overview report as completed (version {version.number}), sent whether or "
        "not the review is published."
        if version
        else "",
        submit="Record it",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def withdraw(request, reference):
    case = get_case_for(request.user, reference, "cases.record_decision", cases=_WITH_PUBLICATION)
    published = _publication_of(case)
    if published is None or published.withdrawn_on is not None:
        raise Http404("Only a review on the public pages can be withdrawn.")
    return _case_form_page(
        request,
        case,
        WithdrawForm(submitted(request)),
        act=lambda data: publishing.withdraw(publication=published, by=request.user, **data),
        success="Withdrawn from the public pages.",
        then=_page(case),
        title="Withdraw the review from the public pages",
        lede="A published review stays online at least 12 months "
        f"(until {publishing.earliest_withdrawal(published):%-d %B %Y}), unless a court "
        "order, someone's welfare, someone identifiable or an error requires it sooner.",
        submit="Withdraw it",
    )
