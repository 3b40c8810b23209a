from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from faq.sitemaps import sitemap_index, sitemap_section

from . import api, views

# Outside the language prefix: one address each, whatever the language.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("api/v1/", include(api.urls())),
    path("embed/", include("faq.embed")),
]

# The public pages: English at /, Welsh at /cy/ (the same path after the prefix).
urlpatterns += i18n_patterns(
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("cookies/", TemplateView.as_view(template_name="pages/cookies.html"), name="cookies"),
    path("forces/", include("forces.urls")),
    path("ask/", include("questions.urls")),
    path("", include("faq.urls")),
    prefix_default_language=False,
)

handler400 = "web.errors.bad_request_page"
handler404 = "web.errors.page_not_found"
handler500 = "web.errors.server_error"
