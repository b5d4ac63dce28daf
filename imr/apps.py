from django.apps import AppConfig


class IMRConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "imr"
    verbose_name = "Individual management reviews"

    def ready(self):
        # Each part of the IMRs registers its guards, task-list rows, clocks, reminders,
        # audit sources and demo records with the core.
        from . import demo, demo_drafting
        from .registrations import chronology, commissioning, interviews_and_documents, sections

        commissioning.register()
        demo.register()
        demo_drafting.register()
        chronology.register()
        sections.register()
        interviews_and_documents.register()
