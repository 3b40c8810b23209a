"""The staff admin, branded with the site's name, its apps in the order staff use them."""

from django.conf import settings
from django.contrib import admin

# The moderation queue is what staff open the admin for; login lockouts are looked at rarely.
APP_ORDER = ("questions", "faq", "forces", "auth", "reversion", "invalidation", "axes")


class StaffAdminSite(admin.AdminSite):
    index_title = "What needs doing"

    @property
    def site_header(self):
        return f"{settings.SITE_NAME} — staff"

    @property
    def site_title(self):
        return f"{settings.SITE_NAME} — staff"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        rank = {label: index for index, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(APP_ORDER) - 1))
