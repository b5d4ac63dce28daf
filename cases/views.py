from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dhr.forms import submitted, submitted_files

from . import clocks, rules, selectors, services
from .access import case_permissions, get_case_for, has_case_permission
from .eligibility import eligibility_prompts
from .forms import (
    AddPersonForm,
    DashboardFilterForm,
    DecisionDetailsForm,
    DecisionForm,
    ExtensionForm,
    FamilyLetterNotSentForm,
    HomeOfficeToldForm,
    LetterForm,
    MembershipForm,
    NewDeathConfirmationForm,
    NotificationCorrectionForm,
    NotificationForm,
    PauseForm,
    PersonCorrectionForm,
    ReasonForm,
    RecommendationForm,
    ReopenForm,
    ResumeForm,
    SuspectForm,
    TransferForm,
    VictimForm,
)
from .models import AccessLogEntry, CaseLetter, CaseMembership, Decision, Partnership
from .services import CaseActionRefused, PossibleDuplicate
from .submissions import once_per_form, submit_once
from .workflow import (
    REOPENABLE_STAGES,
    TRANSFERABLE_STAGES,
    WITHDRAWABLE_STAGES,
    Stage,
    stage_allows,
)

CASES_PER_PAGE = 50


def _refused(form, error: CaseActionRefused | ValidationError) -> None:
    """Put a refusal from a service next to the field it concerns, or at the form's top."""
    if isinstance(error, ValidationError):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(error.field if error.field in form.fields else None, error.message)


def _done_already(request, case, what: str, *events: str):
    """A step asked for after someone did it (the page no longer exists at this stage): a
    form posted again, or a message's link followed after the step it asked for (a hand-off
    to the CSP chair outlives the decision). Say who did it and when, on the case page,
    instead of a bare 404."""
    done = case.events.filter(name__in=events).select_related("actor").first()
    if done is None:
        raise Http404("Not possible at this stage of the case.")
    on = timezone.localdate(done.at)
    messages.info(
        request, f"{what} was recorded by {done.actor or 'the service'} on {on:%-d %B %Y}."
    )
    return redirect(case)


# Dashboard ------------------------------------------------------------------------------


