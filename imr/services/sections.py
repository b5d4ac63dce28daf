"""Writing an IMR's sections, sending it for sign-off, the senior manager's sign-off or
return, and the panel's review: comments per section, a revision asked for, acceptance
(DOMAIN.md 2.4 items 5, 7, 8). Every state change is one function here, taken inside the
case's lock, recorded as an ImrStep and a named event on the case's timeline."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from cases import inbox, versions
from cases.access import case_permissions
from cases.clocks import today
from cases.models import Case, User
from cases.services import CaseActionRefused, record_event
from cases.versions import SectionDiff, Thread

from ..access import Need, may
from ..models import (
    COMMENTED_ON,
    SECTION_KEYS,
    SECTION_TITLES,
    SECTIONS,
    Imr,
    ImrComment,
    ImrRecommendation,
    ImrSections,
    ImrStep,
    ImrVersion,
)
from ..models.sections import RECOMMENDATIONS, content_hash

# Reading ----------------------------------------------------------------------------------


def draft_of(imr: Imr) -> ImrSections:
    """The author's draft, or an empty one (unsaved) before anything is written."""
    return ImrSections.objects.filter(imr=imr).first() or ImrSections(imr=imr)


def recommendations_of(imr: Imr) -> list[ImrRecommendation]:
    return list(imr.recommendations.order_by("id"))


def latest_version(imr: Imr) -> ImrVersion | None:
    return imr.versions.select_related("signed_off_by").order_by("-number").first()


def versions_of(imr: Imr) -> list[ImrVersion]:
    return list(imr.versions.select_related("signed_off_by").order_by("-number"))


def steps_of(imr: Imr) -> list[ImrStep]:
    return list(imr.steps.select_related("by", "version").order_by("-at", "-id"))


@dataclass(frozen=True)
class Missing:
    field: str  # the form field or section the author fixes it in
    message: str


def what_is_missing(imr: Imr) -> list[Missing]:
    """What the author must still write before the IMR can go for sign-off."""
    draft = draft_of(imr)
    missing = [
        Missing(section.key, f"Write the section “{section.title}”.")
        for section in SECTIONS
        if not draft.text_of(section.key).strip()
    ]
    if not imr.recommendations.exists() and not draft.no_recommendations_reason.strip():
        missing.append(
            Missing(
                "no_recommendations_reason",
                "Add the agency's recommendations, or say why it makes none.",
            )
        )
    return missing


def open_threads(version: ImrVersion) -> int:
    return version.comments.filter(reply_to=None, resolved_at=None).count()


def threads_by_section(version: ImrVersion) -> dict[str, list[Thread]]:
    """Each section's comment threads on `version`, oldest first, in one query."""
    return versions.threads_by_section(
        version.comments.select_related("by", "resolved_by").order_by("at", "id"),
        (section.key for section in COMMENTED_ON),
    )


def may_comment(user: User, imr: Imr, permissions: frozenset[str]) -> bool:
    """The panel and the independent chair start threads on a submitted version."""
    return (
        "comment" in permissions
        and imr.status == Imr.Status.SUBMITTED
        and may(user, imr, Need.READ, permissions)
    )


def may_reply(user: User, imr: Imr, permissions: frozenset[str]) -> bool:
    """Those who comment, and the agency's own staff answering them, while the version is
    before the panel and not yet accepted."""
    if imr.status not in (Imr.Status.SUBMITTED, Imr.Status.REVISION_REQUESTED):
        return False
    return ("comment" in permissions and may(user, imr, Need.READ, permissions)) or may(
        user, imr, Need.WRITE, permissions
    )


def may_resolve(user: User, imr: Imr, permissions: frozenset[str]) -> bool:
    """The IMR's author or the independent chair resolves a thread."""
    if imr.status not in (Imr.Status.SUBMITTED, Imr.Status.REVISION_REQUESTED):
        return False
    return user.pk == imr.author_id or may(user, imr, Need.MANAGE, permissions)


# Comparing versions -------------------------------------------------------------------------


def compare(older: ImrVersion, newer: ImrVersion) -> list[SectionDiff]:
    """Each section's lines in the two versions, marked added, removed or the same."""
    return versions.compare_sections(COMMENTED_ON, older.sections, newer.sections)


# Writing ------------------------------------------------------------------------------------


def _locked(imr: Imr, *, by: User, need: Need, refusal: str) -> Imr:
    """The IMR and its case, locked until the transaction ends, if `by` may `need` on it
    now: checked inside the lock, never from what a view read before the request waited."""
    case = Case.objects.select_for_update().get(pk=imr.case_id)
    imr = (
        Imr.objects.select_for_update(of=("self",))
        .select_related("agency", "senior_manager", "author")
        .get(pk=imr.pk)
    )
    imr.case = case
    if not may(by, imr, need):
        raise CaseActionRefused(refusal)
    return imr


