"""Anonymising the report's versions (DOMAIN.md 2.5 item 6): what a version reads as once
anonymised, the decisions on what the anonymiser flagged, and the sign-off guard.

Who decides a flag: the independent chair, who writes the report (write_overview_report),
and the CSP officer and chair, who keep the register and answer for what the partnership
publishes (view_people_register with edit_case_file). Panel members and agencies never see
the register, so never decide on it."""

from dataclasses import dataclass

from django.db import transaction

from cases.access import permissions_now
from cases.models import Case, User
from cases.services import CaseActionRefused, lock_case_for, record_event

from ..anonymisation import KIND_LABELS, Anonymised, Flag, Register, anonymise
from ..leak_gate import Scanner
from ..models import AnonymisationDecision, Document, ReportVersion
from ..models.drafting import Section
from .before_sign_off import latest_versions


def may_decide(permissions: frozenset[str]) -> bool:
    return (
        "write_overview_report" in permissions
        or {
            "view_people_register",
            "edit_case_file",
        }
        <= permissions
    )


@dataclass(frozen=True)
class AnonymisedSection:
    section: Section
    anonymised: Anonymised


def anonymised_sections(version: ReportVersion, register: Register) -> list[AnonymisedSection]:
    return [
        AnonymisedSection(section, anonymise(text, register))
        for section, text in version.titled_sections()
    ]


def open_flag_keys(version: ReportVersion, register: Register) -> set[str]:
    return {
        flag.key
        for part in anonymised_sections(version, register)
        for flag in part.anonymised.open_flags
    }


def not_anonymised(case: Case) -> str | None:
    """the latest version of each document anonymised, every flag decided

    The submit_for_sign_off guard (DOMAIN.md 2.5 item 8: "the anonymisation scan of the
    draft run, with flags resolved or signed off")."""
    register = Register.for_case(case)
    for document, version in latest_versions(case).items():
        label = Document(document).label.lower()
        if version is None:
            return f"Fix a version of the {label} before it is signed off."
        if open_flag_keys(version, register):
            return f"Decide every flag in the anonymised {label}, version {version.number}."
    return None


@transaction.atomic
def record_decision(
    *,
    case: Case,
    by: User,
    flag: Flag,
    decision: str,
    replacement: str = "",
    reason: str = "",
) -> AnonymisationDecision:
    """Record (or change) the decision on `flag` for the whole case."""
    case = lock_case_for(
        case,
        by=by,
        permission="view_people_register",
        refusal="Only the independent chair and the partnership decide on anonymisation.",
    )
    if not may_decide(permissions_now(by, case)):
        raise CaseActionRefused(
            "Only the independent chair and the partnership decide on anonymisation."
        )
    replacement = replacement.strip() if decision == AnonymisationDecision.Decision.REPLACE else ""
    if decision == AnonymisationDecision.Decision.REPLACE:
        if not replacement:
            raise CaseActionRefused("Enter the text to publish instead.", field="replacement")
        if Scanner(Register.for_case(case)).hits(replacement, None, "replacement"):
            raise CaseActionRefused(
                "The replacement contains a registered real name or date of birth.",
                field="replacement",
            )
    record = AnonymisationDecision.objects.filter(case=case, key=flag.key).first()
    created = record is None
    if created:
        record = AnonymisationDecision(
            case=case, key=flag.key, kind=flag.kind, text=flag.text[:300]
        )
    record.decision, record.replacement, record.reason = decision, replacement, reason.strip()
    record.decided_by = by
    record._history_user = by
    record.full_clean()
    record.save()
    # The timeline is read by the panel: it names the kind, never the identifier.
    record_event(
        case=case,
        name="report.anonymisation.decided" if created else "report.anonymisation.changed",
        description=f"{KIND_LABELS.get(flag.kind, flag.kind)} in the report: "
        f"{record.get_decision_display().lower()}",
        actor=by,
    )
    return record
