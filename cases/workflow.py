"""The case lifecycle, declared once (DESIGN §3).

Read it as a table: each transition names its source and target stage, the permission an
actor needs on the case (cases.roles says which roles hold it), the guard that must hold,
and the event recorded. cases.services.perform_transition is the only code that changes
a case's stage; `python manage.py draw_workflow` draws docs/workflow.md from this module.

Pausing a case (pended for criminal proceedings) and agreed extensions of the report
deadline are orthogonal to the stage and live in cases.services.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


class Stage(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    DECISION = "decision", "Decision"
    PANEL_SET_UP = "panel_set_up", "Panel set-up"
    IMRS = "imrs", "Individual management reviews"
    DRAFTING = "drafting", "Drafting"
    CSP_SIGN_OFF = "csp_sign_off", "CSP sign-off"
    HOME_OFFICE_QA = "home_office_qa", "Home Office quality assurance"
    PUBLICATION = "publication", "Publication"
    MONITORING = "monitoring", "Action plan monitoring"
    CONCLUDED = "concluded", "Concluded"
    NOT_REVIEWED = "not_reviewed", "Not reviewed"
    OTHER_REVIEW_LEADS = "other_review_leads", "Another review leads"
    WITHDRAWN = "withdrawn", "Withdrawn: recorded in error"
    TRANSFERRED = "transferred", "Transferred to the lead partnership"


# The stages of a review in the order the task list shows them.
REVIEW_STAGES = [
    Stage.NOTIFIED,
    Stage.DECISION,
    Stage.PANEL_SET_UP,
    Stage.IMRS,
    Stage.DRAFTING,
    Stage.CSP_SIGN_OFF,
    Stage.HOME_OFFICE_QA,
    Stage.PUBLICATION,
    Stage.MONITORING,
    Stage.CONCLUDED,
]
CLOSED_STAGES = frozenset(
    {
        Stage.CONCLUDED,
        Stage.NOT_REVIEWED,
        Stage.OTHER_REVIEW_LEADS,
        Stage.WITHDRAWN,
        Stage.TRANSFERRED,
    }
)
# A case recorded in error (a duplicate, or a death that was not a homicide after all) is
# withdrawn before its decision, with the reason; it stays on record for audit.
WITHDRAWABLE_STAGES = (Stage.NOTIFIED, Stage.DECISION)
# A case notified to the wrong partnership is transferred, before any decision, to the one
# where the victim normally lived (seed 000 l.74-76; seed 001 §4.2): that partnership
# decides. Transferred is its own closed stage, never counted as not reviewed.
TRANSFERABLE_STAGES = (Stage.NOTIFIED, Stage.DECISION)
# The Home Office can overrule a decision not to hold a review, and a decision that another
# review leads is one too (seed 002 appendix 1; seed 004 l.21; s.9(2) of the 2004 Act).
REOPENABLE_STAGES = (Stage.NOT_REVIEWED, Stage.OTHER_REVIEW_LEADS)
# While a case is in these stages the overview report clock runs.
REPORT_CLOCK_STAGES = frozenset({Stage.PANEL_SET_UP, Stage.IMRS, Stage.DRAFTING})

Guard = Callable[["Case"], str | None]  # noqa: F821 - a refusal message, or None to allow


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: Stage
    target: Stage
    permission: str
    guard: Guard
    event: str
    reason_required: bool = False


def always(case) -> None:
    return None


def notification_complete(case) -> str | None:
    if not case.people.filter(role="victim").exists():
        return "Record the victim in the people register before asking for a decision."
    return None


def recommendation_recorded(case) -> str | None:
    if not hasattr(case, "recommendation"):
        return "Record the standing panel's recommendation first."
    return None


def decision_is(outcome: str) -> Guard:
    """The current decision has this outcome (a Decision row holds what each outcome needs:
    reasons, the other review, the joint review's lead and chair)."""

    def guard(case) -> str | None:
        decision = case.current_decision()
        if decision is None or decision.outcome != outcome:
            return "Record the decision, with its date, first."
        return None

    return guard


def decision_letters_sent(case) -> str | None:
    missing = case.letters_still_to_send()
    if "home_office" in missing:
        return "Record the letter to the Home Office first."
    if "family" in missing:
        return "Record the letter to the family, or why none is sent, first."
    return None


def all_of(*guards: Guard) -> Guard:
    """A guard that holds when every one of `guards` holds; it refuses with the first
    refusal. draw_workflow lists the parts joined by "and"."""

    def guard(case) -> str | None:
        for part in guards:
            if message := part(case):
                return message
        return None

    guard.parts = guards
    return guard


TRANSITIONS: tuple[Transition, ...] = (
    *(
        Transition(
            f"withdraw_at_{stage.value}",
            "Withdraw the case: recorded in error",
            stage,
            Stage.WITHDRAWN,
            "cases.edit_case_file",
            always,
            "case.withdrawn",
            reason_required=True,
        )
        for stage in WITHDRAWABLE_STAGES
    ),
    Transition(
        "refer_for_decision",
        "Refer to the CSP chair for a decision",
        Stage.NOTIFIED,
        Stage.DECISION,
        "cases.edit_case_file",
        all_of(notification_complete, recommendation_recorded),
        "case.referred_for_decision",
    ),
    Transition(
        "decide_to_review",
        "Decide to hold a review",
        Stage.DECISION,
        Stage.PANEL_SET_UP,
        "cases.record_decision",
        decision_is("review"),
        "case.decision.review",
    ),
    Transition(
        "decide_on_joint_review",
        "Decide to hold a review jointly with a SAR or a CSPR",
        Stage.DECISION,
        Stage.PANEL_SET_UP,
        "cases.record_decision",
        decision_is("joint_review"),
        "case.decision.joint_review",
    ),
    Transition(
        "decide_not_to_review",
        "Decide not to hold a review",
        Stage.DECISION,
        Stage.NOT_REVIEWED,
        "cases.record_decision",
        decision_is("no_review"),
        "case.decision.no_review",
    ),
    Transition(
        "defer_to_other_review",
        "Decide that another review leads",
        Stage.DECISION,
        Stage.OTHER_REVIEW_LEADS,
        "cases.record_decision",
        decision_is("other_review"),
        "case.decision.other_review",
    ),
    *(
        Transition(
            f"reopen_at_{stage.value}",
            "Reopen: the Home Office advises or directs a review",
            stage,
            Stage.DECISION,
            "cases.record_decision",
            always,
            "case.reopened",
            reason_required=True,
        )
        for stage in REOPENABLE_STAGES
    ),
    *(
        Transition(
            f"transfer_at_{stage.value}",
            "Transfer to the lead partnership",
            stage,
            Stage.TRANSFERRED,
            "cases.edit_case_file",
            always,
            "case.transferred",
            reason_required=True,
        )
        for stage in TRANSFERABLE_STAGES
    ),
    Transition(
        "start_imrs",
        "Commission the IMRs",
        Stage.PANEL_SET_UP,
        Stage.IMRS,
        # The review panel's chair commissions (seed 000 l.335; seed 001 §4.16; seed 002
        # (9)(a)), not the partnership's officer.
        "cases.commission_imr",
        # The panels app adds the rest of DOMAIN.md 2.1 item 9 with add_guard: an appointed,
        # independent chair, a panel, agreed terms of reference, a family liaison lead.
        decision_letters_sent,
        "case.imrs.started",
    ),
    Transition(
        "start_drafting",
        "Start drafting the overview report",
        Stage.IMRS,
        Stage.DRAFTING,
        "cases.commission_imr",
        # The imr app adds DOMAIN.md 2.4 item 12 with add_guard: every IMR accepted, every
        # short report in, nil returns recorded, the combined chronology compiled.
        always,
        "case.drafting.started",
    ),
    Transition(
        "submit_for_sign_off",
        "Submit the report to the CSP for sign-off",
        Stage.DRAFTING,
        Stage.CSP_SIGN_OFF,
        "cases.write_overview_report",
        # The reports app adds DOMAIN.md 2.5 item 8 with add_guard: both documents fixed,
        # the action plan agreed by its agencies, the contributors' confirmations, the
        # panel's agreement of the latest versions, the family shown the agreed version.
        always,
        "case.report.submitted",
    ),
    Transition(
        "return_to_drafting",
        "Ask the independent chair for changes",
        Stage.CSP_SIGN_OFF,
        Stage.DRAFTING,
        "cases.record_decision",
        always,
        "case.report.returned",
        reason_required=True,
    ),
    Transition(
        "send_to_home_office",
        "Send the package to the Home Office",
        Stage.CSP_SIGN_OFF,
        Stage.HOME_OFFICE_QA,
        "cases.send_to_home_office",
        # The publication app adds DOMAIN.md 2.6 item 6 with add_guard: the CSP's sign-off,
        # a complete package, the family shown the completed version, a clean leak gate.
        always,
        "case.home_office.submitted",
    ),
    Transition(
        "clear_for_publication",
        "Record Home Office clearance",
        Stage.HOME_OFFICE_QA,
        Stage.PUBLICATION,
        # The CSP officer records the outcome from the QA panel's letter (DESIGN §5).
        "cases.send_to_home_office",
        # The publication app adds DOMAIN.md 2.7 items 2-3: the QA panel's letter and date,
        # and an outcome that clears (with or without areas for final development).
        always,
        "case.home_office.cleared",
    ),
    Transition(
        "ask_to_resubmit",
        "Record that the Home Office asks for resubmission",
        Stage.HOME_OFFICE_QA,
        Stage.DRAFTING,
        "cases.send_to_home_office",
        # The publication app adds: the QA panel's letter asking for resubmission.
        always,
        "case.home_office.resubmit",
        reason_required=True,
    ),
    Transition(
        "publish",
        "Publish the anonymised report",
        Stage.PUBLICATION,
        Stage.MONITORING,
        "cases.send_to_home_office",
        # The publication app adds DOMAIN.md 2.8 item 1: clearance, every area for final
        # development done, criminal proceedings concluded, the leak gate passed on the
        # files to be published, the date agreed with the family, the family forewarned.
        always,
        "case.published",
    ),
    Transition(
        "withhold_publication",
        "Withhold publication for compelling reasons",
        Stage.PUBLICATION,
        Stage.MONITORING,
        # Reports are published "unless there are compelling reasons relating to the welfare
        # of any children or other persons directly concerned" (seed 000 l.373): the reasons
        # and who decided are recorded; the Commissioner's copy is still owed.
        "cases.send_to_home_office",
        always,
        "case.publication_withheld",
        reason_required=True,
    ),
    Transition(
        "conclude",
        "Conclude the review",
        Stage.MONITORING,
        Stage.CONCLUDED,
        # Concluding is the CSP chair's (DESIGN §5; seed 000 l.262).
        "cases.conclude_review",
        # The monitoring app adds DOMAIN.md 2.9 item 4: every action complete and audited,
        # or closed with a reason the CSP chair agreed.
        always,
        "case.concluded",
    ),
)

TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}
if len(TRANSITIONS_BY_NAME) != len(TRANSITIONS):
    raise ValueError("Every transition needs a unique name.")


def transitions_from(stage: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if transition.source == stage]


def stage_allows(case, name: str) -> bool:
    """Whether the case is at the stage the named transition starts from."""
    return case.stage == TRANSITIONS_BY_NAME[name].source


# Guards that later apps add to a declared transition, from their AppConfig.ready(): the
# panels app adds "an appointed independent chair" to start_imrs, say. The lifecycle still
# reads as the table above; draw_workflow shows the added guards with the declared one.
ADDED_GUARDS: dict[str, list[Guard]] = {name: [] for name in TRANSITIONS_BY_NAME}


def add_guard(transition: str, guard: Guard) -> None:
    if transition not in TRANSITIONS_BY_NAME:
        raise ValueError(f"No transition is declared as {transition!r}.")
    ADDED_GUARDS[transition].append(guard)


def guards_of(transition: Transition) -> list[Guard]:
    return [transition.guard, *ADDED_GUARDS[transition.name]]


def refusal(transition: Transition, case) -> str | None:
    """Why the transition may not be made on the case now (the first guard that refuses),
    or None when every guard holds."""
    for guard in guards_of(transition):
        if message := guard(case):
            return message
    return None