def home(request):
    today = clocks.today()
    filters = DashboardFilterForm(request.GET or None)
    stage = overdue = None
    if filters.is_valid():
        stage, overdue = filters.cleaned_data["stage"], filters.cleaned_data["overdue"]
    cases = selectors.dashboard_cases(
        request.user, stage=stage or "", overdue=bool(overdue), on=today
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    waiting, more_waiting = selectors.steps_waiting_for(request.user, on=today)
    return render(
        request,
        "cases/home.html",
        {
            "filters": filters,
            "page": page,
            "rows": selectors.case_rows(page.object_list, on=today),
            "waiting": waiting,
            "more_waiting": more_waiting,
            "waiting_limit": selectors.WAITING_LIMIT,
            "partnerships": Partnership.objects.filter(roles__user=request.user).distinct(),
            "query": request.GET.copy().urlencode() if request.GET else "",
        },
    )


# Notification ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@once_per_form
def record_notification(request, code):
    partnership = get_object_or_404(Partnership, code=code, roles__user=request.user)
    forms = {
        "notification": NotificationForm(submitted(request), prefix="notification"),
        "victim": VictimForm(submitted(request), prefix="victim"),
        "suspect": SuspectForm(submitted(request), prefix="suspect"),
    }
    confirmation = NewDeathConfirmationForm(submitted(request), prefix="duplicate")
    duplicates = []
    if request.method == "POST" and all(form.is_valid() for form in forms.values()):
        confirmation.is_valid()
        suspect = forms["suspect"]

        def act():
            case = services.record_notification(
                partnership=partnership,
                by=request.user,
                notification=forms["notification"].cleaned_data,
                victim=forms["victim"].cleaned_data,
                suspects=[suspect.cleaned_data] if suspect.has_changed() else [],
                new_death_confirmed=confirmation.cleaned_data.get("confirm_new_death", False),
            )
            return case, f"Notification recorded as case {case.reference}."

        try:
            return submit_once(request, act)
        except PossibleDuplicate as warning:
            duplicates = warning.cases
            confirmation.add_error("confirm_new_death", warning.message)
        except (CaseActionRefused, ValidationError) as error:
            _refused(forms["notification"], error)
    return render(
        request,
        "cases/notification_form.html",
        {
            "partnership": partnership,
            **forms,
            "confirmation": confirmation if duplicates else None,
            "duplicates": duplicates,
        },
    )


# The case file --------------------------------------------------------------------------


def case_detail(request, reference):
    today = clocks.today()
    case = get_case_for(request.user, reference, cases=selectors.case_file_cases(on=today))
    can = case_permissions(request.user, case)
    if "view_case_file" not in can:
        return render(
            request,
            "cases/case_limited.html",
            {
                "case": case,
                "parts": selectors.limited_case_parts(case, request.user),
                "reads_the_package": "read_submitted_package" in can,
            },
        )
    row = selectors.case_row(case, on=today)
    decisions = selectors.decisions(case)
    current = decisions[0] if decisions and decisions[0].is_current else None
    pauses = list(case.pauses.select_related("recorded_by"))
    extensions = list(case.extensions.select_related("recorded_by", "agreed_by"))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "clocks": row.clocks,
            "can": can,
            "tasks": selectors.task_list(case, permissions=can),
            "events": selectors.timeline(case)[:20],
            "prompts": eligibility_prompts(case, list(case.people.all())),
            "decisions": decisions,
            "letters_outstanding": current.letters_still_to_send() if current else [],
            "letters_to_record": current.letters_to_record() if current else [],
            "family_letter_not_sent": current.family_letter_not_sent_record() if current else None,
            "next_steps": rules.next_steps(
                case, permissions=can, letters_to_send=row.letters_to_send
            ),
            "pauses": pauses,
            "open_pause": next((pause for pause in pauses if pause.is_open_on(today)), None),
            "extensions": extensions,
            # ReportExtensionQuerySet.home_office_not_told, on the extensions already read.
            "home_office_not_told_of_extension": any(
                extension.home_office_told_on is None for extension in extensions
            ),
            "recommendation": getattr(case, "recommendation", None),
            "may_withdraw": "edit_case_file" in can and case.stage in WITHDRAWABLE_STAGES,
            "may_transfer": "edit_case_file" in can and case.stage in TRANSFERABLE_STAGES,
            "may_reopen": "record_decision" in can and case.stage in REOPENABLE_STAGES,
            "transfer": getattr(case, "transfer", None),
            "transferred_from": getattr(case, "transferred_from", None),
            # Reopened and not decided again yet: the Home Office's letter or direction.
            "awaiting_new_decision": decisions[0].superseded_by
            if case.stage == Stage.DECISION and decisions and not current
            else None,
            "withdrawal": case.events.filter(name="case.withdrawn").select_related("actor").first()
            if case.stage == Stage.WITHDRAWN
            else None,
        },
    )


def people_register(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    restricted = "view_people_register" in can
    services.log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.PEOPLE_REGISTER,
        detail="with real names" if restricted else "pseudonyms only",
    )
    return render(
        request,
        "cases/people_register.html",
        {
            "case": case,
            "can": can,
            "restricted": restricted,
            "may_correct": restricted and "edit_case_file" in can,
            "people": selectors.people_register(case),
        },
    )


def _case_form_page(request, case, form, *, act, success, then=None, **page):
    """The shape of every one-form case page: GET shows the form; a valid POST calls `act`
    with the cleaned data (one service call), once per rendered form (cases.submissions);
    a refusal goes next to its field."""
    if request.method == "POST" and form.is_valid():

        def write():
            act(form.cleaned_data)
            return then or case, success

        try:
            return submit_once(request, write)
        except (CaseActionRefused, ValidationError) as error:
            _refused(form, error)
    template = page.pop("template", "cases/form_page.html")
    return render(request, template, {"case": case, "form": form, **page})


