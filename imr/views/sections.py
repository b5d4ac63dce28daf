"""An IMR's sections page (the author's draft, or what was signed off), its
recommendations, sending it for sign-off, the senior manager's sign-off, the panel's
review with its comments, the chair's decision and the comparison of two versions."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.services import CaseActionRefused, log_access
from cases.submissions import once_per_form, submit_once
from cases.views import _case_form_page, _refused
from dhr.forms import submitted

from ..access import Need, get_imr_for, may
from ..forms.sections import (
    ChairDecisionForm,
    CommentForm,
    CompareForm,
    ConfirmForm,
    RecommendationForm,
    SectionsForm,
    SignOffForm,
)
from ..models import COMMENTED_ON, SECTIONS, Imr, ImrComment
from ..services import sections as services


def _url(name: str, imr: Imr, *more) -> str:
    return reverse(f"imr:{name}", args=[imr.case.reference, imr.pk, *more])


def _imr(request, reference, imr_id, need: Need) -> Imr:
    case = get_case_for(request.user, reference)
    return get_imr_for(request.user, case, imr_id, need)


def _log(request, imr: Imr, what: str) -> None:
    log_access(
        case=imr.case,
        user=request.user,
        what=AccessLogEntry.What.CASE_RECORD,
        detail=f"{what} of {imr.agency}'s IMR",
    )


def _editable(request, reference, imr_id) -> Imr:
    """The IMR, for its agency's staff while its draft may be changed."""
    imr = _imr(request, reference, imr_id, Need.WRITE)
    if not imr.is_editable:
        raise Http404("The IMR cannot be changed now.")
    return imr


@require_http_methods(["GET", "POST"])
@once_per_form
def sections(request, reference, imr_id):
    imr = _imr(request, reference, imr_id, Need.READ)
    can = case_permissions(request.user, imr.case)
    own_agency = may(request.user, imr, Need.WRITE, can)
    writes = own_agency and imr.is_editable
    if request.method == "POST" and not writes:
        raise Http404("The IMR cannot be changed now.")
    draft = services.draft_of(imr) if own_agency else None
    form = SectionsForm(submitted(request), draft=draft) if writes else None
    if form is not None and request.method == "POST" and form.is_valid():

        def save():
            services.save_sections(
                imr=imr,
                by=request.user,
                texts=form.texts(),
                no_recommendations_reason=form.cleaned_data["no_recommendations_reason"],
            )
            return _url("sections", imr), "Draft saved."

        try:
            return submit_once(request, save)
        except CaseActionRefused as error:
            _refused(form, error)
    if request.method == "GET":
        _log(request, imr, "The sections")
    # The agency works on its draft; the panel reads only what was signed off.
    version = None if own_agency else services.latest_version(imr)
    steps = services.steps_of(imr) if own_agency else []
    return render(
        request,
        "imr/sections.html",
        {
            "case": imr.case,
            "imr": imr,
            "form": form,
            "draft": draft,
            "sections": [
                (section, draft.text_of(section.key) if draft else version.text_of(section.key))
                for section in SECTIONS
            ],
            "version": version,
            "recommendations_text": version.text_of("recommendations") if version else "",
            "recommendations": services.recommendations_of(imr) if own_agency else [],
            "missing": services.what_is_missing(imr) if writes else [],
            "may_send": writes and request.user.pk == imr.author_id,
            "last_step": steps[0] if steps else None,
        },
    )


