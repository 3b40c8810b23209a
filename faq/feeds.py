from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import Answer


class LatestAnswersFeed(Feed):
    feed_type = Atom1Feed
    link = "/"
    subtitle = "New and updated answers"

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
