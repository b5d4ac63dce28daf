"""The demo's publication steps (issue 12), each taking a review the Home Office cleared
(at publication, its public PDFs through the leak gate) one step on through the services
only. The lead wires them into the demo's builders."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from cases.clocks import today
from cases.demo import DemoContext
from cases.models import Case

from .models import CopySent
from .services import copies, publishing

FAMILY = "The victim's sister, with the family's advocate"


def _officer(ctx: DemoContext, case: Case):
    return ctx.officer(case.partnership.code)


def _forewarned(ctx: DemoContext, case: Case) -> None:
    publishing.record_family_forewarned(
        case=case,
        by=_officer(ctx, case),
        forewarned_on=today(),
        who=FAMILY,
        how="At a meeting at the advocate's office",
        consequences="Local press interest on the day; what the report says about the "
        "children; that it stays online for at least a year.",
    )


def publication_date_near_anniversary(ctx: DemoContext, case: Case) -> Case:
    """The date agreed falls three days after the anniversary of the death: the page warns
    of it. The family forewarned; not yet published."""
    publishing.agree_publication_date(
        case=case,
        by=_officer(ctx, case),
        publish_on=publishing.next_anniversary(case.date_of_death, today()) + timedelta(days=3),
        agreed_with=FAMILY,
        agreed_how="By telephone",
    )
    _forewarned(ctx, case)
    return Case.objects.get(pk=case.pk)


def published(ctx: DemoContext, case: Case) -> Case:
    """Published today; the copies to the agencies and the family and the Home Office told
    recorded (the library's link still to come); the Commissioner's copy sent."""
    officer = _officer(ctx, case)
    publishing.agree_publication_date(
        case=case, by=officer, publish_on=today(), agreed_with=FAMILY, agreed_how="In person"
    )
    _forewarned(ctx, case)
    publishing.check_qa_letter(case=case, by=officer)
    publication = publishing.publish(case=case, by=officer)
    links = settings.DHR_BASE_URL + reverse(
        "publication:public_review", args=[publication.public_id]
    )
    # The Home Office library's link appears later: it stays outstanding.
    for owed in copies.copies(case):
        if owed.kind == CopySent.Kind.LIBRARY_LINK:
            continue
        copies.record_copy(
            case=case,
            by=officer,
            kind=owed.kind,
            agency=owed.agency,
            sent_on=today(),
            how="By secure e-mail",
            links=links if owed.kind == CopySent.Kind.HOME_OFFICE_TOLD else "",
        )
    for owed in copies.report_copies(case):
        copies.record_report_copy(
            case=case,
            by=officer,
            recipient=owed.recipient,
            sent_on=today(),
            method="By secure e-mail",
        )
    return Case.objects.get(pk=case.pk)


def withheld(ctx: DemoContext, case: Case) -> Case:
    """Withheld for the children's welfare; the Commissioner's copy still owed."""
    publishing.withhold(
        case=case,
        by=_officer(ctx, case),
        decided_on=today(),
        decided_by="The CSP chair, on the advice of children's social care",
        reasons="Publication now would identify the children to their school community while "
        "the youngest is in a child protection plan.",
    )
    return Case.objects.get(pk=case.pk)
