from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .models import Answer, Topic


class SiteUrlSitemap(Sitemap):
    """Addresses from SITE_URL, never from the request's Host header; every page in each
    language (settings.LANGUAGES), each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class AnswerSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Answer.objects.published().only("number", "slug", "updated_at").order_by("number")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Topic.objects.only("url_path").order_by("path")
