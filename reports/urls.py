from django.urls import path

from .views import action_plan, before_sign_off

app_name = "reports"

# The report's pages, under the case.
REPORT = "cases/<str:reference>/report/"
_RECOMMENDATIONS = REPORT + "recommendations/"
_ACTION_PLAN = REPORT + "action-plan/"
_CONTRIBUTORS = REPORT + "contributors/"
_PANEL = REPORT + "panel-agreement/"
_FAMILY = REPORT + "family/"

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
]
