"""What the rest of the service reads of an IMR's sections, sign-off and review: its pages
on the IMR's page, the start_drafting guard, task-list rows, the chair's reminder, the
audit trail, and the demo's IMRs in each state."""

from datetime import date, timedelta

from django.db.models import Aggregate, Count, Expression, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse

from cases import demo, reminders, workflow
from cases.models import Case
from cases.reminders import ReminderRule
from cases.roles import CaseRole
from cases.selectors import Task, add_audit_source, add_task_rows
from cases.workflow import Stage

from ..access import Need
from ..models import Imr, ImrComment, ImrRecommendation, ImrSections, ImrStep, ImrVersion
from ..parts import Part, add_part
from ..services import sections as services

# The chair is told when an IMR comes before the panel, and weekly until they decide.
IMR_SUBMITTED_REMINDER = ReminderRule(
    name="imr_submitted",
    what="the panel's review of a submitted IMR",
    days_before=(0,),
    weekly_when_overdue=True,
    recipients=(CaseRole.INDEPENDENT_CHAIR,),
    due_dates=services.submitted_for_review,
)


class _JsonArray(Aggregate):
    """JSON values gathered into one array: JSONB_AGG on PostgreSQL, JSON_GROUP_ARRAY on
    SQLite. Neither orders it (SQLite's before 3.44 cannot)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def _place_in_list() -> Coalesce:
    """How many of the case's IMRs come before the IMR in their order (Imr.Meta: the
    agency's name, then the id). Counted in SQL so that the database's collation orders
    the names, as it does on the IMRs' own list."""
    before = Imr.objects.filter(case=OuterRef("case")).filter(
        Q(agency__name__lt=OuterRef("agency__name"))
        | Q(agency__name=OuterRef("agency__name"), pk__lt=OuterRef("pk"))
    )
    return Coalesce(
        Subquery(before.order_by().values("case").annotate(n=Count("pk")).values("n")), 0
    )


def sections_reads(on: date) -> dict[str, Expression]:
    each_imr = JSONObject(id="pk", agency="agency__name", status="status", place=_place_in_list())
    imrs = (
        Imr.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(imrs=_JsonArray(each_imr))
        .values("imrs")
    )
    return {"imr_imrs_with_status": Subquery(imrs)}


def _row(case: Case, imr: dict) -> Task | None:
    """The one thing that waits on the IMR now, and whose it is."""
    args = [case.reference, imr["id"]]
    name = f"{imr['agency']}'s IMR"
    status = imr["status"]
    if status in Imr.EDITABLE:
        return Task(
            Stage.IMRS,
            "in progress",
            name=f"{name}: write it and send it for sign-off",
            url=reverse("imr:sections", args=args),
            permission="write_imr",
        )
    if status == Imr.Status.AWAITING_SIGN_OFF:
        return Task(
            Stage.IMRS,
            "in progress",
            name=f"{name}: quality-assure and sign it off",
            url=reverse("imr:sign_off", args=args),
            permission="sign_off_imr",
        )
    if status == Imr.Status.SUBMITTED:
        return Task(
            Stage.IMRS,
            "in progress",
            name=f"{name}: review it and accept it or ask for a revision",
            url=reverse("imr:review", args=args),
            permission="read_submissions",
        )
    if status == Imr.Status.ACCEPTED:
        return Task(
            Stage.IMRS,
            "done",
            name=f"{name}: accepted",
            url=reverse("imr:review", args=args),
            permission="read_submissions",
        )
    return None  # commissioned: the author's appointment is the commissioning part's row


def imr_tasks(case: Case) -> list[Task]:
    """Reads the case's imr_imrs_with_status (sections_reads): NULL when it has none."""
    if case.stage != Stage.IMRS:
        return []
    imrs = sorted(case.imr_imrs_with_status or [], key=lambda imr: imr["place"])
    rows = [_row(case, imr) for imr in imrs]
    return [row for row in rows if row is not None]


def _sections_history(case: Case):
    return ImrSections.history.filter(imr__case_id=case.pk), lambda r: "IMR sections"


def _recommendation_history(case: Case):
    return (
        ImrRecommendation.history.filter(imr__case_id=case.pk),
        lambda r: "IMR recommendation",
    )


def _version_history(case: Case):
    return (
        ImrVersion.history.filter(imr__case_id=case.pk),
        lambda r: f"IMR version {r.number}",
    )


def _step_history(case: Case):
    return (
        ImrStep.history.filter(imr__case_id=case.pk),
        lambda r: f"IMR: {r.get_kind_display().lower()}",
    )


def _comment_history(case: Case):
    return (
        ImrComment.history.filter(version__imr__case_id=case.pk),
        lambda r: "Comment on an IMR",
    )


def register() -> None:
    add_part(Part("Sections and recommendations", "imr:sections", Need.READ))
    add_part(
        Part(
            "The panel's review",
            "imr:review",
            Need.READ,
            shown=lambda imr: imr.is_before_the_panel,
        )
    )
    workflow.add_guard("start_drafting", services.not_accepted)
    add_task_rows(imr_tasks, reads=sections_reads)
    reminders.register(IMR_SUBMITTED_REMINDER)
    for source in (
        _sections_history,
        _recommendation_history,
        _version_history,
        _step_history,
        _comment_history,
    ):
        add_audit_source(source)
    # After the chronology, interviews and documents are written: signing off locks them.
    demo.register_builder(
        "imr.sections",
        build_demo,
        after=("imr.commissioning", "imr.chronology", "imr.interviews_and_documents"),
    )


# Demo data ------------------------------------------------------------------------------

