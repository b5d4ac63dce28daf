from django.contrib.admin.apps import AdminConfig


class DHRAdminConfig(AdminConfig):
    default_site = "dhr.admin.DHRAdminSite"
