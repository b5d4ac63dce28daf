from django.apps import AppConfig


class PublicationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publication"
    verbose_name = "Sign-off, Home Office quality assurance and publication"

    def ready(self):
        from .registrations import publishing

        publishing.register()
