from django.contrib import admin
from django.urls import URLPattern


class DHRAdminSite(admin.AdminSite):
    """The Django admin, less its "view on site" shortcut (/admin/r/<type>/<id>/): it
    redirects any staff member to an object's page, so turning any case id into its
    reference, with no permission on the case."""

    site_header = "DHR Manager administration"
    site_title = "DHR Manager administration"

    def get_urls(self):
        return [
            pattern
            for pattern in super().get_urls()
            if not (isinstance(pattern, URLPattern) and pattern.name == "view_on_site")
        ]
