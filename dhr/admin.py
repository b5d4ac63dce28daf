from django.contrib import admin
from django.forms.renderers import DjangoTemplates
from django.http import Http404
from django.urls import URLPattern
from django.utils.text import capfirst

# The service renders its forms the GOV.UK way (settings.FORM_RENDERER); the admin's
# templates expect Django's own markup, with no GOV.UK classes and no aria-describedby
# pointing at hint ids the admin never renders.
DJANGO_RENDERER = DjangoTemplates()


def rendered_by_django(form_class):
    return type(form_class.__name__, (form_class,), {"default_renderer": DJANGO_RENDERER})


class RendersFormsTheDjangoWay:
    """Every form an admin page shows (the change form, its inlines, the action bar, the
    password form) is rendered by Django's renderer, whatever the project's default, and
    every fieldset has a name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("action_form", "change_password_form"):
            if form_class := getattr(self, name, None):
                setattr(self, name, rendered_by_django(form_class))

    def get_form(self, request, obj=None, **kwargs):
        # A class made afresh by modelform_factory on every call, so setting it is safe.
        form_class = super().get_form(request, obj, **kwargs)
        form_class.default_renderer = DJANGO_RENDERER
        return form_class

    def get_fieldsets(self, request, obj=None):
        # An unnamed fieldset is rendered with no heading, so its fields have no group name.
        return [
            (name or capfirst(self.opts.verbose_name), options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset.renderer = formset.form.default_renderer = DJANGO_RENDERER
            yield formset, inline


class HistoryVersionsByNumber:
    """A history version is a number: anything else in its place (a relative link read
    from a version page, a mistyped address) is not found, not a server error."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not version_id.isascii() or not version_id.isdigit():
            raise Http404("No such version.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class HistoryListWithoutInlineStyle:
    """simple-history's list of versions sets a style attribute on its pager, which the
    Content-Security-Policy blocks on every history page: the same list, styled from
    dhr-admin.css."""

    object_history_list_template = "admin/history_list.html"


class DHRAdminSite(admin.AdminSite):
    """The Django admin, less its "view on site" shortcut (/admin/r/<type>/<id>/): it
    redirects any staff member to an object's page, so turning any case id into its
    reference, with no permission on the case. Every model admin registered here, the
    project's and other apps' alike, renders its forms with Django's own renderer, and
    its history pages answer 404 to a version that is not a number and set no inline style."""

    site_header = "DHR Manager administration"
    site_title = "DHR Manager administration"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        mixins = [RendersFormsTheDjangoWay]
        if hasattr(admin_class, "history_form_view"):
            mixins += [HistoryVersionsByNumber, HistoryListWithoutInlineStyle]
        admin_class = type(admin_class.__name__, (*mixins, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        return [
            pattern
            for pattern in super().get_urls()
            if not (isinstance(pattern, URLPattern) and pattern.name == "view_on_site")
        ]
