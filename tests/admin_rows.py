"""The demo data, plus a row for each model the admin lists that the demo leaves empty, so
that the tests walking the admin (tests/test_admin_links.py and
tests/browser/test_admin_accessibility.py) reach every change form and history page, not
only the change lists. A model registered later with no demo row is named by
`models_without_rows`, and those tests fail until it has one (a demo builder, or a line
below)."""

from io import StringIO

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases import clocks, services
from cases.models import AccessLogEntry, Agency, Case, Partnership, User
from cases.workflow import TRANSFERABLE_STAGES, Stage
from imr.models import CombinedChronology, Imr
from imr.services.chronology import compile_combined_chronology
from panels.services import dayone, panel, proceedings
from publication.services import publishing
from reports.models import FamilyViewing, LeakCheck, PanelAgreement, RenderedPdf
from reports.services import before_sign_off

ADMINISTRATOR = "admin@dhr.example"


def load_demo_with_a_row_for_every_admin_model(settings) -> None:
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    # Reminders, with their in-app messages and e-mail deliveries.
    call_command("send_reminders", stdout=StringIO())
    add_the_rows_the_demo_lacks()
    add_the_panel_rows_the_demo_lacks()
    add_the_imr_rows_the_demo_lacks()
    add_the_report_rows_the_demo_lacks()
    add_the_publication_rows_the_demo_lacks()


def add_the_rows_the_demo_lacks() -> None:
    outsider = User.objects.get(email="outsider@example.org")
    Group.objects.create(name="Auditors")
    TOTPDevice.objects.create(user=outsider, name="Phone", confirmed=True)
    StaticDevice.objects.create(user=outsider, name="Backup codes", confirmed=True)
    # A failed sign-in, as django-axes records it.
    failed_sign_in = {
        "username": outsider.email,
        "ip_address": "192.0.2.1",
        "user_agent": "Firefox",
        "http_accept": "text/html",
        "path_info": "/account/sign-in/",
    }
    AccessAttempt.objects.create(**failed_sign_in, failures_since_start=1)
    AccessFailureLog.objects.create(**failed_sign_in)
    # A case page asked for by someone with no place on the case is recorded as refused.
    case = Case.objects.filter(partnership__code="RIV").first()
    as_outsider = Client()
    as_outsider.force_login(outsider)
    as_outsider.get(reverse("cases:detail", args=[case.reference]))
    services.log_access(
        case=case,
        user=User.objects.get(email="officer@riverside.example"),
        what=AccessLogEntry.What.PEOPLE_REGISTER,
    )
    transferable = Case.objects.filter(
        partnership__code="RIV", stage__in=TRANSFERABLE_STAGES
    ).first()
    services.transfer_case(
        case=transferable,
        by=User.objects.get(email="officer@riverside.example"),
        to_partnership=Partnership.objects.get(code="NOR"),
        transferred_on=clocks.today(),
        reason="The victim lived in Northvale.",
    )


def add_the_panel_rows_the_demo_lacks() -> None:
    """An agency that declined, documents forwarded to the disclosure officer and a
    risk-to-life escalation, on the demo's Riverside review (its IMRs under way)."""
    officer = User.objects.get(email="officer@riverside.example")
    case = Case.objects.get(police_reference="DEMO-RIV-3")
    panel.record_agency_declined(
        case=case,
        by=officer,
        agency=Agency.objects.exclude(pk__in=case.panel_members.values("agency")).first(),
        declined_on=clocks.today(),
        reason="No capacity to take part.",
    )
    proceedings.record_documents_forwarded(
        proceeding=case.proceedings.first(),
        by=officer,
        what="The combined chronology so far.",
        forwarded_on=clocks.today(),
    )
    dayone.record_risk_to_life(
        case=case,
        by=officer,
        raised_by="The family's advocate",
        raised_at=timezone.now(),
        about_whom="The victim's sister",
        police_contact="Riverside Police control room",
        police_reference="RP-2026-1234",
    )


def add_the_imr_rows_the_demo_lacks() -> None:
    """The Riverside review's combined chronology compiled. Its police IMR is put before
    the panel directly where the demo has not got it there: sign-off is another part's."""
    case = Case.objects.get(police_reference="DEMO-RIV-3")
    if CombinedChronology.objects.filter(case=case).exists():
        return
    if not case.imrs.filter(status__in=Imr.BEFORE_THE_PANEL).exists():
        case.imrs.filter(agency__name="Riverside Police").update(status=Imr.Status.SUBMITTED)
    compile_combined_chronology(
        case=case, by=User.objects.get(email="independent.chair@example.org")
    )


def add_the_report_rows_the_demo_lacks() -> None:
    """On the review the demo brought to drafting (its drafts, versions, comments, action
    plan, anonymisation decisions and PDFs are the demo's): the panel's agreement, the
    family's viewing, and a leak check of a public rendering, through the services."""
    case = Case.objects.get(police_reference="DEMO-RIV-6")
    if case.panel_agreements.exists():
        return
    chair = User.objects.get(email="independent.chair@example.org")
    today = clocks.today()
    before_sign_off.record_panel_agreement(
        case=case, by=chair, agreed_on=today, **dict.fromkeys(PanelAgreement.CHECKS, True)
    )
    before_sign_off.record_family_viewing(
        case=case,
        by=chair,
        shown_on=today,
        how="Read with the family advocate at the family's home.",
        response=FamilyViewing.Response.DISAGREES,
        disagreement="The family feel the police's part is understated.",
    )
    public = case.rendered_pdfs.filter(variant=RenderedPdf.Variant.PUBLIC).first()
    LeakCheck.objects.create(pdf=public, hits=[], ran_by=chair)


def add_the_publication_rows_the_demo_lacks() -> None:
    """A media briefing and a decision to withhold, on the review the demo leaves at
    publication (DEMO-RIV-8), through the services: no demo review is withheld."""
    case = Case.objects.get(police_reference="DEMO-RIV-8")
    if case.stage != Stage.PUBLICATION:
        return
    officer = User.objects.get(email="officer@riverside.example")
    publishing.record_media_briefing(
        case=case, by=officer, briefed_on=clocks.today(), media_lead="The council's press office"
    )
    publishing.withhold(
        case=case,
        by=officer,
        decided_on=clocks.today(),
        decided_by="The CSP chair",
        reasons="The children's welfare, on the advice of children's social care.",
    )


def models_without_rows() -> list[str]:
    return sorted(
        model._meta.label for model in admin.site._registry if not model._default_manager.exists()
    )
