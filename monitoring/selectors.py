"""Where each action of the plan stands while it is monitored, read in a fixed number of
queries: its current status (the latest update's), RAG, whether it is overdue (computed
here, never in templates: DESIGN §4), its audit and the chair's agreement to a closure;
the summary of the plan; and the first action that holds up the conclusion."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, Expression, OuterRef, Q, QuerySet, Subquery

from cases.clocks import today
from cases.models import Case, User
from cases.roles import CaseRole
from reports.models import Action

from .models import ActionAudit, ActionUpdate, ClosureAgreement, Rag, Status

FINISHED = (Status.COMPLETE, Status.CLOSED)


@dataclass
class Standing:
    action: Action
    number: str  # "2.1": the recommendation's number and the action's place under it
    updates: list[ActionUpdate] = field(default_factory=list)
    audit: ActionAudit | None = None  # the latest audit of the latest update
    overdue: bool = False

    @property
    def latest(self) -> ActionUpdate | None:
        return self.updates[-1] if self.updates else None

    @property
    def status(self) -> Status:
        return Status(self.latest.status) if self.latest else Status.NOT_STARTED

    @property
    def rag(self) -> Rag | None:
        return Rag(self.latest.rag) if self.latest else None

    @property
    def verified(self) -> bool:
        return self.status == Status.COMPLETE and self.audit is not None and self.audit.verified

    @property
    def to_audit(self) -> bool:
        return self.status == Status.COMPLETE and not self.verified

    @property
    def closure_agreed(self) -> bool:
        return self.status == Status.CLOSED and hasattr(self.latest, "closure_agreement")

    @property
    def closure_to_agree(self) -> bool:
        return self.status == Status.CLOSED and not self.closure_agreed

    @property
    def finished(self) -> bool:
        """Complete and audited as verified, or closed with the CSP chair's agreement."""
        return self.verified or self.closure_agreed

    @property
    def holds_up(self) -> str:
        """Why this action holds up the conclusion, or ""."""
        if self.finished:
            return ""
        name = f"Action {self.number} ({self.action.lead_agency})"
        if self.status == Status.COMPLETE:
            return f"{name} is complete, but the CSP officer has not verified its evidence."
        if self.status == Status.CLOSED:
            return f"{name} is closed without completion, but the CSP chair has not agreed it."
        return (
            f"{name} is {self.status.label.lower()}: every action must be complete and "
            "audited, or closed without completion with the CSP chair's agreement."
        )


def standings(case: Case, agencies: set[int] | None = None) -> list[Standing]:
    """Each action of the case (of `agencies` only, when given), in the plan's order."""
    actions = Action.objects.filter(recommendation__case=case).select_related(
        "recommendation", "lead_agency"
    )
    updates = (
        ActionUpdate.objects.filter(case=case)
        .select_related("posted_by", "closure_agreement__agreed_by", "stored")
        .order_by("posted_at", "id")
    )
    audits = ActionAudit.objects.filter(case=case).select_related("verified_by")
    latest_audit = {audit.update_id: audit for audit in audits.order_by("recorded_at", "id")}
    by_action: dict[int, list[ActionUpdate]] = {}
    for update in updates:
        by_action.setdefault(update.action_id, []).append(update)
    on = today()
    result, places = [], Counter()
    for action in actions.order_by("recommendation__number", "id"):
        places[action.recommendation_id] += 1
        if agencies is not None and action.lead_agency_id not in agencies:
            continue
        standing = Standing(
            action=action,
            number=f"{action.recommendation.number}.{places[action.recommendation_id]}",
            updates=by_action.get(action.pk, []),
        )
        if standing.latest:
            standing.audit = latest_audit.get(standing.latest.pk)
        standing.overdue = standing.status not in FINISHED and action.target_on < on
        result.append(standing)
    return result


def standing_of(case: Case, action: Action) -> Standing:
    return next(s for s in standings(case) if s.action.pk == action.pk)


@dataclass(frozen=True)
class Summary:
    total: int
    by_status: list[tuple[str, int]]
    by_rag: list[tuple[str, int]]
    overdue: int
    to_audit: int
    closures_to_agree: int
    finished: int


def summary(listed: list[Standing]) -> Summary:
    statuses = Counter(s.status for s in listed)
    rags = Counter(s.rag for s in listed if s.rag)
    return Summary(
        total=len(listed),
        by_status=[(status.label, statuses[status]) for status in Status],
        by_rag=[(rag.label, rags[rag]) for rag in Rag],
        overdue=sum(s.overdue for s in listed),
        to_audit=sum(s.to_audit for s in listed),
        closures_to_agree=sum(s.closure_to_agree for s in listed),
        finished=sum(s.finished for s in listed),
    )


def first_hold_up(case: Case) -> str | None:
    return next((s.holds_up for s in standings(case) if s.holds_up), None)


def unfinished_actions(case: Case | Expression) -> QuerySet[Action]:
    """The actions of `case` (or a reference to one, for an annotation) that are not
    finished (Standing.finished), in SQL: those whose latest update is neither complete
    with its latest audit verified nor closed with the CSP chair's agreement."""
    latest_audit = ActionAudit.objects.filter(update=OuterRef("pk")).order_by("-recorded_at", "-id")
    finishing = ActionUpdate.objects.annotate(
        audit_result=Subquery(latest_audit.values("result")[:1])
    ).filter(
        Q(status=Status.COMPLETE, audit_result=ActionAudit.Result.VERIFIED)
        | Q(status=Status.CLOSED) & Exists(ClosureAgreement.objects.filter(update=OuterRef("pk")))
    )
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-posted_at", "-id")
    return (
        Action.objects.filter(recommendation__case=case)
        .annotate(latest_update=Subquery(latest.values("pk")[:1]))
        .exclude(Exists(finishing.filter(pk=OuterRef("latest_update"))))
    )


def senior_manager_agencies(case: Case, user: User) -> set[int]:
    """The agencies `user` is the senior manager of on the case now."""
    return set(
        case.memberships.filter(user=user, role=CaseRole.SENIOR_MANAGER, ended_at=None).values_list(
            "agency_id", flat=True
        )
    )
