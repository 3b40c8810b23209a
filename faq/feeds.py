from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Answer


class LatestAnswersFeed(Feed):
    """Absolute addresses come from SITE_URL, never the request's Host header (add_domain keeps
    a URL that already has a scheme)."""

    feed_type = Atom1Feed
    subtitle = "New and updated answers"

    def link(self):
        return settings.SITE_URL + "/"

    def feed_url(self):
        return settings.SITE_URL + reverse("faq:feed_latest")

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def title(self):
        return f"{settings.SITE_NAME}: latest answers"

    def items(self):
        return Answer.objects.published().order_by("-updated_at")[:30]

    def item_title(self, item):
        return f"Q{item.number}: {item.question}"

    def item_description(self, item):
        return item.summary

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.published_at or item.created_at
