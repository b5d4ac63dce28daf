"""The terms of reference pages: the current terms and their versions, a new draft,
agreeing, sharing with the family, and comparing two versions."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms.terms import AgreeTermsForm, CompareForm, SharedWithFamilyForm, TermsOfReferenceForm
from ..models import CHECKLIST
from ..services import proceedings as proceedings_services
from ..services import terms as services


def _terms_url(case) -> str:
    return reverse("panels:terms", kwargs={"reference": case.reference})


def terms(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    versions = services.versions(case)
    current = versions[0] if versions else None
    proceedings = proceedings_services.proceedings_of(case)
    return render(
        request,
        "panels/terms_detail.html",
        {
            "case": case,
            "current": current,
            "versions": versions,
            "checklist": [
                (item, current.answer(item), current.not_applicable(item)) for item in CHECKLIST
            ]
            if current
            else [],
            "proceedings": [(p, current.addresses(p) if current else "") for p in proceedings],
            "agree_refusal": services.agree_refusal(current, proceedings),
            "may_draft": services.may_draft(can) and case.stage in services.DRAFTING_STAGES,
            "may_agree": "agree_terms_of_reference" in can,
        },
    )


def _drafting_case(request, reference):
    """The case, for someone who drafts its terms at a stage where they are drafted."""
    case = get_case_for(request.user, reference, "cases.view_case_file")
    if not services.may_draft(case_permissions(request.user, case)):
        raise Http404("No case found.")
    if case.stage not in services.DRAFTING_STAGES:
        raise Http404("The terms of reference are drafted once a review is decided.")
    return case


@require_http_methods(["GET", "POST"])
@once_per_form
def draft_terms(request, reference):
    case = _drafting_case(request, reference)
    form = TermsOfReferenceForm(
        submitted(request),
        current=services.current_version(case),
        proceedings=proceedings_services.proceedings_of(case),
    )
    return _case_form_page(
        request,
        case,
        form,
        act=lambda data: services.draft_terms_of_reference(
            case=case, by=request.user, **form.version_details()
        ),
        success="New version of the terms of reference saved.",
        then=_terms_url(case),
        template="panels/terms_form.html",
        title="Draft the terms of reference",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def agree_terms(request, reference):
    case = get_case_for(request.user, reference, "cases.agree_terms_of_reference")
    current = services.current_version(case)
    if current is None:
        raise Http404("There are no terms of reference to agree yet.")
    return _case_form_page(
        request,
        case,
        AgreeTermsForm(submitted(request)),
        act=lambda data: services.agree_terms_of_reference(case=case, by=request.user, **data),
        success=f"Version {current.number} of the terms of reference is agreed.",
        then=_terms_url(case),
        title=f"Agree version {current.number} of the terms of reference",
        submit="Agree the terms of reference",
        lede="As the independent chair, you make the final decision on the terms of "
        "reference. A later change makes a new version, to be agreed again.",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def shared_with_family(request, reference):
    case = _drafting_case(request, reference)
    current = services.current_version(case)
    if current is None:
        raise Http404("There are no terms of reference to share yet.")
    form = SharedWithFamilyForm(
        submitted(request),
        initial={
            "shared_on": current.shared_with_family_on,
            "family_comments": current.family_comments,
        },
    )
    return _case_form_page(
        request,
        case,
        form,
        act=lambda data: services.record_shared_with_family(
            case=case,
            by=request.user,
            shared_on=data["shared_on"],
            family_comments=data["family_comments"],
        ),
        success="Recorded: the terms of reference shared with the family.",
        then=_terms_url(case),
        title=f"Version {current.number} shared with the family",
        submit="Save",
    )


def compare_terms(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    versions = {v.number: v for v in services.versions(case)}
    if len(versions) < 2:
        raise Http404("There is only one version.")
    numbers = sorted(versions)
    form = CompareForm(request.GET or {"older": numbers[-2], "newer": numbers[-1]}, numbers=numbers)
    lines = None
    if form.is_valid():
        older, newer = versions[form.cleaned_data["older"]], versions[form.cleaned_data["newer"]]
        lines = services.compare(older, newer, proceedings_services.proceedings_of(case))
    return render(
        request,
        "panels/terms_compare.html",
        {"case": case, "form": form, "lines": lines},
    )