def _recommendation_page(request, imr, form, act, success, title, submit):
    return _case_form_page(
        request,
        imr.case,
        form,
        act=act,
        success=success,
        then=_url("sections", imr) + "#recommendations",
        title=title,
        submit=submit,
        lede=f"{imr.agency}'s IMR. A recommendation says what the agency will do, who owns "
        "it, by when, and how it will know it is done, so it can go into the action plan.",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_recommendation(request, reference, imr_id):
    imr = _editable(request, reference, imr_id)
    return _recommendation_page(
        request,
        imr,
        RecommendationForm(submitted(request)),
        lambda data: services.add_recommendation(imr=imr, by=request.user, **data),
        "Recommendation added.",
        "Add a recommendation",
        "Add the recommendation",
    )


def _recommendation(imr: Imr, recommendation_id: int):
    return get_object_or_404(imr.recommendations, pk=recommendation_id)


@require_http_methods(["GET", "POST"])
@once_per_form
def change_recommendation(request, reference, imr_id, recommendation_id):
    imr = _editable(request, reference, imr_id)
    recommendation = _recommendation(imr, recommendation_id)
    recommendation.imr = imr
    return _recommendation_page(
        request,
        imr,
        RecommendationForm(submitted(request), recommendation=recommendation),
        lambda data: services.change_recommendation(
            recommendation=recommendation, by=request.user, **data
        ),
        "Recommendation changed.",
        "Change a recommendation",
        "Save the recommendation",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def remove_recommendation(request, reference, imr_id, recommendation_id):
    imr = _editable(request, reference, imr_id)
    recommendation = _recommendation(imr, recommendation_id)
    recommendation.imr = imr
    return _case_form_page(
        request,
        imr.case,
        ConfirmForm(submitted(request)),
        act=lambda data: services.remove_recommendation(
            recommendation=recommendation, by=request.user
        ),
        success="Recommendation removed.",
        then=_url("sections", imr) + "#recommendations",
        title="Remove a recommendation",
        lede=f"“{recommendation.what}” will be removed from {imr.agency}'s IMR.",
        submit="Remove the recommendation",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def send_for_sign_off(request, reference, imr_id):
    imr = _editable(request, reference, imr_id)
    if request.user.pk != imr.author_id:
        raise Http404("Only the IMR's author sends it for sign-off.")
    return _case_form_page(
        request,
        imr.case,
        ConfirmForm(submitted(request)),
        act=lambda data: services.send_for_sign_off(imr=imr, by=request.user),
        success=f"Sent to {imr.senior_manager} for sign-off.",
        then=_url("sections", imr),
        template="imr/send_for_sign_off.html",
        title="Send the IMR for sign-off",
        imr=imr,
        missing=services.what_is_missing(imr),
        submit="Send for sign-off",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def sign_off(request, reference, imr_id):
    imr = _imr(request, reference, imr_id, Need.SIGN_OFF)
    if imr.status != Imr.Status.AWAITING_SIGN_OFF:
        raise Http404("The IMR is not waiting for sign-off.")
    form = SignOffForm(submitted(request))

    def act(data):
        if data["decision"] == SignOffForm.SIGN_OFF:
            services.sign_off(imr=imr, by=request.user, comments=data["comments"])
        else:
            services.return_to_author(imr=imr, by=request.user, comments=data["comments"])

    if request.method == "GET":
        _log(request, imr, "The draft for sign-off")
    draft = services.draft_of(imr)
    return _case_form_page(
        request,
        imr.case,
        form,
        act=act,
        success="Your decision on the IMR is recorded.",
        then=_url("sections", imr),
        template="imr/sign_off.html",
        title=f"Sign off {imr.agency}'s IMR",
        imr=imr,
        sections=[(section, draft.text_of(section.key)) for section in SECTIONS],
        draft=draft,
        recommendations=services.recommendations_of(imr),
        submit="Record your decision",
    )


def _before_the_panel(request, reference, imr_id) -> Imr:
    imr = _imr(request, reference, imr_id, Need.READ)
    if not imr.is_before_the_panel:
        raise Http404("The IMR is not before the panel.")
    return imr


def review(request, reference, imr_id):
    imr = _before_the_panel(request, reference, imr_id)
    can = case_permissions(request.user, imr.case)
    versions = services.versions_of(imr)
    version = versions[0]
    threads = services.threads_by_section(version)
    _log(request, imr, f"Version {version.number}")
    return render(
        request,
        "imr/review.html",
        {
            "case": imr.case,
            "imr": imr,
            "version": version,
            "versions": versions,
            "sections": [
                (section, version.text_of(section.key), threads[section.key])
                for section in COMMENTED_ON
            ],
            "steps": services.steps_of(imr),
            "may_comment": services.may_comment(request.user, imr, can),
            "may_reply": services.may_reply(request.user, imr, can),
            "may_resolve": services.may_resolve(request.user, imr, can),
            "may_decide": imr.status == Imr.Status.SUBMITTED
            and may(request.user, imr, Need.MANAGE, can),
        },
    )


def _comment_page(request, imr, form, act, title, lede=""):
    page = _case_form_page(
        request,
        imr.case,
        form,
        act=act,
        success="Comment added.",
        then=_url("review", imr),
        title=title,
        lede=lede,
        submit="Add the comment",
    )
    return page


@require_http_methods(["GET", "POST"])
@once_per_form
def comment(request, reference, imr_id):
    imr = _before_the_panel(request, reference, imr_id)
    if not services.may_comment(request.user, imr, case_permissions(request.user, imr.case)):
        raise Http404("Comments are made while the IMR is submitted to the panel.")
    form = CommentForm(submitted(request), initial={"section": request.GET.get("section")})
    return _comment_page(
        request,
        imr,
        form,
        lambda data: services.comment_on(imr=imr, by=request.user, **data),
        f"Comment on {imr.agency}'s IMR",
    )


def _thread(imr: Imr, comment_id: int) -> ImrComment:
    return get_object_or_404(
        ImrComment.objects.select_related("by"), pk=comment_id, version__imr=imr, reply_to=None
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def reply(request, reference, imr_id, comment_id):
    imr = _before_the_panel(request, reference, imr_id)
    if not services.may_reply(request.user, imr, case_permissions(request.user, imr.case)):
        raise Http404("Replies are made while the IMR is before the panel.")
    thread = _thread(imr, comment_id)
    return _comment_page(
        request,
        imr,
        CommentForm(submitted(request), reply=True),
        lambda data: services.comment_on(
            imr=imr, by=request.user, section=thread.section, text=data["text"], reply_to=thread
        ),
        f"Reply to {thread.by}",
        lede=f"“{thread.text}”",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def resolve(request, reference, imr_id, comment_id):
    imr = _before_the_panel(request, reference, imr_id)
    if not services.may_resolve(request.user, imr, case_permissions(request.user, imr.case)):
        raise Http404("Only the IMR's author or the independent chair resolves comments.")
    thread = _thread(imr, comment_id)
    return _case_form_page(
        request,
        imr.case,
        ConfirmForm(submitted(request)),
        act=lambda data: services.resolve_thread(comment=thread, by=request.user),
        success="Comment resolved.",
        then=_url("review", imr),
        title="Resolve a comment",
        lede=f"{thread.by}: “{thread.text}”",
        submit="Mark as resolved",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def decide(request, reference, imr_id):
    imr = _imr(request, reference, imr_id, Need.MANAGE)
    if imr.status != Imr.Status.SUBMITTED:
        raise Http404("The IMR is not before the panel for a decision.")

    def act(data):
        if data["decision"] == ChairDecisionForm.ACCEPT:
            services.accept_imr(imr=imr, by=request.user)
        else:
            services.request_revision(imr=imr, by=request.user, reasons=data["reasons"])

    return _case_form_page(
        request,
        imr.case,
        ChairDecisionForm(submitted(request)),
        act=act,
        success="Your decision on the IMR is recorded.",
        then=_url("review", imr),
        title=f"Accept {imr.agency}'s IMR or ask for a revision",
        submit="Record your decision",
    )


def compare(request, reference, imr_id):
    imr = _imr(request, reference, imr_id, Need.READ)
    versions = {version.number: version for version in services.versions_of(imr)}
    if len(versions) < 2:
        raise Http404("There is only one version.")
    numbers = sorted(versions)
    form = CompareForm(request.GET or {"older": numbers[-2], "newer": numbers[-1]}, numbers=numbers)
    diffs = None
    if form.is_valid():
        older, newer = versions[form.cleaned_data["older"]], versions[form.cleaned_data["newer"]]
        diffs = services.compare(older, newer)
        _log(request, imr, f"Versions {older.number} and {newer.number}")
    return render(
        request,
        "imr/compare.html",
        {"case": imr.case, "imr": imr, "form": form, "diffs": diffs},
    )
