from django.urls import path

from .views import proceedings, terms

app_name = "panels"

_terms = "cases/<str:reference>/terms-of-reference/"
_proceedings = "cases/<str:reference>/proceedings/"

urlpatterns: list = [
    path(_terms, terms.terms, name="terms"),
    path(f"{_terms}draft/", terms.draft_terms, name="draft_terms"),
    path(f"{_terms}agree/", terms.agree_terms, name="agree_terms"),
    path(f"{_terms}shared-with-family/", terms.shared_with_family, name="terms_shared"),
    path(f"{_terms}compare/", terms.compare_terms, name="compare_terms"),
    path(_proceedings, proceedings.proceedings, name="proceedings"),
    path(f"{_proceedings}add/", proceedings.add_proceeding, name="add_proceeding"),
    path(f"{_proceedings}<id:proceeding_id>/", proceedings.edit_proceeding, name="edit_proceeding"),
    path(
        f"{_proceedings}<id:proceeding_id>/forwarded/",
        proceedings.documents_forwarded,
        name="documents_forwarded",
    ),
]
