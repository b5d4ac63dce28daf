from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path(
        "partnerships/<slug:code>/notifications/new/",
        views.record_notification,
        name="record_notification",
    ),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path("cases/<str:reference>/people/", views.people_register, name="people"),
    path("cases/<str:reference>/people/add/", views.add_person, name="add_person"),
    path(
        "cases/<str:reference>/people/<id:person_id>/correct/",
        views.correct_person,
        name="correct_person",
    ),
    path(
        "cases/<str:reference>/notification/correct/",
        views.correct_notification,
        name="correct_notification",
    ),
    path("cases/<str:reference>/withdraw/", views.withdraw_case, name="withdraw"),
    path(
        "cases/<str:reference>/recommendation/", views.record_recommendation, name="recommendation"
    ),
    path("cases/<str:reference>/decision/", views.record_decision, name="decision"),
    path("cases/<str:reference>/letters/new/", views.record_letter, name="record_letter"),
    path(
        "cases/<str:reference>/letters/<id:letter_id>/copy/", views.letter_copy, name="letter_copy"
    ),
    path(
        "cases/<str:reference>/letters/family-not-sent/",
        views.record_family_letter_not_sent,
        name="family_letter_not_sent",
    ),
    path("cases/<str:reference>/pause/", views.pause_case, name="pause"),
    path("cases/<str:reference>/resume/", views.resume_case, name="resume"),
    path("cases/<str:reference>/extension/", views.agree_extension, name="extension"),
    path(
        "cases/<str:reference>/extension/home-office-told/",
        views.record_home_office_told,
        name="extension_home_office_told",
    ),
    path("cases/<str:reference>/reopen/", views.reopen_case, name="reopen"),
    path(
        "cases/<str:reference>/reopenings/<id:reopening_id>/copy/",
        views.reopening_copy,
        name="reopening_copy",
    ),
    path("cases/<str:reference>/transfer/", views.transfer_case, name="transfer"),
    path("cases/<str:reference>/members/", views.case_members, name="members"),
    path(
        "cases/<str:reference>/members/<id:membership_id>/end/",
        views.end_membership,
        name="end_membership",
    ),
    path("cases/<str:reference>/timeline/", views.timeline, name="timeline"),
    path("cases/<str:reference>/audit/", views.audit_trail, name="audit"),
    path("cases/<str:reference>/access-log/", views.access_log, name="access_log"),
]
