from django.apps import AppConfig


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = "Cases"

    def ready(self):
        from django.urls import register_converter

        from .converters import RowIdConverter
        from .demo import register_demo_cases

        # Every URL that takes a row id uses <id:...>; see RowIdConverter.
        register_converter(RowIdConverter, "id")
        # The demo cases, through the registration point panels, imr and reports use too.
        register_demo_cases()
