from django.apps import AppConfig


class PanelsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    verbose_name = "Panels"

    def ready(self):
        from .services.dayone import register_day_one
        from .services.meetings import register_meetings

        register_day_one()
        register_meetings()
