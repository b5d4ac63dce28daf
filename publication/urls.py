from django.urls import path

from .views import home_office, public, publishing, sign_off

app_name = "publication"

# Publication, under the case.
PUBLICATION = "cases/<str:reference>/publication/"
# The public pages: no sign-in, no case reference, a random id per review.
PUBLIC = "published-reviews/"
_SIGN_OFF = "cases/<str:reference>/sign-off/"
_HOME_OFFICE = "cases/<str:reference>/home-office/"

urlpatterns: list = [
    # CSP sign-off (DOMAIN.md 2.6)
    path(_SIGN_OFF, sign_off.sign_off, name="sign_off"),
    path(_SIGN_OFF + "record/", sign_off.record_sign_off, name="record_sign_off"),
    path(_SIGN_OFF + "return/", sign_off.return_to_drafting, name="return_to_drafting"),
    # The Home Office submission and its QA (DOMAIN.md 2.7)
    path(_HOME_OFFICE, home_office.home_office, name="home_office"),
    path(_HOME_OFFICE + "send/", home_office.send, name="send_to_home_office"),
    path(
        _HOME_OFFICE + "submissions/<id:number>/acknowledgement/",
        home_office.acknowledge,
        name="acknowledge",
    ),
    path(_HOME_OFFICE + "outcome/", home_office.record_outcome, name="record_qa_outcome"),
    path(_HOME_OFFICE + "areas/<id:area_id>/done/", home_office.area_done, name="area_done"),
    path(_HOME_OFFICE + "family-told/", home_office.family_told, name="family_told_of_qa"),
    path(_HOME_OFFICE + "package/", home_office.submitted_package, name="submitted_package"),
    path(_HOME_OFFICE + "files/<id:file_id>/", home_office.download_file, name="package_file"),
    path(_HOME_OFFICE + "letters/<id:outcome_id>/", home_office.download_letter, name="qa_letter"),
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
