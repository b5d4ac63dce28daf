from django.apps import AppConfig


class PublicationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication"
    verbose_name = "Sign-off, Home Office quality assurance and publication"

    def ready(self):
        # Each part registers its guards, task-list rows, hand-offs and audit sources with
        # the core.
        from .registrations import sign_off

        sign_off.register()
