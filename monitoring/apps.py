from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Action plan monitoring and conclusion"

    def ready(self):
        # Monitoring registers its guard, task-list rows, reminder, audit sources and the
        # senior manager's way in with the core.
        from . import demo, registrations

        registrations.register()
        demo.register()
