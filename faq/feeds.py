"""Atom feeds: the latest answers site-wide (/feeds/latest/) and per topic
(/feeds/topics/<path>/, the topic and its subtopics). `?force=<slug>` adds that force's local
note, as plain text, to each entry that has one."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from forces.models import Force, LocalNote

from .models import Answer, Topic

FEED_LENGTH = 30


@dataclass
class FeedScope:
    topic: Topic | None
    force: Force | None


def _force(request):
    slug = request.GET.get("force", "")[:60]
    return Force.objects.filter(slug=slug).first() if slug else None


def _with_notes(answers, force):
    """The answers, each with `local_note_text` (the force's note as plain text, or "")."""
    answers = list(answers)
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
    subtitle = "New and updated answers"

    def get_object(self, request, *args, **kwargs):
        return FeedScope(topic=None, force=_force(request))

    def link(self, obj):
        return settings.SITE_URL + "/"

    def feed_url(self, obj):
        return settings.SITE_URL + reverse("faq:feed_latest")

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def title(self, obj):
        return f"{settings.SITE_NAME}: latest answers"

    def items(self, obj):
        return _with_notes(
            Answer.objects.published().order_by("-updated_at")[:FEED_LENGTH], obj.force
        )

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
        return FeedScope(topic=topic, force=_force(request))

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.topic.name}"

    def subtitle(self, obj):
        return obj.topic.description or f"New and updated answers about {obj.topic.name.lower()}"

    def link(self, obj):
        return settings.SITE_URL + obj.topic.get_absolute_url()

    def feed_url(self, obj):
        return settings.SITE_URL + reverse("faq:feed_topic", args=[obj.topic.url_path])

    def items(self, obj):
        answers = (
            Answer.objects.published()
            .filter(
                pk__in=Answer.topics.through.objects.filter(
                    topic__path__startswith=obj.topic.path
                ).values("answer_id")
            )
            .order_by("-updated_at")[:FEED_LENGTH]
        )
        return _with_notes(answers, obj.force)
