from django.urls import path

from .views import home_office, sign_off

app_name = "publication"

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
]
