from django.apps import AppConfig


class PanelsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    verbose_name = "Panels"

    def ready(self):
        # Each part of the set-up registers its start_imrs guards, task-list rows, clocks,
        # reminders, audit sources and demo records with the core. The order is the order
        # of the set-up: the chair and panel first, so a refusal names the first thing to do.
        from .family import register as register_family
        from .registrations import chair_and_panel
        from .services.dayone import register_day_one
        from .services.meetings import register_meetings
        from .services.proceedings import register_proceedings
        from .services.terms import register_terms_of_reference

        chair_and_panel.register()
        register_terms_of_reference()
        register_proceedings()
        register_day_one()
        register_meetings()
        register_family()
