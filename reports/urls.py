from django.urls import path, register_converter

from .models import Document
from .views import drafting

app_name = "reports"


class DocumentConverter:
    """A drafted document in a URL, by its value with hyphens (overview-report); any other
    word is no page (404)."""

    regex = "|".join(document.value.replace("_", "-") for document in Document)

    def to_python(self, value: str) -> str:
        return value.replace("-", "_")

    def to_url(self, value: str) -> str:
        return str(value).replace("_", "-")


register_converter(DocumentConverter, "report_document")

# The report's pages, under the case.
REPORT = "cases/<str:reference>/report/"
_DOCUMENT = REPORT + "<report_document:document>/"
_VERSION = _DOCUMENT + "versions/<int:number>/"
_COMMENT = _DOCUMENT + "comments/<id:comment_id>/"

urlpatterns: list = [
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
]
