"""Pages of the family and friends record (DOMAIN.md 2.2).

The whole record is restricted like the people register: each page first loads the case
for someone who reads the register (the forms: who manages the panel, then the register),
so everyone else gets the 404 every refused case page gives. Every view of a page, form
pages included, is written to the case's access log.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms.family import (
    AdvocateForm,
    ContactForm,
    ContributionForm,
    FirstContactForm,
    InvolvementDecisionForm,
    NetworkMemberForm,
    PseudonymForm,
    TributeForm,
)
from ..selectors.family import cases_with_tribute, family_record, tribute_of
from ..services import family as services


def _logged(request, case, page: str) -> None:
    log_access(case=case, user=request.user, what=AccessLogEntry.What.FAMILY, detail=page)


def family(request, reference):
    case = get_case_for(
        request.user, reference, "cases.view_people_register", cases=cases_with_tribute()
    )
    _logged(request, case, "the family and friends record")
    can = case_permissions(request.user, case)
    return render(
        request,
        "panels/family_record.html",
        {
            "case": case,
            "record": family_record(case),
            "may_write": "manage_panel" in can and not case.is_closed,
        },
    )


def _case_to_write(request, reference: str, page: str, *, cases=None):
    case = get_case_for(request.user, reference, "cases.manage_panel", cases=cases)
    # The codenames read with the case: the service checks them again, fresh, on writing.
    if not services.may_write(case_permissions(request.user, case)) or case.is_closed:
        raise Http404("No case found.")
    _logged(request, case, page)
    return case


def _form_page(request, case, form, *, act, success: str, title: str, **page):
    return _case_form_page(
        request,
        case,
        form,
        act=act,
        success=success,
        then=reverse("panels:family", kwargs={"reference": case.reference}),
        template="panels/family_form.html",
        title=title,
        **page,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def name_advocate(request, reference):
    case = _case_to_write(request, reference, "naming the advocate")
    return _form_page(
        request,
        case,
        AdvocateForm(submitted(request)),
        act=lambda data: services.name_advocate(case=case, by=request.user, **data),
        success="Advocate named.",
        title="Name the family's advocate",
        lede="All communication with the family goes through a designated advocate, where "
        "possible one who already works with them. A new advocate replaces the current one.",
        submit="Name the advocate",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_member(request, reference):
    case = _case_to_write(request, reference, "adding someone from the networks")
    may_add_person = "edit_case_file" in case_permissions(request.user, case)
    form = NetworkMemberForm(submitted(request), case=case, may_add_person=may_add_person)
    return _form_page(
        request,
        case,
        form,
        act=lambda data: services.add_network_member(
            case=case, by=request.user, **form.service_arguments()
        ),
        success="Added to the family and friends record.",
        title="Add someone from the victim's or the perpetrator's networks",
        lede="Family, friends, colleagues, employers, health professionals and voluntary "
        "organisations the victim or the perpetrator may have confided in.",
        submit="Add",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_involvement_decision(request, reference):
    case = _case_to_write(request, reference, "recording a decision not to involve or to delay")
    return _form_page(
        request,
        case,
        InvolvementDecisionForm(submitted(request), case=case),
        act=lambda data: services.record_involvement_decision(case=case, by=request.user, **data),
        success="Decision recorded.",
        title="Record a decision not to involve, or to delay contact",
        lede="Everyone in these networks is given every opportunity to take part, unless "
        "there are exceptional circumstances such as suspected honour-based abuse. The "
        "timing of contact takes account of the post mortem and criminal investigations.",
        submit="Record the decision",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_first_contact(request, reference):
    case = _case_to_write(request, reference, "recording a first contact")
    return _form_page(
        request,
        case,
        FirstContactForm(submitted(request), case=case),
        act=lambda data: services.record_first_contact(case=case, by=request.user, **data),
        success="First contact recorded.",
        title="Record a first contact",
        lede="The first contact is made in person, delivering the information letter and "
        "the Home Office leaflet.",
        submit="Record the first contact",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def log_contact(request, reference):
    case = _case_to_write(request, reference, "logging a contact")
    return _form_page(
        request,
        case,
        ContactForm(submitted(request), case=case),
        act=lambda data: services.log_contact(case=case, by=request.user, **data),
        success="Contact logged.",
        title="Log a contact",
        lede="Regular updates on progress through the advocate, including the timeline "
        "expected for publication; and interviews, the perpetrator's where possible.",
        submit="Log the contact",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_contribution(request, reference):
    case = _case_to_write(request, reference, "recording a contribution")
    return _form_page(
        request,
        case,
        ContributionForm(submitted(request), case=case),
        act=lambda data: services.record_contribution(case=case, by=request.user, **data),
        success="Contribution recorded.",
        title="Record a contribution",
        submit="Record the contribution",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_pseudonym(request, reference):
    case = _case_to_write(request, reference, "recording a pseudonym chosen by the family")
    return _form_page(
        request,
        case,
        PseudonymForm(submitted(request), case=case),
        act=lambda data: services.record_pseudonym_choice(case=case, by=request.user, **data),
        success="Pseudonym recorded. The people register uses it from now on.",
        title="Record the pseudonym the family chose",
        submit="Record the pseudonym",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_tribute(request, reference):
    case = _case_to_write(request, reference, "recording the tribute", cases=cases_with_tribute())
    tribute = tribute_of(case)
    return _form_page(
        request,
        case,
        TributeForm(submitted(request), case=case, instance=tribute),
        act=lambda data: services.record_tribute(case=case, by=request.user, **data),
        success="Tribute recorded.",
        title="The tribute to the victim" if tribute else "Record the tribute to the victim",
        submit="Save the tribute",
    )