POLICE_SECTIONS = {
    "practice_analysis": (
        "Officers attended the home four times in the 18 months before the death. On each "
        "occasion a DASH risk assessment was completed, graded standard risk twice and medium "
        "risk twice. The escalation in frequency of calls was not identified because each "
        "call was assessed on its own.\n"
        "The referral to MARAC after the third call was not made: the threshold was judged "
        "on the score alone, without professional judgement of the pattern of calls."
    ),
    "what_should_have_happened": (
        "The repeat call flag should have prompted a review of the history by a supervisor.\n"
        "A referral to MARAC should have been made on professional judgement after the third "
        "call, as force policy allows."
    ),
    "good_practice": (
        "The officers who attended the second call spoke to the victim away from the "
        "perpetrator and gave her the contact details of the local domestic abuse service."
    ),
    "equality_and_diversity": (
        "The victim's first language was not English. An interpreter was used once; on the "
        "other occasions the perpetrator interpreted, which should not have happened."
    ),
    "lessons_learned": (
        "Risk must be judged on the history of calls, not each call alone.\n"
        "A family member or partner must never interpret in a domestic abuse call."
    ),
}

NHS_SECTIONS = {
    "practice_analysis": (
        "The victim attended the emergency department twice with injuries she said were "
        "accidental. Routine enquiry about domestic abuse was not made on either visit."
    ),
    "what_should_have_happened": (
        "Routine enquiry should have been made on both visits, with the victim seen alone."
    ),
    "good_practice": "The GP practice recorded the victim's disclosure accurately.",
    "equality_and_diversity": "No barrier to access related to a protected characteristic.",
    "lessons_learned": "Routine enquiry must be part of every emergency department visit.",
}

ASC_SECTIONS = {
    "practice_analysis": (
        "Adult social care received one referral, for the victim's mother, and closed it "
        "after a telephone assessment."
    ),
    "what_should_have_happened": "",
    "good_practice": "",
    "equality_and_diversity": "",
    "lessons_learned": "",
}


def _write(imr: Imr, author, texts: dict[str, str], recommendations: list[dict]) -> None:
    services.save_sections(imr=imr, by=author, texts=texts)
    for recommendation in recommendations:
        services.add_recommendation(imr=imr, by=author, **recommendation)


def build_demo(ctx: demo.DemoContext) -> None:
    """On DEMO-RIV-3: the police's IMR written, signed off and before the panel, with a
    panel member's comment and the author's reply; the NHS trust's accepted after a
    revision (two versions to compare); adult social care's returned to its author."""
    case = ctx.case("DEMO-RIV-3")
    if ImrSections.objects.filter(imr__case=case).exists():
        return
    chair = ctx.users["independent.chair@example.org"]
    imrs = {imr.agency.name: imr for imr in case.imrs.select_related("agency", "author")}
    target = ctx.on + timedelta(weeks=26)

    police = imrs["Riverside Police"]
    _write(
        police,
        police.author,
        POLICE_SECTIONS,
        [
            {
                "what": "Supervisors review the call history of every repeat domestic abuse "
                "call before the risk grading is confirmed.",
                "owner": "Head of public protection",
                "target_on": target,
                "measure": "A monthly audit of 20 repeat calls finds the review recorded.",
            },
            {
                "what": "Officers use a professional interpreter, never a partner or relative.",
                "owner": "Head of response policing",
                "target_on": target,
                "measure": "Interpreter use recorded on every call where one was needed.",
            },
        ],
    )
    services.send_for_sign_off(imr=police, by=police.author)
    services.sign_off(imr=police, by=police.senior_manager)
    comment = services.comment_on(
        imr=police,
        by=ctx.users["panel.member@safehaven.example"],
        section="practice_analysis",
        text="Was the victim ever referred to the specialist domestic abuse service by the "
        "police? Our records show no referral.",
    )
    services.comment_on(
        imr=police,
        by=police.author,
        section="practice_analysis",
        text="No referral was made; the contact details were given to the victim directly. "
        "I will add this to the analysis if the panel asks for a revision.",
        reply_to=comment,
    )

    nhs = imrs["Riverside NHS Foundation Trust"]
    _write(
        nhs,
        nhs.author,
        NHS_SECTIONS,
        [
            {
                "what": "Routine enquiry about domestic abuse at every emergency department "
                "attendance with an injury.",
                "owner": "Head of safeguarding",
                "target_on": target,
                "measure": "Quarterly audit shows enquiry recorded in 90% of attendances.",
            }
        ],
    )
    services.send_for_sign_off(imr=nhs, by=nhs.author)
    services.sign_off(imr=nhs, by=nhs.senior_manager)
    services.request_revision(
        imr=nhs,
        by=chair,
        reasons="Say why routine enquiry was not made: was the victim ever seen alone?",
    )
    services.save_sections(
        imr=nhs,
        by=nhs.author,
        texts={
            **NHS_SECTIONS,
            "practice_analysis": NHS_SECTIONS["practice_analysis"]
            + "\nOn both visits the perpetrator stayed with the victim throughout, and staff "
            "did not ask to see her alone.",
        },
    )
    services.send_for_sign_off(imr=nhs, by=nhs.author)
    services.sign_off(imr=nhs, by=nhs.senior_manager, comments="Revised as the chair asked.")
    services.accept_imr(imr=nhs, by=chair)

    social_care = imrs["Riverside Adult Social Care"]
    services.save_sections(
        imr=social_care,
        by=social_care.author,
        texts={key: text or "See the practice analysis." for key, text in ASC_SECTIONS.items()},
        no_recommendations_reason="The referral was handled as policy requires.",
    )
    services.send_for_sign_off(imr=social_care, by=social_care.author)
    services.return_to_author(
        imr=social_care,
        by=social_care.senior_manager,
        comments="The analysis must say why the referral was closed after a telephone "
        "assessment, and whether the victim's situation was asked about.",
    )
