"""A review at the monitoring stage for the monitoring tests: every test goes through
review_in_monitoring(), which takes a review through the sign-off, the Home Office's
clearance and a decision to withhold publication with the services (the quickest way to
monitoring that every guard allows; a published review is monitored the same way)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.clocks import today
from cases.models import Agency, Case, Person, User
from cases.services import perform_transition
from publication.models import QaOutcome
from publication.services import publishing
from reports.models import Action, Document
from reports.services import action_plan as plan
from reports.services import before_sign_off as checks
from tests.case_factories import PDF_BYTES
from tests.publication.home_office_factories import answer, public_renderings, send, sign
from tests.publication.publishing_factories import SUMMARY
from tests.reports.action_plan_factories import (
    PANEL_CHECKS,
    both_versions,
    everyone,
    recommendation,
    smart,
)
from tests.reports.anonymisation_factories import version
from tests.reports.report_factories import registered, review_at_drafting

# Each kind of person around a monitored review, as the permission matrices name them.
ROLES = (
    "CSP officer",
    "CSP chair",
    "independent chair",
    "panel member",
    "senior manager",
    "IMR author",
    "other agency's senior manager",
    "Home Office reviewer",
    "outsider",
)


@dataclass
class Monitored:
    case: Case
    people: dict[str, User]
    police: Agency  # leads two actions; "senior manager" is its senior manager
    homes: Agency  # leads one; "other agency's senior manager" is its senior manager
    actions: list[Action]  # the police's two, then the homes'

    @property
    def officer(self) -> User:
        return self.people["CSP officer"]

    @property
    def csp_chair(self) -> User:
        return self.people["CSP chair"]


def review_at_sign_off() -> Monitored:
    """A review submitted for the partnership's sign-off whose plan has the police's two
    actions and the housing association's one, its public PDFs through the leak gate; its
    victim is registered as Adult A and its executive summary speaks of her."""
    case, officer, chair = review_at_drafting()
    police, people = everyone(case, officer, chair)
    homes = people["other agency's senior manager"].agency
    registered(case, "Jane Doe", "Adult A", role=Person.Role.VICTIM)
    both_versions(case, chair)
    version(case, chair, SUMMARY, document=Document.EXECUTIVE_SUMMARY)
    rec = recommendation(case, chair)
    actions = [
        plan.add_action(recommendation=rec, by=chair, **smart(police)),
        plan.add_action(
            recommendation=rec,
            by=chair,
            **smart(
                police, action="Audit MARAC referrals.", target_on=today() + timedelta(weeks=20)
            ),
        ),
        plan.add_action(
            recommendation=rec, by=chair, **smart(homes, action="Train housing officers.")
        ),
    ]
    for agency in (police, homes):
        plan.record_action_agreement(
            case=case,
            agency=agency,
            by=chair,
            agreed_by_name="Sam Senior",
            agreed_by_role="Director",
            agreed_on=today(),
        )
    asked = checks.ask_contributor(case=case, by=officer, asked_on=today(), agency=police)
    checks.record_confirmation(confirmation=asked, by=officer, confirmed_on=today())
    checks.record_panel_agreement(
        case=case, by=chair, agreed_on=today(), **dict.fromkeys(PANEL_CHECKS, True)
    )
    checks.record_family_viewing(
        case=case, by=chair, shown_on=today(), how="In person.", response="agrees"
    )
    case = perform_transition(case=case, name="submit_for_sign_off", by=chair)
    public_renderings(case, officer)
    return Monitored(case=case, people=people, police=police, homes=homes, actions=actions)


def review_in_monitoring() -> Monitored:
    review = review_at_sign_off()
    case, people = review.case, review.people
    sign(case, people)
    send(case, people)
    answer(case, people, QaOutcome.Outcome.CLEARED)
    publishing.withhold(
        case=case,
        by=people["CSP officer"],
        decided_on=today(),
        decided_by="The CSP chair, on the children's social worker's advice",
        reasons="Publication now would identify the children to their school.",
    )
    case.refresh_from_db()
    return review


def past_target(action: Action, days: int = 3) -> Action:
    """The action, its target date `days` ago: the plan is written with future dates, and
    the test stands later in time (set directly: no service moves a target into the past)."""
    Action.objects.filter(pk=action.pk).update(target_on=today() - timedelta(days=days))
    action.refresh_from_db()
    return action


def evidence_pdf(name: str = "briefing-register.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def date_fields(prefix: str, on: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(on.day),
        f"{prefix}_month": str(on.month),
        f"{prefix}_year": str(on.year),
    }
