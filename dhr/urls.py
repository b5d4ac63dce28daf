from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from two_factor.urls import urlpatterns as two_factor_urlpatterns

from cases import views as case_views

from . import two_factor, views

# The service has one way in: the two-factor sign-in page. The admin's own login form
# would bypass it, so it hands over to that page instead; its password-change form (which
# checks the old password) would bypass the lockout, so it leads to the service's.
admin.site.login = views.admin_sign_in
admin.site.password_change = views.admin_password_change

# two_factor's routes, with the service's sign-in, set-up, QR code and account views
# (dhr/two_factor.py).
sign_in_urlpatterns = [
    path("account/login/", two_factor.LoginView.as_view(), name="login"),
    path("account/two_factor/setup/", two_factor.SetupView.as_view(), name="setup"),
    path("account/two_factor/qrcode/", two_factor.QRGeneratorView.as_view(), name="qr"),
    path("account/two_factor/", two_factor.ProfileView.as_view(), name="profile"),
    *(
        pattern
        for pattern in two_factor_urlpatterns[0]
        if getattr(pattern, "name", None) not in {"login", "setup", "qr", "profile"}
    ),
]

urlpatterns = [
    path("", case_views.home, name="home"),
    path("messages/", case_views.inbox, name="inbox"),
    path(
        "messages/<id:message_id>/read/",
        case_views.mark_message_read,
        name="message_read",
    ),
    path("messages/read/", case_views.mark_all_messages_read, name="messages_read"),
    path("", include((sign_in_urlpatterns, "two_factor"))),
    path("", include("cases.urls")),
    path("", include("panels.urls")),
    path("", include("imr.urls")),
    path("", include("reports.urls")),
    path("", include("publication.urls")),
    path("", include("monitoring.urls")),
    path("account/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "account/password/reset/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
]
