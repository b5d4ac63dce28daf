from django.urls import path

from .views import chair, dayone, family, meetings, panel, proceedings, terms

app_name = "panels"

PANEL = "cases/<str:reference>/panel/"

_terms = "cases/<str:reference>/terms-of-reference/"
_proceedings = "cases/<str:reference>/proceedings/"

urlpatterns: list = [
    path("cases/<str:reference>/scoping/", dayone.scoping, name="scoping"),
    path("cases/<str:reference>/scoping/ask/", dayone.ask_agency, name="ask_agency"),
    path(
        "cases/<str:reference>/scoping/<id:request_id>/answer/",
        dayone.answer_scoping,
        name="answer_scoping",
    ),
    path("cases/<str:reference>/early-learning/", dayone.early_learning, name="early_learning"),
    path("cases/<str:reference>/early-learning/add/", dayone.record_lesson, name="record_lesson"),
    path("cases/<str:reference>/risk-to-life/", dayone.escalations, name="escalations"),
    path(
        "cases/<str:reference>/risk-to-life/record/",
        dayone.record_escalation,
        name="record_escalation",
    ),
    path("cases/<str:reference>/meetings/", meetings.meeting_list, name="meetings"),
    path(
        "cases/<str:reference>/meetings/arrange/", meetings.arrange_meeting, name="arrange_meeting"
    ),
    path(
        "cases/<str:reference>/meetings/<id:meeting_id>/", meetings.meeting_detail, name="meeting"
    ),
    path(
        "cases/<str:reference>/meetings/<id:meeting_id>/minutes/",
        meetings.record_minutes,
        name="record_minutes",
    ),
    path(
        "cases/<str:reference>/meetings/<id:meeting_id>/minutes/copy/",
        meetings.minutes_copy,
        name="minutes_copy",
    ),
    path(
        "cases/<str:reference>/meetings/<id:meeting_id>/outcomes/add/",
        meetings.record_outcome,
        name="record_outcome",
    ),
    path(PANEL, panel.panel, name="panel"),
    path(f"{PANEL}chair/", chair.appoint_chair, name="appoint_chair"),
    path(f"{PANEL}members/add/", panel.add_member, name="add_member"),
    path(f"{PANEL}members/<id:member_id>/left/", panel.member_left, name="member_left"),
    path(f"{PANEL}declined/add/", panel.agency_declined, name="agency_declined"),
    path(
        f"{PANEL}declined/<id:declined_id>/home-office-told/",
        panel.declined_home_office_told,
        name="declined_home_office_told",
    ),
    path(f"{PANEL}start-imrs/", panel.start_imrs, name="start_imrs"),
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
    # The family and friends record (DOMAIN.md 2.2)
    path("cases/<str:reference>/family/", family.family, name="family"),
    path("cases/<str:reference>/family/advocate/", family.name_advocate, name="family_advocate"),
    path("cases/<str:reference>/family/people/add/", family.add_member, name="family_add_member"),
    path(
        "cases/<str:reference>/family/decisions/add/",
        family.record_involvement_decision,
        name="family_decision",
    ),
    path(
        "cases/<str:reference>/family/first-contact/",
        family.record_first_contact,
        name="family_first_contact",
    ),
    path("cases/<str:reference>/family/contacts/add/", family.log_contact, name="family_contact"),
    path(
        "cases/<str:reference>/family/contributions/add/",
        family.record_contribution,
        name="family_contribution",
    ),
    path(
        "cases/<str:reference>/family/pseudonym/", family.record_pseudonym, name="family_pseudonym"
    ),
    path("cases/<str:reference>/family/tribute/", family.record_tribute, name="family_tribute"),
]
