"""Demo steps from the CSP sign-off to the Home Office's clearance, each made through the
services. Each takes the demo context and a case at the stage it starts from, and returns
the case as the step leaves it. register() adds them, with publication's own steps
(demo_publishing), to the demo reviews made by reports.demo_reviews."""

import io

import pikepdf
from django.core.files.base import ContentFile
from pikepdf import Name

from cases import demo
from cases.models import Case, User
from cases.roles import CaseRole
from cases.services import grant_membership

from .models import QaOutcome, SignOff
from .selectors import open_areas
from .services import home_office, sign_off


def _member(case: Case, role: str) -> User:
    return case.memberships.filter(role=role, ended_at=None).select_related("user").first().user


def _pdf(name: str, lines: tuple[str, ...]) -> ContentFile:
    """A one-page PDF of `lines` in Helvetica, as a letter scanned to text would be: the
    publication's leak gate reads it, and the public pages offer the QA letter."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    shown = " ".join(f"({line}) '" for line in lines)
    page.obj.Contents = pdf.make_stream(f"BT /F1 11 Tf 72 770 Td 16 TL {shown} ET".encode())
    out = io.BytesIO()
    pdf.save(out)
    return ContentFile(out.getvalue(), name=name)


HOME_OFFICE_REVIEWER = "qa.reviewer@homeoffice.example"

# What the Home Office's letter says, by outcome (after QA-Devon's letter), without a name.
QA_LETTER = {
    QaOutcome.Outcome.CLEARED: (
        "Home Office Domestic Homicide Review Quality Assurance Panel",
        "The panel has considered the overview report and executive summary.",
        "The report is cleared for publication.",
    ),
    QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES: (
        "Home Office Domestic Homicide Review Quality Assurance Panel",
        "The panel has considered the overview report and executive summary.",
        "The report may be published on completion of the areas for final development.",
    ),
}


def signed_off(ctx: demo.DemoContext, case: Case) -> Case:
    """The partnership's sign-off at an extraordinary meeting (seed 002 (10)), recorded by
    the case's CSP chair."""
    chair = _member(case, CaseRole.CSP_CHAIR)
    sign_off.sign_off(
        case=case,
        by=chair,
        meeting=f"Extraordinary meeting of the {case.partnership.name}",
        met_on=ctx.on,
        attendees=f"{chair.full_name}, CSP chair (chairing)\n"
        f"{_member(case, CaseRole.CSP_OFFICER).full_name}, CSP officer\n"
        "Representatives of the police, health, housing and children's services",
        **dict.fromkeys(SignOff.CHECKS, True),
    )
    return case


def sent_to_home_office(ctx: demo.DemoContext, case: Case) -> Case:
    """The package sent by e-mail (seed 000 l.255): the case's publishable public PDFs and
    a small data collection form."""
    home_office.send_to_home_office(
        case=case,
        by=_member(case, CaseRole.CSP_OFFICER),
        sent_on=ctx.on,
        sent_how="E-mail to DHREnquiries@homeoffice.gov.uk",
        data_collection_form=_pdf(
            "data-collection-form.pdf",
            ("Domestic Homicide Review: data collection form", "Completed for the Home Office."),
        ),
    )
    # The Home Office's reviewer reads the package from its submission on (DESIGN §5).
    grant_membership(
        case=case,
        user=ctx.users[HOME_OFFICE_REVIEWER],
        role=CaseRole.HOME_OFFICE_REVIEWER,
        by=_member(case, CaseRole.CSP_OFFICER),
    )
    case.refresh_from_db()
    return case


def _answer(ctx, case: Case, outcome: str, areas: list[str]) -> QaOutcome:
    return home_office.record_qa_outcome(
        case=case,
        by=_member(case, CaseRole.CSP_OFFICER),
        qa_panel_on=ctx.on,
        letter_received_on=ctx.on,
        outcome=outcome,
        letter=_pdf("home-office-qa-letter.pdf", QA_LETTER[outcome]),
        summary="The panel found the report thorough and the family's voice clear.",
        areas=areas,
    )


def cleared_subject_to_changes(ctx: demo.DemoContext, case: Case) -> Case:
    """The QA letter clears the report subject to two areas for final development (QA-Devon):
    the first done with its evidence, the second open; the family told."""
    officer = _member(case, CaseRole.CSP_OFFICER)
    outcome = _answer(
        ctx,
        case,
        QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES,
        [
            "Set out how coercive control was understood by each agency at the time.",
            "Make the action plan's national recommendation specific and measurable.",
        ],
    )
    first = outcome.areas.get(number=1)
    home_office.mark_area_done(
        area=first,
        by=officer,
        done_on=ctx.on,
        evidence="Section 5.3 of the overview report, version 2, adds each agency's "
        "understanding of coercive control.",
    )
    home_office.record_family_told(
        outcome=outcome, by=officer, told_on=ctx.on, how="By the family's advocate, in person."
    )
    case.refresh_from_db()
    return case


def all_areas_done(ctx: demo.DemoContext, case: Case) -> Case:
    """Every open area for final development done, with its evidence."""
    officer = _member(case, CaseRole.CSP_OFFICER)
    for area in open_areas(case):
        home_office.mark_area_done(
            area=area,
            by=officer,
            done_on=ctx.on,
            evidence="The action plan, recommendation 3, now names the owner and the date.",
        )
    return case


def cleared(ctx: demo.DemoContext, case: Case) -> Case:
    """The QA letter clears the report with no changes asked; the family told."""
    outcome = _answer(ctx, case, QaOutcome.Outcome.CLEARED, [])
    home_office.record_family_told(
        outcome=outcome,
        by=_member(case, CaseRole.CSP_OFFICER),
        told_on=ctx.on,
        how="By letter, with a copy of the Home Office's letter.",
    )
    case.refresh_from_db()
    return case


def register() -> None:
    """DEMO-RIV-8 waits at publication with one area for final development open and a date
    agreed near the anniversary of the death (the warning shows); DEMO-RIV-9 is cleared and
    published; DEMO-RIV-10 is cleared subject to changes, made, and published."""
    from reports.demo_reviews import add_steps

    from .demo_publishing import publication_date_near_anniversary, published

    sent = (signed_off, sent_to_home_office)
    add_steps("DEMO-RIV-8", *sent, cleared_subject_to_changes, publication_date_near_anniversary)
    add_steps("DEMO-RIV-9", *sent, cleared, published)
    add_steps("DEMO-RIV-10", *sent, cleared_subject_to_changes, all_areas_done, published)