@require_http_methods(["GET", "POST"])
@once_per_form
def add_person(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")

    def act(data):
        details = dict(data)
        services.add_person(case=case, by=request.user, role=details.pop("role"), details=details)

    return _case_form_page(
        request,
        case,
        AddPersonForm(submitted(request)),
        act=act,
        success="Person added to the register.",
        then=reverse("cases:people", kwargs={"reference": case.reference}),
        title="Add a person to the register",
        submit="Add person",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def correct_notification(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if case.is_closed:
        raise Http404("A closed case's notification cannot be corrected.")
    form = NotificationCorrectionForm(submitted(request), instance=case)

    def act(data):
        reason = data.pop("reason")
        services.correct_notification(case=case, by=request.user, notification=data, reason=reason)

    return _case_form_page(
        request,
        case,
        form,
        act=act,
        success="Notification corrected. The audit trail keeps what it said before.",
        title="Correct the notification",
        submit="Save the correction",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def correct_person(request, reference, person_id):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if not has_case_permission(request.user, case, "view_people_register"):
        raise Http404("No case found.")
    person = get_object_or_404(case.people, pk=person_id)
    services.log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.PEOPLE_REGISTER,
        detail=f"correcting {person.pseudonym or person.get_role_display()}",
    )
    form = PersonCorrectionForm(submitted(request), instance=person)

    def act(data):
        reason = data.pop("reason")
        services.correct_person(person=person, by=request.user, details=data, reason=reason)

    return _case_form_page(
        request,
        case,
        form,
        act=act,
        success="Details corrected. The audit trail keeps what they were before.",
        then=reverse("cases:people", kwargs={"reference": case.reference}),
        title=f"Correct the details of {person.get_role_display().lower()} {person.pseudonym}",
        submit="Save the correction",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def withdraw_case(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if case.stage not in WITHDRAWABLE_STAGES:
        return _done_already(request, case, "The withdrawal", "case.withdrawn")
    return _case_form_page(
        request,
        case,
        ReasonForm(submitted(request)),
        act=lambda data: services.withdraw_case(case=case, by=request.user, reason=data["reason"]),
        success="The case is withdrawn. It stays on record with your reason.",
        title="Withdraw the case: recorded in error",
        lede="For a case recorded twice, or a death that turns out not to be in scope. The "
        "case is closed and kept for audit; no reminders are sent for it.",
        submit="Withdraw the case",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_recommendation(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if not stage_allows(case, "refer_for_decision"):
        return _done_already(request, case, "The recommendation", "case.referred_for_decision")
    return _case_form_page(
        request,
        case,
        RecommendationForm(submitted(request), case=case),
        act=lambda data: services.record_standing_panel_recommendation(
            case=case, by=request.user, recommendation=data
        ),
        success="Recommendation recorded. The case is with the CSP chair for a decision.",
        title="Standing panel recommendation",
        lede="What the standing panel recommends to the CSP chair.",  # seed 002 (2)
        submit="Refer to the CSP chair",
    )


# The events that record a decision (cases.workflow), one per outcome.
DECISION_EVENTS = [f"case.decision.{outcome}" for outcome in Decision.Outcome.values]

# The first page's fields, carried through the second page as hidden inputs.
DECISION_FIRST_PAGE = (
    "decision",
    "decided_on_day",
    "decided_on_month",
    "decided_on_year",
    "reasons",
    "single_agency_review_suggested",
)


@require_http_methods(["GET", "POST"])
@once_per_form
def record_decision(request, reference):
    """Two pages when the decision needs more (a joint review, another review leading): the
    first page's answers ride along hidden on the second, and are checked again there."""
    case = get_case_for(request.user, reference, "cases.record_decision")
    if not stage_allows(case, "decide_to_review"):
        return _done_already(request, case, "The decision", *DECISION_EVENTS)
    form = DecisionForm(submitted(request), case=case)
    details = None
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        details_form = DecisionDetailsForm.for_decision(form.cleaned_data["decision"])
        if details_form:
            details = details_form(request.POST if request.POST.get("page") == "details" else None)
        if details is None or details.is_valid():
            data = {**form.cleaned_data, **(details.cleaned_data if details else {})}

            def act():
                services.record_decision(case=case, by=request.user, **data)
                return case, (
                    "Decision recorded. Now record the letters to the Home Office and the family."
                )

            try:
                return submit_once(request, act)
            except (CaseActionRefused, ValidationError) as error:
                on_details = details and getattr(error, "field", None) in details.fields
                _refused(details if on_details else form, error)
    if details is not None and not form.errors:
        return render(
            request,
            "cases/decision_details.html",
            {
                "case": case,
                "form": details,
                "decision": form.cleaned_data,
                "decision_label": Decision.Outcome(form.cleaned_data["decision"]).label,
                "carried": [
                    (name, value)
                    for name in DECISION_FIRST_PAGE
                    for value in request.POST.getlist(name)
                ],
            },
        )
    return render(
        request,
        "cases/decision_form.html",
        {
            "case": case,
            "form": form,
            "recommendation": getattr(case, "recommendation", None),
            "prompts": eligibility_prompts(case, list(case.people.all())),
            "reopening": case.reopenings.last(),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_letter(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    if not case.letters_to_record():
        raise Http404("There is no letter to record on this case.")
    return _case_form_page(
        request,
        case,
        LetterForm(submitted(request), submitted_files(request), case=case),
        act=lambda data: services.record_letter(case=case, by=request.user, **data),
        success="Letter recorded as sent.",
        title="Record a letter about the decision",
        submit="Record letter",
        multipart=True,
    )


def letter_copy(request, reference, letter_id):
    # The letters name the victim and write to the family: real names, so only those who
    # may see the people register may read them.
    case = get_case_for(request.user, reference, "cases.view_people_register")
    letter = get_object_or_404(case.letters, pk=letter_id)
    services.log_access(
        case=case, user=request.user, what=AccessLogEntry.What.DOCUMENT, detail=str(letter)
    )
    return FileResponse(
        letter.copy.open("rb"),
        as_attachment=True,
        filename=letter.copy_name,
        content_type="application/pdf",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_family_letter_not_sent(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    if CaseLetter.Recipient.FAMILY not in case.letters_still_to_send():
        raise Http404("The family's letter is not outstanding on this case.")
    return _case_form_page(
        request,
        case,
        FamilyLetterNotSentForm(submitted(request)),
        act=lambda data: services.record_family_letter_not_sent(case=case, by=request.user, **data),
        success="Recorded why no letter is sent to the family.",
        title="Record why no letter goes to the family",
        submit="Record the reason",
        lede="The family is told of the decision in writing within the month, unless there "
        "is no family to write to, or the police or the family's advocate advise waiting. "
        "Record the reason instead of the letter.",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def pause_case(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if case.open_pause():
        return _done_already(request, case, "The pause", "case.paused")
    if case.is_closed:
        raise Http404("A closed case cannot be paused.")
    lede = "For example while criminal proceedings run. The overview report deadline waits "
    lede += "until the review resumes; resuming asks for the deadline to be agreed again."
    if not case.decided_on:
        lede += (
            " A pause does not stop the decision or the letters to the Home Office and the "
            f"family: they are still due by {case.decision_due_on:%-d %B %Y}."
        )
    cause_label, causes = services.pause_cause_choices(case)
    return _case_form_page(
        request,
        case,
        PauseForm(submitted(request), cause_label=cause_label, causes=causes),
        act=lambda data: services.pause_case(case=case, by=request.user, **data),
        success="The review is paused.",
        title="Pause the review",
        submit="Pause the review",
        lede=lede,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def resume_case(request, reference):
    """Resuming asks for the report deadline to be agreed again. When the due date has
    passed (during the pause or before it), the page says so and, once resumed, leads
    straight to recording the extension; otherwise it says the date stands unless the CSP
    chair agrees a new one."""
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    pause = case.open_pause()
    if pause is None:
        return _done_already(request, case, "The resumption", "case.resumed")
    form = ResumeForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        resumed_on = form.cleaned_data["resumed_on"]

        def act():
            services.resume_case(case=case, by=request.user, resumed_on=resumed_on)
            if selectors.report_deadline_to_agree_again(case, resumed_on=resumed_on):
                return reverse("cases:extension", kwargs={"reference": case.reference}), (
                    "The review has resumed. The overview report was due on "
                    f"{case.overview_report_due_on:%-d %B %Y}: record the new date agreed "
                    "with the CSP chair."
                )
            return case, "The review has resumed."

        try:
            return submit_once(request, act)
        except (CaseActionRefused, ValidationError) as error:
            _refused(form, error)
    return render(
        request,
        "cases/resume_form.html",
        {
            "case": case,
            "form": form,
            "pause": pause,
            "agree_again": selectors.report_deadline_to_agree_again(
                case, resumed_on=clocks.today()
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def agree_extension(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if case.overview_report_due_on is None or case.is_closed:
        raise Http404("The overview report clock has not started.")
    return _case_form_page(
        request,
        case,
        ExtensionForm(submitted(request), case=case),
        act=lambda data: services.agree_extension(case=case, by=request.user, **data),
        success="Extension recorded. The overview report clock shows the new date.",
        title="Record an agreed extension",
        submit="Record extension",
        lede=f"The overview report is due on {case.overview_report_due_on:%-d %B %Y}. "
        "A new date is agreed with the CSP chair.",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_home_office_told(request, reference):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    if not case.extensions.home_office_not_told().exists():
        raise Http404("The Home Office has been told of every extension.")
    return _case_form_page(
        request,
        case,
        HomeOfficeToldForm(submitted(request)),
        act=lambda data: services.record_home_office_told_of_extension(
            case=case, by=request.user, **data
        ),
        success="Recorded that the Home Office was told of the new date.",
        title="Record that the Home Office was told",
        submit="Record",
        lede=f"The Home Office is told of the overview report's new date, "
        f"{case.overview_report_due_on:%-d %B %Y}: any revised timescale beyond six months "
        "is communicated to it.",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def reopen_case(request, reference):
    case = get_case_for(request.user, reference, "cases.record_decision")
    if case.stage not in REOPENABLE_STAGES:
        return _done_already(request, case, "The reopening", "case.reopened")
    return _case_form_page(
        request,
        case,
        ReopenForm(submitted(request), submitted_files(request), case=case),
        act=lambda data: services.reopen_case(case=case, by=request.user, **data),
        success="The case is reopened and waits for a new decision. The decision and its "
        "letters are due a calendar month after the Home Office's letter or direction.",
        title="Reopen on the Home Office's advice",
        submit="Reopen the case",
        lede="When the Home Office overrules the decision and asks for a review, by letter or "
        "by a direction under section 9(2). The decision stays on record, with its letters; "
        "you then record a new one.",
        multipart=True,
    )


def reopening_copy(request, reference, reopening_id):
    # Like the decision letters, the Home Office's letter names the victim.
    case = get_case_for(request.user, reference, "cases.view_people_register")
    reopening = get_object_or_404(case.reopenings.exclude(copy=""), pk=reopening_id)
    services.log_access(
        case=case, user=request.user, what=AccessLogEntry.What.DOCUMENT, detail=str(reopening)
    )
    return FileResponse(
        reopening.copy.open("rb"),
        as_attachment=True,
        filename=reopening.copy_name,
        content_type="application/pdf",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def transfer_case(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if case.stage not in TRANSFERABLE_STAGES:
        return _done_already(request, case, "The transfer", "case.transferred")
    return _case_form_page(
        request,
        case,
        TransferForm(submitted(request), case=case),
        act=lambda data: services.transfer_case(case=case, by=request.user, **data),
        success="The case is transferred. The lead partnership has it under a new reference; "
        "this case stays on record, closed.",
        title="Transfer to the lead partnership",
        submit="Transfer the case",
        lede="When the death was notified to this partnership but the victim normally lived "
        "in another partnership's area: that partnership decides whether to hold a review. "
        "It gets a case of its own, with the notification and the people register; this case "
        "is closed as transferred, not as a decision not to review.",
    )


# Memberships ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@once_per_form
def case_members(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    memberships = list(selectors.memberships(case))
    grantable = rules.roles_grantable_by(request.user, case, memberships)
    form = None
    if grantable:
        form = MembershipForm(
            submitted(request), case=case, actor=request.user, grantable=grantable
        )
    if request.method == "POST":
        if form is None:
            raise Http404("No case found.")
        if form.is_valid():

            def act():
                services.grant_membership(
                    case=case,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                    agency=form.cleaned_data["agency"],
                )
                members = reverse("cases:members", kwargs={"reference": case.reference})
                return members, f"{form.cleaned_data['user']} added to the case."

            try:
                return submit_once(request, act)
            except CaseActionRefused as error:
                _refused(form, error)
    return render(
        request,
        "cases/members.html",
        {
            "case": case,
            "can": can,
            "form": form,
            "memberships": memberships,
            "endable": {
                m.pk
                for m in memberships
                if rules.may_end_membership(request.user, m, grantable, memberships)
            },
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def end_membership(request, reference, membership_id):
    """GET asks for confirmation: ending a role takes the person's access away at once."""
    case = get_case_for(request.user, reference, "cases.view_case_file")
    membership = get_object_or_404(
        CaseMembership.objects.select_related("user", "agency"),
        pk=membership_id,
        case=case,
        ended_at=None,
    )
    if not rules.may_end_membership(request.user, membership):
        raise Http404("No case found.")
    if request.method == "GET":
        return render(
            request, "cases/end_membership.html", {"case": case, "membership": membership}
        )

    def act():
        services.end_membership(membership=membership, by=request.user)
        return reverse("cases:members", kwargs={"reference": case.reference}), (
            f"{membership.user} no longer has the role {membership.get_role_display()}."
        )

    try:
        return submit_once(request, act)
    except CaseActionRefused as error:
        raise Http404(error.message) from None


# Audit ----------------------------------------------------------------------------------


def audit_trail(request, reference):
    case = get_case_for(request.user, reference, "cases.view_audit_trail")
    services.log_access(case=case, user=request.user, what=AccessLogEntry.What.AUDIT_TRAIL)
    page = Paginator(selectors.audit_trail(case), 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_change_labels(page.object_list)
    return render(request, "cases/audit_trail.html", {"case": case, "page": page})


def access_log(request, reference):
    case = get_case_for(request.user, reference, "cases.view_audit_trail")
    services.log_access(case=case, user=request.user, what=AccessLogEntry.What.ACCESS_LOG)
    page = Paginator(selectors.access_log(case), 50).get_page(request.GET.get("page"))
    return render(request, "cases/access_log.html", {"case": case, "page": page})


def timeline(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    page = Paginator(selectors.timeline(case), 50).get_page(request.GET.get("page"))
    return render(request, "cases/timeline.html", {"case": case, "page": page})


# Messages (the in-app inbox) -------------------------------------------------------------


def inbox(request):
    page = Paginator(selectors.inbox_of(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "cases/inbox.html", {"page": page})


@require_http_methods(["POST"])
def mark_message_read(request, message_id):
    services.mark_messages_read(user=request.user, message_ids=[message_id])
    return redirect("inbox")


@require_http_methods(["POST"])
def mark_all_messages_read(request):
    services.mark_messages_read(user=request.user)
    messages.success(request, "All messages marked as read.")
    return redirect("inbox")
