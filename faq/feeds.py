"""Atom feeds: the latest answers site-wide (/feeds/latest/) and per topic
(/feeds/topics/<path>/, the topic and its subtopics). `?force=<slug>` adds that force's local
note, as plain text, to each entry that has one.

An entry about a sensitive subject (`Answer.objects.with_sensitivity()`, as every page decides
it) has the category `sensitive`, so a site showing it knows to offer a quick exit, and a feed
with such an entry is kept by no browser, as the answer page is not.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forces.models import Force, LocalNote
from web.middleware import mark_sensitive

from .models import Answer, Topic
from .translations import translate_answers, translate_topics

FEED_LENGTH = 30
SENSITIVE_CATEGORY = "sensitive"


@dataclass
class FeedScope:
    topic: Topic | None
    force: Force | None
    sensitive: bool = False  # some entry is: set as the entries are read


def _force(request):
    slug = request.GET.get("force", "")[:60]
    return Force.objects.filter(slug=slug).first() if slug else None


def _entries(answers, scope):
    """The answers, each with `local_note_text` (the force's note as plain text, or "") and
    `is_sensitive`; the scope learns whether any is sensitive."""
    answers = translate_answers(list(answers))
    force = scope.force
    scope.sensitive = any(answer.is_sensitive for answer in answers)
    notes = {}
    if force is not None:
        notes = dict(
            LocalNote.objects.filter(force=force, answer__in=answers).values_list(
                "answer_id", "body"
            )
        )
    for answer in answers:
        answer.local_note_text = " ".join(strip_tags(notes.get(answer.pk, "")).split())
        answer.local_force = force
    return answers


class LatestAnswersFeed(Feed):
    """Absolute addresses come from SITE_URL, never the request's Host header (add_domain keeps
    a URL that already has a scheme)."""

    feed_type = Atom1Feed
    subtitle = gettext_lazy("New and updated answers")

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        scope = getattr(request, "feed_scope", None)
        return mark_sensitive(response) if scope is not None and scope.sensitive else response

    def get_object(self, request, *args, **kwargs):
        return self._scope(request, topic=None)

    def _scope(self, request, *, topic):
        # Kept on the request: the feed instance is shared by every request.
        request.feed_scope = FeedScope(topic=topic, force=_force(request))
        return request.feed_scope

    def link(self, obj):
        return settings.SITE_URL + reverse("faq:home")

    def feed_url(self, obj):
        return settings.SITE_URL + reverse("faq:feed_latest")

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def title(self, obj):
        return _("%(site)s: latest answers") % {"site": settings.SITE_NAME}

    def items(self, obj):
        answers = Answer.objects.published().with_sensitivity().order_by("-updated_at")
        return _entries(answers[:FEED_LENGTH], obj)

    def item_categories(self, item):
        return [SENSITIVE_CATEGORY] if item.is_sensitive else []

    def item_title(self, item):
        return f"{item.label}: {item.question}"

    def item_description(self, item):
        if item.local_note_text:
            return f"{item.summary}\n\n{item.local_force.name}: {item.local_note_text}"
        return item.summary

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.published_at or item.created_at


class TopicAnswersFeed(LatestAnswersFeed):
    def get_object(self, request, path):
        topic = get_object_or_404(Topic, url_path=path.strip("/"))
        translate_topics([topic])
        return self._scope(request, topic=topic)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.topic.name}"

    def subtitle(self, obj):
        return obj.topic.description or _("New and updated answers about %(topic)s") % {
            "topic": obj.topic.name.lower()
        }

    def link(self, obj):
        return settings.SITE_URL + obj.topic.get_absolute_url()

    def feed_url(self, obj):
        return settings.SITE_URL + reverse("faq:feed_topic", args=[obj.topic.url_path])

    def items(self, obj):
        answers = (
            Answer.objects.published()
            .in_subtree(obj.topic)
            .with_sensitivity()
            .order_by("-updated_at")[:FEED_LENGTH]
        )
        return _entries(answers, obj)
