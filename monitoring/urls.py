from django.urls import path

from .views import actions, conclusion, records

app_name = "monitoring"

# The monitoring pages, under the case.
CASE = "cases/<str:reference>/monitoring/"
ACTION = f"{CASE}actions/<int:action_id>/"

urlpatterns = [
    path(CASE, actions.overview, name="overview"),
    path(f"{CASE}agencies/<int:agency_id>/", actions.agency_actions, name="agency_actions"),
    path(ACTION, actions.action, name="action"),
    path(f"{ACTION}update/", actions.post_update, name="post_update"),
    path(f"{ACTION}audit/", actions.audit, name="audit"),
    path(f"{ACTION}agree-closure/", actions.agree_closure, name="agree_closure"),
    path(f"{ACTION}updates/<int:update_id>/evidence/", actions.evidence, name="evidence"),
    path(f"{CASE}challenges/", records.challenges, name="challenges"),
    path(f"{CASE}challenges/record/", records.record_meeting, name="record_meeting"),
    path(f"{CASE}challenges/<int:meeting_id>/add/", records.add_challenge, name="add_challenge"),
    path(
        f"{CASE}challenges/<int:meeting_id>/<int:challenge_id>/response/",
        records.record_response,
        name="record_response",
    ),
    path(
        f"{CASE}home-office-requests/",
        records.home_office_requests,
        name="home_office_requests",
    ),
    path(
        f"{CASE}home-office-requests/record/",
        records.record_home_office_request,
        name="record_home_office_request",
    ),
    path(
        f"{CASE}home-office-requests/<int:request_id>/answer/",
        records.record_home_office_answer,
        name="record_home_office_answer",
    ),
    path(f"{CASE}dissemination/", records.dissemination, name="dissemination"),
    path(f"{CASE}dissemination/record/", records.record_dissemination, name="record_dissemination"),
    path(f"{CASE}conclude/", conclusion.conclude, name="conclude"),
]
