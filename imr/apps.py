from django.apps import AppConfig


class IMRConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "imr"
    verbose_name = "Individual management reviews"
