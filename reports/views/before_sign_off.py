"""Before sign-off: the contributors' confirmations, the panel's agreement of the three
documents, and the family's viewing of the completed version."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted
from panels.models import InvolvementDecision

from ..forms.action_plan import (
    AskContributorForm,
    AskEveryContributorForm,
    ConfirmationForm,
    FamilyViewingForm,
    NoFamilyForm,
    PanelAgreementForm,
)
from ..models import Document
from ..services import before_sign_off as services
from ..services import is_drafting


def _url(name, case) -> str:
    return reverse(f"reports:{name}", kwargs={"reference": case.reference})


def _may_record(request, case) -> bool:
    return "manage_panel" in case_permissions(request.user, case) and is_drafting(case)


def _to_record(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if not is_drafting(case):
        raise Http404("This is recorded while the report is drafted.")
    return case


# Contributors ----------------------------------------------------------------------------


def contributors(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    may_record = _may_record(request, case)
    return render(
        request,
        "reports/contributors.html",
        {
            "case": case,
            "confirmations": case.contributor_confirmations.select_related("agency"),
            "may_record": may_record,
            "may_ask_every": may_record
            and (
                services.agencies_to_ask(case).exists() or bool(services.individuals_to_ask(case))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def ask_contributor(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        AskContributorForm(submitted(request), case=case),
        act=lambda data: services.ask_contributor(case=case, by=request.user, **data),
        success="Contributor asked.",
        then=_url("contributors", case),
        title="Ask a contributor to confirm",
        lede="Each contributing organisation and individual confirms its information is fully "
        "and fairly represented in the report.",
        submit="Record that they were asked",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def ask_every_contributor(request, reference):
    case = _to_record(request, reference)
    names = [str(a) for a in services.agencies_to_ask(case)] + services.individuals_to_ask(case)
    return _case_form_page(
        request,
        case,
        AskEveryContributorForm(submitted(request)),
        act=lambda data: services.ask_every_contributor(case=case, by=request.user, **data),
        success="Every agency and professional not asked yet is recorded as asked.",
        then=_url("contributors", case),
        title="Ask every contributor",
        lede="Records as asked: " + ("; ".join(names) if names else "no one (all asked)") + ".",
        submit="Record that they were asked",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_confirmation(request, reference, confirmation_id):
    case = _to_record(request, reference)
    confirmation = get_object_or_404(
        case.contributor_confirmations.select_related("agency"),
        pk=confirmation_id,
        confirmed_on__isnull=True,
    )
    return _case_form_page(
        request,
        case,
        ConfirmationForm(submitted(request)),
        act=lambda data: services.record_confirmation(
            confirmation=confirmation, by=request.user, **data
        ),
        success=f"{confirmation.contributor}'s confirmation recorded.",
        then=_url("contributors", case),
        title=f"Record {confirmation.contributor}'s confirmation",
        lede=f"Asked on {confirmation.asked_on:%-d %B %Y}. Record the date they confirmed their "
        "information is fully and fairly represented.",
        submit="Record the confirmation",
    )


# The panel's agreement -------------------------------------------------------------------


def panel_agreement(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    latest = services.latest_versions(case)
    return render(
        request,
        "reports/panel_agreement.html",
        {
            "case": case,
            "agreements": case.panel_agreements.select_related(
                "overview_report_version", "executive_summary_version", "recorded_by"
            ),
            "current": services.current_panel_agreement(case),
            "overview": latest[Document.OVERVIEW_REPORT],
            "summary": latest[Document.EXECUTIVE_SUMMARY],
            "may_record": _may_record(request, case),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_panel_agreement(request, reference):
    case = _to_record(request, reference)
    overview = services.latest_version(case, Document.OVERVIEW_REPORT)
    summary = services.latest_version(case, Document.EXECUTIVE_SUMMARY)
    versions = (
        f"version {overview.number} of the overview report, version {summary.number} of the "
        "executive summary"
        if overview and summary
        else "the latest versions"
    )
    return _case_form_page(
        request,
        case,
        PanelAgreementForm(submitted(request)),
        act=lambda data: services.record_panel_agreement(case=case, by=request.user, **data),
        success="The panel's agreement is recorded. The overview report is complete.",
        then=_url("panel_agreement", case),
        title="Record the panel's agreement",
        lede=f"The panel agrees {versions} and the action plan as it stands. The date of the "
        "meeting is when the overview report is complete (the six-month clock is met).",
        submit="Record the agreement",
    )


# The family ------------------------------------------------------------------------------


def family_viewing(request, reference):
    # What the family said is as restricted as the family's records (panels.models.family).
    case = get_case_for(request.user, reference, "cases.view_people_register")
    return render(
        request,
        "reports/family_viewing.html",
        {
            "case": case,
            "viewings": case.family_viewings.select_related(
                "overview_report_version", "executive_summary_version", "recorded_by"
            ),
            "not_involved": case.family_involvement_decisions.filter(
                kind=InvolvementDecision.Kind.NOT_INVOLVE
            ).select_related("member"),
            "agreement": services.current_panel_agreement(case),
            "may_record": _may_record(request, case),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_family_viewing(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        FamilyViewingForm(submitted(request)),
        act=lambda data: services.record_family_viewing(case=case, by=request.user, **data),
        success="The family's viewing is recorded.",
        then=_url("family_viewing", case),
        title="Record the family's viewing of the report",
        lede="The family is shown the latest versions of the overview report and the "
        "executive summary. Any disagreement is kept with the report.",
        submit="Record the viewing",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_no_family(request, reference):
    case = _to_record(request, reference)
    return _case_form_page(
        request,
        case,
        NoFamilyForm(submitted(request)),
        act=lambda data: services.record_no_family(case=case, by=request.user, **data),
        success="Recorded why there is no family to show the report to.",
        then=_url("family_viewing", case),
        title="Record why there is no family to show the report to",
        submit="Record the reason",
    )
