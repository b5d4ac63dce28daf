"""The three documents as they print (DESIGN §6), for the document's page and its PDF alike:
every text already in its variant's words, so the templates only display.

A restricted draft prints as written, with real names, and the overview report ends with the
combined chronology. A public one prints every text through the anonymiser
(reports.anonymisation): the sections, the headings, the title, the PDF's metadata and the
action plan. It has no combined chronology: the agencies' raw records, with their exact dates,
times and addresses, are never published (the report's own chronology section, written for
publication and its flags decided by a person, is). Only the panel's names are printed as
they are, because the published report names its chair and members (DOMAIN.md 2.5 item 6)."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db.models import Prefetch, QuerySet

from cases.models import Case, CaseMembership, Person
from cases.roles import CaseRole
from imr.selectors import chronology
from reports.anonymisation import Register, anonymise
from reports.models import Action, PdfDocument, RenderedPdf, ReportVersion
from reports.models.drafting import content_hash

# Raise when the print templates or this module change what a document prints: a rendering
# made before then is stale, and a new request renders it anew.
TEMPLATE_VERSION = "1"


@dataclass(frozen=True)
class PrintedSection:
    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class ChronologyBlock:
    when: str
    agency: str
    what_happened: str
    people: str
    risk: str
    author_comment: str


@dataclass(frozen=True)
class PrintedAction:
    lead_agency: str
    owner: str
    action: str
    milestones: str
    target_on: str
    intended_outcome: str
    monitored_by: str
    scope: str


@dataclass(frozen=True)
class PrintedRecommendation:
    number: int
    level: str
    agency: str
    text: str
    actions: list[PrintedAction]


@dataclass(frozen=True)
class PanelMember:
    name: str
    role: str
    agency: str


@dataclass
class PrintedDocument:
    document: str
    variant: str
    title: str
    # The PDF's metadata (author, description), in the variant's words like the rest.
    author: str
    description: str
    version_number: int | None
    # The version's own content hash: a rendering belongs to one version.
    version_hash: str = ""
    # The fingerprint of the register a public document was anonymised with.
    register: str = ""
    sections: list[PrintedSection] = field(default_factory=list)
    chronology: list[ChronologyBlock] = field(default_factory=list)
    recommendations: list[PrintedRecommendation] = field(default_factory=list)
    panel_chair: str = ""
    panel: list[PanelMember] = field(default_factory=list)

    @property
    def is_restricted(self) -> bool:
        return self.variant == RenderedPdf.Variant.RESTRICTED

    @property
    def is_action_plan(self) -> bool:
        return self.document == PdfDocument.ACTION_PLAN

    @property
    def has_chronology(self) -> bool:
        return self.document == PdfDocument.OVERVIEW_REPORT and self.is_restricted


class NothingToPrint(Exception):
    """The document has no version yet (the chair has not fixed one)."""


def newest_version(case: Case, document: str) -> ReportVersion | None:
    return case.report_versions.filter(document=document).order_by("-number").first()


def printed_document(
    case: Case,
    document: str,
    variant: str,
    *,
    version: ReportVersion | None = None,
    register: Register | None = None,
) -> PrintedDocument:
    """`document` of `case` in `variant`: from `version` (the newest when not given) for
    the overview report and the executive summary, from the recommendations and actions
    as they stand for the action plan."""
    if document != PdfDocument.ACTION_PLAN:
        version = version or newest_version(case, document)
        if version is None:
            raise NothingToPrint(f"There is no version of the {_label(document).lower()} yet.")
    if variant == RenderedPdf.Variant.PUBLIC:
        register = register or Register.for_case(case)
        say: Callable[[str], str] = lambda text: anonymise(text, register).text  # noqa: E731
    else:
        say = str
    victim = case.people.filter(role=Person.Role.VICTIM).order_by("id").first()
    about = f"the death of {victim.real_name}" if victim else case.reference
    printed = PrintedDocument(
        register=register.fingerprint if register else "",
        document=document,
        variant=variant,
        title=say(f"{_label(document)}: domestic homicide review into {about}"),
        author=say(case.partnership.name),
        description=say(f"{case.partnership.name}, review {case.reference}"),
        version_number=version.number if version else None,
        version_hash=version.content_hash if version else "",
    )
    if document == PdfDocument.ACTION_PLAN:
        printed.recommendations = _recommendations(case, say)
    else:
        printed.sections = [
            PrintedSection(section.key, say(section.title), say(text))
            for section, text in version.titled_sections()
        ]
        printed.panel_chair, printed.panel = _panel(case)
    if document == PdfDocument.OVERVIEW_REPORT and variant == RenderedPdf.Variant.RESTRICTED:
        printed.chronology = _chronology(case)
    return printed


def input_hash(printed: PrintedDocument) -> str:
    """What a rendering of `printed` depends on: everything it prints (the version's text,
    or the action plan as it stands, and the chronology), its variant, the register it was
    anonymised with, and the templates' version. An unchanged hash reuses the file."""
    return content_hash({"printed": asdict(printed), "templates": TEMPLATE_VERSION})


def _label(document: str) -> str:
    return PdfDocument(document).label


def _panel(case: Case) -> tuple[str, list[PanelMember]]:
    chair = (
        CaseMembership.objects.filter(case=case, role=CaseRole.INDEPENDENT_CHAIR, ended_at=None)
        .select_related("user")
        .first()
    )
    members = case.panel_members.filter(left_on=None).select_related("agency").order_by("name")
    return (
        chair.user.full_name if chair else "",
        [PanelMember(m.name, m.role, m.agency.name) for m in members],
    )


def _chronology(case: Case) -> list[ChronologyBlock]:
    """The combined chronology of a restricted draft, in date order, with real names, one
    block per entry (blocks lay out about four times faster than one long table:
    LIBRARY-NOTES, WeasyPrint)."""
    labels = chronology.person_labels(case, real_names=True)
    return [
        ChronologyBlock(
            when=row.when,
            agency=row.agency,
            what_happened=row.what_happened,
            people=", ".join(row.people),
            risk=row.risk,
            author_comment=row.author_comment,
        )
        for row in chronology.rows_from(chronology.combined_entries(case), labels)
    ]


def _recommendations(case: Case, say) -> list[PrintedRecommendation]:
    recommendations = case.recommendations.select_related("agency").prefetch_related(
        Prefetch("actions", Action.objects.select_related("lead_agency"))
    )
    return [
        PrintedRecommendation(
            number=recommendation.number,
            level=say(recommendation.get_level_display()),
            agency=say(recommendation.agency.name) if recommendation.agency else "",
            text=say(recommendation.text),
            actions=[
                PrintedAction(
                    lead_agency=say(action.lead_agency.name),
                    owner=say(action.owner),
                    action=say(action.action),
                    milestones=say(action.milestones),
                    target_on=say(f"{action.target_on:%-d %B %Y}"),
                    intended_outcome=say(action.intended_outcome),
                    monitored_by=say(action.monitored_by),
                    scope=say(action.get_scope_display()),
                )
                for action in recommendation.actions.all()
            ],
        )
        for recommendation in recommendations
    ]


def renderings_of(case: Case) -> QuerySet[RenderedPdf]:
    """The case's renderings, newest first, with what their list shows (one query)."""
    return case.rendered_pdfs.select_related("version", "requested_by").order_by("-requested_at")
