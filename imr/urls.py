from django.urls import path

from .views import sections

app_name = "imr"

# Each part of the IMRs adds its pages under these.
IMRS = "cases/<str:reference>/imrs/"
IMR = IMRS + "<id:imr_id>/"

_recommendation = IMR + "recommendations/<id:recommendation_id>/"
_comment = IMR + "review/comments/<id:comment_id>/"

urlpatterns: list = [
    # The sections, sign-off and the panel's review (DOMAIN.md 2.4 items 5, 7, 8)
    path(IMR + "sections/", sections.sections, name="sections"),
    path(IMR + "recommendations/add/", sections.add_recommendation, name="add_recommendation"),
    path(_recommendation, sections.change_recommendation, name="change_recommendation"),
    path(_recommendation + "remove/", sections.remove_recommendation, name="remove_recommendation"),
    path(IMR + "send-for-sign-off/", sections.send_for_sign_off, name="send_for_sign_off"),
    path(IMR + "sign-off/", sections.sign_off, name="sign_off"),
    path(IMR + "review/", sections.review, name="review"),
    path(IMR + "review/comment/", sections.comment, name="comment"),
    path(_comment + "reply/", sections.reply, name="reply"),
    path(_comment + "resolve/", sections.resolve, name="resolve"),
    path(IMR + "review/decision/", sections.decide, name="decide"),
    path(IMR + "versions/compare/", sections.compare, name="compare"),
]
