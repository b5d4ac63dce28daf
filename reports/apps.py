from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Reports and publication"

    def ready(self):
        # Each part of the report registers its guards, task-list rows, reminders, audit
        # sources and demo records with the core.
        from . import demo, demo_reviews
        from .registrations import action_plan, anonymisation, drafting, pdfs

        drafting.register()
        action_plan.register()
        anonymisation.register()
        pdfs.register()
        demo.register()
        demo_reviews.register()
