from django.db.models import TextChoices
from django.urls import path, register_converter

from .models import Document, PdfDocument
from .views import action_plan, anonymisation, before_sign_off, drafting, leak_gate, pdfs

app_name = "reports"


def _document_converter(documents: type[TextChoices]):
    """A document in a URL, by its value with hyphens (overview-report); any other word is
    no page (404)."""

    class DocumentConverter:
        regex = "|".join(document.value.replace("_", "-") for document in documents)

        def to_python(self, value: str) -> str:
            return value.replace("-", "_")

        def to_url(self, value: str) -> str:
            return str(value).replace("_", "-")

    return DocumentConverter


# The two drafted documents; and those rendered as PDFs, which add the action plan.
register_converter(_document_converter(Document), "report_document")
register_converter(_document_converter(PdfDocument), "pdf_document")

# The report's pages, under the case.
REPORT = "cases/<str:reference>/report/"
_RECOMMENDATIONS = REPORT + "recommendations/"
_ACTION_PLAN = REPORT + "action-plan/"
_CONTRIBUTORS = REPORT + "contributors/"
_PANEL = REPORT + "panel-agreement/"
_FAMILY = REPORT + "family/"
_DOCUMENT = REPORT + "<report_document:document>/"
_VERSION = _DOCUMENT + "versions/<id:number>/"
_COMMENT = _DOCUMENT + "comments/<id:comment_id>/"

urlpatterns: list = [
    # Recommendations and the action plan (DOMAIN.md 2.5 item 5)
    path(_RECOMMENDATIONS, action_plan.recommendations, name="recommendations"),
    path(_RECOMMENDATIONS + "add/", action_plan.add_recommendation, name="add_recommendation"),
    path(_RECOMMENDATIONS + "carry/", action_plan.carry, name="carry_recommendations"),
    path(
        _RECOMMENDATIONS + "<id:recommendation_id>/",
        action_plan.change_recommendation,
        name="change_recommendation",
    ),
    path(_ACTION_PLAN, action_plan.action_plan, name="action_plan"),
    path(
        _RECOMMENDATIONS + "<id:recommendation_id>/actions/add/",
        action_plan.add_action,
        name="add_action",
    ),
    path(_ACTION_PLAN + "actions/<id:action_id>/", action_plan.change_action, name="change_action"),
    path(
        _ACTION_PLAN + "agreements/record/", action_plan.record_agreement, name="record_agreement"
    ),
    path(_ACTION_PLAN + "agree/<id:agency_id>/", action_plan.agree_actions, name="agree_actions"),
    # Before sign-off (DOMAIN.md 2.5 items 3, 4, 7)
    path(_CONTRIBUTORS, before_sign_off.contributors, name="contributors"),
    path(_CONTRIBUTORS + "ask/", before_sign_off.ask_contributor, name="ask_contributor"),
    path(
        _CONTRIBUTORS + "ask-every/",
        before_sign_off.ask_every_contributor,
        name="ask_every_contributor",
    ),
    path(
        _CONTRIBUTORS + "<id:confirmation_id>/confirmed/",
        before_sign_off.record_confirmation,
        name="record_confirmation",
    ),
    path(_PANEL, before_sign_off.panel_agreement, name="panel_agreement"),
    path(_PANEL + "record/", before_sign_off.record_panel_agreement, name="record_panel_agreement"),
    path(_FAMILY, before_sign_off.family_viewing, name="family_viewing"),
    path(_FAMILY + "record/", before_sign_off.record_family_viewing, name="record_family_viewing"),
    path(_FAMILY + "no-family/", before_sign_off.record_no_family, name="record_no_family"),
    # Drafting: the report's page, the drafts, their versions and the panel's comments
    # (DOMAIN.md 2.5 items 1-2)
    path(REPORT, drafting.report, name="report"),
    path(REPORT + "versions/", drafting.versions, name="versions"),
    path(_DOCUMENT, drafting.document, name="document"),
    path(_DOCUMENT + "compare/", drafting.compare, name="compare"),
    path(_VERSION, drafting.version, name="version"),
    path(_VERSION + "comment/", drafting.comment, name="comment"),
    path(_COMMENT + "reply/", drafting.reply, name="reply"),
    path(_COMMENT + "resolve/", drafting.resolve, name="resolve"),
    path(f"{REPORT}anonymisation/", anonymisation.anonymisation, name="anonymisation"),
    path(
        f"{REPORT}versions/<id:version_id>/anonymised/",
        anonymisation.anonymised_version,
        name="anonymised_version",
    ),
    path(f"{REPORT}leak-gate/", leak_gate.leak_gate, name="leak_gate"),
    path(f"{REPORT}leak-gate/<id:pdf_id>/check/", leak_gate.run_check, name="run_leak_check"),
    # The documents as they print, and their PDFs (issue 11, "PDFs with WeasyPrint")
    path(
        f"{REPORT}documents/<pdf_document:document>/",
        pdfs.printed_document,
        name="printed_document",
    ),
    path(f"{REPORT}pdfs/", pdfs.pdfs, name="pdfs"),
    path(f"{REPORT}pdfs/request/", pdfs.request_pdf, name="request_pdf"),
    path(f"{REPORT}pdfs/<id:rendering_id>/", pdfs.rendering, name="pdf"),
    path(f"{REPORT}pdfs/<id:rendering_id>/download/", pdfs.download, name="pdf_download"),
]
