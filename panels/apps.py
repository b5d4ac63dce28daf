from django.apps import AppConfig


class PanelsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    verbose_name = "Panels"

    def ready(self):
        from .family import register as register_family

        register_family()