def _editable(imr: Imr, by: User) -> Imr:
    imr = _locked(imr, by=by, need=Need.WRITE, refusal="You may not write this IMR.")
    if not imr.is_editable:
        raise CaseActionRefused(f"The IMR cannot be changed while it is {_state(imr)}.")
    return imr


def _state(imr: Imr) -> str:
    return imr.get_status_display()[0].lower() + imr.get_status_display()[1:]


def _step(imr: Imr, *, kind: str, by: User, comments: str = "", version=None) -> ImrStep:
    step = ImrStep(imr=imr, kind=kind, by=by, comments=comments, version=version)
    step._history_user = by
    step.save()
    return step


def _set_status(imr: Imr, status: str, by: User) -> None:
    imr.status = status
    imr._history_user = by
    imr.save(update_fields=["status"])


def _sections_url(imr: Imr) -> str:
    return reverse("imr:sections", args=[imr.case.reference, imr.pk])


def _review_url(imr: Imr) -> str:
    return reverse("imr:review", args=[imr.case.reference, imr.pk])


@transaction.atomic
def save_sections(
    *, imr: Imr, by: User, texts: dict[str, str], no_recommendations_reason: str = ""
) -> ImrSections:
    """Keep what the author has written, complete or not."""
    imr = _editable(imr, by)
    unknown = set(texts) - set(SECTION_KEYS)
    if unknown:
        raise CaseActionRefused(f"These are not sections of an IMR: {sorted(unknown)}.")
    draft = draft_of(imr)
    for key in SECTION_KEYS:
        setattr(draft, key, texts.get(key, "").strip())
    draft.no_recommendations_reason = no_recommendations_reason.strip()
    draft._history_user = by
    draft.save()
    return draft


def _check_recommendation(what: str, owner: str, target_on: date, measure: str) -> None:
    if not what.strip():
        raise CaseActionRefused("Enter the recommendation.", field="what")
    if not owner.strip():
        raise CaseActionRefused("Enter the post or team that owns it.", field="owner")
    if target_on <= today():
        raise CaseActionRefused("The target date must be in the future.", field="target_on")
    if not measure.strip():
        raise CaseActionRefused("Say how the agency will know it is done.", field="measure")


@transaction.atomic
def add_recommendation(
    *, imr: Imr, by: User, what: str, owner: str, target_on: date, measure: str
) -> ImrRecommendation:
    imr = _editable(imr, by)
    _check_recommendation(what, owner, target_on, measure)
    recommendation = ImrRecommendation(
        imr=imr,
        what=what.strip(),
        owner=owner.strip(),
        target_on=target_on,
        measure=measure.strip(),
    )
    recommendation._history_user = by
    recommendation.save()
    return recommendation


@transaction.atomic
def change_recommendation(
    *,
    recommendation: ImrRecommendation,
    by: User,
    what: str,
    owner: str,
    target_on: date,
    measure: str,
) -> ImrRecommendation:
    _editable(recommendation.imr, by)
    _check_recommendation(what, owner, target_on, measure)
    recommendation.what, recommendation.owner = what.strip(), owner.strip()
    recommendation.target_on, recommendation.measure = target_on, measure.strip()
    recommendation._history_user = by
    recommendation.save()
    return recommendation


@transaction.atomic
def remove_recommendation(*, recommendation: ImrRecommendation, by: User) -> None:
    _editable(recommendation.imr, by)
    recommendation._history_user = by
    recommendation.delete()


@transaction.atomic
def send_for_sign_off(*, imr: Imr, by: User) -> Imr:
    """The author sends the draft, complete, to the agency's senior manager."""
    imr = _editable(imr, by)
    if by.pk != imr.author_id:
        raise CaseActionRefused("Only the IMR's author sends it for sign-off.")
    if missing := what_is_missing(imr):
        raise CaseActionRefused(
            "The IMR is not complete: " + " ".join(item.message for item in missing)
        )
    _set_status(imr, Imr.Status.AWAITING_SIGN_OFF, by)
    _step(imr, kind=ImrStep.Kind.SENT_FOR_SIGN_OFF, by=by)
    record_event(
        case=imr.case,
        name="imr.sent_for_sign_off",
        description=f"{imr.agency}'s IMR sent to the senior manager for sign-off",
        actor=by,
    )
    inbox.hand_off(
        users=[imr.senior_manager],
        case=imr.case,
        text=f"{imr.case.reference}: {imr.agency}'s IMR is waiting for your sign-off.",
        # The IMR's page, which offers the sign-off while it waits for one: a message is
        # read later, and its link must still lead somewhere once the step is done.
        link=reverse("imr:detail", args=[imr.case.reference, imr.pk]),
    )
    return imr


