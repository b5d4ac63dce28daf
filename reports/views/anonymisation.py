"""The anonymisation pages: the latest version of each document with its open flags, and a
version's anonymised text with every swap and flag marked and a form to decide each flag.
They show real names beside pseudonyms, so they are the register's: people with
view_people_register only (panel members and agencies get 404)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.services import CaseActionRefused, log_access
from cases.submissions import once_per_form, submit_once
from cases.views import _refused
from dhr.forms import submitted

from ..anonymisation import Flag, Register
from ..forms.anonymisation import FlagDecisionForm
from ..models import Document
from ..services import anonymisation as services

REGISTER = "cases.view_people_register"


@require_GET
def anonymisation(request, reference):
    case = get_case_for(request.user, reference, REGISTER)
    register = Register.for_case(case)
    rows = [
        (Document(document), version, version and len(services.open_flag_keys(version, register)))
        for document, version in services.latest_versions(case).items()
    ]
    return render(request, "reports/anonymisation.html", {"case": case, "rows": rows})


def _flags_to_decide(sections) -> list[Flag]:
    """Each flagged identifier once (a decision holds for every place it occurs)."""
    by_key: dict[str, Flag] = {}
    for part in sections:
        for flag in part.anonymised.flags:
            by_key.setdefault(flag.key, flag)
    return list(by_key.values())


def _form(flag: Flag, number: int, data=None) -> FlagDecisionForm:
    initial = {}
    if flag.decision is not None:
        initial = {
            "decision": flag.decision.decision,
            "replacement": flag.decision.replacement,
            "reason": flag.decision.reason,
        }
    elif flag.suggestion:
        initial = {"replacement": flag.suggestion}
    return FlagDecisionForm(data, prefix=f"flag-{number}", initial=initial)


@require_http_methods(["GET", "POST"])
@once_per_form
def anonymised_version(request, reference, version_id):
    case = get_case_for(request.user, reference, REGISTER)
    # Through the case's manager, the version knows its case: naming it reads no more.
    version = get_object_or_404(case.report_versions, pk=version_id)
    decides = services.may_decide(case_permissions(request.user, case))
    if request.method == "POST" and not decides:
        raise Http404("Only the independent chair and the partnership decide on anonymisation.")
    sections = services.anonymised_sections(version, Register.for_case(case))
    flags = _flags_to_decide(sections)
    numbers = {flag.key: number for number, flag in enumerate(flags, start=1)}
    forms = {flag.key: _form(flag, numbers[flag.key]) for flag in flags} if decides else {}
    if request.method == "POST":
        flag = next((f for f in flags if f.key == request.POST.get("flag")), None)
        if flag is None:
            raise Http404("No such flag in this version.")
        form = forms[flag.key] = _form(flag, numbers[flag.key], submitted(request))
        if form.is_valid():
            here = reverse("reports:anonymised_version", args=[case.reference, version.pk])

            def decide():
                services.record_decision(case=case, by=request.user, flag=flag, **form.cleaned_data)
                return f"{here}#flag-{numbers[flag.key]}", "Decision recorded."

            try:
                return submit_once(request, decide)
            except CaseActionRefused as error:
                _refused(form, error)
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.PEOPLE_REGISTER,
        detail=f"Anonymised {version}"[:200],
    )
    return render(
        request,
        "reports/anonymised_version.html",
        {
            "case": case,
            "version": version,
            "sections": [
                (
                    part.section,
                    [
                        (text, mark, mark and numbers.get(getattr(mark, "key", "")))
                        for text, mark in part.anonymised.pieces()
                    ],
                )
                for part in sections
            ],
            "flags": [(flag, numbers[flag.key], forms.get(flag.key)) for flag in flags],
            "swap_count": sum(len(part.anonymised.swaps) for part in sections),
            "open_count": sum(1 for flag in flags if flag.decision is None),
        },
    )
