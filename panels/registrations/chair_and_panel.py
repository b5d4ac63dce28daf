"""The independent chair and the panel, joined to the case core: start_imrs's guards, the
task list's rows, the audit trail, the case page's step and the demo data."""

from datetime import timedelta

from django.urls import reverse

from cases import demo, rules, selectors, workflow
from cases.models import Case
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage

from .. import panel_selectors
from ..models import AgencyDeclined, ChairAppointment, PanelMember
from ..models.chair import KNOWLEDGE_FIELDS
from ..services import chair as chair_services
from ..services import panel as panel_services

PANEL_PAGE = "the “Independent chair and panel” page (from the case's task list)"


def chair_appointed(case: Case) -> str | None:
    """an independent chair appointed and declared independent

    DOMAIN.md 2.1 item 9. No appointment is made without the declaration (ChairAppointment's
    constraint); a role given on the members page alone is no appointment."""
    if not panel_selectors.current_chair_appointments().filter(case=case).exists():
        return (
            "Appoint the independent chair, with their declaration of independence, on "
            f"{PANEL_PAGE}."
        )
    return None


def panel_constituted(case: Case) -> str | None:
    """a panel constituted: at least one current member"""
    if not case.panel_members.filter(left_on__isnull=True).exists():
        return f"Add the panel's members, at least one, on {PANEL_PAGE}."
    return None


def panel_task_rows(case: Case) -> list[Task]:
    """Two rows under Panel set-up. `case` is read through case_file_cases, with
    panel_selectors.panel_set_up_reads."""
    reached = REVIEW_STAGES.index(Stage(case.stage)) >= REVIEW_STAGES.index(Stage.PANEL_SET_UP)
    if not reached:
        return [
            Task(Stage.PANEL_SET_UP, "cannot start yet", name=name)
            for name in ("Independent chair appointed", "Panel members")
        ]
    url = reverse("panels:panel", kwargs={"reference": case.reference})
    counts = panel_selectors.panel_counts(case)
    if counts.current == 0:
        panel_status = "not started"
    elif panel_selectors.panel_warnings(counts):
        panel_status = "in progress"
    else:
        panel_status = "done"
    return [
        Task(
            Stage.PANEL_SET_UP,
            "done" if case.panels_chair_in_post else "not started",
            name="Independent chair appointed",
            url=url,
        ),
        Task(Stage.PANEL_SET_UP, panel_status, name="Panel members", url=url),
    ]


def chair_history(case: Case):
    return (
        ChairAppointment.history.filter(case_id=case.pk),
        lambda record: "Independent chair appointment",
    )


def panel_history(case: Case):
    return PanelMember.history.filter(
        case_id=case.pk
    ), lambda record: f"Panel member: {record.name}"


def declined_history(case: Case):
    return (
        AgencyDeclined.history.filter(case_id=case.pk),
        lambda record: "Agency that declined to take part",
    )


def register() -> None:
    workflow.add_guard("start_imrs", chair_appointed)
    workflow.add_guard("start_imrs", panel_constituted)
    rules.add_step_page("start_imrs", "Commission the IMRs", "panels:start_imrs")
    selectors.add_task_rows(panel_task_rows, reads=panel_selectors.panel_set_up_reads)
    for source in (chair_history, panel_history, declined_history):
        selectors.add_audit_source(source)
    demo.register_builder("panels: chair and panel", build_demo_panel, after=("DEMO-RIV-3",))


# The Riverside review at panel set-up (cases.demo.riverside_review_panel_set_up): its
# chair, appointed by the CSP chair, and six members, added by the chair. Invented people.
DEMO_MEMBERS = [
    # agency, name, role, seniority, also an IMR author, account
    (
        "Safe Haven Domestic Abuse Service",
        "Priya Panel",
        "Service manager",
        "manager",
        False,
        "panel.member@safehaven.example",
    ),
    (
        "Riverside Police",
        "Marcus Hale",
        "Detective chief inspector, public protection",
        "senior",
        False,
        "",
    ),
    (
        "Riverside NHS Foundation Trust",
        "Fiona Marsh",
        "Named nurse, safeguarding adults",
        "senior",
        True,
        "",
    ),
    ("Riverside Adult Social Care", "Tom Ellis", "Head of adult safeguarding", "senior", False, ""),
    (
        "Probation Service (Riverside)",
        "Grace Obi",
        "Senior probation officer",
        "manager",
        False,
        "",
    ),
    ("Riverside Homes", "Sam Patel", "Tenancy services manager", "manager", False, ""),
]


def build_demo_panel(ctx: demo.DemoContext) -> None:
    case = ctx.case("DEMO-RIV-3")
    if case.chair_appointments.exists():
        return
    chair = ctx.users["independent.chair@example.org"]
    chair_services.appoint_independent_chair(
        case=case,
        by=ctx.chair("RIV"),
        chair=chair,
        appointed_on=case.decided_on + timedelta(days=7),
        declared_independent=True,
        home_office_training_completed_on=case.decided_on - timedelta(days=400),
        knowledge=dict.fromkeys(KNOWLEDGE_FIELDS, True),
    )
    for number, (agency, name, role, seniority, imr_author, email) in enumerate(DEMO_MEMBERS):
        agency = ctx.agencies[agency]
        panel_services.add_panel_member(
            case=case,
            by=chair,
            agency=agency,
            name=name,
            user=ctx.users[email] if email else None,
            sector=agency.sector,
            role=role,
            seniority=seniority,
            also_imr_author=imr_author,
            joined_on=case.decided_on + timedelta(days=10 + number),
            declared_no_involvement=True,
            confidentiality_undertaking=True,
        )
