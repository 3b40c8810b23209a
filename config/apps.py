from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with our site (config.admin.StaffAdminSite) as `admin.site`."""

    default_site = "config.admin.StaffAdminSite"


class SignInLockoutsConfig(AxesAppConfig):
    """django-axes under a name staff understand on the dashboard and in breadcrumbs."""

    verbose_name = "Sign-in lockouts"