def _awaiting_sign_off(imr: Imr, by: User) -> Imr:
    imr = _locked(imr, by=by, need=Need.SIGN_OFF, refusal="You may not sign off this IMR.")
    if imr.status != Imr.Status.AWAITING_SIGN_OFF:
        raise CaseActionRefused(
            f"The IMR is not waiting for sign-off: it is {_state(imr)}.", field="decision"
        )
    return imr


def snapshot(imr: Imr) -> dict[str, str]:
    """The sections' text and the recommendations, as a version keeps them."""
    draft = draft_of(imr)
    sections = {key: draft.text_of(key) for key in SECTION_KEYS}
    recommendations = [r.as_text() for r in recommendations_of(imr)]
    sections[RECOMMENDATIONS.key] = "\n".join(recommendations) or (
        f"No recommendation: {draft.no_recommendations_reason}"
    )
    return sections


@transaction.atomic
def sign_off(*, imr: Imr, by: User, comments: str = "") -> ImrVersion:
    """The senior manager quality-assures and signs off: the text is fixed as a new
    version, which goes to the panel."""
    imr = _awaiting_sign_off(imr, by)
    last = imr.versions.order_by("-number").first()
    sections = snapshot(imr)
    version = ImrVersion(
        imr=imr,
        number=last.number + 1 if last else 1,
        signed_off_by=by,
        sections=sections,
        content_hash=content_hash(sections),
    )
    version._history_user = by
    version.save()
    _set_status(imr, Imr.Status.SUBMITTED, by)
    _step(imr, kind=ImrStep.Kind.SIGNED_OFF, by=by, comments=comments.strip(), version=version)
    record_event(
        case=imr.case,
        name="imr.signed_off",
        description=f"{imr.agency}'s IMR signed off by {by} and submitted to the panel: "
        f"version {version.number}",
        actor=by,
    )
    return version


@transaction.atomic
def return_to_author(*, imr: Imr, by: User, comments: str) -> Imr:
    """The senior manager sends the draft back, saying what to change."""
    if not comments.strip():
        raise CaseActionRefused("Say what the author should change.", field="comments")
    imr = _awaiting_sign_off(imr, by)
    _set_status(imr, Imr.Status.RETURNED, by)
    _step(imr, kind=ImrStep.Kind.RETURNED, by=by, comments=comments.strip())
    record_event(
        case=imr.case,
        name="imr.returned",
        description=f"{imr.agency}'s IMR returned to its author by the senior manager",
        actor=by,
    )
    if imr.author is not None:
        inbox.hand_off(
            users=[imr.author],
            case=imr.case,
            text=f"{imr.case.reference}: {by} returned {imr.agency}'s IMR to you with comments.",
            link=_sections_url(imr),
        )
    return imr


@transaction.atomic
def comment_on(
    *, imr: Imr, by: User, section: str, text: str, reply_to: ImrComment | None = None
) -> ImrComment:
    """A comment on a section of the newest version, or a reply within a thread."""
    imr = _locked(imr, by=by, need=Need.READ, refusal="You may not comment on this IMR.")
    held = case_permissions(by, imr.case)
    if not text.strip():
        raise CaseActionRefused("Enter your comment.", field="text")
    version = imr.versions.order_by("-number").first()
    if reply_to is None:
        if section not in SECTION_TITLES:
            raise CaseActionRefused("Choose the section you comment on.", field="section")
        if not may_comment(by, imr, held):
            raise CaseActionRefused(
                "Comments are made while the IMR is submitted to the panel.", field="text"
            )
    else:
        thread = reply_to if reply_to.reply_to_id is None else reply_to.reply_to
        if thread.version.imr_id != imr.pk:
            raise CaseActionRefused("That comment is not on this IMR.")
        if not may_reply(by, imr, held):
            raise CaseActionRefused(
                "Replies are made while the IMR is before the panel.", field="text"
            )
        if thread.is_resolved:
            raise CaseActionRefused("That thread is resolved.", field="text")
        reply_to, version, section = thread, thread.version, thread.section
    comment = ImrComment(
        version=version, section=section, reply_to=reply_to, by=by, text=text.strip()
    )
    comment._history_user = by
    comment.save()
    return comment


