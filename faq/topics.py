"""The topic tree: paths for URLs, ancestors for breadcrumbs.

Whether a topic or an answer is sensitive is `Topic.objects.with_sensitivity()` and
`Answer.objects.with_sensitivity()` (faq.models), never worked out here.
"""

from django.db import transaction

from caching.bump import bump

from . import tags
from .models import Topic


def ancestors_of(topic):
    """The topic's ancestors, root first, in one query (derived from the materialized path)."""
    return ancestors_of_all([topic])


def ancestors_of_all(topics):
    """Every topic above any of `topics`, root first, in one query (none when none is below
    another topic)."""
    steplen = Topic.steplen
    paths = {t.path[:i] for t in topics for i in range(steplen, len(t.path), steplen)}
    if not paths:
        return []
    return list(Topic.objects.filter(path__in=paths).order_by("depth", "path"))


@transaction.atomic
def refresh_url_paths(topic=None):
    """Recompute url_path for `topic`'s subtree (or the whole tree) after a move or rename."""
    nodes = (
        Topic.objects.all()
        if topic is None
        else Topic.objects.get_descendants(topic, include_self=True)
    )
    by_path = {}
    changed = []
    for node in nodes.order_by("path"):
        parent_path = node.path[: -Topic.steplen]
        parent_url = by_path.get(parent_path)
        if parent_url is None and parent_path:
            parent_url = Topic.objects.get(path=parent_path).url_path
        url_path = f"{parent_url}/{node.slug}" if parent_path else node.slug
        by_path[node.path] = url_path
        if node.url_path != url_path:
            node.url_path = url_path
            changed.append(node)
    # Two-step update so a swap of paths never trips the unique constraint midway.
    for node in changed:
        Topic.objects.filter(pk=node.pk).update(url_path=f"~{node.pk}")
    for node in changed:
        Topic.objects.filter(pk=node.pk).update(url_path=node.url_path)
    # A move changes breadcrumbs and child lists: every page showing these topics is stale.
    bump(tags.all_topics(), *(tags.topic(node.pk) for node in nodes))
    return len(changed)
