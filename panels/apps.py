from django.apps import AppConfig


class PanelsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    verbose_name = "Panels"

    def ready(self):
        from .services.proceedings import register_proceedings
        from .services.terms import register_terms_of_reference

        # Terms of reference and parallel proceedings: their start_imrs guards, task-list
        # rows, clock, reminder, audit sources, pause causes and demo records.
        register_terms_of_reference()
        register_proceedings()
