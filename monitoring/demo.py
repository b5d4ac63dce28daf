"""Demo steps for a review at the monitoring stage (issue 12), each `step(ctx, case) -> Case`
and each through monitoring's services only: `monitored` leaves one action on track with an
update and its evidence, one behind (overdue once its target date has passed), one complete
and audited, a challenge meeting, a Home Office request answered and two dissemination
entries; `concluded` finishes every action and concludes. register() adds them to the demo
reviews the publication app publishes (reports.demo_reviews)."""

import io
from datetime import timedelta

import pikepdf
from django.core.files.base import ContentFile

from cases.clocks import today
from cases.demo import DemoContext
from cases.models import Case, User
from cases.roles import CaseRole
from cases.services import perform_transition
from reports.models import Action

from . import selectors
from .models import Dissemination, Status
from .services import actions, records


def _evidence(name: str) -> ContentFile:
    """A one-page PDF, as an agency's evidence would be."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return ContentFile(out.getvalue(), name=name)


def _poster(case: Case, action: Action, officer: User) -> User:
    """The lead agency's senior manager on the case, or the CSP officer on its behalf."""
    membership = (
        case.memberships.filter(
            role=CaseRole.SENIOR_MANAGER, agency=action.lead_agency, ended_at=None
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else officer


def _complete_and_verify(case: Case, action: Action, officer: User, progress: str) -> None:
    actions.post_update(
        action=action,
        by=_poster(case, action, officer),
        progress=progress,
        status=Status.COMPLETE,
        rag="green",
        completed_on=today() - timedelta(days=10),
        evidence=_evidence("completion-evidence.pdf"),
    )
    actions.audit_action(
        action=action, by=officer, verified_on=today() - timedelta(days=3), result="verified"
    )


def monitored(ctx: DemoContext, case: Case) -> Case:
    """On a case in Monitoring with at least three actions: the first on track, the second
    behind, the last complete and audited; the partnership's records."""
    officer = ctx.officer(case.partnership.code)
    plan = [standing.action for standing in selectors.standings(case)]
    on_track, behind, done = plan[0], plan[1], plan[-1]
    actions.post_update(
        action=on_track,
        by=_poster(case, on_track, officer),
        progress="Briefing written and delivered to two of the three response teams.",
        status=Status.IN_PROGRESS,
        rag="green",
        evidence=_evidence("briefing-attendance.pdf"),
    )
    actions.post_update(
        action=behind,
        by=_poster(case, behind, officer),
        progress="The pathway is drafted but not yet agreed by the clinical leads.",
        status=Status.IN_PROGRESS,
        rag="red",
    )
    _complete_and_verify(case, done, officer, "Disclosures are shared within one working day.")
    meeting = records.record_challenge_meeting(
        case=case,
        by=officer,
        held_on=today() - timedelta(days=14),
        attendees="The CSP officer\nThe standing panel's chair\nRiverside Police\n"
        "Riverside NHS Foundation Trust",
    )
    records.add_challenge(
        meeting=meeting,
        by=officer,
        action=behind,
        challenge="Why has the pathway not been agreed, and what will unblock it?",
        response="The trust will take it to the clinical governance meeting this month.",
    )
    request = records.record_home_office_request(
        case=case,
        by=officer,
        received_on=today() - timedelta(days=30),
        asked="Please update us on the implementation of the action plan.",
    )
    records.record_home_office_answer(
        request=request,
        by=officer,
        answer="Two actions are on track and one is complete and audited; one is behind.",
        answered_on=today() - timedelta(days=25),
    )
    chair = ctx.chair(case.partnership.code)
    for learning, audience, what, how in (
        (
            Dissemination.Learning.FAILINGS,
            Dissemination.Audience.MARAC,
            "Repeat call-outs as escalating risk, referred on professional judgement.",
            "A briefing at the MARAC steering group.",
        ),
        (
            Dissemination.Learning.GOOD_PRACTICE,
            Dissemination.Audience.TRAINING,
            "The specialist service's persistent, trauma-informed contact with the victim.",
            "A case study in the partnership's domestic abuse training.",
        ),
    ):
        records.record_dissemination(
            case=case,
            by=officer,
            shared_on=today() - timedelta(days=7),
            learning=learning,
            what=what,
            audience=audience,
            how=how,
            decided_by=chair.full_name or "The CSP chair",
        )
    return case


def concluded(ctx: DemoContext, case: Case) -> Case:
    """Every action complete and audited, but the one behind, closed without completion
    with the CSP chair's agreement; then the chair concludes."""
    officer, chair = ctx.officer(case.partnership.code), ctx.chair(case.partnership.code)
    for standing in selectors.standings(case):
        action = standing.action
        if standing.finished:
            continue
        if standing.rag == "red":
            actions.post_update(
                action=action,
                by=_poster(case, action, officer),
                progress="Superseded by the regional pathway, which covers the same ground.",
                status=Status.CLOSED,
                rag="amber",
                closure_reason="The regional pathway, adopted by the trust, replaces it.",
            )
            actions.agree_closure(action=action, by=chair, agreed_on=today())
        elif standing.to_audit:
            actions.audit_action(action=action, by=officer, verified_on=today(), result="verified")
        else:
            _complete_and_verify(case, action, officer, "Done, as the action plan set out.")
    return perform_transition(case=case, name="conclude", by=chair)


def target_passed(ctx: DemoContext, case: Case) -> Case:
    """The action behind is given the target date it would have by now: the demo tells a
    review's whole story on one day, and the action plan's services accept only future
    targets (no service moves one into the past), so the overdue action is written here."""
    behind = next(s.action for s in selectors.standings(case) if s.rag == "red")
    Action.objects.filter(pk=behind.pk).update(target_on=today() - timedelta(days=12))
    return case


def register() -> None:
    """DEMO-RIV-9 in monitoring with an action overdue; DEMO-RIV-10 concluded."""
    from reports.demo_reviews import add_steps

    add_steps("DEMO-RIV-9", monitored, target_passed)
    add_steps("DEMO-RIV-10", monitored, concluded)
