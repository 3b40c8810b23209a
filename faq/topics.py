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


# What an edited topic's form may change beyond its own page: its name and place are in the tree,
# the home page and breadcrumbs; sensitivity is inherited by everything below it.
TREE_FIELDS = frozenset(
    {"name", "slug", "sensitive", "display_order", "treebeard_position", "treebeard_ref_node"}
)


@transaction.atomic
def save_topic(topic, *, changed):
    """Save an edited `topic` (outside the admin, whose form says what changed), then bump what
    the edit made stale; `changed`: the names of the fields it changed."""
    topic.save()
    topic_changed(topic, changed)
    return topic


@transaction.atomic
def topic_changed(topic, changed_fields):
    """Bump, once, the pages an edit of `topic` made stale (`changed_fields`: the names of the
    fields the edit changed, as a form's `changed_data`).

    Its own tag always: every page showing its name, description or sensitivity carries it (the
    pages of the answers and topics below it too, whose breadcrumbs and sensitivity come from
    it). A change to its name or place also reaches the tree (`all_topics`), and each node whose
    address moved. A description alone reaches nothing else: it must not purge the site.
    """
    stale = [tags.topic(topic.pk)]
    if TREE_FIELDS & set(changed_fields):
        stale.append(tags.all_topics())
        moved = _refresh_url_paths(Topic.objects.all())  # a move renumbers its neighbours too
        stale.extend(tags.topic(node.pk) for node in moved if node.pk != topic.pk)
    bump(*stale)


@transaction.atomic
def refresh_url_paths(topic=None):
    """Recompute url_path for `topic`'s subtree (or the whole tree) after a move or rename, and
    bump the tree and the topics whose address changed."""
    nodes = (
        Topic.objects.all()
        if topic is None
        else Topic.objects.get_descendants(topic, include_self=True)
    )
    changed = _refresh_url_paths(nodes)
    # A move changes the tree and child lists (all_topics) and the pages of the moved topics;
    # the pages below them carry their tags (breadcrumbs).
    bump(tags.all_topics(), *(tags.topic(node.pk) for node in changed))
    return len(changed)


def _refresh_url_paths(nodes):
    """Store the url_path of each of `nodes` (a subtree) from its parent's; the changed nodes."""
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
    return changed
