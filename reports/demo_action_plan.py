"""The demo's action plan (issue 11): for a review at the drafting stage, the overview
recommendations and those carried from the accepted IMRs, actions for three agencies (one
agreed, one changed since it agreed, one not yet agreed), and contributors asked, some
confirmed. No panel agreement: the demo case can still be worked to sign-off."""

from datetime import date, timedelta

from cases.clocks import today
from cases.models import Agency, Case, User

from .models import Action
from .services import action_plan as plan
from .services import before_sign_off as checks

OVERVIEW = (
    "The partnership should commission multi-agency training on recognising a pattern of "
    "repeated police call-outs as an escalation of risk, with the MARAC referral threshold "
    "applied with professional judgement, not the DASH score alone.",
    "Health, police and adult social care should agree how a disclosure of domestic abuse "
    "to one agency is shared with the others within one working day.",
)

# (agency name, owner, action, milestones, intended outcome, how monitored, scope, weeks)
ACTIONS = (
    (
        "Riverside Police",
        "Head of Public Protection",
        "Brief every response officer on escalation and the MARAC referral on professional "
        "judgement.",
        "Briefing written by month 1; every officer briefed by month 3.",
        "Repeat call-outs are referred to MARAC when the pattern shows escalating risk.",
        "Quarterly dip sample of repeat call-outs, reported to the partnership board.",
        "local",
        12,
    ),
    (
        "Riverside NHS Foundation Trust",
        "Head of Safeguarding",
        "Add routine enquiry about domestic abuse to the emergency department's triage.",
        "Pathway agreed by month 2; audit at month 6.",
        "Patients disclosing abuse are referred to the IDVA service on the day.",
        "Six-monthly audit of triage records, to the trust's safeguarding committee.",
        "local",
        26,
    ),
    (
        "Riverside Adult Social Care",
        "Principal Social Worker",
        "Share disclosures of domestic abuse with police and health within one working day.",
        "",
        "Every agency knows of a disclosure made to any of them.",
        "Monthly report of disclosures shared and the time taken.",
        "regional",
        20,
    ),
)


def action_plan(case: Case, chair: User, on: date | None = None) -> None:
    """Fill the action plan and the contributors of `case`, at the drafting stage, as its
    independent chair `chair`, as worked on by the day `on` (today unless given). Does
    nothing when the case has recommendations already."""
    on = on or today()
    if case.recommendations.exists():
        return
    overview = [plan.add_recommendation(case=case, by=chair, text=text) for text in OVERVIEW]
    plan.carry_imr_recommendations(case=case, by=chair)
    for agency_name, owner, action, milestones, outcome, monitored, scope, weeks in ACTIONS:
        agency, _ = Agency.objects.get_or_create(name=agency_name)
        plan.add_action(
            recommendation=overview[0] if scope == "local" else overview[1],
            by=chair,
            lead_agency=agency,
            owner=owner,
            action=action,
            milestones=milestones,
            target_on=today() + timedelta(weeks=weeks),
            intended_outcome=outcome,
            monitored_by=monitored,
            scope=scope,
        )
    _agreements(case, chair, on)
    _contributors(case, chair, on)


def _agreements(case: Case, chair: User, on: date) -> None:
    """The police agreed; the trust agreed, then its action changed; social care has not."""
    for name, who, post in (
        ("Riverside Police", "Samuel Senior", "Detective superintendent"),
        ("Riverside NHS Foundation Trust", "Helen Hughes", "Head of safeguarding"),
    ):
        plan.record_action_agreement(
            case=case,
            agency=Agency.objects.get(name=name),
            by=chair,
            agreed_by_name=who,
            agreed_by_role=post,
            agreed_on=on - timedelta(days=3),
        )
    changed = Action.objects.get(
        recommendation__case=case, lead_agency__name="Riverside NHS Foundation Trust"
    )
    plan.change_action(
        planned=changed,
        by=chair,
        **{
            field: getattr(changed, field)
            for field in ("lead_agency", "owner", "action", "target_on", "monitored_by", "scope")
        },
        milestones="Pathway agreed by month 2; staff trained by month 4; audit at month 6.",
        intended_outcome=changed.intended_outcome,
    )


def _contributors(case: Case, chair: User, on: date) -> None:
    asked_on = on - timedelta(days=20)
    if checks.agencies_to_ask(case).exists():
        checks.ask_every_contributor(case=case, by=chair, asked_on=asked_on)
    for confirmation in case.contributor_confirmations.order_by("id")[:2]:
        checks.record_confirmation(
            confirmation=confirmation,
            by=chair,
            confirmed_on=asked_on + timedelta(days=6),
            comments="Content with how our involvement is described.",
        )
