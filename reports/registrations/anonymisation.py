"""What the rest of the service reads of the anonymisation and the leak gate: their pages
among the report's parts, the submit_for_sign_off guard, the task-list row under Drafting,
the audit trail, and the demo's register."""

from django.urls import reverse

from cases import demo, workflow
from cases.models import Case, Person
from cases.selectors import Task, add_audit_source, add_task_rows
from cases.workflow import Stage

from ..anonymisation import Register
from ..models import AnonymisationDecision, LeakCheck
from ..parts import Part, add_part
from ..services import anonymisation as services


def anonymisation_tasks(case: Case) -> list[Task]:
    """Under Drafting, while the report is drafted: anonymise it. Whether every flag is
    decided takes the latest versions' text scanned against the register (its people, the
    panel's names, the decisions), which the case page does not read: the row leads to the
    anonymisation page, which counts each version's open flags, and submit_for_sign_off's
    guard (not_anonymised) checks them all."""
    if case.stage != Stage.DRAFTING:
        return []
    return [
        Task(
            Stage.DRAFTING,
            "in progress",
            name="Anonymise the report: decide every flag",
            url=reverse("reports:anonymisation", args=[case.reference]),
            permission="view_people_register",
        )
    ]


def _decision_history(case: Case):
    return (
        AnonymisationDecision.history.filter(case_id=case.pk),
        lambda r: f"Anonymisation decision ({r.kind.replace('_', ' ')})",
    )


def _leak_check_history(case: Case):
    return LeakCheck.history.filter(pdf__case_id=case.pk), lambda r: "Leak gate check"


def register() -> None:
    add_part(
        Part(
            "Anonymisation",
            "reports:anonymisation",
            "view_people_register",
            "The anonymised text of each document, and the decisions on what is flagged.",
        )
    )
    add_part(
        Part(
            "Leak gate",
            "reports:leak_gate",
            "view_people_register",
            "The check of each public PDF for registered names before it is published.",
        )
    )
    workflow.add_guard("submit_for_sign_off", services.not_anonymised)
    add_task_rows(anonymisation_tasks)
    add_audit_source(_decision_history)
    add_audit_source(_leak_check_history)
    demo.register_builder("reports.anonymisation", build_demo, after=("reports.drafting",))


# Demo data ------------------------------------------------------------------------------

# An agency practitioner, anonymised like the family (seed 000 l.376); the drafting demo
# (reports.demo) adds the family's and friends' harder names.
DEMO_PEOPLE = [
    {
        "role": Person.Role.PRACTITIONER,
        "real_name": "Callum Price-Jones",
        "aliases": "PC Price-Jones",
        "pseudonym": "Officer 1",
    },
]


def fill_register(case: Case, by) -> None:
    """Add the demo's people to a review's register (once)."""
    for details in DEMO_PEOPLE:
        if case.people.filter(real_name=details["real_name"]).exists():
            continue
        person = Person(case=case, **details)
        person._history_user = by
        person.save()


KEPT_DATES = "The chronology needs the dates of events."


def decide_dates(case: Case, by) -> None:
    """Keep every exact date in the latest versions as written (the chronology needs them);
    the dates of birth and the rest stay for the chair to decide."""
    register = Register.for_case(case)
    for version in services.latest_versions(case).values():
        if version is None:
            continue
        for part in services.anonymised_sections(version, register):
            for flag in part.anonymised.open_flags:
                if flag.kind == "exact_date":
                    services.record_decision(
                        case=case,
                        by=by,
                        flag=flag,
                        decision="keep",
                        reason="Needed for the chronology.",
                    )


def build_demo(ctx: demo.DemoContext) -> None:
    """On the review at drafting (DEMO-RIV-6): a practitioner in the register, and the
    exact dates of the latest versions kept."""
    case = ctx.case("DEMO-RIV-6")
    if case.stage != Stage.DRAFTING:
        return
    chair = ctx.users["independent.chair@example.org"]
    fill_register(case, chair)
    decide_dates(case, chair)
