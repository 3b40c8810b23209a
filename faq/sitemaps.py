"""The sitemap: an index (/sitemap.xml) naming one file per section and page, each file at most
SITEMAP_PAGE_SIZE items (twice as many addresses with the Welsh pages), as the protocol expects
of a large site. Both are kept by the page cache and the shared caches until an answer or a
topic changes, so a crawler's visit never builds them more than once."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.timezone import template_localtime
from django.views.decorators.http import require_safe

from caching.decorator import cached_page
from caching.tags import tag_response

from . import pages, tags
from .models import Answer, Topic

# Items per file. Each item is listed in English and in Welsh, each with its alternates: 2,000
# addresses a file, well inside the protocol's 50,000; a file costs about 0.35 ms of CPU per
# item to build (every address is reversed in each language), so a miss stays well under 1 s.
SITEMAP_PAGE_SIZE = 1000


class _InEachLanguage(Paginator):
    """Pages of items counted and sliced in the database, each page's items then listed once
    per language (Django's own sitemap pairs every item with every language in Python first)."""

    def __init__(self, items, per_page, languages):
        super().__init__(items, per_page)
        self.languages = languages

    def _get_page(self, object_list, number, paginator):
        pairs = [(item, code) for item in object_list for code in self.languages]
        return super()._get_page(pairs, number, paginator)


class SiteUrlSitemap(Sitemap):
    """Addresses from SITE_URL, never from the request's Host header; every page in each
    language (settings.LANGUAGES), each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True
    limit = SITEMAP_PAGE_SIZE

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def item_count(self):
        """How many items there are, when it is known without counting them (None: count)."""
        return None

    @property
    def paginator(self):
        paginator = _InEachLanguage(self.items(), self.limit, self._languages())
        count = self.item_count()
        if count is not None:
            paginator.count = count  # a cached_property: set, it is never counted
        return paginator


class AnswerSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Answer.objects.published().only("number", "slug", "updated_at").order_by("number")

    def item_count(self):
        # The A to Z's kept letter counts add up to every published answer: counting them
        # here would read every answer's index entry on each build of the index and each file.
        return pages.published_answer_count()

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One indexed aggregate (status, -updated_at), not every item's lastmod in Python.
        return Answer.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TopicSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return Topic.objects.only("url_path").order_by("path")


SECTIONS = {"answers": AnswerSitemap, "topics": TopicSitemap}


def _sitemap_tags():
    return tags.all_answers(), tags.all_topics()


@require_safe
@cached_page()
def sitemap_index(request):
    entries = []
    for section, kind in SECTIONS.items():
        sitemap = kind()
        address = settings.SITE_URL + reverse("sitemap_section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        # Written once for all of a section's files (as the date filter writes it), not once
        # per file by the template: a large site has one file per SITEMAP_PAGE_SIZE answers.
        lastmod = template_localtime(lastmod).isoformat() if lastmod else None
        entries.append(sitemap_views.SitemapIndexItem(address, lastmod))
        entries.extend(
            sitemap_views.SitemapIndexItem(f"{address}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        )
    response = TemplateResponse(
        request, "faq/sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return tag_response(response, *_sitemap_tags())


@require_safe
@cached_page(query=("p",))
def sitemap_section(request, section):
    """One page of one section (`?p=2` …); a page past the end, or not a number, is a 404."""
    response = sitemap_views.sitemap(request, SECTIONS, section=section)
    return tag_response(response, *_sitemap_tags())
