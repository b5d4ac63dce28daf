from django.apps import AppConfig


class PublicationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication"
    verbose_name = "Sign-off, Home Office quality assurance and publication"

    def ready(self):
        # Each part registers its guards, task-list rows, hand-offs, reminders and audit
        # sources with the core, in the order of the stages.
        from . import demo
        from .registrations import publishing, sign_off

        sign_off.register()
        publishing.register()
        demo.register()
