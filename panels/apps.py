from django.apps import AppConfig


class PanelsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    verbose_name = "Panels"

    def ready(self):
        from .registrations import chair_and_panel
        from .services.dayone import register_day_one
        from .services.meetings import register_meetings

        chair_and_panel.register()
        register_day_one()
        register_meetings()