@transaction.atomic
def resolve_thread(*, comment: ImrComment, by: User) -> ImrComment:
    """The author or the chair marks a thread dealt with."""
    thread = comment if comment.reply_to_id is None else comment.reply_to
    imr = _locked(
        thread.version.imr, by=by, need=Need.READ, refusal="You may not resolve this comment."
    )
    if not may_resolve(by, imr, case_permissions(by, imr.case)):
        raise CaseActionRefused("Only the IMR's author or the independent chair resolves comments.")
    thread = ImrComment.objects.select_for_update().get(pk=thread.pk)
    if thread.is_resolved:
        raise CaseActionRefused("That thread is resolved already.")
    thread.resolved_by, thread.resolved_at = by, timezone.now()
    thread._history_user = by
    thread.save(update_fields=["resolved_by", "resolved_at"])
    return thread


def _submitted(imr: Imr, by: User, refusal: str) -> Imr:
    imr = _locked(imr, by=by, need=Need.MANAGE, refusal=refusal)
    if imr.status != Imr.Status.SUBMITTED:
        raise CaseActionRefused(
            f"The IMR is not before the panel for a decision: it is {_state(imr)}.",
            field="decision",
        )
    return imr


@transaction.atomic
def request_revision(*, imr: Imr, by: User, reasons: str) -> Imr:
    """The chair sends the IMR back to the agency: the author revises it and the senior
    manager signs off a new version."""
    if not reasons.strip():
        raise CaseActionRefused("Say what the agency should revise.", field="reasons")
    imr = _submitted(imr, by, "Only the independent chair asks for a revision.")
    version = imr.versions.order_by("-number").first()
    _set_status(imr, Imr.Status.REVISION_REQUESTED, by)
    _step(
        imr, kind=ImrStep.Kind.REVISION_REQUESTED, by=by, comments=reasons.strip(), version=version
    )
    record_event(
        case=imr.case,
        name="imr.revision_requested",
        description=f"Revision of {imr.agency}'s IMR asked for (version {version.number})",
        actor=by,
    )
    inbox.hand_off(
        users=[person for person in (imr.author, imr.senior_manager) if person is not None],
        case=imr.case,
        text=f"{imr.case.reference}: the independent chair asks for a revision of "
        f"{imr.agency}'s IMR.",
        link=_sections_url(imr),
    )
    return imr


@transaction.atomic
def accept_imr(*, imr: Imr, by: User) -> Imr:
    """The chair accepts the newest version, once the panel's comments are dealt with."""
    imr = _submitted(imr, by, "Only the independent chair accepts an IMR.")
    version = imr.versions.order_by("-number").first()
    if count := open_threads(version):
        raise CaseActionRefused(
            f"{count} comment thread{'s are' if count != 1 else ' is'} still open: resolve "
            "them, or ask for a revision.",
            field="decision",
        )
    _set_status(imr, Imr.Status.ACCEPTED, by)
    _step(imr, kind=ImrStep.Kind.ACCEPTED, by=by, version=version)
    record_event(
        case=imr.case,
        name="imr.accepted",
        description=f"{imr.agency}'s IMR accepted (version {version.number})",
        actor=by,
    )
    return imr


# What the rest of the service reads --------------------------------------------------------


def not_accepted(case: Case) -> str | None:
    """every commissioned IMR accepted by the panel

    The start_drafting guard (DOMAIN 2.4 item 12); its refusal names the IMRs not yet
    accepted. The first line names it in the workflow's diagram."""
    waiting = [
        str(imr.agency)
        for imr in case.imrs.select_related("agency").exclude(status=Imr.Status.ACCEPTED)
    ]
    if not waiting:
        return None
    return (
        "Every commissioned IMR must be accepted first. Not yet accepted: "
        + "; ".join(waiting)
        + "."
    )


def submitted_for_review(until: date) -> list[tuple[int, date, str]]:
    """(case id, date signed off, subject) of each IMR before the panel for a decision,
    signed off by `until`: the chair is reminded on the day, then weekly until they accept
    it or ask for a revision. One query, the dates made local in Python."""
    imrs = (
        Imr.objects.filter(status=Imr.Status.SUBMITTED)
        .select_related("agency")
        .annotate(signed_off_at=Max("versions__signed_off_at"))
        .filter(signed_off_at__isnull=False)
    )
    rows = [
        (
            imr.case_id,
            timezone.localdate(imr.signed_off_at),
            f"the panel's review of {imr.agency}'s IMR",
        )
        for imr in imrs
    ]
    return [row for row in rows if row[1] <= until]
