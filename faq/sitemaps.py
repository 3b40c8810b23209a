from django.contrib.sitemaps import Sitemap

from .models import Answer, Topic


class AnswerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Answer.objects.published().only("number", "slug", "updated_at").order_by("number")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Topic.objects.only("url_path").order_by("path")
