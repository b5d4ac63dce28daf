"""The IMRs of the Riverside review (DEMO-RIV-3): once its panel is set up, the independent
chair starts the IMRs and commissions five agencies'; four senior managers have appointed
their authors. Each letter is recorded as sent with the agreed terms of reference; the
NHS trust's due date was moved, with the reason. Later builders of the imr app ("after
imr.commissioning") write, submit, sign off and accept some of them, so the demo shows an
IMR in every state."""

from datetime import timedelta

from cases import demo
from cases.models import User
from cases.services import perform_transition
from cases.workflow import Stage

from .services.commissioning import appoint_author, change_due_date, commission_imr

PANEL_SET_UP_BUILDERS = (
    "panels: chair and panel",
    "panels-terms-and-proceedings",
    "panels.day_one",
    "panels.meetings",
    "family:DEMO-RIV-3",
)

# The agency that asked for more time: the chair moved its due date, with the reason.
MORE_TIME = (
    "Riverside NHS Foundation Trust",
    2,
    "The trust's GP records are held by the coroner until the inquest opens.",
)

# Each agency's senior manager and author; the police's are the demo's sign-in accounts.
# (agency, senior manager, author or None while the agency has not yet appointed one)
STAFF = [
    (
        "Riverside Police",
        ("senior.manager@police.example", "Samuel Senior", "Detective superintendent"),
        ("imr.author@police.example", "Aisha Author", "Detective inspector"),
    ),
    (
        "Riverside NHS Foundation Trust",
        ("safeguarding.lead@nhs.example", "Helen Hughes", "Head of safeguarding"),
        ("named.nurse@nhs.example", "Nia Nurse", "Named nurse for safeguarding adults"),
    ),
    (
        "Riverside Adult Social Care",
        ("head.of.service@council.example", "Simon Service", "Head of adult social care"),
        ("practice.lead@council.example", "Paula Practice", "Practice lead"),
    ),
    (
        "Safe Haven Domestic Abuse Service",
        ("director@safehaven.example", "Dina Director", "Director of services"),
        None,
    ),
    (
        "Probation Service (Riverside)",
        ("head.of.delivery@probation.example", "Peter Probation", "Head of public protection"),
        ("senior.officer@probation.example", "Sian Officer", "Senior probation officer"),
    ),
]


def register() -> None:
    demo.register_builder("imr.commissioning", build_demo, after=PANEL_SET_UP_BUILDERS)


def _staff(ctx: demo.DemoContext, agency_name: str, email: str, full_name: str, job: str):
    if email in ctx.users:
        return ctx.users[email]
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "job_title": job,
            "agency": ctx.agencies[agency_name],
            "is_active": True,
        },
    )
    user.set_password(demo.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def build_demo(ctx: demo.DemoContext) -> None:
    case = ctx.case("DEMO-RIV-3")
    if case.imrs.exists():
        return
    chair = ctx.users["independent.chair@example.org"]
    if case.stage == Stage.PANEL_SET_UP:
        case = perform_transition(case=case, name="start_imrs", by=chair)
    for weeks, (agency_name, manager, author) in enumerate(STAFF):
        senior_manager = _staff(ctx, agency_name, *manager)
        imr = commission_imr(
            case=case,
            by=chair,
            agency=ctx.agencies[agency_name],
            due_on=ctx.on + timedelta(weeks=6 + weeks),
            senior_manager=senior_manager,
        )
        if author is not None:
            imr = appoint_author(
                imr=imr,
                by=senior_manager,
                author=_staff(ctx, agency_name, *author),
                not_involved=True,
                not_line_manager=True,
            )
        if agency_name == MORE_TIME[0]:
            change_due_date(
                imr=imr,
                by=chair,
                due_on=imr.due_on + timedelta(weeks=MORE_TIME[1]),
                reason=MORE_TIME[2],
            )
