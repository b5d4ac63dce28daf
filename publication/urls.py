from django.urls import path

from .views import public, publishing

app_name = "publication"

# Publication, under the case.
PUBLICATION = "cases/<str:reference>/publication/"
# The public pages: no sign-in, no case reference, a random id per review.
PUBLIC = "published-reviews/"

urlpatterns: list = [
    path(PUBLICATION, publishing.publication, name="publication"),
    path(PUBLICATION + "date/", publishing.agree_date, name="agree_date"),
    path(PUBLICATION + "family-forewarned/", publishing.forewarned, name="forewarned"),
    path(PUBLICATION + "media-briefing/", publishing.media_briefing, name="media_briefing"),
    path(PUBLICATION + "qa-letter-check/", publishing.check_letter, name="check_letter"),
    path(PUBLICATION + "publish/", publishing.publish, name="publish"),
    path(PUBLICATION + "withhold/", publishing.withhold, name="withhold"),
    path(PUBLICATION + "copies/record/", publishing.record_copy, name="record_copy"),
    path(
        PUBLICATION + "report-copies/record/",
        publishing.record_report_copy,
        name="record_report_copy",
    ),
    path(PUBLICATION + "withdraw/", publishing.withdraw, name="withdraw"),
    path(PUBLIC, public.reviews, name="public_reviews"),
    path(PUBLIC + "<slug:public_id>/", public.review, name="public_review"),
    path(PUBLIC + "<slug:public_id>/<slug:kind>.pdf", public.download, name="public_download"),
]
